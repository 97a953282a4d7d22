"""The question bank: every write of a question or its choices goes through here (pages, imports,
the admin and the demo seeder), so the same rules hold on every path."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.access import can_access_organization
from core.audit import audit_log
from core.text import search_key

from ..errors import AssessmentError, AssessmentErrorCode
from ..models import Choice, Difficulty, Question, QuestionKind, Scoring, Section
from ..models.bank import TEXT_LANGUAGES
from ..roles import BANK_ROLES
from .scoring import FRACTION_TOLERANCE, fraction_sum_ok

__all__ = [
    "TRUE_FALSE_TEXTS",
    "ChoiceData",
    "QuestionData",
    "normalize_tags",
    "question_create",
    "question_fingerprint",
    "question_set_active",
    "question_update",
    "question_validate",
    "questions_create_bulk",
    "require_bank_scope",
]

REQUIRED_LANGUAGES = ("uz", "ru")
MAX_CHOICES = 10

TRUE_FALSE_TEXTS = (
    {"uz": "Toʻgʻri", "ru": "Верно", "uz_cyrl": "Тўғри", "en": "True"},
    {"uz": "Notoʻgʻri", "ru": "Неверно", "uz_cyrl": "Нотўғри", "en": "False"},
)


@dataclass
class ChoiceData:
    texts: dict[str, str]
    fraction: Decimal = Decimal(0)


@dataclass
class QuestionData:
    """A question as entered (form, import row, seeder), before it is checked."""

    section: Section | None
    kind: str
    texts: dict[str, str]
    choices: list[ChoiceData] = field(default_factory=list)
    scoring: str = Scoring.FRACTIONS
    difficulty: int = Difficulty.MEDIUM
    marks: Decimal = Decimal(1)
    tags: list[str] = field(default_factory=list)
    is_active: bool = True
    true_answer: bool | None = None  # true/false questions: is the statement true?


def normalize_tags(tags: list[str] | str) -> str:
    items = tags.split(",") if isinstance(tags, str) else tags
    seen: dict[str, None] = {}
    for tag in items:
        cleaned = " ".join(str(tag).split())[:40]
        if cleaned:
            seen.setdefault(cleaned, None)
    return ", ".join(seen)[:255]


def _clean_texts(texts: dict[str, str]) -> dict[str, str]:
    return {lang: str(texts.get(lang) or "").strip() for lang in TEXT_LANGUAGES}


def _option_texts(texts: dict[str, str]) -> dict[str, str]:
    """An option written in one language only (a number, a name, a formula, an English sentence) reads
    the same in the other required language."""
    cleaned = _clean_texts(texts)
    written = next((cleaned[lang] for lang in (*REQUIRED_LANGUAGES, "uz_cyrl", "en") if cleaned[lang]), "")
    for lang in REQUIRED_LANGUAGES:
        cleaned[lang] = cleaned[lang] or written
    return cleaned


def _prepare(data: QuestionData) -> QuestionData:
    """Normalise what people type: strip texts, build true/false options, give all-or-nothing
    questions equal fractions (so switching to partial credit later behaves)."""
    data.texts = _clean_texts(data.texts)
    if data.kind == QuestionKind.TRUE_FALSE:
        if data.true_answer is None and len(data.choices) == 2:
            data.true_answer = data.choices[0].fraction > 0
        truth = bool(data.true_answer)
        data.choices = [ChoiceData(texts=dict(TRUE_FALSE_TEXTS[0]), fraction=Decimal(1 if truth else 0)),
                        ChoiceData(texts=dict(TRUE_FALSE_TEXTS[1]), fraction=Decimal(0 if truth else 1))]
        data.scoring = Scoring.FRACTIONS
    else:
        data.choices = [ChoiceData(texts=_option_texts(c.texts), fraction=_fraction(c.fraction))
                        for c in data.choices if any(str(v or "").strip() for v in c.texts.values())]
    if data.kind == QuestionKind.MULTIPLE and data.scoring == Scoring.ALL_OR_NOTHING:
        correct = [c for c in data.choices if c.fraction > 0]
        for choice in data.choices:
            choice.fraction = (Decimal(1) / len(correct)).quantize(Decimal("0.00001")) if choice in correct \
                else Decimal(0)
    if data.kind != QuestionKind.MULTIPLE:
        data.scoring = Scoring.FRACTIONS
    return data


def _fraction(value: Any) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else Decimal(0)
    except InvalidOperation:
        return Decimal("NaN")


def question_validate(data: QuestionData) -> list[AssessmentError]:
    """Every problem of ``data`` (an empty list when it can be saved). Messages name the field and
    say what is expected, in the active language."""
    data = _prepare(data)
    errors: list[AssessmentError] = []
    if data.section is None:
        errors.append(AssessmentError(_("Choose the section of the question."),
                                      code=AssessmentErrorCode.SECTION_UNKNOWN, field="section"))
    if data.kind not in QuestionKind.values:
        errors.append(AssessmentError(_("Unknown question type “%(kind)s”.") % {"kind": data.kind},
                                      code=AssessmentErrorCode.IMPORT_FORMAT_UNKNOWN, field="kind"))
        return errors
    missing_text = {"uz": _("The question text in Uzbek is missing."),
                    "ru": _("The question text in Russian is missing.")}
    for lang in REQUIRED_LANGUAGES:
        if not data.texts.get(lang):
            errors.append(AssessmentError(missing_text[lang], code=AssessmentErrorCode.QUESTION_TEXT_REQUIRED,
                                          field=f"text_{lang}"))
    if data.difficulty not in Difficulty.values:
        errors.append(AssessmentError(_("Difficulty must be 1 (easy), 2 (medium) or 3 (hard)."),
                                      code="invalid", field="difficulty"))
    if not (Decimal(0) < Decimal(data.marks) <= Decimal(100)):
        errors.append(AssessmentError(_("Marks must be above 0 and at most 100."), code="invalid", field="marks"))
    if data.kind == QuestionKind.TRUE_FALSE:
        return errors
    choices = data.choices
    if len(choices) < 2 or len(choices) > MAX_CHOICES:
        errors.append(AssessmentError(
            _("A choice question needs from 2 to %(max)s options; it has %(count)s.") % {"max": MAX_CHOICES,
                                                                                          "count": len(choices)},
            code=AssessmentErrorCode.QUESTION_TOO_FEW_CHOICES, field="choices"))
        return errors
    for number, choice in enumerate(choices, start=1):
        if choice.fraction.is_nan() or not (Decimal(-1) <= choice.fraction <= Decimal(1)):
            errors.append(AssessmentError(
                _("Option %(number)s: the fraction must be between -100 %% and 100 %%.") % {"number": number},
                code="invalid", field="choices"))
            return errors
    fractions = [c.fraction for c in choices]
    if max(fractions) <= 0:
        errors.append(AssessmentError(_("Mark at least one option as correct."),
                                      code=AssessmentErrorCode.QUESTION_NO_CORRECT_CHOICE, field="choices"))
    elif data.kind == QuestionKind.SINGLE and abs(max(fractions) - 1) > FRACTION_TOLERANCE:
        errors.append(AssessmentError(
            _("A single-choice question needs one option worth 100 %% (the correct answer)."),
            code=AssessmentErrorCode.QUESTION_SINGLE_NEEDS_ONE_CORRECT, field="choices"))
    elif data.kind == QuestionKind.MULTIPLE and data.scoring == Scoring.FRACTIONS and not fraction_sum_ok(fractions):
        total = sum((f for f in fractions if f > 0), Decimal(0)) * 100
        errors.append(AssessmentError(
            _("The correct options' fractions must add up to 100 %%; they add up to %(total)s %%.")
            % {"total": f"{total.normalize():f}"},
            code=AssessmentErrorCode.QUESTION_FRACTIONS_DO_NOT_ADD_UP, field="choices"))
    if data.kind == QuestionKind.SINGLE and sum(1 for f in fractions if abs(f - 1) <= FRACTION_TOLERANCE) > 1:
        errors.append(AssessmentError(_("A single-choice question can have only one fully correct option."),
                                      code=AssessmentErrorCode.QUESTION_SINGLE_NEEDS_ONE_CORRECT, field="choices"))
    return errors


def question_fingerprint(data: QuestionData) -> str:
    """Identifies the content (section, type, texts, options): an import skips what is already there."""
    payload = {
        "section": data.section.code if data.section else "",
        "kind": data.kind,
        "scoring": data.scoring,
        "texts": {k: v for k, v in sorted(data.texts.items()) if v},
        "choices": sorted(([{k: v for k, v in sorted(c.texts.items()) if v}, f"{c.fraction:.5f}"]
                           for c in data.choices), key=json.dumps),
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def require_bank_scope(actor: Any, organization: Any) -> None:
    """Refuse unless ``actor`` keeps the bank of ``organization`` (None: the national bank, kept by
    authors of the whole civil service). ``actor=None`` is a trusted caller (command, seeder)."""
    if actor is None:
        return
    if not can_access_organization(actor, organization, roles=BANK_ROLES):
        raise AssessmentError(
            _("You do not keep the question bank of %(organization)s.")
            % {"organization": organization.name if organization else _("the whole civil service")},
            code=AssessmentErrorCode.QUESTION_OUT_OF_SCOPE, field="owner_organization")


def _raise_first(errors: list[AssessmentError]) -> None:
    if errors:
        first = errors[0]
        first.extra = {"errors": [{"field": e.field, "code": e.code, "message": e.message} for e in errors]}
        raise first


def _question_fields(data: QuestionData) -> dict[str, Any]:
    tags = normalize_tags(data.tags)
    words = [*(data.texts.get(lang, "") for lang in TEXT_LANGUAGES), tags]
    return {
        "section": data.section, "kind": data.kind, "scoring": data.scoring, "difficulty": int(data.difficulty),
        "marks": Decimal(data.marks), "tags": tags, "is_active": data.is_active,
        "search_text": search_key(" ".join(words)),
        **{f"text_{lang}": data.texts.get(lang, "") for lang in TEXT_LANGUAGES},
    }


def _choice_rows(question: Question, data: QuestionData) -> list[Choice]:
    return [
        Choice(question=question, fraction=choice.fraction, ordering=number,
               **{f"text_{lang}": choice.texts.get(lang, "") for lang in TEXT_LANGUAGES})
        for number, choice in enumerate(data.choices, start=1)
    ]


@transaction.atomic
def question_create(*, data: QuestionData, owner_organization: Any, actor: Any) -> Question:
    """Add a question to the bank of ``owner_organization`` (None: the national bank)."""
    require_bank_scope(actor, owner_organization)
    _raise_first(question_validate(data))
    question = Question(owner_organization=owner_organization, created_by=actor if actor else None,
                        fingerprint=question_fingerprint(data), **_question_fields(data))
    question.full_clean(exclude=["owner_organization", "created_by", "section"])
    question.save()
    bulk_create_with_history(_choice_rows(question, data), Choice, default_user=actor)
    audit_log("assessment.question.created", actor=actor, target=question, data={"section": data.section.code})
    return question


@transaction.atomic
def question_update(*, question: Question, data: QuestionData, actor: Any) -> Question:
    """Change a question. Past attempts keep what they showed (their snapshots); ``version`` goes up
    when the text, options or scoring change, so reports can tell versions apart."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    require_bank_scope(actor, question.owner_organization)
    _raise_first(question_validate(data))
    before = question_fingerprint(_as_data(question))
    marks_before = question.marks
    for name, value in _question_fields(data).items():
        setattr(question, name, value)
    fingerprint = question_fingerprint(data)
    if fingerprint != before or marks_before != Decimal(data.marks):
        question.version += 1
    question.fingerprint = fingerprint
    if actor is not None:
        question._history_user = actor
    question.full_clean(exclude=["owner_organization", "created_by", "section"])
    question.save()
    if fingerprint != before:
        for choice in question.choices.all():
            choice._history_user = actor
            choice.delete()
        bulk_create_with_history(_choice_rows(question, data), Choice, default_user=actor)
    audit_log("assessment.question.updated", actor=actor, target=question, data={"version": question.version})
    return question


