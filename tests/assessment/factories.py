"""Factories of the assessment tests: questions, blueprints and assignments built through the services
(so every row is one the application itself could have written)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from itertools import count

from assessment.models import Question, QuestionKind, Scoring, Section, Test
from assessment.services import (
    ChoiceData,
    QuestionData,
    SectionLine,
    question_create,
    test_assign,
    test_create,
    test_publish,
    test_sections_set,
)

_serial = count(1)


def section(code: str = "legislation") -> Section:
    return Section.objects.get(code=code)


def make_question(*, section_code: str = "legislation", kind: str = QuestionKind.SINGLE, options: int = 4,
                  correct: tuple[int, ...] = (0,), fractions: list[str] | None = None,
                  scoring: str = Scoring.FRACTIONS, difficulty: int = 2, marks: str = "1", owner=None,
                  true_answer: bool = True, text: str | None = None, actor=None) -> Question:
    """A question with ``options`` options; ``correct`` are the indexes of the correct ones (single:
    fraction 1; multiple: equal shares) unless ``fractions`` gives each option's fraction."""
    n = next(_serial)
    if kind == QuestionKind.TRUE_FALSE:
        choices = []
    else:
        if fractions is None:
            share = Decimal(1) / len(correct) if correct else Decimal(0)
            fractions = [str(share if i in correct else 0) for i in range(options)]
        choices = [ChoiceData(texts={"uz": f"Variant {n}.{i + 1}", "ru": f"Вариант {n}.{i + 1}"},
                              fraction=Decimal(fraction)) for i, fraction in enumerate(fractions)]
    data = QuestionData(
        section=section(section_code), kind=kind, scoring=scoring, difficulty=difficulty, marks=Decimal(marks),
        texts={"uz": text or f"Savol {n}: qaysi javob toʻgʻri?", "ru": f"Вопрос {n}: какой ответ верный?"},
        choices=choices, true_answer=true_answer,
    )
    return question_create(data=data, owner_organization=owner, actor=actor)


def make_bank(section_code: str = "legislation", count_: int = 5, **kwargs) -> list[Question]:
    return [make_question(section_code=section_code, **kwargs) for _ in range(count_)]


def make_test(*, lines: list[tuple[str, int]] | None = None, owner=None, publish: bool = True,
              code: str | None = None, **fields) -> Test:
    """A blueprint drawing ``lines`` [(section code, count)]; the bank must hold enough questions
    when ``publish`` is true (call :func:`make_bank` first)."""
    n = next(_serial)
    fields.setdefault("name_uz", f"Test {n}")
    fields.setdefault("name_ru", f"Тест {n}")
    test = test_create(code=code or f"test-{n}", owner_organization=owner, actor=None, **fields)
    test_sections_set(test=test, lines=[SectionLine(section(code_), count_) for code_, count_ in
                                        (lines or [("legislation", 3)])], actor=None)
    if publish:
        test = test_publish(test=test, actor=None)
    test.refresh_from_db()
    return test


def assign(test: Test, user, *, source_id: str | None = None, available_until: datetime.datetime | None = None,
           source_app: str = "vacancies"):
    return test_assign(test=test, user=user, source_app=source_app, source_id=source_id or f"app-{next(_serial)}",
                       source_label="Vakansiya: bosh mutaxassis", available_until=available_until, actor=None)
