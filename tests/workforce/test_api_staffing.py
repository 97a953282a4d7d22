"""/api/v1/assignments/ and /api/v1/staff-positions/: scoped, the composition on a date, occupancy."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import UserFactory, grant, make_employee, make_staff_position, place
from workforce.models import Assignment, Role

ASSIGNMENTS = "/api/v1/assignments/"
POSITIONS = "/api/v1/staff-positions/"


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def careers(tree):
    """Aziz moved from A to A-DIST at the start of 2023; Jasur works in B."""
    aziz = make_employee(last_name="Karimov", first_name="Aziz")
    jasur = make_employee(last_name="Toshmatov", first_name="Jasur")
    in_a = place(aziz, make_staff_position(tree["A"], rate_units="2.00"), start=datetime.date(2019, 3, 1))
    Assignment.objects.filter(pk=in_a.pk).update(end_date=datetime.date(2022, 12, 31), end_kind="transfer")
    in_a_dist = place(aziz, make_staff_position(tree["A-DIST"]), start=datetime.date(2023, 1, 1))
    in_b = place(jasur, make_staff_position(tree["B"]), start=datetime.date(2021, 6, 1))
    return {"aziz": aziz, "jasur": jasur, "in_a": in_a, "in_a_dist": in_a_dist, "in_b": in_b}


@pytest.mark.django_db
def test_assignments_are_scoped_and_others_are_404(client, careers, hr_a, hr_b):
    client.force_login(hr_a)
    assert ids(client.get(ASSIGNMENTS)) == {careers["in_a"].pk, careers["in_a_dist"].pk}
    assert client.get(f"{ASSIGNMENTS}{careers['in_b'].pk}/").status_code == 404
    detail = client.get(f"{ASSIGNMENTS}{careers['in_a'].pk}/").json()
    assert detail["employee"]["full_name"].startswith("Karimov Aziz")
    assert detail["organization"]["code"] == "A" and detail["end_date"] == "2022-12-31"
    client.force_login(hr_b)
    assert ids(client.get(ASSIGNMENTS)) == {careers["in_b"].pk}
    assert client.get(f"{ASSIGNMENTS}{careers['in_a'].pk}/").status_code == 404


@pytest.mark.django_db
def test_composition_on_a_date(client, careers, hr_a, admin_user):
    client.force_login(admin_user)
    on = lambda day: ids(client.get(ASSIGNMENTS, {"on": day}))  # noqa: E731
    assert on("2019-02-28") == set()
    assert on("2019-03-01") == {careers["in_a"].pk}
    assert on("2021-06-01") == {careers["in_a"].pk, careers["in_b"].pk}
    assert on("2022-12-31") == {careers["in_a"].pk, careers["in_b"].pk}  # the last day counts
    assert on("2023-01-01") == {careers["in_a_dist"].pk, careers["in_b"].pk}
    client.force_login(hr_a)
    assert on("2022-06-01") == {careers["in_a"].pk}
    assert client.get(ASSIGNMENTS, {"on": "2020-13-45"}).status_code == 400


@pytest.mark.django_db
def test_assignments_by_employee_and_organisation_subtree(client, careers, tree, hr_a):
    client.force_login(hr_a)
    assert ids(client.get(ASSIGNMENTS, {"employee": careers["aziz"].pk})) == {careers["in_a"].pk,
                                                                             careers["in_a_dist"].pk}
    assert ids(client.get(ASSIGNMENTS, {"employee": careers["jasur"].pk})) == set()
    assert ids(client.get(ASSIGNMENTS, {"organization": tree["A-DEPT"].pk})) == {careers["in_a_dist"].pk}
    assert ids(client.get(ASSIGNMENTS, {"organization": tree["A"].pk})) == {careers["in_a"].pk,
                                                                           careers["in_a_dist"].pk}
    assert ids(client.get(ASSIGNMENTS, {"organization": tree["B"].pk})) == set()


@pytest.mark.django_db
@pytest.mark.parametrize("url", [ASSIGNMENTS, POSITIONS])
def test_user_without_a_role_is_refused_with_403(client, careers, url):
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_leadership_reads_staffing_tables_but_not_assignments(client, careers, tree):
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, tree["A"])
    client.force_login(leader)
    assert client.get(ASSIGNMENTS).status_code == 403
    positions = ids(client.get(POSITIONS))
    assert positions == {careers["in_a"].staff_position_id, careers["in_a_dist"].staff_position_id}
    assert client.get(f"{POSITIONS}{careers['in_b'].staff_position_id}/").status_code == 404


@pytest.mark.django_db
def test_staff_positions_are_scoped_and_others_are_404(client, careers, hr_a):
    client.force_login(hr_a)
    own = careers["in_a"].staff_position_id
    assert client.get(f"{POSITIONS}{own}/").status_code == 200
    assert client.get(f"{POSITIONS}{careers['in_b'].staff_position_id}/").status_code == 404
    assert careers["in_b"].staff_position_id not in ids(client.get(POSITIONS))


@pytest.mark.django_db
def test_filled_and_vacant_units_count_only_assignments_in_force_today(client, tree, hr_a):
    position = make_staff_position(tree["A"], rate_units="3.00", name="Bosh mutaxassis")
    today = datetime.date.today()
    place(make_employee(), position, start=today - datetime.timedelta(days=400))
    place(make_employee(), position, start=today - datetime.timedelta(days=10), rate="0.50")
    ended = place(make_employee(), position, start=today - datetime.timedelta(days=900))
    Assignment.objects.filter(pk=ended.pk).update(end_date=today - datetime.timedelta(days=1))
    place(make_employee(), position, start=today + datetime.timedelta(days=30))  # not yet started
    ends_today = place(make_employee(), position, start=today - datetime.timedelta(days=100), rate="0.25")
    Assignment.objects.filter(pk=ends_today.pk).update(end_date=today)
    client.force_login(hr_a)
    row = client.get(f"{POSITIONS}{position.pk}/").json()
    assert Decimal(row["rate_units"]) == Decimal("3.00")
    assert Decimal(row["filled_units"]) == Decimal("1.75")
    assert Decimal(row["vacant_units"]) == Decimal("1.25")
    assert row["name"] == "Bosh mutaxassis" and row["organization"]["code"] == "A"
    assert row["category"]["code"] == "S-3"


@pytest.mark.django_db
def test_staff_position_filters_and_sorting(client, tree, hr_a):
    full = make_staff_position(tree["A"], rate_units="1.00", name="Yetakchi mutaxassis", code="YM-1")
    place(make_employee(), full)
    empty = make_staff_position(tree["A"], rate_units="4.00", name="Bosh mutaxassis", code="BM-1",
                                category_code="M-4")
    in_unit = make_staff_position(tree["A-DIST"], rate_units="2.00", code="T-1")
    client.force_login(hr_a)
    assert ids(client.get(POSITIONS, {"q": "yetakchi"})) == {full.pk}
    assert ids(client.get(POSITIONS, {"organization": tree["A"].pk})) == {full.pk, empty.pk}
    assert ids(client.get(POSITIONS, {"group": "management"})) == {empty.pk}
    by_vacancy = [r["id"] for r in client.get(POSITIONS, {"ordering": "-vacant"}).json()["results"]]
    assert by_vacancy == [empty.pk, in_unit.pk, full.pk]


@pytest.mark.django_db
def test_lists_do_not_query_per_row(client, tree, hr_a, django_assert_max_num_queries):
    for i in range(30):
        position = make_staff_position(tree["A" if i % 2 else "A-DIST"], rate_units="2.00")
        place(make_employee(last_name=f"Ism{i}"), position)
    client.force_login(hr_a)
    with django_assert_max_num_queries(10):
        assert len(client.get(ASSIGNMENTS).json()["results"]) == 30
    with django_assert_max_num_queries(10):
        assert len(client.get(POSITIONS).json()["results"]) == 30


@pytest.mark.django_db
def test_every_endpoint_is_in_the_schema_without_warnings(client, tmp_path: Path, admin_user):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = out.read_text()
    for path in ("/api/v1/employees/", "/api/v1/employees/{id}/", "/api/v1/assignments/", "/api/v1/assignments/{id}/",
                 "/api/v1/staff-positions/", "/api/v1/staff-positions/{id}/", "/api/v1/organizations/",
                 "/api/v1/regions/"):
        assert f"  {path}:" in schema, path
    assert "count_is_exact" in schema
    client.force_login(admin_user)
    assert client.get("/api/schema/").status_code == 200
