"""Read side: export rows of applicants (scoped) and the competition funnel (SQL aggregation)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories import make_vacancy
from vacancies.selectors import applicant_rows, competition_funnel
from vacancies.services import application_submit, commission_member_add, competition_rank, vacancy_appoint_winner

from .conftest import make_candidate, score_all, take_to_interview

pytestmark = pytest.mark.django_db


def test_applicant_rows_are_scoped_and_readable(tree, hr_a, hr_b):
    vacancy = make_vacancy(tree["A"], min_experience_years=9)
    application_submit(vacancy=vacancy, candidate=make_candidate(last_name="Olimova", experience_years=3), actor=None)
    with translation.override("en"):
        rows = list(applicant_rows(vacancy=vacancy, user=hr_a))
    assert [r["full_name"].split()[0] for r in rows] == ["Olimova"]
    assert rows[0]["check_passed"] is False and "at least 9 years" in rows[0]["check_reasons"]
    assert list(applicant_rows(vacancy=vacancy, user=hr_b)) == []


def test_funnel_counts_every_step_and_time_to_fill(tree, hr_a, commission_a):
    vacancy = make_vacancy(tree["A"])
    for user in commission_a:
        commission_member_add(vacancy=vacancy, user=user, actor=None)
    vacancy, applications = take_to_interview(vacancy, [make_candidate(), make_candidate()], scores=(80, 60))
    application_submit(vacancy=make_vacancy(tree["A"]), candidate=make_candidate(), actor=None)
    score_all(vacancy, applications, commission_a, {(m, a): [7] * 4 for m in (0, 1) for a in (0, 1)})
    winner = competition_rank(vacancy=vacancy, actor=None)[0]
    vacancy_appoint_winner(vacancy=vacancy, application=winner, start_date=datetime.date.today(), actor=None)
    with CaptureQueriesContext(connection) as queries:
        funnel = competition_funnel(user=hr_a)
    assert funnel["totals"] == {"applied": 3, "admitted": 2, "tested": 2, "passed": 2, "interviewed": 2,
                                "winner": 1, "appointed": 1}
    row = next(r for r in funnel["rows"] if r["vacancy"].pk == vacancy.pk)
    assert row["appointed"] == 1 and row["days_to_fill"] == 0
    assert funnel["time_to_fill"]["completed"] == 1
    assert len(queries) <= 6
    from tests.factories import UserFactory

    assert competition_funnel(user=UserFactory(username="nobody"))["totals"]["applied"] == 0
