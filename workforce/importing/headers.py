"""The header row: where it is, and which column of the file is which field.

A header matches a column when it equals one of the column's headers (uz Latin, uz Cyrillic,
ru, en), its synonyms (``workforce.importing.synonyms``) or its key after folding with
:func:`header_key`: case, script, apostrophe variants, ё/е, punctuation and spacing do not matter
("ПИНФЛ", "JShShIR", "pinfl", "P I N F L" are one column; "Tugʻilgan sana" == "tug'ilgan  sana" ==
"Туғилган сана"). A note in brackets or a star ("Дата рождения (дд.мм.гггг)", "Familiya*") is
dropped when the whole header is not known.

Forgiving where a person would be: a column nobody knows is ignored with a warning that suggests
the nearest known header; a row-number column ("№", "п/п") is ignored silently; one "ФИО" column
stands for surname, first name and patronymic. Strict where data would be wrong: a required
column missing, or one column given twice, refuses the file with the column named.

Real workbooks start with a title ("Список сотрудников … по состоянию на 01.11.2026"): the header
row is the row among the first :data:`HEADER_SCAN_ROWS` that names the most known columns.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from core.text import search_key

from .cleaning import text
from .columns import Column
from .errors import ImportErrorCode, ImportWarningCode, RowError, row_error
from .synonyms import FULL_NAME_HEADERS, ROW_NUMBER_HEADERS

HEADER_ROW = 1
HEADER_SCAN_ROWS = 10
FULL_NAME = "full_name"
FULL_NAME_PARTS = ("last_name", "first_name", "middle_name")
SUGGESTION_CUTOFF = 0.75

_NOTE_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]|\*+|:+$")
_NUMBERING_RE = re.compile(r"^\s*\d{1,2}\s*[.)]\s+")


def header_key(header: object) -> str:
    s = text(header)
    if "ё" in s or "Ё" in s:  # "приём" and "прием" are one word; search_key would spell ё "yo"
        s = s.replace("ё", "е").replace("Ё", "Е")
    return search_key(s).replace(" ", "")


def loose_header_key(header: object) -> str:
    """The key without notes: "(дд.мм.гггг)", "[обязательно]", "*", a trailing colon, "1. "."""
    s = _NUMBERING_RE.sub("", _NOTE_RE.sub(" ", text(header)))
    return header_key(s)


_FULL_NAME_KEYS = frozenset(header_key(h) for h in FULL_NAME_HEADERS)
_ROW_NUMBER_KEYS = frozenset(header_key(h) for h in ROW_NUMBER_HEADERS) | {"n", "nopp", "npp"}


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
    """``positions[i]`` is the column read from cell ``i`` of each row (``None``: not imported).
    ``full_name`` is the cell of a "ФИО" column that stands for the three name columns."""

    positions: tuple[Column | None, ...]
    headers: tuple[str, ...]
    errors: tuple[RowError, ...]
    warnings: tuple[RowError, ...] = ()
    row: int = HEADER_ROW
    recognised: int = 0
    full_name: int | None = None

    @property
    def keys(self) -> set[str]:
        return {column.key for column in self.positions if column is not None}


class _Lookup:
    """What a header cell is: a column, the full name, a row-number column, or unknown."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = columns
        self.index = header_index(columns)
        keys = {c.key for c in columns}
        self.full_name_allowed = set(FULL_NAME_PARTS) <= keys
        self.kind = next((c.kind for c in columns if c.kind), "")

    def __call__(self, header: str) -> Column | str | None:
        for key in (header_key(header), loose_header_key(header)):
            if not key:
                continue
            column = self.index.get(key)
            if column is not None:
                return column
            if self.full_name_allowed and key in _FULL_NAME_KEYS:
                return FULL_NAME
            if key in _ROW_NUMBER_KEYS:
                return ""
        return None

    def recognised(self, raw_headers: Sequence[object]) -> int:
        return sum(1 for raw in raw_headers if text(raw) and self(text(raw)))

    def suggest(self, header: str) -> Column | None:
        """The known column whose header is nearest to ``header`` (a typo, a longer wording)."""
        key = loose_header_key(header) or header_key(header)
        if len(key) < 3:
            return None
        close = difflib.get_close_matches(key, self.index.keys(), n=1, cutoff=SUGGESTION_CUTOFF)
        if close:
            return self.index[close[0]]
        contained = [k for k in self.index if len(k) >= 5 and (k in key or key in k)]
        if contained:
            return self.index[max(contained, key=len)]
        return None


