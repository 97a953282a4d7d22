"""seed_demo's vacancies: at least 60 published (external and internal, across regions), applications at
every stage, a competition ready for the `commission` login, the `candidate` login in several stages,
the `servant` login able to apply internally; a second run changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from vacancies.models import ACTIVE_STAGES, Application, Candidate, Stage, Vacancy, VacancyStatus
from vacancies.services import candidate_for_user

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            call_command("seed_demo", "--employees", "300", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)


def test_published_vacancies_across_regions_and_kinds(seeded):
    published = Vacancy.objects.filter(status=VacancyStatus.PUBLISHED)
    assert published.count() >= 60
    assert published.filter(competition_type="internal").exists() and published.filter(
        competition_type="external").exists()
    assert published.values("region").distinct().count() >= 8
    assert all(v.description_ru and v.description_uz for v in published)


def test_applications_at_every_stage(seeded):
    present = set(Application.objects.values_list("stage", flat=True))
    assert present == set(Stage.values)


def test_the_commission_login_has_a_competition_to_score(seeded):
    vacancy = Vacancy.objects.get(commission__user__username="commission")
    assert vacancy.organization.code == "AV" and vacancy.status == VacancyStatus.IN_COMPETITION
    assert vacancy.applications.filter(stage=Stage.INTERVIEW).count() >= 3
    assert not vacancy.applications.filter(scores__isnull=False).exists()


def test_the_candidate_login_holds_applications_in_different_stages(seeded):
    candidate = Candidate.objects.get(user__username="candidate")
    stages = set(candidate.applications.values_list("stage", flat=True))
    assert {Stage.SUBMITTED, Stage.TESTING, Stage.TEST_PASSED, Stage.RESERVE, Stage.REJECTED} <= stages
    assert candidate.applications.filter(stage__in=ACTIVE_STAGES, is_active=True).count() < 5


def test_the_candidate_login_has_a_test_documents_and_notifications(seeded):
    from assessment.models import TestAssignment
    from core.models import Notification

    candidate = Candidate.objects.get(user__username="candidate")
    testing = candidate.applications.get(stage=Stage.TESTING)
    assert TestAssignment.objects.filter(user=candidate.user, source_app="vacancies",
                                         source_id=str(testing.pk), test=testing.vacancy.test).exists()
    assert set(candidate.documents.values_list("kind", flat=True)) == {"cv", "diploma"}
    notes = Notification.objects.filter(recipient=candidate.user, event="vacancies.stage_changed")
    assert notes.count() >= 10 and not notes.exclude(email_status="off").exists()  # in-app only


def test_the_servant_login_is_a_candidate_from_its_record(seeded):
    from django.contrib.auth import get_user_model

    servant = get_user_model().objects.get(username="servant")
    candidate = candidate_for_user(servant)
    assert candidate.employee is not None and candidate.employee.user == servant


def test_the_second_run_changes_nothing(seeded):
    before = (Vacancy.objects.count(), Application.objects.count())
    out = io.StringIO()
    call_command("seed_demo", "--employees", "300", stdout=out)
    assert (Vacancy.objects.count(), Application.objects.count()) == before
    assert "kept" in out.getvalue()
