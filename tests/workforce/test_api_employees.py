"""/api/v1/employees/: scoped to the caller's subtrees, compact list, full profile, no N+1, audited."""

import datetime

import pytest

from core.models import AuditEvent
from tests.factories import (
    UserFactory,
    grant,
    make_employee,
    make_organization,
    make_staff_position,
    make_staffed_employee,
    place,
)
from workforce.models import Assignment, Education, Employee, EmployeeStatus, PositionCategory, Role

URL = "/api/v1/employees/"


@pytest.fixture
def people(tree):
    a = make_staffed_employee(tree["A"], last_name="Karimov", first_name="Aziz", rank_code="R-03",
                              education_level="master", languages=["uz", "ru"], phone="+998901234567",
                              email="aziz@example.uz", address="Toshkent, Navoiy 1")
    a_dist = make_staffed_employee(tree["A-DIST"], last_name="Rahimova", first_name="Dilnoza", sex="F",
                                   birth_date=datetime.date(1992, 3, 8))
    b = make_staffed_employee(tree["B"], last_name="Toshmatov", first_name="Jasur")
    return {"a": a, "a_dist": a_dist, "b": b}


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.django_db
def test_hr_officer_lists_only_the_employees_of_their_subtree(client, people, hr_a, hr_b):
    client.force_login(hr_a)
    assert ids(client.get(URL)) == {people["a"].pk, people["a_dist"].pk}
    client.force_login(hr_b)
    assert ids(client.get(URL)) == {people["b"].pk}


@pytest.mark.django_db
def test_employee_of_another_organisation_is_404_never_403(client, people, hr_a):
    client.force_login(hr_a)
    response = client.get(f"{URL}{people['b'].pk}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert client.get(f"{URL}{people['a_dist'].pk}/").status_code == 200


@pytest.mark.django_db
def test_filters_cannot_reach_outside_the_scope(client, people, hr_a, tree):
    client.force_login(hr_a)
    assert ids(client.get(URL, {"organization": tree["B"].pk})) == set()
    assert ids(client.get(URL, {"q": "Toshmatov"})) == set()
    assert ids(client.get(URL, {"q": people["b"].pinfl})) == set()


@pytest.mark.django_db
def test_national_administrator_sees_every_employee(client, people, admin_user):
    client.force_login(admin_user)
    assert ids(client.get(URL)) == {p.pk for p in people.values()}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, Role.LEADERSHIP, Role.COMMISSION])
def test_user_without_an_hr_role_is_refused_with_403(client, people, tree, role):
    user = UserFactory()
    if role:
        grant(user, role, None)
    client.force_login(user)
    for url in (URL, f"{URL}{people['a'].pk}/"):
        response = client.get(url)
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"


@pytest.mark.django_db
def test_civil_servant_cannot_read_even_their_own_record_through_the_hr_api(client, people):
    user = UserFactory()
    people["a"].user = user
    people["a"].save(update_fields=["user"])
    client.force_login(user)
    assert client.get(f"{URL}{people['a'].pk}/").status_code == 403


@pytest.mark.django_db
def test_anonymous_is_refused(client, people):
    response = client.get(URL)
    assert response.status_code in (401, 403)


@pytest.mark.django_db
def test_list_row_is_compact(client, people, hr_a):
    client.force_login(hr_a)
    body = client.get(URL, {"q": "Karimov"}).json()
    assert body["count"] == 1 and body["count_is_exact"] is True
    row = body["results"][0]
    assert set(row) == {
        "id", "pinfl", "last_name", "first_name", "middle_name", "last_name_cyrl", "first_name_cyrl",
        "middle_name_cyrl", "full_name", "birth_date", "sex", "organization", "staff_position", "status",
        "qualification_rank", "hired_on", "education_level",
    }
    employee = people["a"]
    assert row["pinfl"] == employee.pinfl
    assert row["organization"] == {"id": employee.organization.pk, "code": "A", "name": "Vazirlik A"}
    assert row["staff_position"]["id"] == employee.staff_position_id
    assert set(row["staff_position"]) == {"id", "code", "name"}
    assert row["qualification_rank"]["code"] == "R-03"
    assert row["status"] == EmployeeStatus.ACTIVE
    assert row["hired_on"] == "2020-01-01"
    assert row["education_level"] == "master"
    assert "passport" not in row and "phone" not in row


@pytest.mark.django_db
def test_profile_has_education_languages_contacts_and_the_whole_career(client, people, hr_a, tree):
    employee = people["a"]
    earlier = Assignment.objects.get(employee=employee)
    Assignment.objects.filter(pk=earlier.pk).update(end_date=datetime.date(2022, 12, 31), end_kind="transfer")
    # The earlier post was in B: the career shows it, the assignments list of B does not belong to A.
    current = place(employee, make_staff_position(tree["A-DEPT"]), start=datetime.date(2023, 1, 1))
    Education.objects.create(employee=employee, level="bachelor", institution="TDIU", graduation_year=2007)
    Education.objects.create(employee=employee, level="master", institution="DBA", graduation_year=2012)
    client.force_login(hr_a)
    body = client.get(f"{URL}{employee.pk}/").json()
    assert body["languages"] == ["uz", "ru"]
    assert body["contacts"] == {"phone": "+998901234567", "email": "aziz@example.uz",
                                "address": "Toshkent, Navoiy 1"}
    assert [e["level"] for e in body["educations"]] == ["master", "bachelor"]
    assert [a["id"] for a in body["assignments"]] == [current.pk, earlier.pk]
    assert body["assignments"][1]["end_date"] == "2022-12-31"
    assert body["assignments"][0]["organization"]["code"] == "A-DEPT"
    assert "employee" not in body["assignments"][0]


