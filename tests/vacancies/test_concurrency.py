"""Parallel requests on PostgreSQL (threads through a barrier, one connection and transaction each):
the rules must hold as if the requests had come one after another."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from tests.factories import make_vacancy
from tests.workforce.test_concurrency import race
from vacancies.errors import VacancyErrorCode
from vacancies.models import Application, Candidate, Vacancy
from vacancies.services import application_submit, competition_rank, vacancy_appoint_winner
from workforce.models import Assignment, HROrder

from .conftest import commission_member_add, make_candidate, score_all, take_to_interview

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _outcomes(results):
    return Counter(kind if kind == "ok" else value for kind, value in results)


def test_fifty_identical_applications_make_one_row(tree):
    vacancy = make_vacancy(tree["A"])
    candidate = make_candidate()

    def prepare(_i):
        return Vacancy.objects.get(pk=vacancy.pk), Candidate.objects.get(pk=candidate.pk)

    results = race(50, prepare, lambda args: application_submit(vacancy=args[0], candidate=args[1],
                                                                actor=None).pk)
    assert _outcomes(results) == {"ok": 1, VacancyErrorCode.ALREADY_APPLIED: 49}, results
    assert Application.objects.filter(vacancy=vacancy, candidate=candidate).count() == 1


def test_twenty_applications_of_one_candidate_leave_five_active(tree):
    vacancies = [make_vacancy(tree["A"]).pk for _ in range(20)]
    candidate = make_candidate()

    def prepare(i):
        return Vacancy.objects.get(pk=vacancies[i]), Candidate.objects.get(pk=candidate.pk)

    results = race(20, prepare, lambda args: application_submit(vacancy=args[0], candidate=args[1],
                                                                actor=None).pk)
    assert _outcomes(results) == {"ok": 5, VacancyErrorCode.TOO_MANY_ACTIVE: 15}, results
    assert Application.objects.filter(candidate=candidate, is_active=True).count() == 5


def test_two_parallel_appointments_make_one(tree, commission_a, hr_a):
    vacancy = make_vacancy(tree["A"])
    for user in commission_a:
        commission_member_add(vacancy=vacancy, user=user, actor=None)
    vacancy, applications = take_to_interview(vacancy, [make_candidate(), make_candidate()], scores=(90, 60))
    score_all(vacancy, applications, commission_a, {(m, a): [8] * 4 for m in (0, 1) for a in (0, 1)})
    winner = competition_rank(vacancy=vacancy, actor=None)[0]
    start = datetime.date.today() + datetime.timedelta(days=5)

    def prepare(_i):
        return Vacancy.objects.get(pk=vacancy.pk), Application.objects.get(pk=winner.pk)

    results = race(2, prepare, lambda args: vacancy_appoint_winner(vacancy=args[0], application=args[1],
                                                                   start_date=start, actor=hr_a).number)
    assert _outcomes(results) == {"ok": 1, VacancyErrorCode.ALREADY_APPOINTED: 1}, results
    assert HROrder.objects.count() == 1
    assert Assignment.objects.filter(staff_position=vacancy.staff_position).count() == 1
    assert Application.objects.filter(vacancy=vacancy, stage="appointed").count() == 1


def test_a_test_result_delivered_twice_in_parallel_moves_the_stage_once(tree):
    """The taker's finish and the overdue task (or a redelivered signal) may report the same attempt
    together: the application row lock makes one of them move the stage and notify, the other no-op."""
    from assessment.models import TestAssignment
    from core.models import Notification
    from tests.assessment.factories import make_bank, make_test
    from vacancies.models import ApplicationEvent, Stage
    from vacancies.services import application_admit, application_invite_to_test, application_test_finished

    from .test_testing_stage import sit

    make_bank("legislation", 10)
    vacancy = make_vacancy(tree["A"], test=make_test(lines=[("legislation", 10)]))
    candidate = make_candidate()
    application = application_submit(vacancy=vacancy, candidate=candidate, actor=None)
    application_admit(application=application, actor=None)
    from vacancies.services import vacancy_close, vacancy_start_competition

    vacancy_start_competition(vacancy=vacancy_close(vacancy=vacancy, actor=None), actor=None)
    application.refresh_from_db()
    application_invite_to_test(application=application, actor=None)
    sit(TestAssignment.objects.get(user=candidate.user), candidate.user, right=7)  # its signal ran already
    Application.objects.filter(pk=application.pk).update(stage=Stage.TESTING, test_score=None)  # replay it
    results = race(8, lambda _i: application.pk,
                   lambda pk: bool(application_test_finished(application_id=pk)))
    assert Counter(value for _kind, value in results) == {True: 1, False: 7}, results
    assert ApplicationEvent.objects.filter(application=application, to_stage=Stage.TEST_PASSED).count() == 2
    assert Notification.objects.filter(recipient=candidate.user, event="vacancies.stage_changed",
                                       context__stage__en="Test passed").count() == 2
