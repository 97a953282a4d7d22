"""Moodle XML: multichoice (single and multiple answers, answer fractions), multichoiceset (all or
nothing) and truefalse questions; categories become sections. Other question types are listed as
skipped with their names. Parsed with defusedxml (no entity expansion, no external entities)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _

from ..models import Difficulty, Question, QuestionKind, Scoring
from ..services.bank import ChoiceData, QuestionData
from . import ParsedQuestion, ParseResult, Skipped
from .texts import html_to_text, join_languages, split_languages

DIFFICULTY_TAGS = {"difficulty:easy": Difficulty.EASY, "difficulty:medium": Difficulty.MEDIUM,
                   "difficulty:hard": Difficulty.HARD}
TAG_OF_DIFFICULTY = {value: key for key, value in DIFFICULTY_TAGS.items()}
SUPPORTED = {"multichoice", "multichoiceset", "truefalse"}
TRUE_WORDS = {"true", "toʻgʻri", "to'g'ri", "верно", "да", "yes", "1"}


def _text(node: Element | None, path: str = "text") -> str:
    if node is None:
        return ""
    found = node.find(path)
    return (found.text or "") if found is not None else ""


def _fraction(value: str | None) -> Decimal:
    try:
        return (Decimal(value or "0") / 100).quantize(Decimal("0.00001"))
    except InvalidOperation:
        return Decimal("NaN")


def parse_moodle(content: bytes, *, language: str = "uz") -> ParseResult:
    result = ParseResult()
    try:
        root = SafeET.fromstring(content)
    except Exception as exc:  # defusedxml raises its own errors for forbidden constructs
        result.errors.append((_("the file"), "", _("This is not a readable Moodle XML file (%(error)s).")
                              % {"error": exc.__class__.__name__}, "import_file_unreadable"))
        return result
    if root.tag != "quiz":
        result.errors.append((_("the file"), "", _("A Moodle XML file starts with <quiz>; this one starts with "
                                                   "<%(tag)s>.") % {"tag": root.tag}, "import_file_unreadable"))
        return result
    category, idnumber = "", ""
    number = 0
    for node in root.findall("question"):
        kind = (node.get("type") or "").lower()
        if kind == "category":
            category = html_to_text(_text(node.find("category")))
            idnumber = (node.findtext("idnumber") or "").strip()
            continue
        number += 1
        name = html_to_text(_text(node.find("name"))) or ""
        ref = _("question %(number)s “%(name)s”") % {"number": number, "name": name[:60]} if name \
            else _("question %(number)s") % {"number": number}
        if kind not in SUPPORTED:
            result.skipped.append(Skipped(ref=ref, kind=kind or "?"))
            continue
        result.items.append(_question(node, kind, ref, category, idnumber, language))
    return result


def _question(node: Element, kind: str, ref: str, category: str, idnumber: str, language: str) -> ParsedQuestion:
    is_html = (node.find("questiontext").get("format", "html") if node.find("questiontext") is not None
               else "html") in ("html", "moodle_auto_format")
    texts = split_languages(_text(node.find("questiontext")), default_language=language, is_html=is_html)
    tags = [(tag.findtext("text") or "").strip() for tag in node.findall("tags/tag")]
    difficulty = next((DIFFICULTY_TAGS[t.lower()] for t in tags if t.lower() in DIFFICULTY_TAGS), Difficulty.MEDIUM)
    tags = [t for t in tags if t and t.lower() not in DIFFICULTY_TAGS]
    try:
        marks = Decimal(node.findtext("defaultgrade") or "1").quantize(Decimal("0.01"))
    except InvalidOperation:
        marks = Decimal(1)
    hidden = (node.findtext("hidden") or "0").strip() == "1"
    answers = node.findall("answer")
    data = QuestionData(section=None, kind=QuestionKind.SINGLE, texts=texts, difficulty=difficulty, marks=marks,
                        tags=tags, is_active=not hidden)
    if kind == "truefalse":
        data.kind = QuestionKind.TRUE_FALSE
        truth = None
        for answer in answers:
            word = html_to_text(_text(answer)).strip().lower()
            if _fraction(answer.get("fraction")) > 0:
                truth = word in TRUE_WORDS
        data.true_answer = truth
    else:
        choices = [ChoiceData(texts=split_languages(_text(answer), default_language=language,
                                                    is_html=answer.get("format", "html") != "plain_text"),
                              fraction=_fraction(answer.get("fraction"))) for answer in answers]
        single = (node.findtext("single") or "true").strip().lower() in ("true", "1")
        if kind == "multichoiceset":
            data.kind, data.scoring = QuestionKind.MULTIPLE, Scoring.ALL_OR_NOTHING
            for choice in choices:  # the plugin marks correct options 1 (or 100), wrong ones 0
                choice.fraction = Decimal(1) if choice.fraction > 0 else Decimal(0)
        elif not single:
            data.kind, data.scoring = QuestionKind.MULTIPLE, Scoring.FRACTIONS
        data.choices = choices
    return ParsedQuestion(ref=ref, data=data, category=category, category_idnumber=idnumber)


# --- writing ---------------------------------------------------------------------------------------

def _text_node(parent: Element, tag: str, value: str, *, fmt: str | None = "html") -> Element:
    node = SubElement(parent, tag)
    if fmt:
        node.set("format", fmt)
    SubElement(node, "text").text = value
    return node


def _percent(fraction: Decimal) -> str:
    value = (Decimal(fraction) * 100).quantize(Decimal("0.001")).normalize()
    return f"{value:f}"


def write_moodle(questions: list[Question]) -> bytes:
    """Questions as Moodle XML, one category per section (its name, with the section code as idnumber).
    All-or-nothing multiple choice is written as ``multichoiceset`` (Moodle's "All-or-Nothing Multiple
    Choice"), difficulty and tags as question tags."""
    quiz = Element("quiz")
    current = None
    for question in sorted(questions, key=lambda q: (q.section.ordering, q.section.code, q.pk)):
        if question.section_id != current:
            current = question.section_id
            category = SubElement(quiz, "question", type="category")
            _text_node(category, "category", f"$course$/top/{question.section.name_uz}", fmt=None)
            _text_node(category, "info", "", fmt="moodle_auto_format")
            SubElement(category, "idnumber").text = question.section.code
        quiz.append(_question_node(question))
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(quiz, encoding="utf-8")


def _question_node(question: Question) -> Element:
    choices = list(question.choices.all())
    all_or_nothing = question.kind == QuestionKind.MULTIPLE and question.scoring == Scoring.ALL_OR_NOTHING
    kind = {"true_false": "truefalse"}.get(question.kind, "multichoiceset" if all_or_nothing else "multichoice")
    node = Element("question", type=kind)
    _text_node(node, "name", question.text_uz.splitlines()[0][:80], fmt=None)
    _text_node(node, "questiontext", join_languages(question.texts()))
    _text_node(node, "generalfeedback", "")
    SubElement(node, "defaultgrade").text = f"{question.marks:.7f}"
    SubElement(node, "penalty").text = "0"
    SubElement(node, "hidden").text = "0" if question.is_active else "1"
    SubElement(node, "idnumber").text = ""
    if question.kind == QuestionKind.TRUE_FALSE:
        truth = bool(choices and choices[0].fraction > 0)
        for word, correct in (("true", truth), ("false", not truth)):
            answer = _text_node(node, "answer", word, fmt="moodle_auto_format")
            answer.set("fraction", "100" if correct else "0")
            _text_node(answer, "feedback", "")
    else:
        SubElement(node, "single").text = "true" if question.kind == QuestionKind.SINGLE else "false"
        SubElement(node, "shuffleanswers").text = "true"
        SubElement(node, "answernumbering").text = "abc"
        for choice in choices:
            answer = _text_node(node, "answer", join_languages(choice.texts()))
            fraction = choice.fraction
            if all_or_nothing:
                fraction = Decimal(1) if choice.fraction > 0 else Decimal(0)
            answer.set("fraction", _percent(fraction))
            _text_node(answer, "feedback", "")
    tags = SubElement(node, "tags")
    for tag in [TAG_OF_DIFFICULTY[question.difficulty], *question.tag_list]:
        SubElement(SubElement(tags, "tag"), "text").text = tag
    return node
