"""Write side of the API: employees and HR orders go through the services, inside the scope."""

import pytest

from core.models import AuditEvent
from tests.factories import UserFactory, grant, hire, make_employee, make_position
from workforce.models import Assignment, Employee, HROrder, QualificationRank, Role

NEW = {"pinfl": "40712966350029", "last_name": "Karimova", "first_name": "Dilnoza", "birth_date": "1996-12-07",
       "sex": "F", "passport": "AA5265040", "languages": ["uz", "ru"]}


@pytest.fixture
def api(client, hr_a):
    client.force_login(hr_a)
    return client


@pytest.mark.django_db
def test_create_employee_in_scope(api, tree):
    response = api.post("/api/v1/employees/", {**NEW, "organization": tree["A-DEPT"].pk},
                        content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["pinfl"] == NEW["pinfl"] and body["organization"]["code"] == "A-DEPT"
    assert AuditEvent.objects.filter(action="workforce.employee.created").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "status", "code", "field"), [
    ({"organization": "B"}, 400, "invalid", "organization"),          # B's id is not found in A's scope
    ({"organization": None}, 400, "organization_required", "organization"),
    ({"birth_date": "1996-12-08"}, 400, "pinfl_birth_mismatch", "pinfl"),
    ({"pinfl": "40712966350028"}, 400, "invalid", "pinfl"),            # check digit
])
def test_create_employee_errors_name_the_field(api, tree, change, status, code, field):
    payload = {**NEW, "organization": tree["A"].pk, **change}
    if change.get("organization") == "B":
        payload["organization"] = tree["B"].pk
    response = api.post("/api/v1/employees/", payload, content_type="application/json")
    assert response.status_code == status, response.json()
    assert response.json()["code"] == code
    assert response.json().get("field") == field
    assert not Employee.objects.exists()


@pytest.mark.django_db
def test_duplicate_pinfl_is_a_clear_error(api, tree):
    api.post("/api/v1/employees/", {**NEW, "organization": tree["A"].pk}, content_type="application/json")
    response = api.post("/api/v1/employees/", {**NEW, "organization": tree["A"].pk}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "employee_pinfl_taken"


@pytest.mark.django_db
def test_patch_personal_data_but_never_the_pinfl(api, tree):
    created = api.post("/api/v1/employees/", {**NEW, "organization": tree["A"].pk},
                       content_type="application/json").json()
    response = api.patch(f"/api/v1/employees/{created['id']}/", {"phone": "+998901234567", "pinfl": "1" * 14},
                         content_type="application/json")
    assert response.status_code == 200
    employee = Employee.objects.get(pk=created["id"])
    assert employee.phone == "+998901234567" and employee.pinfl == NEW["pinfl"]


@pytest.mark.django_db
def test_hire_transfer_and_dismiss_through_the_api(api, tree):
    first = make_position(tree["A"], code="A-1")
    second = make_position(tree["A-DEPT"], code="AD-1")
    employee = make_employee(organization=tree["A"])
    response = api.post(f"/api/v1/employees/{employee.pk}/hire/",
                        {"staff_position": first.pk, "start_date": "2026-01-12"}, content_type="application/json")
    assert response.status_code == 201, response.json()
    order = response.json()
    assert order["kind"] == "hire" and order["number"].startswith("A/2026/")
    assert order["verification_url"].endswith(f"/verify/{HROrder.objects.get(pk=order['id']).verifiable.code}/")

    response = api.post(f"/api/v1/employees/{employee.pk}/transfer/",
                        {"staff_position": second.pk, "effective_date": "2026-03-01", "reason": "Xizmat zaruriyati"},
                        content_type="application/json")
    assert response.status_code == 201, response.json()
    response = api.post(f"/api/v1/employees/{employee.pk}/dismiss/",
                        {"effective_date": "2026-06-30", "reason_code": "own_request"}, content_type="application/json")
    assert response.status_code == 201, response.json()
    employee.refresh_from_db()
    assert employee.status == "dismissed"
    assert list(Assignment.objects.filter(employee=employee).order_by("start_date").values_list(
        "staff_position__code", "end_date__month")) == [("A-1", 2), ("AD-1", 6)]
    orders = api.get("/api/v1/orders/", {"employee": employee.pk}).json()
    assert [o["kind"] for o in orders["results"]] == ["dismissal", "transfer", "hire"]


@pytest.mark.django_db
def test_full_position_is_a_409_and_nothing_changes(api, tree):
    full = make_position(tree["A"], code="FULL", rate_units="1")
    hire(make_employee(last_name="Band"), full)
    employee = make_employee(organization=tree["A"])
    response = api.post(f"/api/v1/employees/{employee.pk}/hire/", {"staff_position": full.pk,
                                                                    "start_date": "2026-02-01"},
                        content_type="application/json")
    assert response.status_code == 409
    assert response.json()["code"] == "staff_position_full"
    assert not Assignment.objects.filter(employee=employee).exists()


@pytest.mark.django_db
def test_positions_and_employees_of_b_are_out_of_reach(api, tree):
    b_position = make_position(tree["B"], code="B-1")
    a_employee = make_employee(organization=tree["A"])
    b_employee = make_employee(last_name="Begonayev")
    hire(b_employee, make_position(tree["B"], code="B-2"))
    response = api.post(f"/api/v1/employees/{a_employee.pk}/hire/", {"staff_position": b_position.pk,
                                                                      "start_date": "2026-02-01"},
                        content_type="application/json")
    assert response.status_code == 400 and response.json()["field"] == "staff_position"
    response = api.post(f"/api/v1/employees/{b_employee.pk}/dismiss/",
                        {"effective_date": "2026-06-30", "reason_code": "own_request"}, content_type="application/json")
    assert response.status_code == 404
    assert api.patch(f"/api/v1/employees/{b_employee.pk}/", {"phone": "1"},
                     content_type="application/json").status_code == 404
    assert api.get("/api/v1/orders/").json()["count"] == 0  # B's hire order is not listed


@pytest.mark.django_db
def test_rank_change_and_sanction(api, tree):
    employee = make_employee(organization=tree["A"], rank_code="R-03")
    hire(employee, make_position(tree["A"], code="A-1"))
    rank = QualificationRank.objects.get(code="R-04")
    response = api.post(f"/api/v1/employees/{employee.pk}/rank-change/",
                        {"rank": rank.pk, "effective_date": "2026-02-01", "reason": "Attestatsiya"},
                        content_type="application/json")
    assert response.status_code == 201, response.json()
    response = api.post(f"/api/v1/employees/{employee.pk}/sanction/",
                        {"kind": "rank_lowering", "reason": "Intizom buzilishi", "imposed_on": "2026-03-01"},
                        content_type="application/json")
    assert response.status_code == 201, response.json()
    employee.refresh_from_db()
    assert employee.qualification_rank.code == "R-03"


@pytest.mark.django_db
def test_non_hr_users_cannot_write(client, tree):
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, None)
    client.force_login(leader)
    response = client.post("/api/v1/employees/", {**NEW, "organization": tree["A"].pk},
                           content_type="application/json")
    assert response.status_code == 403
    assert not Employee.objects.exists()
