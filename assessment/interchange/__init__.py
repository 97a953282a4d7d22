"""Question files in and out: Moodle XML, GIFT and Excel. Parsers turn a file into
:class:`ParsedQuestion` items (nothing is written); ``assessment.services.importing`` resolves their
sections, checks them with the bank's rules and writes them all or nothing. Writers turn questions
into a file.

Texts in several languages travel as Moodle's multilang spans
(``<span lang="uz" class="multilang">…</span><span lang="ru" class="multilang">…</span>``), which
Moodle shows in the reader's language; a plain text is taken as the language given to the parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # the services import this package: no import cycle at run time
    from ..services.bank import QuestionData

FORMATS = [("moodle", "Moodle XML"), ("gift", "GIFT"), ("xlsx", "Excel (xlsx)")]
FORMAT_NAMES = [code for code, _label in FORMATS]


@dataclass
class ParsedQuestion:
    """One question read from a file. ``ref`` names it for people ("question 4 “Budget”", "row 7");
    ``category`` is the file's category path (Moodle, GIFT) or the section column (Excel)."""

    ref: str
    data: QuestionData
    category: str = ""
    category_idnumber: str = ""
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (field, message, code)


@dataclass
class Skipped:
    ref: str
    kind: str


@dataclass
class ParseResult:
    items: list[ParsedQuestion] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (ref, field, message, code)


def detect_format(filename: str) -> str | None:
    suffix = Path(filename or "").suffix.lower()
    return {".xml": "moodle", ".gift": "gift", ".txt": "gift", ".xlsx": "xlsx"}.get(suffix)


def parse(content: bytes, *, format: str, language: str = "uz") -> ParseResult:
    """Read ``content`` in ``format`` (``moodle``, ``gift`` or ``xlsx``); plain texts are in ``language``."""
    if format == "moodle":
        from .moodle import parse_moodle

        return parse_moodle(content, language=language)
    if format == "gift":
        from .gift import parse_gift

        return parse_gift(content, language=language)
    if format == "xlsx":
        from .spreadsheet import parse_xlsx

        return parse_xlsx(content)
    raise ValueError(f"unknown format {format!r}")


UNSUPPORTED_HELP = _("Only single choice, multiple choice and true/false questions are imported.")
