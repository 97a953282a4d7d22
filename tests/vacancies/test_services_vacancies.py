"""The vacancy and its lifecycle: vacant positions only, the competition type follows the group,
one open vacancy per position, sanitised descriptions, the deadline closes it."""

from __future__ import annotations

import datetime

import pytest

from core.exceptions import ApplicationError
from core.models import AuditEvent
from tests.factories import make_employee, make_position, make_vacancy, place
from vacancies.errors import VacancyErrorCode
from vacancies.models import CompetitionType, VacancyStatus
from vacancies.services import (
    vacancies_close_due,
    vacancy_cancel,
    vacancy_create,
    vacancy_publish,
    vacancy_update,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def _create(position, actor=None, **kwargs):
    today = datetime.date.today()
    values = {"opens_on": today, "closes_on": today + datetime.timedelta(days=10), "salary_min": 5_000_000,
              **kwargs}
    return vacancy_create(staff_position=position, actor=actor, **values)


def test_a_filled_position_gets_no_vacancy(tree):
    position = make_position(tree["A"])
    place(make_employee(), position)
    with pytest.raises(ApplicationError) as error:
        _create(position)
    assert error.value.code == VacancyErrorCode.POSITION_NOT_VACANT
    assert position.code in error.value.message


def test_a_position_with_a_free_unit_gets_one(tree):
    position = make_position(tree["A"], rate_units="2.00")
    place(make_employee(), position)
    vacancy = _create(position)
    assert vacancy.status == VacancyStatus.DRAFT
    assert vacancy.organization == tree["A"] and vacancy.category == position.category


def test_competition_type_follows_the_group_and_a_mismatch_is_refused(tree):
    specialist = _create(make_position(tree["A"], category_code="S-2"))
    manager = _create(make_position(tree["A"], category_code="M-4"))
    assert specialist.competition_type == CompetitionType.EXTERNAL
    assert manager.competition_type == CompetitionType.INTERNAL
    with pytest.raises(ApplicationError) as error:
        _create(make_position(tree["A"], category_code="M-4"), competition_type=CompetitionType.EXTERNAL)
    assert error.value.code == VacancyErrorCode.COMPETITION_TYPE_MISMATCH


def test_political_posts_are_not_competed(tree):
    with pytest.raises(ApplicationError) as error:
        _create(make_position(tree["A"], category_code="P-1"))
    assert error.value.code == VacancyErrorCode.POSITION_POLITICAL


def test_one_open_vacancy_per_position(tree):
    position = make_position(tree["A"], rate_units="3.00")
    first = _create(position)
    with pytest.raises(ApplicationError) as error:
        _create(position)
    assert error.value.code == VacancyErrorCode.POSITION_HAS_OPEN_VACANCY
    vacancy_cancel(vacancy=first, reason="Shtat qisqardi", actor=None)
    assert _create(position).status == VacancyStatus.DRAFT


def test_the_database_holds_one_open_vacancy_per_position(tree):
    from django.db import IntegrityError, transaction

    from vacancies.models import Vacancy

    vacancy = _create(make_position(tree["A"]))
    copy = Vacancy.objects.get(pk=vacancy.pk)
    copy.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()


def test_description_is_sanitised(tree):
    vacancy = _create(make_position(tree["A"]), description_uz=(
        '<p onclick="steal()">Vazifalar:</p><script>alert(1)</script><ul><li><b>Huquqiy</b> ekspertiza</li></ul>'
        '<img src=x onerror=alert(1)><a href="javascript:alert(1)">bosing</a><a href="https://lex.uz">lex.uz</a>'))
    html = vacancy.description_uz
    assert "<script" not in html and "onerror" not in html and "onclick" not in html and "javascript:" not in html
    assert "<img" not in html
    assert "<ul><li><b>Huquqiy</b> ekspertiza</li></ul>" in html
    assert 'href="https://lex.uz"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_hr_of_another_organisation_cannot_open_a_vacancy(tree, hr_b):
    with pytest.raises(ApplicationError) as error:
        _create(make_position(tree["A"]), actor=hr_b)
    assert error.value.code == VacancyErrorCode.NOT_FOUND
    assert "A" not in error.value.message.split()


def test_weights_must_add_up(tree):
    with pytest.raises(ApplicationError) as error:
        _create(make_position(tree["A"]), test_weight=70, interview_weight=40)
    assert error.value.code == VacancyErrorCode.WEIGHTS_INVALID


def test_publish_needs_a_future_deadline(tree):
    today = datetime.date.today()
    vacancy = _create(make_position(tree["A"]), opens_on=today - datetime.timedelta(days=9),
                      closes_on=today - datetime.timedelta(days=1))
    with pytest.raises(ApplicationError) as error:
        vacancy_publish(vacancy=vacancy, actor=None)
    assert error.value.code == VacancyErrorCode.DEADLINE_IN_PAST


def test_a_published_vacancy_keeps_its_requirements(tree):
    vacancy = make_vacancy(tree["A"])
    with pytest.raises(ApplicationError) as error:
        vacancy_update(vacancy=vacancy, min_experience_years=10, actor=None)
    assert error.value.code == VacancyErrorCode.NOT_EDITABLE
    later = vacancy.closes_on + datetime.timedelta(days=5)
    assert vacancy_update(vacancy=vacancy, closes_on=later, actor=None).closes_on == later


def test_deadline_task_closes_due_vacancies_once(tree):
    today = datetime.date.today()
    due = make_vacancy(tree["A"], opens_on=today - datetime.timedelta(days=10), closes_on=today)
    open_ = make_vacancy(tree["A"], closes_on=today + datetime.timedelta(days=3))
    assert vacancies_close_due(today=today + datetime.timedelta(days=1)) == 1
    assert vacancies_close_due(today=today + datetime.timedelta(days=1)) == 0
    due.refresh_from_db()
    open_.refresh_from_db()
    assert due.status == VacancyStatus.CLOSED and open_.status == VacancyStatus.PUBLISHED
    assert AuditEvent.objects.filter(action="vacancies.vacancy.closed", target_id=str(due.pk)).count() == 1


def test_the_beat_task_runs_the_service(tree):
    from vacancies.models import Vacancy
    from vacancies.tasks import close_due_task

    today = datetime.date.today()
    vacancy = make_vacancy(tree["A"])
    # Time passes: the last day was yesterday.
    Vacancy.objects.filter(pk=vacancy.pk).update(opens_on=today - datetime.timedelta(days=10),
                                                 closes_on=today - datetime.timedelta(days=1))
    assert close_due_task.delay().get() == 1
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.CLOSED


def test_lifecycle_is_audited(tree, hr_a):
    vacancy = make_vacancy(tree["A"], status="in_competition", actor=hr_a)
    actions = list(AuditEvent.objects.filter(target_id=str(vacancy.pk), action__startswith="vacancies.vacancy")
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["vacancies.vacancy.created", "vacancies.vacancy.published", "vacancies.vacancy.closed",
                       "vacancies.vacancy.competition_started"]
    assert vacancy.status == VacancyStatus.IN_COMPETITION
