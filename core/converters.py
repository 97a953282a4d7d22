"""URL path converters. ``<id:pk>`` is ``<int:pk>`` limited to what a 64-bit key can hold: a longer
number is no record's id, so the URL does not match (404) instead of reaching the database, where
SQLite cannot bind it (a 500) and PostgreSQL refuses it."""

from __future__ import annotations

from django.urls import register_converter
from django.urls.converters import IntConverter

from .forms import MAX_ID


class IdConverter(IntConverter):
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("beyond a 64-bit id")
        return number


def register() -> None:
    register_converter(IdConverter, "id")
