"""Kinds of verifiable documents (an app registers its own in ``AppConfig.ready()``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class DocumentKind:
    key: str
    label: str | Promise


_KINDS: dict[str, DocumentKind] = {}


def register_document_kind(key: str, label: str | Promise) -> DocumentKind:
    """Declare a kind (``workforce.hr_order``, ``assessment.certificate``, ``trips.order``...)."""
    if "." not in key or len(key) > 40:
        raise ValueError(f"document kind {key!r} must be namespaced as 'app.name' (at most 40 characters)")
    kind = DocumentKind(key=key, label=label)
    _KINDS[key] = kind
    return kind


def document_kind(key: str) -> DocumentKind | None:
    return _KINDS.get(key)


def registered_kinds() -> list[DocumentKind]:
    return list(_KINDS.values())


def unregister_document_kind(key: str) -> None:
    _KINDS.pop(key, None)
