"""The private storage: outside MEDIA_ROOT, with no URL. Files leave it only through the download
view (``/documents/<id>/``), which asks the owning app first."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def url(self, name):  # pragma: no cover - a guard: nothing may link to these files directly
        raise NotImplementedError("private files have no URL; link to the document's download view")


def private_storage() -> PrivateStorage:
    """Read the setting on every call so that tests (and deployments) can move it."""
    return PrivateStorage(location=Path(settings.PRIVATE_STORAGE_ROOT), base_url=None)
