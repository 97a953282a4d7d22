from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VerificationStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class VerifiableDocument(models.Model):
    """What a printed document said when it was issued, for anyone who checks its QR code.

    Snapshot values only (the issuer's name, the subject's surname and initials, the result as
    printed): the check never re-reads live rows, and never shows personal identifiers."""

    kind = models.CharField(_("kind"), max_length=40, db_index=True)
    code = models.CharField(_("verification code"), max_length=64, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    issuer = models.CharField(_("issued by"), max_length=255)
    subject_summary = models.CharField(_("issued to"), max_length=120)
    title = models.CharField(_("what is certified"), max_length=255)
    result = models.CharField(_("result"), max_length=255, blank=True, default="")
    facts = models.JSONField(_("facts shown publicly"), default=list, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True, default="")
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    source_app = models.CharField(_("source app"), max_length=50, blank=True, default="")
    source_id = models.CharField(_("source id"), max_length=64, blank=True, default="")
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("verifiable document")
        verbose_name_plural = _("verifiable documents")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["source_app", "source_id"], name="core_verifiable_source_idx")]
        constraints = [
            # A revocation always says why.
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revoked_reason=""),
                name="core_verifiable_revoked_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.subject_summary} ({self.code})"

    def status_on(self, today: datetime.date | None = None) -> str:
        if self.revoked_at is not None:
            return VerificationStatus.REVOKED
        today = today or timezone.localdate()
        if self.valid_until is not None and self.valid_until < today:
            return VerificationStatus.EXPIRED
        return VerificationStatus.VALID

    @property
    def status(self) -> str:
        return self.status_on()
