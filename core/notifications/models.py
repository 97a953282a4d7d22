from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    OFF = "off", _("Not sent: switched off")
    NO_ADDRESS = "no_address", _("Not sent: no e-mail address")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """One message to one user. ``context`` is a snapshot (what was true when it was sent); the
    texts are rendered from the event's templates in the reader's language."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE,
                                  related_name="notifications")
    event = models.CharField(_("event"), max_length=80)
    context = models.JSONField(_("content"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True, default="")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_status = models.CharField(_("e-mail"), max_length=12, choices=EmailStatus.choices, default=EmailStatus.OFF)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="core_notif_inbox_idx"),
            # The bell: unread ones of one user, counted from a small partial index.
            models.Index(fields=["recipient"], name="core_notif_unread_idx", condition=models.Q(read_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.recipient}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A user's choice for one kind of event; without a row the event's default applies."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="notification_preferences")
    event = models.CharField(_("event"), max_length=80)
    email = models.BooleanField(_("send e-mail"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "event"], name="core_notif_pref_unique")]

    def __str__(self) -> str:
        return f"{self.user}: {self.event} e-mail={'on' if self.email else 'off'}"
