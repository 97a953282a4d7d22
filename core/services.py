"""Service helpers shared by every app's ``services`` modules."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from django.db import models


def model_update(*, instance: models.Model, data: Mapping[str, Any], allowed: Collection[str]) -> dict[str, Any]:
    """Set each value of ``data`` that differs from ``instance``'s, and return ``{field: new value}``
    of what changed (empty when nothing did). A field outside ``allowed`` is a programming error.

    The caller normalises the values first and then checks, stamps history and saves
    ``update_fields=[*changes, "updated_at"]`` when anything changed::

        changes = model_update(instance=position, data=fields, allowed=UPDATABLE_FIELDS)
        if changes:
            position.save(update_fields=[*changes, "updated_at"])
    """
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"{type(instance).__name__} cannot be updated in {sorted(unknown)}")
    changes: dict[str, Any] = {}
    for name, value in data.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changes[name] = value
    return changes


def user_set_preferred_language(*, user: Any, language: str) -> bool:
    """Keep ``language`` (a code of ``settings.LANGUAGES``) on ``user``'s account, so it applies at their
    next login on any browser. Returns whether anything changed; an unknown code changes nothing."""
    from django.conf import settings

    if not getattr(user, "is_authenticated", False) or language not in dict(settings.LANGUAGES):
        return False
    changed = model_update(instance=user, data={"preferred_language": language}, allowed={"preferred_language"})
    if changed:
        user.save(update_fields=list(changed))
    return bool(changed)
