"""The testing stage through the assessment engine: the invitation assigns the vacancy's test, a banked
score passes by itself, the finished attempt moves the stage (``attempt_finished``), and a candidate who
is not a civil servant takes the test from the cabinet."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from assessment.models import TestAssignment
from assessment.services import attempt_finish, attempt_save_answer, attempt_start
from core.exceptions import ApplicationError
from core.notifications import notifications_of
from tests.assessment.factories import assign, make_bank, make_test
from tests.factories import make_vacancy
from vacancies.errors import VacancyErrorCode
from vacancies.models import Application, ApplicationEvent, Stage
from vacancies.services import (
    application_admit,
    application_invite_to_test,
    application_submit,
    application_test_finished,
    vacancy_close,
    vacancy_start_competition,
)

from .conftest import make_candidate

pytestmark = pytest.mark.django_db
QUESTIONS = 10


@pytest.fixture
def test_of_vacancy(db):
    make_bank("legislation", QUESTIONS)
    return make_test(lines=[("legislation", QUESTIONS)], banking_group="specialist-2026")


def admitted(vacancy, candidate=None):
    candidate = candidate or make_candidate()
    application = application_submit(vacancy=vacancy, candidate=candidate, actor=candidate.user)
    application_admit(application=application, actor=None)
    vacancy_close(vacancy=vacancy, actor=None)
    vacancy_start_competition(vacancy=vacancy, actor=None)
    application.refresh_from_db()
    return application


def sit(assignment, user, *, right: int, at: datetime.datetime | None = None):
    """``user`` sits the assignment's test and answers ``right`` of the questions correctly."""
    at = at or timezone.now()
    attempt = attempt_start(assignment=assignment, user=user, now=at - datetime.timedelta(minutes=10))
    for number, slot in enumerate(attempt.slots.order_by("position")):
        if number < right:
            correct = [int(k) for k, v in slot.key.items() if Decimal(v) > 0]
            attempt_save_answer(attempt_id=attempt.pk, question_id=slot.question_id, user=user, choices=correct,
                                sequence=1, now=at - datetime.timedelta(minutes=5))
    return attempt_finish(attempt=attempt, actor=user, now=at)


def test_the_invitation_assigns_the_vacancys_test(tree, test_of_vacancy):
    vacancy = make_vacancy(tree["A"], test=test_of_vacancy)
    application = admitted(vacancy)
    application_invite_to_test(application=application, actor=None)
    application.refresh_from_db()
    assert application.stage == Stage.TESTING
    assignment = TestAssignment.objects.get(user=application.candidate.user)
    assert (assignment.test_id, assignment.source_app, assignment.source_id) == \
        (test_of_vacancy.pk, "vacancies", str(application.pk))
    assert assignment.accepts_banked


def test_a_finished_attempt_records_the_score_and_passes(tree, test_of_vacancy, django_capture_on_commit_callbacks):
    vacancy = make_vacancy(tree["A"], test=test_of_vacancy)
    application = admitted(vacancy)
    application_invite_to_test(application=application, actor=None)
    assignment = TestAssignment.objects.get(user=application.candidate.user)
    with django_capture_on_commit_callbacks(execute=True):
        sit(assignment, application.candidate.user, right=8)
    application.refresh_from_db()
    assert (application.stage, application.test_score, application.test_banked) == \
        (Stage.TEST_PASSED, Decimal("80.00"), False)
    assert application.is_active


def test_a_score_below_the_pass_mark_fails(tree, test_of_vacancy, django_capture_on_commit_callbacks):
    vacancy = make_vacancy(tree["A"], test=test_of_vacancy)
    application = admitted(vacancy)
    application_invite_to_test(application=application, actor=None)
    assignment = TestAssignment.objects.get(user=application.candidate.user)
    with django_capture_on_commit_callbacks(execute=True):
        sit(assignment, application.candidate.user, right=5)  # 50 < 56
    application.refresh_from_db()
    assert (application.stage, application.test_score, application.is_active) == \
        (Stage.TEST_FAILED, Decimal("50.00"), False)


def test_a_failed_attempt_with_attempts_left_keeps_testing(tree, django_capture_on_commit_callbacks):
    make_bank("legislation", QUESTIONS)
    test = make_test(lines=[("legislation", QUESTIONS)], attempts_allowed=2)
    vacancy = make_vacancy(tree["A"], test=test)
    application = admitted(vacancy)
    application_invite_to_test(application=application, actor=None)
    assignment = TestAssignment.objects.get(user=application.candidate.user)
    with django_capture_on_commit_callbacks(execute=True):
        sit(assignment, application.candidate.user, right=3)
    application.refresh_from_db()
    assert application.stage == Stage.TESTING
    with django_capture_on_commit_callbacks(execute=True):
        sit(assignment, application.candidate.user, right=9)
    application.refresh_from_db()
    assert (application.stage, application.test_score) == (Stage.TEST_PASSED, Decimal("90.00"))


