"""Excel (xlsx): one question per row. Headers are recognised in Uzbek, Russian and English, in any
case and with any apostrophe ("Boʻlim", "Раздел", "Section"); every invalid cell is reported with its
row, column and value.

Columns: section, type, difficulty, marks, tags, active, question in uz / ru / uz-cyrl / en, options
A–H in uz and ru, ``correct`` (letters, e.g. "B" or "A, C"; for true/false: true or false) and, for
partial credit, ``credits`` ("A=50, C=50, D=-25")."""

from __future__ import annotations

import functools
import io
import re
import string
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.text import search_key

from ..models import Difficulty, Question, QuestionKind, Scoring
from ..services.bank import ChoiceData, QuestionData
from . import ParsedQuestion, ParseResult

LETTERS = string.ascii_uppercase[:8]

# canonical column -> (label for the template, words that name it, folded by search_key)
COLUMNS: dict[str, tuple[object, tuple[str, ...]]] = {
    "section": (gettext_lazy("Section"), ("section", "bolim", "razdel", "bulim")),
    "kind": (gettext_lazy("Type"), ("type", "kind", "tur", "turi", "savol turi", "tip", "tip voprosa")),
    "difficulty": (gettext_lazy("Difficulty"), ("difficulty", "qiyinlik", "murakkablik", "slozhnost")),
    "marks": (gettext_lazy("Marks"), ("marks", "ball", "bal", "grade", "vesi")),
    "tags": (gettext_lazy("Tags"), ("tags", "teglar", "tegi", "metki")),
    "active": (pgettext_lazy("assessment", "Active"), ("active", "faol", "aktivnyi", "aktiven", "aktivnyi")),
    "text_uz": (gettext_lazy("Question (uz)"), ("question uz", "savol uz", "text uz", "vopros uz", "savol")),
    "text_ru": (gettext_lazy("Question (ru)"), ("question ru", "savol ru", "text ru", "vopros ru", "vopros")),
    "text_uz_cyrl": (gettext_lazy("Question (uz-cyrl)"), ("question uz cyrl", "savol uz cyrl", "text uz cyrl",
                                                          "vopros uz cyrl", "savol kirill")),
    "text_en": (gettext_lazy("Question (en)"), ("question en", "savol en", "text en", "vopros en")),
    "correct": (gettext_lazy("Correct"), ("correct", "togri", "togri javob", "pravilnyi", "pravilnyi otvet",
                                          "otvet", "javob")),
    "credits": (gettext_lazy("Credits, %"), ("credits", "credits", "ulushlar", "ulush", "baly", "doli", "dolia")),
}
for _letter in LETTERS:
    for _lang in ("uz", "ru"):
        COLUMNS[f"{_letter}_{_lang}"] = (f"{_letter} ({_lang})", (f"{_letter.lower()} {_lang}",
                                                                 f"variant {_letter.lower()} {_lang}",
                                                                 f"option {_letter.lower()} {_lang}"))

KIND_WORDS = {
    QuestionKind.SINGLE: ("single", "bitta", "bitta javobli", "odin", "odin otvet", "odinochnyi vybor"),
    QuestionKind.MULTIPLE: ("multiple", "bir nechta", "bir nechta javobli", "neskolko", "mnozhestvennyi vybor"),
    QuestionKind.TRUE_FALSE: ("true false", "truefalse", "true_false", "togri notogri", "verno neverno", "da net"),
}
DIFFICULTY_WORDS = {
    Difficulty.EASY: ("1", "easy", "oson", "legkii", "lyogkii"),
    Difficulty.MEDIUM: ("2", "medium", "orta", "srednii"),
    Difficulty.HARD: ("3", "hard", "qiyin", "slozhnyi", "trudnyi"),
}
TRUE_WORDS = ("true", "togri", "ha", "verno", "da", "1", "yes")
FALSE_WORDS = ("false", "notogri", "yoq", "neverno", "net", "0", "no")
_CREDIT = re.compile(r"([A-Ha-h])\s*[=:]\s*(-?\d+(?:[.,]\d+)?)")


@functools.cache
def _header_words() -> dict[str, str]:
    """Every way a column may be named: its code, the words above, and its label in every language of
    the site (so a file exported in any language reads back)."""
    from django.conf import settings

    words: dict[str, str] = {}
    for column, (label, synonyms) in COLUMNS.items():
        for word in (column.replace("_", " "), *synonyms):
            words.setdefault(word, column)
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                words.setdefault(search_key(str(label)).replace("_", " "), column)
    return words


def _match_header(value: object) -> str | None:
    key = search_key(str(value or "")).replace("_", " ")
    return _header_words().get(key) if key else None


def parse_xlsx(content: bytes) -> ParseResult:
    from openpyxl import load_workbook

    result = ParseResult()
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:
        result.errors.append((_("the file"), "", _("This is not a readable Excel file (%(error)s).")
                              % {"error": exc.__class__.__name__}, "import_file_unreadable"))
        return result
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns = {index: _match_header(value) for index, value in enumerate(header)}
    names = {column: str(header[index]) for index, column in columns.items() if column}
    for required in ("section", "text_uz", "text_ru"):
        if required not in names:
            label = COLUMNS[required][0]
            result.errors.append((_("the header row"), required,
                                  _("The column “%(column)s” is missing.") % {"column": label}, "import_invalid"))
    if result.errors:
        return result
    for number, values in enumerate(rows, start=2):
        cells = {columns[i]: value for i, value in enumerate(values) if columns.get(i)}
        if not any(v not in (None, "") for v in cells.values()):
            continue
        result.items.append(_row(number, cells, names))
    workbook.close()
    return result


