"""Public QR verification (/verify/<code>/). Apps register resolvers in ``settings.VERIFIERS``;
each takes a code and returns what may be shown publicly about the document, or None."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class VerifiedDocument:
    title: str
    number: str
    issued_on: object
    issuer: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    valid: bool = True


def verify(code: str) -> VerifiedDocument | None:
    for dotted in getattr(settings, "VERIFIERS", ()):
        document = import_string(dotted)(code)
        if document is not None:
            return document
    return None


def qr_svg(data: str) -> str:
    """An inline SVG QR code (no image service, no outside call)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()