@transaction.atomic
def question_set_active(*, question: Question, active: bool, actor: Any) -> Question:
    question = Question.objects.select_for_update().get(pk=question.pk)
    require_bank_scope(actor, question.owner_organization)
    if question.is_active != active:
        question.is_active = active
        if actor is not None:
            question._history_user = actor
        question.save(update_fields=["is_active", "updated_at"])
        audit_log("assessment.question.activated" if active else "assessment.question.deactivated",
                  actor=actor, target=question)
    return question


def _as_data(question: Question) -> QuestionData:
    return QuestionData(
        section=question.section, kind=question.kind, scoring=question.scoring, difficulty=question.difficulty,
        marks=question.marks, tags=question.tag_list, is_active=question.is_active,
        texts=question.texts(),
        choices=[ChoiceData(texts=c.texts(), fraction=c.fraction) for c in question.choices.all()],
    )


@transaction.atomic
def questions_create_bulk(*, items: list[QuestionData], owner_organization: Any, actor: Any) -> list[Question]:
    """Add many checked questions at once (imports, the demo seeder): two inserts per batch instead of
    two per question. The caller has validated every item with :func:`question_validate`."""
    require_bank_scope(actor, owner_organization)
    questions = [Question(owner_organization=owner_organization, created_by=actor if actor else None,
                          fingerprint=question_fingerprint(data), **_question_fields(data)) for data in items]
    questions = bulk_create_with_history(questions, Question, default_user=actor, batch_size=500)
    if not all(q.pk for q in questions):  # databases that return no ids from bulk inserts
        fingerprints = [q.fingerprint for q in questions]
        by_fingerprint = {q.fingerprint: q for q in Question.objects.filter(fingerprint__in=fingerprints)
                          .order_by("id")}
        questions = [by_fingerprint[f] for f in fingerprints]
    choices = [choice for question, data in zip(questions, items, strict=True)
               for choice in _choice_rows(question, data)]
    bulk_create_with_history(choices, Choice, default_user=actor, batch_size=1000)
    audit_log("assessment.question.imported", actor=actor, target=owner_organization,
              data={"count": len(questions)})
    return questions
