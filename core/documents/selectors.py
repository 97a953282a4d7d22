from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from .models import StoredDocument
from .registry import registered_use


def document_for_download(*, user: Any, pk: Any) -> StoredDocument | None:
    """The document if it exists, has not expired and its use's ``can_view`` lets ``user`` see it;
    otherwise ``None`` (the view answers 404 whatever the reason)."""
    try:
        document = StoredDocument.objects.select_related("organization", "uploaded_by").filter(pk=pk).first()
    except ValidationError:  # not a UUID
        return None
    if document is None or (document.expires_at is not None and document.expires_at <= timezone.now()):
        return None
    definition = registered_use(document.use)
    if definition is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return document if definition.can_view(user, document) else None


def document_download_url(document: StoredDocument, *, inline: bool = False) -> str:
    from django.urls import reverse

    url = reverse("documents:download", args=[document.pk])
    return f"{url}?inline=1" if inline else url