def match_headers(raw_headers: Sequence[object], columns: Sequence[Column], *, row: int = HEADER_ROW,
                  lookup: _Lookup | None = None) -> HeaderMatch:
    lookup = lookup or _Lookup(columns)
    kind = lookup.kind
    errors: list[RowError] = []
    warnings: list[RowError] = []
    positions: list[Column | None] = []
    headers: list[str] = []
    seen: dict[str, str] = {}
    unknown: list[tuple[str, Column | None]] = []
    full_name: int | None = None
    recognised = 0
    for cell, raw in enumerate(raw_headers):
        header = text(raw)
        headers.append(header)
        positions.append(None)
        if not header:
            continue
        found = lookup(header)
        if found == "":  # a row-number column
            continue
        if found is None:
            suggestion = lookup.suggest(header)
            unknown.append((header, suggestion))
            continue
        recognised += 1
        if found == FULL_NAME:
            if full_name is None:
                full_name = cell
                seen.setdefault(FULL_NAME, header)
            else:
                errors.append(row_error(row, header, header, ImportErrorCode.HEADER_DUPLICATE,
                                        header=header, other=seen[FULL_NAME]))
            continue
        assert isinstance(found, Column)
        if found.key in seen:
            if not found.readonly:
                errors.append(row_error(row, header, header, ImportErrorCode.HEADER_DUPLICATE,
                                        header=header, other=seen[found.key]))
            continue
        seen[found.key] = header
        positions[cell] = None if found.readonly else found
    if full_name is not None:
        split = [key for key in FULL_NAME_PARTS if key in seen]
        if split:  # "ФИО" and a separate surname column: which one is right is not ours to guess
            errors.append(row_error(row, headers[full_name], headers[full_name], ImportErrorCode.HEADER_DUPLICATE,
                                    header=headers[full_name], other=seen[split[0]]))
        else:
            seen.update(dict.fromkeys(FULL_NAME_PARTS, headers[full_name]))
            warnings.append(row_error(row, headers[full_name], "", ImportWarningCode.FULL_NAME_SPLIT,
                                      header=headers[full_name]))
    missing = [column for column in columns if column.required and column.key not in seen]
    suggested_for: dict[str, str] = {}
    for header, suggestion in unknown:
        if suggestion is not None and suggestion in missing and suggestion.key not in suggested_for:
            suggested_for[suggestion.key] = header
            continue  # said in the error about the missing column
        if suggestion is not None:
            warnings.append(row_error(row, header, "", ImportWarningCode.HEADER_IGNORED_SUGGESTION, header=header,
                                      suggestion=suggestion.header("uz"), suggestion_key=suggestion.key, kind=kind))
        else:
            warnings.append(row_error(row, header, "", ImportWarningCode.HEADER_IGNORED, header=header))
    for column in missing:
        label = describe_header(column)
        params: dict[str, Any] = {"header": label, "kind": kind, "column_key": column.key}
        if column.key in suggested_for:
            errors.append(row_error(row, label, suggested_for[column.key], ImportErrorCode.HEADER_MISSING_SUGGESTION,
                                    found=suggested_for[column.key], **params))
        else:
            errors.append(row_error(row, label, "", ImportErrorCode.HEADER_MISSING, **params))
    return HeaderMatch(positions=tuple(positions), headers=tuple(headers), errors=tuple(errors),
                       warnings=tuple(warnings), row=row, recognised=recognised, full_name=full_name)


def find_header_row(candidates: Sequence[tuple[int, list[Any]]], columns: Sequence[Column]) -> HeaderMatch | None:
    """The match of the candidate row (``(row number, cells)``, the first non-empty rows of the
    sheet) that names the most known columns; ``None`` when none names any."""
    lookup = _Lookup(columns)
    best: tuple[int, int] | None = None  # (recognised, candidate index)
    for i, (_number, cells) in enumerate(candidates[:HEADER_SCAN_ROWS]):
        score = lookup.recognised(cells)
        if score and (best is None or score > best[0]):
            best = (score, i)
    if best is None:
        return None
    number, cells = candidates[best[1]]
    match = match_headers(cells, columns, row=number, lookup=lookup)
    if best[1]:
        first = candidates[0][0]
        warning = row_error(number, "", "", ImportWarningCode.TITLE_ROWS_SKIPPED, header_row=number,
                            first_row=first)
        match = HeaderMatch(positions=match.positions, headers=match.headers, errors=match.errors,
                            warnings=(warning, *match.warnings), row=number, recognised=match.recognised,
                            full_name=match.full_name)
    return match


def header_row_not_found(columns: Sequence[Column], row: int = HEADER_ROW) -> RowError:
    kind = next((c.kind for c in columns if c.kind), "")
    required = [c for c in columns if c.required]
    return row_error(row, "", "", ImportErrorCode.HEADER_ROW_NOT_FOUND, rows=HEADER_SCAN_ROWS, kind=kind,
                     required_keys=[c.key for c in required],
                     required=", ".join(describe_header(c) for c in required))
