"""The question bank's rules, the same for the form, the imports and the seeder."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assessment.errors import AssessmentErrorCode
from assessment.models import Choice, Question, QuestionKind, Scoring
from assessment.selectors import question_list, question_pool
from assessment.services import ChoiceData, QuestionData, question_create, question_update, question_validate
from core.exceptions import ApplicationError
from tests.assessment.factories import make_question, make_test, section
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def data(kind=QuestionKind.SINGLE, fractions=("1", "0", "0"), scoring=Scoring.FRACTIONS, **texts):
    return QuestionData(section=section(), kind=kind, scoring=scoring,
                        texts={"uz": "Savol", "ru": "Вопрос", **texts},
                        choices=[ChoiceData({"uz": f"V{i}", "ru": f"В{i}"}, Decimal(f)) for i, f in enumerate(fractions)])


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"ru": ""}, AssessmentErrorCode.QUESTION_TEXT_REQUIRED),
    ({"fractions": ("1",)}, AssessmentErrorCode.QUESTION_TOO_FEW_CHOICES),
    ({"fractions": ("0", "0")}, AssessmentErrorCode.QUESTION_NO_CORRECT_CHOICE),
    ({"fractions": ("0.5", "0.5")}, AssessmentErrorCode.QUESTION_SINGLE_NEEDS_ONE_CORRECT),
    ({"fractions": ("1", "1", "0")}, AssessmentErrorCode.QUESTION_SINGLE_NEEDS_ONE_CORRECT),
    ({"kind": QuestionKind.MULTIPLE, "fractions": ("0.5", "0.3", "0")},
     AssessmentErrorCode.QUESTION_FRACTIONS_DO_NOT_ADD_UP),
])
def test_invalid_questions_are_named(kwargs, code):
    assert code in [error.code for error in question_validate(data(**kwargs))]


def test_thirds_add_up_like_moodle_writes_them():
    question = data(kind=QuestionKind.MULTIPLE, fractions=("0.33333", "0.33333", "0.33333", "-1"))
    assert question_validate(question) == []


def test_all_or_nothing_gets_equal_shares():
    question = question_create(data=data(kind=QuestionKind.MULTIPLE, scoring=Scoring.ALL_OR_NOTHING,
                                         fractions=("1", "1", "0", "-1")), owner_organization=None, actor=None)
    assert [c.fraction for c in question.choices.order_by("ordering")] == \
        [Decimal("0.5"), Decimal("0.5"), Decimal(0), Decimal(0)]


def test_every_problem_is_reported_at_once():
    codes = [error.code for error in question_validate(data(ru="", fractions=("0", "0")))]
    assert AssessmentErrorCode.QUESTION_TEXT_REQUIRED in codes and AssessmentErrorCode.QUESTION_NO_CORRECT_CHOICE in codes


def test_update_keeps_history_and_bumps_the_version():
    question = make_question()
    question_update(question=question, data=data(fractions=("0", "1", "0")), actor=None)
    question.refresh_from_db()
    assert question.version == 2
    assert question.history.count() == 2
    assert [c.fraction for c in Choice.objects.filter(question=question).order_by("ordering")] == \
        [Decimal(0), Decimal(1), Decimal(0)]
    question_update(question=question, data=data(fractions=("0", "1", "0")), actor=None)
    question.refresh_from_db()
    assert question.version == 2  # nothing changed


def test_authors_see_and_keep_only_their_subtrees(tree):
    author_a = UserFactory()
    grant(author_a, "test_author", tree["A"])
    national = UserFactory()
    grant(national, "test_author", None)
    mine = make_question(owner=tree["A-DEPT"])
    theirs = make_question(owner=tree["B"])
    shared = make_question(owner=None)
    assert set(question_list(user=author_a)) == {mine}
    assert set(question_list(user=national)) == {mine, theirs, shared}
    with pytest.raises(ApplicationError) as error:
        question_create(data=data(), owner_organization=tree["B"], actor=author_a)
    assert error.value.code == AssessmentErrorCode.QUESTION_OUT_OF_SCOPE
    with pytest.raises(ApplicationError):
        question_update(question=theirs, data=data(), actor=author_a)
    with pytest.raises(ApplicationError):
        question_create(data=data(), owner_organization=None, actor=author_a)  # the national bank


def test_search_is_blind_to_script_and_apostrophes():
    question = make_question(text="Oʻzbekiston Respublikasining davlat tili qaysi?")
    author = UserFactory()
    grant(author, "test_author", None)
    assert list(question_list(user=author, search="o'zbekiston")) == [question]
    assert list(question_list(user=author, search="Ўзбекистон")) == [question]


def test_a_test_draws_from_its_own_bank_those_above_and_the_national_one(tree):
    make_question(owner=tree["A"])
    make_question(owner=tree["A-DEPT"])
    make_question(owner=None)
    make_question(owner=tree["B"])
    make_question(owner=tree["A-DIST"])  # below the test's organisation: not drawn
    test = make_test(owner=tree["A-DEPT"], lines=[("legislation", 3)])
    pool = question_pool(test=test, line=test.sections.get())
    assert {q.owner_organization.code if q.owner_organization else None for q in pool} == {"A", "A-DEPT", None}
    assert Question.objects.count() == 5