def _str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _row(number: int, cells: dict[str, object], names: dict[str, str]) -> ParsedQuestion:
    ref = _("row %(number)s") % {"number": number}
    errors: list[tuple[str, str, str]] = []

    def bad(column: str, message: str) -> None:
        errors.append((column, _("column “%(column)s”, value “%(value)s”: %(message)s")
                       % {"column": names.get(column, column), "value": _str(cells.get(column)), "message": message},
                       "import_invalid"))

    kind_word = search_key(_str(cells.get("kind"))).replace("_", " ")
    kind = next((k for k, words in KIND_WORDS.items() if kind_word in words), None) if kind_word \
        else QuestionKind.SINGLE
    if kind is None:
        bad("kind", _("expected single, multiple or true_false."))
        kind = QuestionKind.SINGLE
    difficulty_word = search_key(_str(cells.get("difficulty")))
    difficulty = next((d for d, words in DIFFICULTY_WORDS.items() if difficulty_word in words), None) \
        if difficulty_word else Difficulty.MEDIUM
    if difficulty is None:
        bad("difficulty", _("expected 1 (easy), 2 (medium) or 3 (hard)."))
        difficulty = Difficulty.MEDIUM
    try:
        marks = Decimal(_str(cells.get("marks")).replace(",", ".") or "1")
    except InvalidOperation:
        bad("marks", _("expected a number, e.g. 1 or 2.5."))
        marks = Decimal(1)
    active_word = search_key(_str(cells.get("active")))
    active = True if not active_word else active_word in TRUE_WORDS
    if active_word and active_word not in TRUE_WORDS + FALSE_WORDS:
        bad("active", _("expected yes or no."))
    data = QuestionData(section=None, kind=kind, difficulty=difficulty, marks=marks, is_active=active,
                        tags=_str(cells.get("tags")),
                        texts={lang: _str(cells.get(f"text_{lang}")) for lang in ("uz", "ru", "uz_cyrl", "en")})
    correct_raw = _str(cells.get("correct"))
    if kind == QuestionKind.TRUE_FALSE:
        word = search_key(correct_raw)
        if word in TRUE_WORDS:
            data.true_answer = True
        elif word in FALSE_WORDS:
            data.true_answer = False
        else:
            bad("correct", _("expected true or false."))
        return ParsedQuestion(ref=ref, data=data, category=_str(cells.get("section")), errors=errors)
    options = [(letter, {"uz": _str(cells.get(f"{letter}_uz")), "ru": _str(cells.get(f"{letter}_ru"))})
               for letter in LETTERS]
    options = [(letter, texts) for letter, texts in options if texts["uz"] or texts["ru"]]
    letters = [letter for letter, _texts in options]
    fractions = {letter: Decimal(0) for letter in letters}
    credits_raw = _str(cells.get("credits"))
    if credits_raw:
        data.scoring = Scoring.FRACTIONS
        for letter, value in _CREDIT.findall(credits_raw):
            if letter.upper() not in fractions:
                bad("credits", _("option %(letter)s has no text.") % {"letter": letter.upper()})
                continue
            fractions[letter.upper()] = (Decimal(value.replace(",", ".")) / 100).quantize(Decimal("0.00001"))
        if not _CREDIT.findall(credits_raw):
            bad("credits", _("expected letter=percent pairs, e.g. A=50, C=50, D=-25."))
    else:
        chosen = [c.strip().upper() for c in re.split(r"[,;\s]+", correct_raw) if c.strip()]
        for letter in chosen:
            if letter not in fractions:
                bad("correct", _("option %(letter)s has no text.") % {"letter": letter})
                continue
            fractions[letter] = Decimal(1) / len(chosen)
        if kind == QuestionKind.MULTIPLE:
            data.scoring = Scoring.ALL_OR_NOTHING
        if not chosen:
            bad("correct", _("give the letter of the correct option (or several, separated by commas)."))
    data.choices = [ChoiceData(texts=texts, fraction=fractions[letter]) for letter, texts in options]
    return ParsedQuestion(ref=ref, data=data, category=_str(cells.get("section")), errors=errors)


def write_xlsx(questions: list[Question]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Questions"))
    order = ["section", "kind", "difficulty", "marks", "tags", "active", "text_uz", "text_ru", "text_uz_cyrl",
             "text_en", *[f"{letter}_{lang}" for letter in LETTERS for lang in ("uz", "ru")], "correct", "credits"]
    sheet.append([str(COLUMNS[column][0]) for column in order])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for question in questions:
        choices = list(question.choices.all())
        row = {"section": question.section.code, "kind": question.kind, "difficulty": question.difficulty,
               "marks": float(question.marks), "tags": question.tags, "active": "yes" if question.is_active else "no",
               **{f"text_{lang}": getattr(question, f"text_{lang}") for lang in ("uz", "ru", "uz_cyrl", "en")}}
        if question.kind == QuestionKind.TRUE_FALSE:
            row["correct"] = "true" if choices and choices[0].fraction > 0 else "false"
        else:
            for letter, choice in zip(LETTERS, choices, strict=False):
                row[f"{letter}_uz"], row[f"{letter}_ru"] = choice.text_uz, choice.text_ru
            correct = [letter for letter, choice in zip(LETTERS, choices, strict=False) if choice.fraction > 0]
            row["correct"] = ", ".join(correct)
            fractional = question.kind == QuestionKind.MULTIPLE and question.scoring == Scoring.FRACTIONS
            if fractional or (question.kind == QuestionKind.SINGLE and any(0 < c.fraction < 1 or c.fraction < 0
                                                                             for c in choices)):
                row["credits"] = ", ".join(f"{letter}={(c.fraction * 100).normalize():f}"
                                           for letter, c in zip(LETTERS, choices, strict=False) if c.fraction)
        sheet.append([row.get(column, "") for column in order])
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