def _many(organization, n):
    position = make_staff_position(organization, rate_units="100.00")
    other = make_staff_position(organization, rate_units="100.00", category_code="M-4")
    for i in range(n):
        employee = make_employee(last_name=f"Familiya{i:03d}", rank_code=("R-01", "R-05", None)[i % 3],
                                 education_level="bachelor")
        place(employee, position if i % 2 else other)


@pytest.mark.django_db
def test_a_page_of_fifty_costs_the_same_queries_as_a_page_of_five(client, hr_a, tree,
                                                                   django_assert_max_num_queries):
    _many(tree["A"], 5)
    client.force_login(hr_a)
    with django_assert_max_num_queries(12) as few:
        assert len(client.get(URL).json()["results"]) == 5
    _many(tree["A-DIST"], 55)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(URL).json()["results"]) == 50
    category = PositionCategory.objects.get(code="M-4").pk
    region = tree["A"].region_id
    # + 4: the region and category are looked up, then the ids of their organisations and positions.
    with django_assert_max_num_queries(len(few.captured_queries) + 4):
        body = client.get(URL, {"q": "familiya", "category": category, "region": region}).json()
    expected = Employee.objects.filter(staff_position__category__code="M-4").count()
    assert expected == 31 and body["count"] == expected and len(body["results"]) == expected


@pytest.mark.django_db
def test_profile_queries_do_not_grow_with_the_career(client, people, hr_a, tree, django_assert_max_num_queries):
    employee = people["a"]
    client.force_login(hr_a)
    with django_assert_max_num_queries(12) as one:
        client.get(f"{URL}{employee.pk}/")
    Assignment.objects.filter(employee=employee).update(end_date=datetime.date(2020, 12, 31))
    for year in range(2021, 2026):
        Assignment.objects.filter(employee=employee, end_date__isnull=True).update(end_date=datetime.date(year, 6, 1))
        place(employee, make_staff_position(tree["A-DEPT"]), start=datetime.date(year, 6, 2))
        Education.objects.create(employee=employee, level="master", institution=f"U{year}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        body = client.get(f"{URL}{employee.pk}/").json()
    assert len(body["assignments"]) == 6 and len(body["educations"]) == 5


@pytest.mark.django_db
def test_reading_personal_data_is_audited(client, people, hr_a):
    client.force_login(hr_a)
    client.get(URL, {"q": people["a"].pinfl, "sex": "M"})
    listed = AuditEvent.objects.get(action="workforce.employee.list_viewed")
    assert listed.actor == hr_a
    assert listed.data["filters"]["sex"] == "M"
    assert listed.data["filters"]["q_pinfl"].startswith("***")  # the searched PINFL is masked
    client.get(f"{URL}{people['a'].pk}/")
    viewed = AuditEvent.objects.get(action="workforce.employee.viewed")
    assert viewed.target_id == str(people["a"].pk)


@pytest.mark.django_db
def test_pages_and_sorting_through_the_api(client, hr_a, tree):
    _many(tree["A"], 7)
    client.force_login(hr_a)
    first = client.get(URL, {"page_size": 3}).json()
    assert first["count"] == 7 and first["count_is_exact"] is True and first["count_estimate"] is None
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    names = [r["last_name"] for page in (first, second, third) for r in page["results"]]
    assert names == sorted(names) and len(set(names)) == 7
    assert third["next"] is None
    descending = client.get(URL, {"ordering": "-name"}).json()["results"]
    assert [r["last_name"] for r in descending] == sorted(names, reverse=True)
    assert client.get(URL, {"page": 99}).status_code == 404


@pytest.mark.django_db
def test_hr_officer_of_a_unit_does_not_see_the_parent_body(client, people, tree):
    user = UserFactory()
    grant(user, Role.HR_OFFICER, tree["A-DIST"])
    client.force_login(user)
    assert ids(client.get(URL)) == {people["a_dist"].pk}
    assert client.get(f"{URL}{people['a'].pk}/").status_code == 404


@pytest.mark.django_db
def test_grant_on_two_subtrees_lists_both(client, people, tree):
    other = make_organization(code="C", name="Vazirlik C")
    c = make_staffed_employee(other, last_name="Nazarov")
    user = UserFactory()
    grant(user, Role.HR_OFFICER, tree["A-DIST"])
    grant(user, Role.HR_OFFICER, other)
    client.force_login(user)
    assert ids(client.get(URL)) == {people["a_dist"].pk, c.pk}
