"""The competition funnel as a registered report: the API returns each step's count as the
applications' timeline says, in the requester's scope only; the HR dashboard shows it (a figure
and its table) and the workbook carries it."""

from __future__ import annotations

import pytest

from tests.factories import make_vacancy
from vacancies.models import ApplicationEvent
from vacancies.services import application_submit

from .conftest import make_candidate, take_to_interview

pytestmark = pytest.mark.django_db


@pytest.fixture
def competitions(tree):
    at_interview, _ = take_to_interview(make_vacancy(tree["A"]), [make_candidate(), make_candidate()], scores=(80, 60))
    application_submit(vacancy=make_vacancy(tree["A"]), candidate=make_candidate(), actor=None)
    application_submit(vacancy=make_vacancy(tree["B"]), candidate=make_candidate(), actor=None)
    return at_interview


def expected_counts(organization_code: str) -> dict[str, int]:
    """The same counts straight from the stage timeline: distinct applications that reached a stage."""
    from vacancies.selectors import FUNNEL_STEPS

    events = ApplicationEvent.objects.filter(application__vacancy__organization__code=organization_code)
    return {step: events.filter(to_stage__in=stages).values("application").distinct().count()
            for step, stages in FUNNEL_STEPS}


def test_the_report_counts_what_the_timeline_says_in_scope_only(client, tree, hr_a, hr_b, competitions):
    client.force_login(hr_a)
    listed = [row["identifier"] for row in client.get("/api/v1/reports/").json()["results"]]
    assert "vacancies.funnel" in listed
    body = client.get("/api/v1/reports/vacancies.funnel/").json()
    counts = {step["key"]: step["count"] for step in body["steps"]}
    assert counts == expected_counts(tree["A"].code)
    assert counts["applied"] == 3 and counts["interviewed"] == 2 and counts["appointed"] == 0
    assert {entry["code"] for entry in body["organizations"]} == {tree["A"].code}

    client.force_login(hr_b)
    other = client.get("/api/v1/reports/vacancies.funnel/").json()
    assert {step["key"]: step["count"] for step in other["steps"]}["applied"] == 1
    assert client.get(f"/api/v1/reports/vacancies.funnel/?org={tree['A'].code}").status_code == 400


def test_the_hr_dashboard_shows_the_funnel_as_a_figure_and_a_table(client, hr_a, competitions):
    client.force_login(hr_a)
    response = client.get("/reports/hr/")
    assert response.status_code == 200
    section = next(s for s in response.context["sections"] if s["report"].identifier == "vacancies.funnel")
    assert section["figure"]["data"][0]["type"] == "funnel"
    assert [row["cells"][1]["value"] for row in section["rows"]][:1] == [3]
    assert b'id="vacancies-funnel"' in response.content or b"vacancies-funnel" in response.content
