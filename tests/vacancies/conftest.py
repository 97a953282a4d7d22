from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from tests.factories import UserFactory, grant, make_candidate, make_vacancy
from vacancies.models import Stage
from vacancies.services import (
    application_admit,
    application_invite_to_interview,
    application_invite_to_test,
    application_record_test_result,
    application_submit,
    commission_member_add,
    conflict_declare,
    interview_scores_submit,
)
from workforce.models import Role


@pytest.fixture
def commission_a(tree):
    """Two commission members with the role on organisation A."""
    members = []
    for name in ("kom_a1", "kom_a2"):
        user = UserFactory(username=name)
        grant(user, Role.COMMISSION, tree["A"])
        members.append(user)
    return members


def take_to_interview(vacancy, candidates, *, scores=(80, 70, 60, 90)):
    """Apply, admit, test and invite each candidate (the vacancy must be in competition by then)."""
    from vacancies.services import vacancy_close, vacancy_start_competition

    applications = [application_submit(vacancy=vacancy, candidate=c, actor=c.user) for c in candidates]
    for application in applications:
        application_admit(application=application, actor=None)
    vacancy = vacancy_close(vacancy=vacancy, actor=None)
    vacancy = vacancy_start_competition(vacancy=vacancy, actor=None)
    for application, score in zip(applications, scores, strict=False):
        application.refresh_from_db()
        application_invite_to_test(application=application, actor=None)
        application_record_test_result(application=application, score=Decimal(score), passed=True, actor=None)
        application_invite_to_interview(application=application, actor=None)
    return vacancy, applications


def score_all(vacancy, applications, members, sheet):
    """``sheet[(member index, application index)] = [points per criterion]``; absent = conflict."""
    criteria = list(vacancy.criteria.all())
    for (m, a), points in sheet.items():
        application = applications[a]
        if points is None:
            conflict_declare(application=application, has_conflict=True, actor=members[m])
            continue
        conflict_declare(application=application, has_conflict=False, actor=members[m])
        interview_scores_submit(application=application, actor=members[m],
                                points={c.pk: p for c, p in zip(criteria, points, strict=True)})


@pytest.fixture
def today():
    return datetime.date.today()


__all__ = ["Stage", "commission_member_add", "make_candidate", "make_vacancy", "score_all", "take_to_interview"]
