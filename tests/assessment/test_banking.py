"""Score banking: a passed score (56 or more by default) counts for 3 months for tests with matching
requirements (the same banking group, or the same composition)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from assessment.models import Attempt, AttemptState
from assessment.selectors import OutcomeStatus, assignment_outcome, banked_result_for
from assessment.services import (
    SectionLine,
    attempt_finish,
    attempt_save_answer,
    attempt_start,
    campaign_create,
    test_sections_set,
    test_update,
)
from tests.assessment.factories import assign, make_bank, make_test, section
from tests.factories import UserFactory, grant, make_staffed_employee
from workforce.models import Role
from workforce.services import employee_link_user

pytestmark = pytest.mark.django_db

TZ = datetime.timezone(datetime.timedelta(hours=5))  # Asia/Tashkent
FINISHED_AT = datetime.datetime(2026, 1, 15, 10, 0, tzinfo=TZ)


def sit(test, user, *, right: int, at: datetime.datetime = FINISHED_AT, assignment=None):
    """``user`` sits ``test`` at ``at`` (25 questions) and answers ``right`` of them correctly."""
    assignment = assignment or assign(test, user)
    attempt = attempt_start(assignment=assignment, user=user, now=at - datetime.timedelta(minutes=30))
    for number, slot in enumerate(attempt.slots.order_by("position")):
        if number < right:
            correct = [int(k) for k, v in slot.key.items() if Decimal(v) > 0]
            attempt_save_answer(attempt_id=attempt.pk, question_id=slot.question_id, user=user, choices=correct,
                                sequence=1, now=at - datetime.timedelta(minutes=20))
    return attempt_finish(attempt=attempt, actor=user, now=at)


@pytest.fixture
def bank(db):
    make_bank("legislation", 25)


@pytest.fixture
def test_a(bank):
    return make_test(lines=[("legislation", 25)], banking_group="specialist-2026", time_limit_minutes=60)


@pytest.fixture
def test_b(bank):
    return make_test(lines=[("legislation", 25)], banking_group="specialist-2026", time_limit_minutes=40)


def test_exactly_56_passes_and_is_banked(test_a, test_b):
    person = UserFactory()
    attempt = sit(test_a, person, right=14)  # 14 of 25 = 56.00
    assert (attempt.score, attempt.passed) == (Decimal("56.00"), True)
    banked = banked_result_for(user=person, test=test_b, on=datetime.date(2026, 1, 20))
    assert banked is not None and banked.attempt_id == attempt.pk and banked.score == Decimal("56.00")


def test_just_below_56_fails_and_is_not_banked(test_a, test_b):
    person = UserFactory()
    attempt = sit(test_a, person, right=13)  # 52.00
    assert attempt.passed is False
    assert banked_result_for(user=person, test=test_b, on=datetime.date(2026, 1, 20)) is None


@pytest.mark.parametrize(("on", "banked"), [
    (datetime.date(2026, 1, 15), True),   # the day it was earned
    (datetime.date(2026, 4, 14), True),   # 3 months - 1 day
    (datetime.date(2026, 4, 15), True),   # exactly 3 months
    (datetime.date(2026, 4, 16), False),  # 3 months + 1 day
    (datetime.date(2026, 1, 14), False),  # before it was earned
])
def test_banked_for_three_months(test_a, test_b, on, banked):
    person = UserFactory()
    sit(test_a, person, right=20)
    assert (banked_result_for(user=person, test=test_b, on=on) is not None) is banked


def test_the_local_date_decides_near_midnight(test_a, test_b):
    person = UserFactory()
    # 00:30 in Tashkent on 15 January is still 14 January in UTC: the banked term follows Tashkent.
    sit(test_a, person, right=20, at=datetime.datetime(2026, 1, 15, 0, 30, tzinfo=TZ))
    assert banked_result_for(user=person, test=test_b, on=datetime.date(2026, 4, 15)) is not None
    assert banked_result_for(user=person, test=test_b, on=datetime.date(2026, 4, 16)) is None


def test_a_longer_banking_term_from_the_policy(test_a, test_b):
    from assessment.models import AssessmentPolicy

    AssessmentPolicy.objects.create(key="banking_months", value=6, effective_from=datetime.date(2026, 1, 1))
    person = UserFactory()
    sit(test_a, person, right=20)
    assert banked_result_for(user=person, test=test_b, on=datetime.date(2026, 7, 15)) is not None
    assert banked_result_for(user=person, test=test_b, on=datetime.date(2026, 7, 16)) is None


def test_other_requirements_are_not_matched(test_a, bank):
    make_bank("logic", 5)
    unrelated = make_test(lines=[("logic", 5)], banking_group="managers")
    person = UserFactory()
    sit(test_a, person, right=25)
    assert banked_result_for(user=person, test=unrelated, on=datetime.date(2026, 2, 1)) is None


def test_equal_composition_matches_without_a_banking_group(bank):
    one = make_test(lines=[("legislation", 25)])
    same = make_test(lines=[("legislation", 25)], time_limit_minutes=90)
    different = make_test(lines=[("legislation", 20)])
    person = UserFactory()
    sit(one, person, right=20)
    assert one.requirements_key == same.requirements_key != different.requirements_key
    assert banked_result_for(user=person, test=same, on=datetime.date(2026, 2, 1)) is not None
    assert banked_result_for(user=person, test=different, on=datetime.date(2026, 2, 1)) is None


def test_the_key_of_the_attempt_is_the_one_it_was_sat_under(bank):
    one = make_test(lines=[("legislation", 25)])
    same = make_test(lines=[("legislation", 25)])
    person = UserFactory()
    sit(one, person, right=20)
    # The blueprint changes afterwards: the score was earned on the old composition, which still matches `same`.
    test_sections_set(test=one, lines=[SectionLine(section("legislation"), 20)], actor=None)
    assert banked_result_for(user=person, test=same, on=datetime.date(2026, 2, 1)) is not None


def test_a_banked_score_must_reach_the_target_tests_own_pass_mark(test_a, test_b):
    test_update(test=test_b, actor=None, pass_mark=Decimal(70))
    test_b.refresh_from_db()
    person = UserFactory()
    sit(test_a, person, right=16)  # 64
    assert banked_result_for(user=person, test=test_b, on=datetime.date(2026, 2, 1)) is None
    other = UserFactory()
    sit(test_a, other, right=18)  # 72
    assert banked_result_for(user=other, test=test_b, on=datetime.date(2026, 2, 1)).score == Decimal("72.00")


def test_the_best_banked_score_is_returned(test_a, test_b):
    test_update(test=test_a, actor=None, attempts_allowed=3)
    person = UserFactory()
    assignment = assign(test_a, person)
    sit(test_a, person, right=15, assignment=assignment)
    best = sit(test_a, person, right=22, assignment=assignment, at=FINISHED_AT + datetime.timedelta(hours=2))
    sit(test_a, person, right=18, assignment=assignment, at=FINISHED_AT + datetime.timedelta(hours=4))
    assert banked_result_for(user=person, test=test_b, on=datetime.date(2026, 2, 1)).attempt_id == best.pk


def test_assignment_outcome_for_the_vacancies_app(test_a, test_b):
    person = UserFactory()
    first = assign(test_a, person, source_id="application-1")
    assert assignment_outcome(assignment=first).status == OutcomeStatus.NOT_STARTED
    attempt = attempt_start(assignment=first, user=person, now=datetime.datetime.now(TZ))
    outcome = assignment_outcome(assignment=first)
    assert (outcome.status, outcome.attempt_id) == (OutcomeStatus.IN_PROGRESS, attempt.pk)
    Attempt.objects.filter(pk=attempt.pk).delete()

    passed = sit(test_a, person, right=20, at=datetime.datetime.now(TZ) - datetime.timedelta(days=10))
    second = assign(test_b, person, source_id="application-2")
    outcome = assignment_outcome(assignment=second)
    assert outcome.status == OutcomeStatus.FINISHED and outcome.banked and outcome.passed
    assert (outcome.attempt_id, outcome.score) == (passed.pk, Decimal("80.00"))


def test_attestation_campaigns_do_not_accept_banked_scores(test_a, test_b, tree):
    officer = UserFactory()
    grant(officer, Role.HR_OFFICER, tree["A"])
    person = UserFactory()
    employee = make_staffed_employee(tree["A"])
    employee_link_user(employee=employee, user=person, actor=None)
    sit(test_a, person, right=20, at=datetime.datetime.now(TZ) - datetime.timedelta(days=3))
    campaign = campaign_create(name="Attestatsiya", test=test_b, organization=tree["A"], actor=officer,
                               deadline=datetime.datetime.now(TZ) + datetime.timedelta(days=30))
    assignment = campaign.assignments.get(user=person)
    assert assignment_outcome(assignment=assignment).status == OutcomeStatus.NOT_STARTED


def test_expired_assignment(test_a):
    person = UserFactory()
    past = datetime.datetime.now(TZ) - datetime.timedelta(days=1)
    assignment = assign(test_a, person, available_until=past)
    assert assignment_outcome(assignment=assignment).status == OutcomeStatus.EXPIRED
    assert not Attempt.objects.filter(state=AttemptState.IN_PROGRESS).exists()
