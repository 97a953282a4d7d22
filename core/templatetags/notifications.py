"""Filters for notification templates, whose context holds snapshot values (dates as ISO strings)."""

from __future__ import annotations

import datetime

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def as_date(value, format_string: str = "d.m.Y") -> str:
    """An ISO date (or date-time) string from a notification's context, written as a date."""
    if not value:
        return ""
    if isinstance(value, datetime.date):
        parsed = value
    else:
        try:
            parsed = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
        if len(str(value)) <= 10:
            parsed = parsed.date()
    return formats.date_format(parsed, format_string)


@register.filter
def localized(value) -> str:
    """A text kept in every language (``core.notifications.in_every_language``) in the active one."""
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    from django.conf import settings
    from django.utils.translation import get_language

    language = get_language() or settings.LANGUAGE_CODE
    for code in (language, language.split("-")[0], settings.LANGUAGE_CODE):
        if value.get(code):
            return value[code]
    return next(iter(value.values()), "")
