"""Storing, opening and deleting documents. Every app keeps files through these functions."""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import secrets
import unicodedata
from datetime import timedelta
from typing import IO, Any

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import CoreErrorCode
from core.exceptions import ApplicationError

from .models import StoredDocument
from .registry import document_use
from .sniffing import HEAD_BYTES, TEXT_TYPES, extensions, sniff_type
from .storage import private_storage

logger = logging.getLogger(__name__)

CHUNK = 1024 * 1024
MAX_NAME = 150
ORPHAN_GRACE = timedelta(days=1)
# How a refusal names what was sent; our own types are named by their extension.
_FOUND_LABELS = {
    "exe": "EXE", "html": "HTML", "svg": "SVG", "xml": "XML", "rtf": "RTF", "gzip": "GZIP", "rar": "RAR",
    "7z": "7Z", "ole": "OLE",
}


class DocumentRejected(ApplicationError):
    """The file was refused; ``code`` says why, the message names the file and what is accepted."""

    default_code = CoreErrorCode.DOCUMENT_TYPE_NOT_ALLOWED


def sanitize_filename(name: str | None) -> str:
    """A file name safe to store and to send back: no folders, control or reserved characters,
    at most 150 characters (the extension kept); Uzbek and Cyrillic letters stay."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r'[<>:"|?*;]', "_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    if not name:
        return "document"
    stem, ext = os.path.splitext(name)
    if len(name) > MAX_NAME:
        ext = ext[:16]
        name = stem[: MAX_NAME - len(ext)].rstrip() + ext
    return name


def _label(type_name: str) -> str:
    return _FOUND_LABELS.get(type_name) or type_name.upper()


def _allowed_label(types: frozenset[str]) -> str:
    return ", ".join(sorted(t.upper() for t in types))


def _size_of(file: Any) -> int:
    size = getattr(file, "size", None)
    if size is not None:
        return int(size)
    position = file.tell()
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(position)
    return size


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def check_document(*, use: str, file: IO[bytes] | Any, name: str) -> str:
    """The sniffed type of ``file`` if ``use`` accepts it; otherwise :class:`DocumentRejected` with a
    code and a message naming the file, what it is and what is accepted."""
    definition = document_use(use)
    size = _size_of(file)
    if size == 0:
        raise DocumentRejected(_("The file “%(name)s” is empty.") % {"name": name},
                               code=CoreErrorCode.DOCUMENT_EMPTY, field="file")
    if size > definition.max_bytes:
        raise DocumentRejected(
            _("The file “%(name)s” is %(size)s MB; at most %(limit)s MB is accepted here.")
            % {"name": name, "size": _mb(size), "limit": _mb(definition.max_bytes)},
            code=CoreErrorCode.DOCUMENT_TOO_LARGE, field="file")
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    found = sniff_type(head, file)
    allowed = definition.allowed_types
    if found is None:
        raise DocumentRejected(
            _("The content of “%(name)s” is not a file type accepted here (%(allowed)s).")
            % {"name": name, "allowed": _allowed_label(allowed)},
            code=CoreErrorCode.DOCUMENT_TYPE_UNKNOWN, field="file")
    if found in TEXT_TYPES and allowed & TEXT_TYPES:
        # csv and txt are both plain text: the name says which is meant when both could be.
        declared = os.path.splitext(name)[1].lower().lstrip(".")
        text_allowed = allowed & TEXT_TYPES
        found = declared if declared in text_allowed else (found if found in allowed else min(text_allowed))
    if found not in allowed:
        raise DocumentRejected(
            _("The file “%(name)s” is not accepted here: its content is %(found)s, and only %(allowed)s files are "
              "accepted.")
            % {"name": name, "found": _label(found), "allowed": _allowed_label(allowed)},
            code=CoreErrorCode.DOCUMENT_TYPE_NOT_ALLOWED, field="file", extra={"found": found})
    extension = os.path.splitext(name)[1].lower()
    valid_extensions = extensions(found) + (tuple(f".{t}" for t in TEXT_TYPES) if found in TEXT_TYPES else ())
    if extension and extension not in valid_extensions:
        raise DocumentRejected(
            _("The file “%(name)s” is named as %(named)s but its content is %(found)s. Save it in the right "
              "format, or give it the right extension.")
            % {"name": name, "named": extension.lstrip(".").upper(), "found": _label(found)},
            code=CoreErrorCode.DOCUMENT_NAME_MISMATCH, field="file", extra={"found": found})
    return found


def _as_file(file: Any) -> Any:
    if isinstance(file, bytes | bytearray):
        return io.BytesIO(bytes(file))
    return file


def _owner_fields(owner: models.Model | None) -> dict[str, Any]:
    if owner is None:
        return {"owner_type": None, "owner_id": ""}
    return {"owner_type": ContentType.objects.get_for_model(owner), "owner_id": str(owner.pk)}


@transaction.atomic
def document_store(*, use: str, file: IO[bytes] | bytes | Any, uploaded_by: Any, original_name: str | None = None,
                   organization: Any = None, owner: models.Model | None = None) -> StoredDocument:
    """Check ``file`` against ``use`` (real type from the bytes, size limit) and keep it under a
    random name in the private storage. ``original_name`` defaults to the upload's name; it is
    sanitised, and the extension of the sniffed type is added when the name has none.

    Raises :class:`DocumentRejected` (codes in ``core.errors.CoreErrorCode``); nothing is stored then."""
    definition = document_use(use)
    file = _as_file(file)
    name = sanitize_filename(original_name or getattr(file, "name", None))
    file_type = check_document(use=use, file=file, name=name)
    if not os.path.splitext(name)[1]:
        name = sanitize_filename(name + extensions(file_type)[0])

    digest, size = hashlib.sha256(), 0
    file.seek(0)
    while chunk := file.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    file.seek(0)
    now = timezone.now()
    storage = private_storage()
    stored_name = storage.save(f"{use.replace('.', '-')}/{now:%Y/%m}/{secrets.token_urlsafe(24)}", File(file))
    # The file exists now; if the transaction around this call rolls back, the purge removes it.
    document = StoredDocument(
        use=use, storage_name=stored_name, original_name=name, file_type=file_type, size=size,
        sha256=digest.hexdigest(), uploaded_by=uploaded_by if getattr(uploaded_by, "pk", None) else None,
        organization=organization,
        expires_at=now + timedelta(days=definition.retention_days) if definition.retention_days is not None else None,
        **_owner_fields(owner),
    )
    document.full_clean(exclude=["uploaded_by", "organization", "owner_type"])
    document.save()
    audit_log("core.document.stored", actor=uploaded_by, target=document,
              data={"use": use, "type": file_type, "size": size})
    return document


def document_open(document: StoredDocument) -> File:
    """The stored bytes, opened for reading (the caller closes it)."""
    return private_storage().open(document.storage_name, "rb")


def _remove_file(storage_name: str) -> None:
    try:
        private_storage().delete(storage_name)
    except OSError:  # already gone, or the disk refuses: the orphan sweep tries again
        logger.warning("Could not delete stored file %s", storage_name, exc_info=True)


@transaction.atomic
def document_delete(*, document: StoredDocument, actor: Any) -> None:
    """Delete the row and (after commit) the file. ``core.document.deleted`` is audited."""
    storage_name = document.storage_name
    audit_log("core.document.deleted", actor=actor, target=document, data={"use": document.use})
    document.delete()
    transaction.on_commit(lambda: _remove_file(storage_name))


def documents_purge(*, now: Any = None, batch: int = 500) -> int:
    """Delete expired documents (rows and files) and files no row refers to. Idempotent: run it
    as often as you like (Celery beat runs it daily). Returns how many documents were deleted."""
    now = now or timezone.now()
    deleted = 0
    while True:
        expired = list(StoredDocument.objects.filter(expires_at__lte=now).order_by("expires_at")
                       .values_list("pk", "storage_name")[:batch])
        if not expired:
            break
        progressed = False
        for pk, storage_name in expired:
            try:
                with transaction.atomic():
                    StoredDocument.objects.filter(pk=pk).delete()
            except ProtectedError:
                logger.warning("Expired document %s is still referenced and was kept", pk)
                continue
            _remove_file(storage_name)
            deleted += 1
            progressed = True
        if not progressed:
            break
        if len(expired) < batch:
            break
    if deleted:
        audit_log("core.document.purged", data={"count": deleted})
    _sweep_orphans(now)
    return deleted


def _sweep_orphans(now: Any) -> int:
    """Files left by a transaction that rolled back after storing (older than a day, no row)."""
    storage = private_storage()
    root = storage.location
    if not os.path.isdir(root):
        return 0
    cutoff = (now - ORPHAN_GRACE).timestamp()
    candidates: list[str] = []
    for folder, _dirs, files in os.walk(root):
        for filename in files:
            path = os.path.join(folder, filename)
            try:
                if os.path.getmtime(path) < cutoff:
                    candidates.append(os.path.relpath(path, root).replace(os.sep, "/"))
            except OSError:
                continue
    removed = 0
    for start in range(0, len(candidates), 500):
        chunk = candidates[start: start + 500]
        known = set(StoredDocument.objects.filter(storage_name__in=chunk).values_list("storage_name", flat=True))
        for name in chunk:
            if name not in known:
                _remove_file(name)
                removed += 1
    return removed
