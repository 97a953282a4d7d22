"""Issuing and revoking verifiable documents, and what ``/verify/<code>/`` may show."""

from __future__ import annotations

import datetime
import json
import re
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.errors import CoreErrorCode
from core.exceptions import ApplicationError, ConflictError

from .models import VerifiableDocument
from .registry import document_kind

CODE_RE = re.compile(r"[A-Za-z0-9_-]{8,64}")
# What must never be printed for the public check: PINFL (14 digits), passport series and number,
# phone numbers, e-mail addresses.
_IDENTIFIERS = (
    re.compile(r"(?<!\d)\d{14}(?!\d)"),
    re.compile(r"\b[A-Z]{2}\s?\d{7}\b"),
    re.compile(r"\+?998[\s-]?\(?\d{2}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}"),
    re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE),
)
_GENERATE_ATTEMPTS = 5


def new_code() -> str:
    """A random, URL-safe code (96 bits): unguessable, short enough for a QR code."""
    return secrets.token_urlsafe(12)


def _check_public(texts: Iterable[str]) -> None:
    for text in texts:
        for pattern in _IDENTIFIERS:
            if pattern.search(text):
                raise ApplicationError(
                    _("A verifiable document is shown to anyone holding it: it must not contain personal "
                      "identifiers (PINFL, passport, phone, e-mail). Remove them from “%(text)s”.")
                    % {"text": text[:80]}, code=CoreErrorCode.VERIFICATION_PERSONAL_IDENTIFIER)


def _facts(facts: Iterable[Sequence[Any]]) -> list[list[str]]:
    cleaned = []
    for item in facts:
        if len(item) != 2:
            raise ValueError(f"facts must be (label, value) pairs, got {item!r}")
        label, value = item
        if isinstance(value, datetime.date):
            value = value.strftime("%d.%m.%Y")
        cleaned.append([str(label), str(value)])
    json.dumps(cleaned)
    return cleaned


@transaction.atomic
def verifiable_issue(*, kind: str, subject_summary: str, title: str, issuer: str, result: str = "",
                     facts: Iterable[Sequence[Any]] = (), valid_until: datetime.date | None = None,
                     source_app: str = "", source_id: str | int = "", issued_at: datetime.datetime | None = None,
                     code: str | None = None, actor: Any = None) -> VerifiableDocument:
    """Record what a printed document says, for the public check at ``/verify/<code>/``.

    Every value is a snapshot string as printed (issuer's name, "Karimov A. A.", "82 / 100, passed");
    ``facts`` are ``(label, value)`` pairs shown publicly (dates become DD.MM.YYYY). Personal
    identifiers are refused. ``code`` may carry an existing code (e.g. when a migration moves
    documents onto this model); otherwise a random one is made. Audited (``core.verification.issued``)."""
    if document_kind(kind) is None:
        raise ValueError(f"document kind {kind!r} is not registered (register_document_kind in AppConfig.ready)")
    facts_list = _facts(facts)
    _check_public([subject_summary, title, issuer, result, *(value for _label, value in facts_list)])
    if code is not None and not CODE_RE.fullmatch(code):
        raise ApplicationError(_("A verification code is 8 to 64 letters, digits, “-” or “_”."),
                               code=CoreErrorCode.VERIFICATION_CODE_INVALID, field="code")
    fields = {
        "kind": kind, "subject_summary": subject_summary.strip(), "title": title.strip(), "issuer": issuer.strip(),
        "result": result.strip(), "facts": facts_list, "valid_until": valid_until,
        "source_app": source_app, "source_id": str(source_id), "issued_at": issued_at or timezone.now(),
        "issued_by": actor if getattr(actor, "pk", None) else None,
    }
    attempts = 1 if code is not None else _GENERATE_ATTEMPTS
    for attempt in range(attempts):
        document = VerifiableDocument(code=code or new_code(), **fields)
        document.full_clean(validate_unique=False, exclude=["issued_by", "revoked_by"])
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError:
            if code is not None:
                raise ConflictError(_("The verification code %(code)s is already used by another document.")
                                    % {"code": code}, code=CoreErrorCode.VERIFICATION_CODE_TAKEN,
                                    field="code") from None
            if attempt == attempts - 1:
                raise
            continue
        break
    audit_log("core.verification.issued", actor=actor, target=document,
              data={"kind": kind, "source_app": source_app, "source_id": str(source_id)})
    return document


@transaction.atomic
def verifiable_revoke(*, document: VerifiableDocument, reason: str, actor: Any) -> VerifiableDocument:
    """Mark ``document`` revoked with ``reason`` (shown publicly with the date). Audited
    (``core.verification.revoked``). Revoking twice is refused."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Say why the document is revoked: the reason is shown to whoever checks it."),
                               code=CoreErrorCode.VERIFICATION_REASON_REQUIRED, field="reason")
    _check_public([reason])
    locked = VerifiableDocument.objects.select_for_update().get(pk=document.pk)
    if locked.revoked_at is not None:
        raise ConflictError(_("This document was already revoked on %(date)s.")
                            % {"date": timezone.localtime(locked.revoked_at).strftime("%d.%m.%Y")},
                            code=CoreErrorCode.VERIFICATION_ALREADY_REVOKED)
    locked.revoked_at = timezone.now()
    locked.revoked_reason = reason
    locked.revoked_by = actor if getattr(actor, "pk", None) else None
    locked.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    audit_log("core.verification.revoked", actor=actor, target=locked, data={"kind": locked.kind})
    document.revoked_at, document.revoked_reason, document.revoked_by = (
        locked.revoked_at, locked.revoked_reason, locked.revoked_by)
    return locked
