"""GIFT (Moodle's text format): multiple choice with one right answer (``=right ~wrong``), with weights
(``~%50%right ~%-100%wrong``) and true/false (``{T}``, ``{FALSE}``); ``$CATEGORY:`` lines become
sections. Short answer, matching, numerical, essay and descriptions are listed as skipped.

GIFT has no all-or-nothing multiple choice and no difficulty: such questions are written with their
fractions, and difficulty is not kept (use Moodle XML for a lossless copy)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ..models import Question, QuestionKind
from ..services.bank import ChoiceData, QuestionData
from . import ParsedQuestion, ParseResult, Skipped
from .texts import join_languages, split_languages

SPECIAL = "~=#{}:"
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def _escape(text: str) -> str:
    return "".join("\\" + c if c in SPECIAL or c == "\\" else c for c in text).replace("\n", "\\n")


def _find_unescaped(text: str, char: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == char:
            return i
        i += 1
    return -1


def _strip_comments(content: str) -> str:
    return "\n".join(line for line in content.splitlines() if not line.lstrip().startswith("//"))


def _blocks(content: str) -> list[str]:
    blocks, current = [], []
    for line in content.splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def _answer_tokens(body: str) -> list[tuple[str, str]]:
    """[(marker, text)] for each ``=`` / ``~`` answer of the braces' content (feedback after # dropped)."""
    tokens: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            if tokens:
                tokens[-1][1].append(body[i:i + 2])
            i += 2
            continue
        if c in "=~":
            tokens.append((c, []))
        elif tokens:
            tokens[-1][1].append(c)
        i += 1
    result = []
    for marker, chars in tokens:
        raw = "".join(chars)
        cut = _find_unescaped(raw, "#")
        if cut != -1:
            raw = raw[:cut]
        result.append((marker, raw.strip()))
    return result


def parse_gift(content: bytes, *, language: str = "uz") -> ParseResult:
    result = ParseResult()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append((_("the file"), "", _("A GIFT file must be UTF-8 text."), "import_file_unreadable"))
        return result
    category = ""
    number = 0
    for block in _blocks(_strip_comments(text)):
        lines = block.splitlines()
        while lines and lines[0].strip().upper().startswith("$CATEGORY:"):
            category = lines.pop(0).split(":", 1)[1].strip()
        if not lines:
            continue
        number += 1
        block = "\n".join(lines).strip()
        title = ""
        if block.startswith("::"):
            end = _find_unescaped(block, ":", 2)
            while end != -1 and block[end:end + 2] != "::":
                end = _find_unescaped(block, ":", end + 1)
            if end != -1:
                title, block = _unescape(block[2:end]).strip(), block[end + 2:].strip()
        ref = _("question %(number)s “%(name)s”") % {"number": number, "name": title[:60]} if title \
            else _("question %(number)s") % {"number": number}
        is_html = False
        for marker in ("[html]", "[moodle]", "[plain]", "[markdown]"):
            if block.lower().startswith(marker):
                is_html, block = marker == "[html]", block[len(marker):].strip()
        open_at = _find_unescaped(block, "{")
        close_at = _find_unescaped(block, "}", open_at + 1) if open_at != -1 else -1
        if open_at == -1 or close_at == -1:
            result.skipped.append(Skipped(ref=ref, kind="description"))
            continue
        before, body, after = block[:open_at], block[open_at + 1:close_at].strip(), block[close_at + 1:]
        question_text = _unescape((before.strip() + (" _____ " + after.strip() if after.strip() else "")).strip())
        texts = split_languages(question_text, default_language=language, is_html=is_html)
        kind = _kind(body)
        if kind in ("essay", "numerical", "matching", "shortanswer"):
            result.skipped.append(Skipped(ref=ref, kind=kind))
            continue
        data = QuestionData(section=None, kind=QuestionKind.SINGLE, texts=texts)
        if kind == "truefalse":
            data.kind = QuestionKind.TRUE_FALSE
            data.true_answer = body.split("#")[0].strip().upper() in ("T", "TRUE")
        else:
            choices, weighted = [], False
            for marker, raw in _answer_tokens(body):
                fraction = Decimal(1) if marker == "=" else Decimal(0)
                match = _WEIGHT.match(raw)
                if match:
                    weighted = True
                    try:
                        fraction = (Decimal(match.group(1)) / 100).quantize(Decimal("0.00001"))
                    except InvalidOperation:
                        fraction = Decimal("NaN")
                    raw = raw[match.end():]
                choices.append(ChoiceData(texts=split_languages(_unescape(raw), default_language=language,
                                                                is_html=is_html), fraction=fraction))
            positive = sum(1 for c in choices if c.fraction > 0)
            if weighted and (positive > 1 or all(c.fraction < 1 for c in choices if c.fraction > 0)):
                data.kind = QuestionKind.MULTIPLE
            data.choices = choices
        result.items.append(ParsedQuestion(ref=ref, data=data, category=category))
    return result


def _kind(body: str) -> str:
    stripped = body.strip()
    if not stripped:
        return "essay"
    if stripped.startswith("#"):
        return "numerical"
    if stripped.split("#")[0].strip().upper() in ("T", "TRUE", "F", "FALSE"):
        return "truefalse"
    tokens = _answer_tokens(stripped)
    if any("->" in raw for _marker, raw in tokens):
        return "matching"
    if tokens and all(marker == "=" for marker, _raw in tokens):
        return "shortanswer"
    return "multichoice"


def write_gift(questions: list[Question]) -> bytes:
    lines: list[str] = ["// Exported from the civil-service HR platform (assessment question bank)", ""]
    current = None
    for question in sorted(questions, key=lambda q: (q.section.ordering, q.section.code, q.pk)):
        if question.section_id != current:
            current = question.section_id
            lines += [f"$CATEGORY: $course$/top/{question.section.name_uz}", ""]
        texts = question.texts()
        marker = "[html]" if len(texts) > 1 else ""
        text = join_languages(texts) if marker else texts.get("uz", "")
        title = question.text_uz.splitlines()[0][:60]
        choices = list(question.choices.all())
        if question.kind == QuestionKind.TRUE_FALSE:
            answers = "TRUE" if choices and choices[0].fraction > 0 else "FALSE"
        elif question.kind == QuestionKind.SINGLE and all(c.fraction in (0, 1) for c in choices):
            answers = " ".join(("=" if c.fraction > 0 else "~") + _escape(_choice_text(c)) for c in choices)
        else:
            answers = " ".join(f"~%{_percent(c.fraction)}%" + _escape(_choice_text(c)) for c in choices)
        lines += [f"::{_escape(title)}::{marker}{_escape(text)} {{{answers}}}", ""]
    return "\n".join(lines).encode("utf-8")


def _choice_text(choice) -> str:
    texts = choice.texts()
    return join_languages(texts) if len(texts) > 1 else texts.get("uz", "")


def _percent(fraction: Decimal) -> str:
    value = (Decimal(fraction) * 100).quantize(Decimal("0.001")).normalize()
    return f"{value:f}"
