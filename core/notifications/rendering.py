"""The texts of a notification, from its event's templates, in a given language.

E-mail parts (``subject.txt``, ``body.txt``) are plain text: rendered without HTML escaping. The
inbox line (``inapp.txt``) is shown in a page: rendered with escaping."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

from .models import Notification
from .registry import event_definition


def recipient_language(user: Any) -> str:
    language = getattr(user, "preferred_language", "") or ""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def absolute_link(link: str) -> str:
    if not link:
        return ""
    return settings.PUBLIC_BASE_URL.rstrip("/") + link


def template_context(notification: Notification) -> dict[str, Any]:
    recipient = notification.recipient
    return {
        **(notification.context or {}),
        "link": notification.link,
        "link_url": absolute_link(notification.link),
        "recipient_name": recipient.get_full_name() or recipient.get_username(),
        "site_url": settings.PUBLIC_BASE_URL.rstrip("/"),
    }


def render_part(notification: Notification, part: str, *, language: str | None = None) -> str:
    """Render ``part`` (``subject``, ``body`` or ``inapp``) of ``notification`` in ``language``
    (default: the active one)."""
    definition = event_definition(notification.event)
    template = get_template(definition.template(part))
    with translation.override(language or translation.get_language()):
        if part == "inapp":
            return template.render(template_context(notification)).strip()
        # The Django backend's Template wraps the engine's; its Context can switch escaping off.
        text = template.template.render(Context(template_context(notification), autoescape=False))
    if part == "subject":
        return " ".join(text.split())
    return text.strip() + "\n"


def render_email(notification: Notification) -> tuple[str, str]:
    """(subject, body) in the recipient's language."""
    language = recipient_language(notification.recipient)
    return (render_part(notification, "subject", language=language),
            render_part(notification, "body", language=language))
