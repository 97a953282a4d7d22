from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StoredDocument(models.Model):
    """A file kept for an app, under a random name in the private storage (never a public URL).

    The type is what the bytes are (sniffed), not what the name said. Served only by
    ``/documents/<id>/`` after the use's ``can_view`` agreed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    use = models.CharField(_("use"), max_length=64, db_index=True)
    storage_name = models.CharField(_("stored as"), max_length=255, unique=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    file_type = models.CharField(_("type"), max_length=16)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    organization = models.ForeignKey(settings.PLATFORM_ORGANIZATION_MODEL, verbose_name=_("organisation"),
                                     null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    owner_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    owner_id = models.CharField(max_length=64, blank=True, default="")
    owner = GenericForeignKey("owner_type", "owner_id")
    created_at = models.DateTimeField(_("stored at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("kept until"), null=True, blank=True)

    class Meta:
        verbose_name = _("stored document")
        verbose_name_plural = _("stored documents")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["expires_at"], name="core_document_expiry_idx",
                         condition=models.Q(expires_at__isnull=False)),
            models.Index(fields=["owner_type", "owner_id"], name="core_document_owner_idx"),
        ]
        constraints = [models.CheckConstraint(condition=models.Q(size__gte=0), name="core_document_size_gte_0")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()
