"""HR pages and the API: every stage, bulk actions, and the scope (HR of B gets 404 for A's
vacancies, applications and API; the public API shows no draft and no personal data)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_position, make_vacancy
from vacancies.models import Application, Stage, Vacancy, VacancyStatus
from vacancies.services import application_record_test_result, application_submit

from .conftest import make_candidate, score_all, take_to_interview

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def hr_client(client, hr_a):
    client.force_login(User.objects.get(username="hr_a"))
    return client


def test_hr_creates_and_publishes_a_vacancy(hr_client, tree):
    position = make_position(tree["A-DEPT"], category_code="S-2", name="Yetakchi iqtisodchi")
    page = hr_client.get("/vacancies/hr/new/", {"organization": tree["A-DEPT"].pk})
    assert "Yetakchi iqtisodchi" in page.content.decode()
    today = datetime.date.today()
    response = hr_client.post("/vacancies/hr/new/", {
        "organization": tree["A-DEPT"].pk, "staff_position": position.pk, "title_uz": "", "competition_type": "external",
        "min_education": "bachelor", "min_experience_years": 2, "specialty": "Iqtisodiyot", "languages": "uz, ru",
        "salary_min": 6500000, "salary_max": "", "employment_type": "FULL_TIME", "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=14)).isoformat(), "test_weight": 60, "interview_weight": 40,
        "description_uz": "<p>Tahlil</p><script>x</script>", "description_ru": "", "description_en": "", "title_ru": "",
        "title_en": ""})
    vacancy = Vacancy.objects.get(staff_position=position)
    assert response.status_code == 302 and vacancy.title_uz == "Yetakchi iqtisodchi"
    assert vacancy.languages == ["uz", "ru"] and "<script" not in vacancy.description_uz
    hr_client.post(f"/vacancies/hr/{vacancy.pk}/publish/")
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED


def test_hr_of_another_organisation_gets_404_everywhere(client, tree, hr_b):
    vacancy = make_vacancy(tree["A"])
    application = application_submit(vacancy=vacancy, candidate=make_candidate(), actor=None)
    client.force_login(User.objects.get(username="hr_b"))
    for url in (f"/vacancies/hr/{vacancy.pk}/", f"/vacancies/hr/{vacancy.pk}/edit/",
                f"/vacancies/hr/applications/{application.pk}/", f"/api/v1/applications/{application.pk}/"):
        assert client.get(url).status_code == 404, url
    for url in (f"/vacancies/hr/{vacancy.pk}/publish/", f"/vacancies/hr/{vacancy.pk}/bulk/",
                f"/api/v1/applications/{application.pk}/admit/"):
        assert client.post(url).status_code == 404, url
    assert client.get("/api/v1/applications/").json()["results"] == []
    assert "Vazirlik A" not in client.get("/vacancies/hr/").content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.SUBMITTED


def test_bulk_admit_reports_each_refusal(hr_client, tree):
    vacancy = make_vacancy(tree["A"], min_experience_years=5)
    fit = application_submit(vacancy=vacancy, candidate=make_candidate(last_name="Mos"), actor=None)
    unfit = application_submit(vacancy=vacancy, candidate=make_candidate(last_name="Yosh", experience_years=1),
                               actor=None)
    response = hr_client.post(f"/vacancies/hr/{vacancy.pk}/bulk/", {"action": "admit",
                                                                  "application": [fit.pk, unfit.pk]}, follow=True)
    fit.refresh_from_db()
    unfit.refresh_from_db()
    assert fit.stage == Stage.ADMITTED and unfit.stage == Stage.SUBMITTED
    assert "Yosh" in response.content.decode()


def test_vacancy_page_queries_do_not_grow_with_applicants(hr_client, tree):
    vacancy = make_vacancy(tree["A"])
    application_submit(vacancy=vacancy, candidate=make_candidate(), actor=None)
    with CaptureQueriesContext(connection) as few:
        assert hr_client.get(f"/vacancies/hr/{vacancy.pk}/").status_code == 200
    for _ in range(8):
        application_submit(vacancy=vacancy, candidate=make_candidate(), actor=None)
    with CaptureQueriesContext(connection) as many:
        hr_client.get(f"/vacancies/hr/{vacancy.pk}/")
    assert len(many) == len(few)


def test_public_api_lists_published_without_personal_data(client, tree):
    published = make_vacancy(tree["A"], title="Bosh mutaxassis")
    draft = make_vacancy(tree["A"], status="draft")
    application_submit(vacancy=published, candidate=make_candidate(last_name="Maxfiyova"), actor=None)
    body = client.get("/api/v1/vacancies/").json()
    assert [v["id"] for v in body["results"]] == [published.pk]
    assert "Maxfiyova" not in str(body) and "pinfl" not in str(body)
    assert client.get(f"/api/v1/vacancies/{draft.pk}/").status_code == 404
    detail = client.get(f"/api/v1/vacancies/{published.pk}/").json()
    assert detail["title"] == "Bosh mutaxassis" and "description" in detail
    assert client.get("/api/v1/vacancies/", {"q": "мутахассис"}).json()["count"] == 1


def test_api_apply_and_own_applications(client, tree):
    vacancy = make_vacancy(tree["A"])
    candidate = make_candidate(username="api_cand")
    client.force_login(User.objects.get(username="api_cand"))
    response = client.post(f"/api/v1/vacancies/{vacancy.pk}/apply/")
    assert response.status_code == 201 and response.json()["stage"] == "submitted"
    again = client.post(f"/api/v1/vacancies/{vacancy.pk}/apply/")
    assert again.status_code == 409 and again.json()["code"] == "application_already_applied"
    mine = client.get("/api/v1/applications/").json()["results"]
    assert [a["id"] for a in mine] == [Application.objects.get(candidate=candidate).pk]
    assert client.post(f"/api/v1/applications/{mine[0]['id']}/withdraw/").json()["stage"] == "withdrawn"


def test_api_stage_actions_and_appointment(client, tree, hr_a, commission_a):
    from vacancies.services import commission_member_add

    vacancy = make_vacancy(tree["A"])
    for user in commission_a:
        commission_member_add(vacancy=vacancy, user=user, actor=None)
    candidates = [make_candidate(), make_candidate()]
    vacancy, applications = take_to_interview(vacancy, candidates, scores=(70, 90))
    # A commission member scores through the API.
    client.force_login(User.objects.get(username="kom_a1"))
    criteria = list(vacancy.criteria.all())
    for application in applications:
        assert client.post(f"/api/v1/applications/{application.pk}/declare/", {"has_conflict": False},
                           content_type="application/json").status_code == 204
        response = client.post(f"/api/v1/applications/{application.pk}/scores/",
                               {"points": {str(c.pk): 8 for c in criteria}}, content_type="application/json")
        assert response.status_code == 204, response.content
    score_all(vacancy, applications, commission_a, {(1, 0): [9] * 4, (1, 1): [5] * 4})
    client.logout()
    client.force_login(User.objects.get(username="hr_a"))
    client.post(f"/vacancies/hr/{vacancy.pk}/rank/")
    winner = Application.objects.get(vacancy=vacancy, stage=Stage.WINNER)
    loser = Application.objects.get(vacancy=vacancy, stage=Stage.RESERVE)
    start = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    refused = client.post(f"/api/v1/applications/{loser.pk}/appoint/", {"start_date": start},
                          content_type="application/json")
    assert refused.status_code == 409 and refused.json()["code"] == "appointment_not_the_winner"
    done = client.post(f"/api/v1/applications/{winner.pk}/appoint/", {"start_date": start},
                       content_type="application/json")
    assert done.status_code == 200 and done.json()["order"].startswith("A/")


def test_api_override_needs_a_reason(client, tree, hr_a):
    vacancy = make_vacancy(tree["A"], min_experience_years=20)
    application = application_submit(vacancy=vacancy, candidate=make_candidate(), actor=None)
    client.force_login(User.objects.get(username="hr_a"))
    assert client.post(f"/api/v1/applications/{application.pk}/admit/").json()["code"] == "application_check_failed"
    ok = client.post(f"/api/v1/applications/{application.pk}/override/",
                     {"admit": True, "reason": "Doktorlik darajasi"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["stage"] == "admitted"


def test_openapi_schema_has_the_vacancy_endpoints(client, admin_user):
    client.force_login(admin_user)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/v1/vacancies/", "/api/v1/vacancies/{id}/", "/api/v1/vacancies/{id}/apply/",
                 "/api/v1/applications/", "/api/v1/applications/{id}/admit/", "/api/v1/applications/{id}/override/",
                 "/api/v1/applications/{id}/scores/", "/api/v1/applications/bulk/"):
        assert path in schema["paths"], path


def test_commission_page_and_the_test_result_step(client, tree, commission_a):
    from vacancies.services import commission_member_add

    vacancy = make_vacancy(tree["A"])
    commission_member_add(vacancy=vacancy, user=commission_a[0], actor=None)
    vacancy, applications = take_to_interview(vacancy, [make_candidate(last_name="Intervyuyeva")], scores=(77,))
    client.force_login(User.objects.get(username="kom_a1"))
    assert "Intervyuyeva" in client.get(f"/vacancies/commission/{vacancy.pk}/").content.decode()
    client.post(f"/vacancies/commission/{vacancy.pk}/", {"action": "declare", "application": applications[0].pk,
                                                         "has_conflict": "0"})
    criteria = list(vacancy.criteria.all())
    client.post(f"/vacancies/commission/{vacancy.pk}/", {"action": "score", "application": applications[0].pk,
                                                         **{f"criterion_{c.pk}": "7,5" for c in criteria}})
    assert applications[0].scores.count() == len(criteria)
    assert {s.points for s in applications[0].scores.all()} == {Decimal("7.5")}
    other = make_vacancy(tree["A"])
    assert client.get(f"/vacancies/commission/{other.pk}/").status_code == 404
    assert application_record_test_result  # the engine's entry point stays importable for wave 2


def test_funnel_page_counts_the_stages(hr_client, tree):
    vacancy = make_vacancy(tree["A"])
    for _ in range(3):
        application_submit(vacancy=vacancy, candidate=make_candidate(), actor=None)
    response = hr_client.get("/vacancies/hr/funnel/")
    assert response.status_code == 200
    funnel = response.context["funnel"]
    assert funnel["totals"]["applied"] == 3 and funnel["totals"]["admitted"] == 0
