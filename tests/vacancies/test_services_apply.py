"""Applying: the refusals (deadline, not published, internal competition, twice, more than 5 active),
the automatic check with its reasons, the override with a written reason, withdrawal."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from core.exceptions import ApplicationError
from core.models import AuditEvent
from tests.factories import make_employee, make_position, make_staffed_employee, make_vacancy
from vacancies.checks import reason_messages
from vacancies.errors import VacancyErrorCode
from vacancies.models import Application, Stage, Vacancy
from vacancies.services import (
    application_admit,
    application_override,
    application_reject,
    application_submit,
    application_withdraw,
    candidate_for_user,
    vacancy_close,
)

from .conftest import make_candidate

pytestmark = pytest.mark.django_db


def _code(call) -> str:
    with pytest.raises(ApplicationError) as error:
        call()
    return error.value.code


def test_apply_records_the_check(tree):
    vacancy = make_vacancy(tree["A"], min_education="bachelor", min_experience_years=3, specialty="Huquqshunoslik",
                           languages=["uz", "ru"])
    candidate = make_candidate()
    application = application_submit(vacancy=vacancy, candidate=candidate, actor=candidate.user)
    assert application.stage == Stage.SUBMITTED and application.is_active
    assert application.check_passed is True and application.check_reasons == []
    assert application.snapshot["highest_education"] == "master"
    assert application.snapshot["experience_years"] == 6


def test_the_check_names_every_unmet_requirement_in_the_readers_language(tree):
    vacancy = make_vacancy(tree["A"], min_education="master", min_experience_years=5, specialty="Iqtisodiyot",
                           languages=["en"])
    candidate = make_candidate(education="bachelor", specialty="Tarix", experience_years=2, languages=("uz",))
    application = application_submit(vacancy=vacancy, candidate=candidate, actor=candidate.user)
    assert application.check_passed is False
    assert [r["code"] for r in application.check_reasons] == [
        "education_too_low", "experience_too_short", "specialty_missing", "language_missing"]
    with translation.override("en"):
        messages = reason_messages(application.check_reasons)
    assert messages[1] == "Experience: at least 5 years are required; declared: 2."
    assert "Iqtisodiyot" in messages[2] and "English" in messages[3]
    with translation.override("ru"):
        assert reason_messages(application.check_reasons)[1] != messages[1]


def test_refusals_have_codes(tree):
    today = datetime.date.today()
    candidate = make_candidate()
    draft = make_vacancy(tree["A"], status="draft")
    closed = make_vacancy(tree["A"], status="closed")
    future = make_vacancy(tree["A"], opens_on=today + datetime.timedelta(days=2),
                          closes_on=today + datetime.timedelta(days=9))
    late = make_vacancy(tree["A"])
    Vacancy.objects.filter(pk=late.pk).update(opens_on=today - datetime.timedelta(days=9),
                                              closes_on=today - datetime.timedelta(days=1))
    late.refresh_from_db()
    internal = make_vacancy(tree["A"], category_code="M-4")
    submit = application_submit
    assert _code(lambda: submit(vacancy=draft, candidate=candidate, actor=None)) == VacancyErrorCode.VACANCY_NOT_OPEN
    assert _code(lambda: submit(vacancy=closed, candidate=candidate, actor=None)) == VacancyErrorCode.VACANCY_NOT_OPEN
    assert _code(lambda: submit(vacancy=future, candidate=candidate, actor=None)) == VacancyErrorCode.NOT_YET_OPEN
    assert _code(lambda: submit(vacancy=late, candidate=candidate, actor=None)) == VacancyErrorCode.DEADLINE_PASSED
    assert _code(lambda: submit(vacancy=internal, candidate=candidate, actor=None)) == VacancyErrorCode.INTERNAL_ONLY
    assert not Application.objects.exists()


def test_a_serving_civil_servant_applies_internally_as_themselves(tree):
    from tests.factories import UserFactory
    from workforce.services import employee_link_user

    user = UserFactory(username="sardor")
    employee = make_staffed_employee(tree["B"], education_level="master")
    employee_link_user(employee=employee, user=user, actor=None)
    candidate = candidate_for_user(user)
    assert candidate.employee == employee and candidate.pinfl == employee.pinfl
    assert candidate_for_user(user).pk == candidate.pk  # no second identity
    application = application_submit(vacancy=make_vacancy(tree["A"], category_code="M-4"), candidate=candidate,
                                     actor=user)
    assert application.snapshot["is_civil_servant"] is True


def test_a_dismissed_person_is_not_serving(tree):
    employee = make_employee(status="dismissed")
    candidate = make_candidate(employee=employee)
    internal = make_vacancy(tree["A"], category_code="M-4")
    assert _code(lambda: application_submit(vacancy=internal, candidate=candidate, actor=None)) == \
        VacancyErrorCode.INTERNAL_ONLY


def test_one_application_per_vacancy(tree):
    vacancy = make_vacancy(tree["A"])
    candidate = make_candidate()
    application_submit(vacancy=vacancy, candidate=candidate, actor=None)
    assert _code(lambda: application_submit(vacancy=vacancy, candidate=candidate, actor=None)) == \
        VacancyErrorCode.ALREADY_APPLIED


def test_at_most_five_active_and_withdrawing_frees_a_slot(tree):
    candidate = make_candidate()
    vacancies = [make_vacancy(tree["A"]) for _ in range(7)]
    applications = [application_submit(vacancy=v, candidate=candidate, actor=candidate.user) for v in vacancies[:5]]
    assert _code(lambda: application_submit(vacancy=vacancies[5], candidate=candidate, actor=None)) == \
        VacancyErrorCode.TOO_MANY_ACTIVE
    application_withdraw(application=applications[0], actor=candidate.user)
    application_submit(vacancy=vacancies[5], candidate=candidate, actor=candidate.user)
    assert Application.objects.filter(candidate=candidate, is_active=True).count() == 5


def test_a_rejected_application_is_not_active(tree):
    candidate = make_candidate()
    vacancies = [make_vacancy(tree["A"]) for _ in range(6)]
    first = application_submit(vacancy=vacancies[0], candidate=candidate, actor=None)
    for vacancy in vacancies[1:5]:
        application_submit(vacancy=vacancy, candidate=candidate, actor=None)
    application_reject(application=first, reason="Hujjatlar toʻliq emas", actor=None)
    application_submit(vacancy=vacancies[5], candidate=candidate, actor=None)
    # Re-admitting the rejected one would make six: the override is refused.
    assert _code(lambda: application_override(application=first, admit=True, reason="Xato", actor=None)) == \
        VacancyErrorCode.TOO_MANY_ACTIVE


def test_admit_needs_a_passed_check_or_an_override(tree, hr_a):
    vacancy = make_vacancy(tree["A"], min_experience_years=10)
    candidate = make_candidate(experience_years=2)
    application = application_submit(vacancy=vacancy, candidate=candidate, actor=None)
    assert _code(lambda: application_admit(application=application, actor=hr_a)) == VacancyErrorCode.CHECK_FAILED
    assert _code(lambda: application_override(application=application, admit=True, reason=" ", actor=hr_a)) == \
        VacancyErrorCode.REASON_REQUIRED
    application_override(application=application, admit=True, reason="Ilmiy daraja tajribaga tenglashtirildi",
                         actor=hr_a)
    application.refresh_from_db()
    assert application.stage == Stage.ADMITTED and application.overridden_by == hr_a
    event = AuditEvent.objects.get(action="vacancies.application.overridden")
    assert event.actor == hr_a and event.data["reason"] == "Ilmiy daraja tajribaga tenglashtirildi"


def test_hr_of_another_organisation_cannot_touch_applications(tree, hr_b):
    candidate = make_candidate()
    application = application_submit(vacancy=make_vacancy(tree["A"]), candidate=candidate, actor=None)
    assert _code(lambda: application_admit(application=application, actor=hr_b)) == VacancyErrorCode.NOT_FOUND
    assert _code(lambda: application_reject(application=application, reason="x", actor=hr_b)) == \
        VacancyErrorCode.NOT_FOUND


def test_a_candidate_withdraws_only_their_own(tree):
    application = application_submit(vacancy=make_vacancy(tree["A"]), candidate=make_candidate(), actor=None)
    other = make_candidate()
    assert _code(lambda: application_withdraw(application=application, actor=other.user)) == \
        VacancyErrorCode.NOT_YOURS


def test_screening_continues_after_the_deadline(tree):
    vacancy = make_vacancy(tree["A"])
    application = application_submit(vacancy=vacancy, candidate=make_candidate(), actor=None)
    vacancy_close(vacancy=vacancy, actor=None)
    application.refresh_from_db()
    application_admit(application=application, actor=None)
    assert application.stage == Stage.ADMITTED
    assert list(application.events.values_list("to_stage", flat=True)) == [Stage.SUBMITTED, Stage.ADMITTED]


def test_stage_machine_refuses_a_jump(tree):
    vacancy = make_vacancy(tree["A"], category_code="S-3", staff_position=make_position(tree["A"]))
    application = application_submit(vacancy=vacancy, candidate=make_candidate(), actor=None)
    from vacancies.services import change_stage

    assert _code(lambda: change_stage(application, Stage.APPOINTED, actor=None, verb="appointed")) == \
        VacancyErrorCode.STAGE_TRANSITION
