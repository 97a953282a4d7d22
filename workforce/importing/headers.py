"""The header row: which column of the file is which field.

A header matches a column when it equals one of the column's headers (uz Latin, uz Cyrillic,
ru, en), synonyms or key after folding with :func:`core.text.search_key` and dropping spaces: case,
script, apostrophe variants, punctuation and spacing do not matter ("ПИНФЛ", "JShShIR",
"pinfl", "P I N F L" are one column; "Tugʻilgan sana" == "tug'ilgan  sana" == "Туғилган сана").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from core.text import search_key

from .cleaning import text
from .columns import Column
from .errors import ImportErrorCode, RowError, row_error

HEADER_ROW = 1


def header_key(header: object) -> str:
    return search_key(text(header)).replace(" ", "")


def header_index(columns: Sequence[Column]) -> dict[str, Column]:
    """Folded header -> column. Two columns claiming one header is a programming error."""
    index: dict[str, Column] = {}
    for column in columns:
        for header in column.all_headers():
            key = header_key(header)
            if not key:
                continue
            other = index.setdefault(key, column)
            if other is not column:
                raise ImproperlyConfigured(f"Header {header!r} would match both {other.key!r} and {column.key!r}")
    return index


def describe_header(column: Column) -> str:
    """A column's header in every language at once, for messages read by anyone."""
    return " / ".join(dict.fromkeys((column.headers["uz"], column.headers["ru"], column.headers["en"])))


@dataclass(frozen=True)
class HeaderMatch:
    """``positions[i]`` is the column read from cell ``i`` of each row (``None``: not imported)."""

    positions: tuple[Column | None, ...]
    headers: tuple[str, ...]
    errors: tuple[RowError, ...]

    @property
    def keys(self) -> set[str]:
        return {column.key for column in self.positions if column is not None}


def match_headers(raw_headers: Sequence[object], columns: Sequence[Column]) -> HeaderMatch:
    index = header_index(columns)
    errors: list[RowError] = []
    positions: list[Column | None] = []
    headers: list[str] = []
    seen: dict[str, str] = {}
    for raw in raw_headers:
        header = text(raw)
        headers.append(header)
        if not header:
            positions.append(None)
            continue
        column = index.get(header_key(header))
        if column is None:
            errors.append(row_error(HEADER_ROW, header, header, ImportErrorCode.HEADER_UNKNOWN, header=header))
            positions.append(None)
            continue
        if column.key in seen:
            errors.append(row_error(HEADER_ROW, header, header, ImportErrorCode.HEADER_DUPLICATE,
                                    header=header, other=seen[column.key]))
            positions.append(None)
            continue
        seen[column.key] = header
        positions.append(None if column.readonly else column)
    for column in columns:
        if column.required and column.key not in seen:
            label = describe_header(column)
            errors.append(row_error(HEADER_ROW, label, "", ImportErrorCode.HEADER_MISSING, header=label))
    return HeaderMatch(positions=tuple(positions), headers=tuple(headers), errors=tuple(errors))
