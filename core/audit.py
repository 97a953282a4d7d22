"""The audit log: one namespaced event per state change or bulk read of personal data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest

from .models import AuditEvent

MASK = "***"


def _is_sensitive(key: str) -> bool:
    lowered = key.lower()
    return any(word in lowered for word in settings.AUDIT_SENSITIVE_KEYS)


def mask_sensitive(data: Any) -> Any:
    """Return ``data`` with the values of sensitive keys (passwords, PINFL, passport...) masked,
    keeping only the last two characters of identifiers so an auditor can still tell them apart."""
    if isinstance(data, Mapping):
        masked: dict[str, Any] = {}
        for key, value in data.items():
            if _is_sensitive(str(key)) and value not in (None, ""):
                text = str(value)
                keep = 2 if len(text) >= 8 and "password" not in str(key).lower() else 0
                masked[str(key)] = MASK + (text[-keep:] if keep else "")
            else:
                masked[str(key)] = mask_sensitive(value)
        return masked
    if isinstance(data, list | tuple):
        return [mask_sensitive(item) for item in data]
    if isinstance(data, str | int | float | bool) or data is None:
        return data
    return str(data)


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_log(
    action: str,
    *,
    actor: Any = None,
    target: models.Model | None = None,
    data: Mapping[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Record ``action`` (``app.entity.verb``) by ``actor`` on ``target`` with ``data``.

    Sensitive keys in ``data`` are masked before anything is stored.
    """
    if action.count(".") < 2:
        raise ValueError(f"Audit action {action!r} must be namespaced as 'app.entity.verb'.")
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        action=action,
        actor=user,
        data=mask_sensitive(dict(data or {})),
        ip_address=client_ip(request),
    )
    if target is not None:
        event.target_type = target._meta.label_lower
        event.target_id = str(target.pk)
        event.target_repr = str(target)[:255]
    event.save()  # the audit log's own write: audit_log is the service every app calls
    return event
