"""The registry of organisation roles. Each app declares the roles it needs (workforce: system
administrator, HR officer, leadership, commission member; later apps: test author, training
coordinator, finance officer, trip approver...) in its ``AppConfig.ready()`` without editing
workforce::

    from core.roles import register_role
    register_role("test_author", _("Test author"), description=_("Keeps the question bank."))

A role is granted on an organisation subtree (``workforce.RoleGrant``); scoping works for every
registered role the same way (``core.access.scope_queryset(qs, user=..., roles=["test_author"])``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class RoleDefinition:
    key: str
    label: str | Promise
    description: str | Promise = ""
    app: str = ""


_REGISTRY: dict[str, RoleDefinition] = {}

MAX_ROLE_KEY_LENGTH = 32


def register_role(key: str, label: str | Promise, *, description: str | Promise = "", app: str = "") -> RoleDefinition:
    """Declare a role. Registering the same key again with the same app is harmless (reloads)."""
    if not key or len(key) > MAX_ROLE_KEY_LENGTH or not key.replace("_", "").isalnum() or key != key.lower():
        raise ValueError(f"role key {key!r} must be lowercase letters, digits and _ (at most {MAX_ROLE_KEY_LENGTH})")
    existing = _REGISTRY.get(key)
    if existing is not None and existing.app != app:
        raise ValueError(f"role {key!r} is already registered by {existing.app or 'another app'}")
    definition = RoleDefinition(key=key, label=label, description=description, app=app)
    _REGISTRY[key] = definition
    return definition


def registered_roles() -> list[RoleDefinition]:
    return list(_REGISTRY.values())


def role_choices() -> list[tuple[str, str | Promise]]:
    """Choices for ``RoleGrant.role`` (a callable, so apps loaded later still appear)."""
    return [(definition.key, definition.label) for definition in _REGISTRY.values()]


def role_label(key: str) -> str | Promise:
    definition = _REGISTRY.get(key)
    return definition.label if definition else key


def is_registered(key: str) -> bool:
    return key in _REGISTRY


def unregister_role(key: str) -> None:
    """Forget a role (tests that register a throw-away role clean up with this)."""
    _REGISTRY.pop(key, None)