def test_a_banked_score_passes_the_stage_by_itself(tree, test_of_vacancy):
    earlier = make_test(lines=[("legislation", QUESTIONS)], banking_group="specialist-2026")
    candidate = make_candidate()
    sit(assign(earlier, candidate.user, source_app="assessment"), candidate.user, right=7,
        at=timezone.now() - datetime.timedelta(days=30))
    vacancy = make_vacancy(tree["A"], test=test_of_vacancy)
    application = admitted(vacancy, candidate)
    application_invite_to_test(application=application, actor=None)
    application.refresh_from_db()
    assert (application.stage, application.test_score, application.test_banked) == \
        (Stage.TEST_PASSED, Decimal("70.00"), True)
    assert not TestAssignment.objects.filter(source_app="vacancies").exists()  # nothing left to sit
    assert list(ApplicationEvent.objects.filter(application=application).values_list("to_stage", flat=True)) == \
        [Stage.SUBMITTED, Stage.ADMITTED, Stage.TEST_PASSED]


def test_an_old_or_unrelated_score_is_not_banked(tree, test_of_vacancy):
    unrelated = make_test(lines=[("legislation", 5)])
    old = make_test(lines=[("legislation", QUESTIONS)], banking_group="specialist-2026")
    candidate = make_candidate()
    sit(assign(unrelated, candidate.user, source_app="assessment"), candidate.user, right=5)
    sit(assign(old, candidate.user, source_app="assessment"), candidate.user, right=9,
        at=timezone.now() - datetime.timedelta(days=100))  # more than 3 months ago
    application = admitted(make_vacancy(tree["A"], test=test_of_vacancy), candidate)
    application_invite_to_test(application=application, actor=None)
    application.refresh_from_db()
    assert (application.stage, application.test_banked) == (Stage.TESTING, False)


def test_the_result_of_another_source_or_stage_changes_nothing(tree, test_of_vacancy,
                                                               django_capture_on_commit_callbacks):
    application = admitted(make_vacancy(tree["A"], test=test_of_vacancy))
    user = application.candidate.user
    with django_capture_on_commit_callbacks(execute=True):  # a campaign assignment whose id happens to match
        sit(assign(test_of_vacancy, user, source_app="assessment", source_id=str(application.pk)), user, right=9)
    assert application_test_finished(application_id=application.pk) is None  # still admitted, not testing
    application.refresh_from_db()
    assert application.stage == Stage.ADMITTED


def test_a_vacancy_test_must_be_published(tree):
    make_bank("legislation", 3)
    draft = make_test(publish=False)
    with pytest.raises(ApplicationError) as error:
        make_vacancy(tree["A"], test=draft)
    assert error.value.code == VacancyErrorCode.TEST_NOT_PUBLISHED


def test_the_candidate_takes_the_test_from_the_cabinet(client, tree, test_of_vacancy,
                                                       django_capture_on_commit_callbacks):
    """A candidate who is not a civil servant: the cabinet links to the assessment taker, which works
    for them, and the cabinet then shows the result and where the application stands."""
    application = admitted(make_vacancy(tree["A"], test=test_of_vacancy))
    application_invite_to_test(application=application, actor=None)
    user = application.candidate.user
    assert application.candidate.employee is None
    client.force_login(user)
    page = client.get("/cabinet/").content.decode()
    assignment = TestAssignment.objects.get(user=user)
    assert 'data-testid="take-test"' in page and f"/assessment/assignments/{assignment.pk}/start/" in page
    response = client.post(f"/assessment/assignments/{assignment.pk}/start/")
    assert response.status_code == 302 and "/assessment/attempts/" in response["Location"]
    assert client.get(response["Location"]).status_code == 200
    attempt = assignment.attempts.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/assessment/attempts/{attempt.pk}/finish/")
    application.refresh_from_db()
    assert application.stage == Stage.TEST_FAILED  # nothing answered: 0 points
    page = client.get("/cabinet/").content.decode()
    assert 'data-testid="take-test"' not in page and 'data-testid="test-result"' in page
    headlines = [n.event for n in notifications_of(user=user)]
    assert headlines.count("vacancies.stage_changed") == 4  # submitted, admitted, testing, test failed


def test_the_cabinet_says_a_banked_score_passed(client, tree, test_of_vacancy):
    earlier = make_test(lines=[("legislation", QUESTIONS)], banking_group="specialist-2026")
    candidate = make_candidate()
    sit(assign(earlier, candidate.user, source_app="assessment"), candidate.user, right=8,
        at=timezone.now() - datetime.timedelta(days=10))
    application = admitted(make_vacancy(tree["A"], test=test_of_vacancy), candidate)
    application_invite_to_test(application=application, actor=None)
    client.force_login(candidate.user)
    page = client.get("/cabinet/").content.decode()
    assert 'data-testid="banked"' in page
    assert Application.objects.get(pk=application.pk).test_banked


def test_withdrawing_at_the_test_closes_its_assignment(tree, test_of_vacancy):
    from vacancies.services import application_withdraw

    vacancy = make_vacancy(tree["A"], test=test_of_vacancy)
    application = admitted(vacancy)
    application_invite_to_test(application=application, actor=None)
    assignment = TestAssignment.objects.get(user=application.candidate.user)
    assert assignment.available_until is None
    application.refresh_from_db()
    application_withdraw(application=application, actor=application.candidate.user)
    assignment.refresh_from_db()
    assert assignment.available_until is not None and assignment.available_until <= timezone.now()
    with pytest.raises(ApplicationError):
        attempt_start(assignment=assignment, user=application.candidate.user)
