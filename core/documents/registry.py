"""Document uses: what an app keeps (CVs, diplomas, receipts, exports...), with the types it
accepts, the size limit, how long files are kept, and who may open them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

from .sniffing import TYPES

if TYPE_CHECKING:
    from .models import StoredDocument

# Types a use may allow: ours, plus archives of ours.
KNOWN_TYPES = frozenset(TYPES)


@dataclass(frozen=True)
class DocumentUse:
    key: str
    label: str | Promise
    allowed_types: frozenset[str]
    max_bytes: int
    retention_days: int | None
    can_view: Callable[[Any, StoredDocument], bool]
    audit_downloads: bool = True


_REGISTRY: dict[str, DocumentUse] = {}


def register_document_use(
    key: str, *, label: str | Promise, allowed_types: Iterable[str], max_bytes: int, retention_days: int | None,
    can_view: Callable[[Any, StoredDocument], bool], audit_downloads: bool = True,
) -> DocumentUse:
    """Declare a use in ``AppConfig.ready()``. ``can_view(user, document)`` is asked on every
    download (the owning app decides; ``False`` is a 404). ``retention_days=None`` keeps files until
    deleted. ``audit_downloads`` (default) writes ``core.document.downloaded`` for each download:
    turn it off only for files without personal data."""
    if "." not in key or len(key) > 64:
        raise ValueError(f"document use {key!r} must be namespaced as 'app.name' (at most 64 characters)")
    types = frozenset(allowed_types)
    unknown = types - KNOWN_TYPES
    if unknown or not types:
        raise ValueError(f"document use {key!r}: unknown types {sorted(unknown)} (known: {sorted(KNOWN_TYPES)})")
    if max_bytes <= 0:
        raise ValueError(f"document use {key!r}: max_bytes must be positive")
    definition = DocumentUse(key=key, label=label, allowed_types=types, max_bytes=int(max_bytes),
                             retention_days=retention_days, can_view=can_view, audit_downloads=audit_downloads)
    _REGISTRY[key] = definition
    return definition


def document_use(key: str) -> DocumentUse:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise LookupError(f"document use {key!r} is not registered (register_document_use in AppConfig.ready)") \
            from None


def registered_use(key: str) -> DocumentUse | None:
    """The use, or ``None`` when no app registers it (any more)."""
    return _REGISTRY.get(key)


def registered_uses() -> list[DocumentUse]:
    return list(_REGISTRY.values())


def unregister_document_use(key: str) -> None:
    """Forget a use (tests that register a throw-away use clean up with this)."""
    _REGISTRY.pop(key, None)
