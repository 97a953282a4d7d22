"""Verifiable documents: what a printed document said, checked by anyone at ``/verify/<code>/``.

Apps issue them with :func:`verifiable_issue` (kinds registered with
:func:`register_document_kind`) and print the QR code with ``core.pdf``. Every code the public
check knows is a :class:`VerifiableDocument` (HR orders too). See docs/platform.md.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.urls import reverse

from .models import VerifiableDocument, VerificationStatus
from .registry import DocumentKind, document_kind, register_document_kind, registered_kinds, unregister_document_kind
from .services import CODE_RE, new_code, verifiable_issue, verifiable_revoke


@dataclass(frozen=True)
class VerifiedDocument:
    """What the public check shows. ``status`` is valid, expired or revoked."""

    title: str
    number: str
    issued_on: object
    issuer: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    valid: bool = True
    status: str = VerificationStatus.VALID
    kind: str = ""
    subject: str = ""
    result: str = ""
    valid_until: datetime.date | None = None
    revoked_on: datetime.datetime | None = None
    revoked_reason: str = ""


def _from_model(document: VerifiableDocument) -> VerifiedDocument:
    status = document.status
    kind = document_kind(document.kind)
    return VerifiedDocument(
        title=document.title, number=document.code, issued_on=document.issued_at, issuer=document.issuer,
        facts=[(label, value) for label, value in document.facts], valid=status == VerificationStatus.VALID,
        status=status, kind=str(kind.label) if kind else "", subject=document.subject_summary,
        result=document.result, valid_until=document.valid_until, revoked_on=document.revoked_at,
        revoked_reason=document.revoked_reason,
    )


def verify(code: str) -> VerifiedDocument | None:
    """What may be shown publicly about the document with ``code``, or ``None``."""
    if not code or len(code) > 64:
        return None
    document = VerifiableDocument.objects.filter(code=code).first()
    return _from_model(document) if document is not None else None


def verification_path(code: str) -> str:
    return reverse("verify", args=[code])


def verification_url(code: str) -> str:
    """The address printed on a document: ``settings.PUBLIC_BASE_URL`` + ``/verify/<code>/``."""
    return settings.PUBLIC_BASE_URL.rstrip("/") + verification_path(code)


def qr_svg(data: str) -> str:
    """An inline SVG QR code (no image service, no outside call)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


__all__ = [
    "CODE_RE", "DocumentKind", "VerifiableDocument", "VerificationStatus", "VerifiedDocument", "document_kind",
    "new_code", "qr_svg", "register_document_kind", "registered_kinds", "unregister_document_kind",
    "verifiable_issue", "verifiable_revoke", "verification_path", "verification_url", "verify",
]
