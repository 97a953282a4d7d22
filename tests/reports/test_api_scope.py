"""The reports API: the list, the composition's keys, scope (404-like refusal outside it), and the
small-cell rule with its secondary suppression; the drill-down count equals the figure."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings

from tests.factories import UserFactory, grant, make_staff_position, make_staffed_employee
from workforce.models import Region, Role

D = datetime.date
KEYS = {"headcount", "staff_units_planned", "staff_units_filled", "vacancy_rate", "by_sex", "by_age_band",
        "by_education", "by_group", "by_region"}


@pytest.fixture
def small_service(tree):
    """A: 7 men and 2 women (specialists); A-DEPT (another region): 6 women; B: 3 people."""
    regions = list(Region.objects.order_by("soato")[:2])
    a_position = make_staff_position(tree["A"], rate_units="12.00")
    for i in range(7):
        make_staffed_employee(tree["A"], staff_position=a_position, sex="M", birth_date=D(1980, 1, 1 + i),
                              education_level="master")
    for i in range(2):
        make_staffed_employee(tree["A"], staff_position=a_position, sex="F", birth_date=D(1990, 5, 1 + i),
                              education_level="bachelor")
    dept = tree["A-DEPT"]
    dept.region = regions[1]
    dept.save(update_fields=["region"])
    dept_position = make_staff_position(dept, rate_units="8.00")
    for i in range(6):
        make_staffed_employee(dept, staff_position=dept_position, sex="F", birth_date=D(1975, 3, 1 + i), education_level="master")
    for i in range(3):
        make_staffed_employee(tree["B"], sex="M", birth_date=D(1970, 1, 1 + i))
    return regions


def client_for(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_list_names_the_composition_and_its_breakdowns(client, small_service, hr_a):
    response = client_for(client, hr_a).get("/api/v1/reports/")
    assert response.status_code == 200
    identifiers = [row["identifier"] for row in response.json()["results"]]
    assert identifiers[0] == "composition"
    assert {"composition.by_sex", "composition.flows", "composition.trend"} <= set(identifiers)


@pytest.mark.django_db
def test_composition_json_has_the_keys_and_breakdowns_as_key_label_count(client, small_service, hr_a):
    data = client_for(client, hr_a).get("/api/v1/reports/composition/?org=A&on=2024-06-30").json()
    assert set(data) >= KEYS
    assert data["headcount"] == 15
    assert data["staff_units_planned"] == 12 + 8.0
    assert data["staff_units_filled"] == 15.0
    assert data["vacancy_rate"] == 0.25
    for key in ("by_sex", "by_age_band", "by_education", "by_group", "by_region"):
        assert all({"key", "label", "count"} <= set(cell) for cell in data[key])
    assert {c["key"]: c["count"] for c in data["by_sex"]} == {"M": 7, "F": 8}
    assert data["small_cells_suppressed"] is False  # an HR officer of A sees the records


@pytest.mark.django_db
def test_outside_the_scope_is_refused_like_an_unknown_code(client, small_service, hr_a):
    api = client_for(client, hr_a)
    outside = api.get("/api/v1/reports/composition/?org=B")
    unknown = api.get("/api/v1/reports/composition/?org=NOPE")
    assert outside.status_code == unknown.status_code == 400
    assert outside.json()["code"] == "report_invalid_params"
    assert outside.json()["message"].replace("B", "X") == unknown.json()["message"].replace("NOPE", "X")
    # Without org the scope is A's subtree only: B's three are not counted.
    assert api.get("/api/v1/reports/composition/").json()["headcount"] == 15


@pytest.mark.django_db
def test_people_without_an_analytics_role_get_403_and_unknown_reports_404(client, small_service):
    api = client_for(client, UserFactory())
    assert api.get("/api/v1/reports/composition/").status_code == 403
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, None)
    assert client_for(client, leader).get("/api/v1/reports/nothing/").status_code == 404


@pytest.mark.django_db
def test_leadership_sees_small_groups_as_under_five_with_a_second_cell_hidden(client, small_service, tree):
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, tree["A"])
    data = client_for(client, leader).get("/api/v1/reports/composition/?org=A&on=2024-06-30").json()
    assert data["small_cells_suppressed"] is True
    assert data["headcount"] == 15
    education = {c["key"]: c for c in data["by_education"]}
    # bachelor 2 (< 5) is hidden; master 13 is the only other non-empty cell, hidden too so that
    # 15 - 13 does not give the 2 away.
    assert education["bachelor"] == {"key": "bachelor", "label": "<5", "count": None, "suppressed": True}
    assert education["master"]["suppressed"] is True and education["master"]["count"] is None
    sexes = {c["key"]: c for c in data["by_sex"]}
    assert sexes["M"]["count"] == 7 and sexes["F"]["count"] == 8  # nothing small: shown
    assert all(c["count"] is None or c["count"] == 0 or c["count"] >= 5 for key in KEYS - {
        "headcount", "staff_units_planned", "staff_units_filled", "vacancy_rate"} for c in data[key])


@pytest.mark.django_db
@override_settings(REPORTS_SMALL_CELL=10)
def test_the_threshold_is_a_setting(client, small_service, tree):
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, tree["A"])
    data = client_for(client, leader).get("/api/v1/reports/composition/?org=A").json()
    assert {c["key"]: c["label"] for c in data["by_sex"]} == {"M": "<10", "F": "<10"}


@pytest.mark.django_db
def test_a_region_leader_sees_only_that_region(client, small_service, tree):
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, tree["A-DEPT"])
    data = client_for(client, leader).get("/api/v1/reports/composition/").json()
    assert data["headcount"] == 6
    assert [c["key"] for c in data["by_region"] if c["count"]] == [small_service[1].pk]


@pytest.mark.django_db
def test_every_drill_down_lists_as_many_people_as_its_bar(client, small_service, hr_a):
    api = client_for(client, hr_a)
    on = datetime.date.today().isoformat()
    checked = 0
    for name in ("by_sex", "by_age_band", "by_education", "by_group", "by_region", "by_level", "by_service_band",
                 "by_category", "by_oecd_age_band"):
        rows = api.get(f"/api/v1/reports/composition.{name}/?org=A&on={on}").json()["rows"]
        for row in rows:
            if not row["drill"]:
                continue
            listed = api.get(f"/api/v1/employees/?{row['drill']}").json()
            assert listed["count"] == row["count"], (name, row)
            checked += 1
    assert checked >= 15


@pytest.mark.django_db
def test_a_group_does_not_give_away_a_hidden_category(client, tree):
    """Management: 2 in M-1 and 9 in M-4. M-1 is hidden; showing management (11) would give the 2
    away, so M-4 (its sibling) is hidden too."""
    m1 = make_staff_position(tree["A"], category_code="M-1", rate_units="5.00")
    m4 = make_staff_position(tree["A"], category_code="M-4", rate_units="20.00")
    s3 = make_staff_position(tree["A"], category_code="S-3", rate_units="20.00")
    for position, n in ((m1, 2), (m4, 9), (s3, 12)):
        for i in range(n):
            make_staffed_employee(tree["A"], staff_position=position, birth_date=D(1980, 1, 1 + i))
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, tree["A"])
    data = client_for(client, leader).get("/api/v1/reports/composition/?org=A").json()
    groups = {c["key"]: c["count"] for c in data["by_group"]}
    categories = {c["label"] if not c["suppressed"] else c["key"]: c for c in data["by_category"]}
    hidden = [c for c in data["by_category"] if c["suppressed"]]
    assert len(hidden) >= 2
    shown_management = groups.get("management")
    if shown_management is not None:
        # whatever is shown, the management categories left hidden are two or more
        assert sum(1 for c in hidden) >= 2
    assert data["headcount"] == 23 and categories
