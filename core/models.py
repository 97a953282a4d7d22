"""Cross-cutting models only: the login identity, the base model and the audit log.

No domain data lives here: an employee, an organisation or a role grant belongs to `workforce`.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .i18n import language_choices


class TimeStampedModel(models.Model):
    # Not indexed: nothing lists records by creation time, and an index costs every bulk insert.
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class User(AbstractUser):
    """A login. Who the person is in the civil service (employee, candidate) and what they may do
    (role grants on organisation subtrees) is kept by `workforce`, linked to this account."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=language_choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class AuditEvent(models.Model):
    """One namespaced action (``workforce.employee.transferred``): who did what to which object.

    Written by :func:`core.audit.audit_log`; never edited afterwards.
    """

    action = models.CharField(_("action"), max_length=120, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_type = models.CharField(_("target type"), max_length=100, blank=True, default="")
    target_id = models.CharField(_("target id"), max_length=64, blank=True, default="")
    target_repr = models.CharField(_("target"), max_length=255, blank=True, default="")
    data = models.JSONField(_("data"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="core_audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.target_repr}".strip()


# The platform pieces keep their models beside their code (core/<piece>/models.py); importing them
# here is what registers them with the app.
from .documents.models import StoredDocument  # noqa: E402
from .exporters.models import ExportJob, ExportStatus  # noqa: E402
from .notifications.models import EmailStatus, Notification, NotificationPreference  # noqa: E402
from .verification.models import VerifiableDocument, VerificationStatus  # noqa: E402

__all__ = [
    "AuditEvent", "EmailStatus", "ExportJob", "ExportStatus", "Notification", "NotificationPreference",
    "StoredDocument", "TimeStampedModel", "User", "VerifiableDocument", "VerificationStatus",
]
