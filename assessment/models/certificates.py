"""Certificates of passed attempts: a row with the facts the certificate states, written when a passed
attempt is finished, and the platform's verifiable document (``core.verification``) that anyone
holding the PDF checks through its QR code at ``/verify/<code>/``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .attempts import Attempt


class CertificateStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting its document")
    ISSUED = "issued", _("Issued")
    REVOKED = "revoked", _("Revoked")


class Certificate(models.Model):
    """What a certificate states, frozen when the attempt passed (a document is a snapshot): the
    holder's name, the test, the date and the result. ``document`` (and ``verification_code``) is the
    verifiable document issued with it; the PDF is drawn from these two rows only, never from live
    data, so renaming the test or the person later does not change an issued certificate."""

    attempt = models.OneToOneField(Attempt, verbose_name=_("attempt"), on_delete=models.PROTECT,
                                   related_name="certificate")
    number = models.CharField(_("number"), max_length=32, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=CertificateStatus.choices,
                              default=CertificateStatus.PENDING)
    issued_on = models.DateField(_("date"))
    holder_name = models.CharField(_("holder"), max_length=255)
    facts = models.JSONField(_("what it certifies"), default=dict)
    document = models.OneToOneField("core.VerifiableDocument", verbose_name=_("verifiable document"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    verification_code = models.CharField(_("verification code"), max_length=64, blank=True, default="")
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.CharField(_("reason of revocation"), max_length=255, blank=True, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.number
