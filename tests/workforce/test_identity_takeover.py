"""The import takeover probe (issue 6 §1): an HR officer of B uploads a file with the PINFL of a
person A employs or A dismissed. The import, the API and the services apply one identity rule:
employed elsewhere is refused; employed nowhere may be taken on only when the surname and the date
of birth match; and no report or message tells B anything about A."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import translation

from core.exceptions import ApplicationError
from tests.factories import make_employee, make_position
from tests.workforce.import_factories import employee_row, upload, write_file, xlsx_bytes
from tests.workforce.import_factories import table as sheet
from workforce.errors import WorkforceErrorCode
from workforce.importing.errors import ImportErrorCode, error_message
from workforce.models import Employee, EmployeeStatus, ImportJob, ImportStatus
from workforce.services import (
    DismissalReason,
    PersonIdentity,
    employee_dismiss,
    employee_hire,
    employee_sanction,
)
from workforce.services.imports import import_job_create, import_path

D = datetime.date
SECRET_PHONE = "+998901112233"


@pytest.fixture
def world(tree, hr_a):
    """Karimova serves in A; Rahimov served in A (reprimanded, then dismissed on 30.06.2025)."""
    a_pos = make_position(tree["A"], code="A-1", rate_units="3", name="Bosh mutaxassis")
    b_pos = make_position(tree["B"], code="B-1", rate_units="3", name="Yetakchi mutaxassis")
    serving = make_employee(last_name="Karimova", first_name="Dilnoza", sex="F", birth_date=D(1991, 4, 2),
                            organization=tree["A"], phone=SECRET_PHONE, passport="AA1234567")
    employee_hire(employee=serving, staff_position=a_pos, start_date=D(2023, 1, 10), actor=hr_a)
    left = make_employee(last_name="Rahimov", first_name="Botir", birth_date=D(1985, 9, 9), organization=tree["A"],
                         last_name_cyrl="Раҳимов", phone=SECRET_PHONE, passport="AB7654321")
    employee_hire(employee=left, staff_position=a_pos, start_date=D(2022, 3, 1), actor=hr_a)
    employee_sanction(employee=left, kind="reprimand", reason="Hujjatlarni yoʻqotgan", imposed_on=D(2024, 5, 6),
                      actor=hr_a)
    employee_dismiss(employee=left, effective_date=D(2025, 6, 30), reason_code=DismissalReason.OWN_REQUEST,
                     actor=hr_a)
    return {"a_pos": a_pos, "b_pos": b_pos, "serving": serving, "left": left}


def row_for(person, **values):
    row = employee_row(pinfl=person.pinfl, birth_date=person.birth_date, sex=person.sex, org="B", position="B-1",
                       start=D(2026, 2, 2), last_name=person.last_name, first_name=person.first_name,
                       middle_name=None)
    if "start" in values:
        values["assignment_start"] = values.pop("start")
    row.update(values)
    return row


def run(tmp_path, rows, actor, *, dry_run=False, keys=None):
    path = write_file(tmp_path, "employees", rows, keys=keys)
    return import_path(path, kind="employees", dry_run=dry_run, actor=actor)


def report_text(result) -> str:
    """Everything a dry-run report shows, in every language."""
    shown = [json.dumps(result.errors, default=str, ensure_ascii=False), json.dumps(result.summary)]
    for language in ("uz", "ru", "en"):
        with translation.override(language):
            shown += [error_message(error) for error in result.errors]
    return " ".join(shown)


def assert_reveals_nothing(text, *, tree, person):
    for secret in (tree["A"].code, tree["A"].name_uz, tree["A"].name_ru, "A-1", "Bosh mutaxassis", SECRET_PHONE,
                   person.passport, person.first_name if person.first_name != "Aziz" else "\0",
                   "2022", "2023", "30.06.2025", "01.03.2022", "10.01.2023", "Hujjat"):
        assert secret not in text, secret


# --- the import ---------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_import_never_takes_over_a_person_employed_elsewhere(tmp_path, world, tree, hr_b):
    serving = world["serving"]
    row = row_for(serving, last_name="Boshqa", first_name="Ism", phone="+998909999999")
    for dry_run in (True, False):
        result = run(tmp_path, [row], hr_b, dry_run=dry_run)
        assert [(e["row"], e["code"]) for e in result.errors] == [(2, ImportErrorCode.EMPLOYEE_EMPLOYED_ELSEWHERE)]
        assert not result.written
        assert_reveals_nothing(report_text(result), tree=tree, person=serving)
    # Even knowing the surname does not help: the person serves in A.
    result = run(tmp_path, [row_for(serving)], hr_b)
    assert [e["code"] for e in result.errors] == [ImportErrorCode.EMPLOYEE_EMPLOYED_ELSEWHERE]
    serving.refresh_from_db()
    assert (serving.last_name, serving.organization, serving.phone) == ("Karimova", tree["A"], SECRET_PHONE)
    assert serving.assignments.get().organization == tree["A"]


@pytest.mark.django_db
@pytest.mark.parametrize("wrong", [{"last_name": "Rahimova"}, {"last_name": "Karimov"}])
def test_import_rehire_of_someone_dismissed_elsewhere_needs_their_surname(tmp_path, world, tree, hr_b, wrong):
    left = world["left"]
    result = run(tmp_path, [row_for(left, **wrong)], hr_b, dry_run=True)
    assert [(e["row"], e["code"]) for e in result.errors] == [(2, ImportErrorCode.IDENTITY_MISMATCH)]
    assert result.errors[0]["params"] == {}
    assert_reveals_nothing(report_text(result), tree=tree, person=left)
    assert not run(tmp_path, [row_for(left, **wrong)], hr_b).written
    left.refresh_from_db()
    assert (left.organization, left.status) == (tree["A"], EmployeeStatus.DISMISSED)


@pytest.mark.django_db
def test_the_refusal_does_not_say_whether_the_surname_or_the_birth_date_differs(tmp_path, world, hr_b):
    left = world["left"]
    by_surname = run(tmp_path, [row_for(left, last_name="Boshqayev")], hr_b, dry_run=True)
    # The birth date is also encoded in the PINFL, so that cell gets its own (PINFL) error as well.
    by_birth = run(tmp_path, [row_for(left, birth_date=D(1985, 9, 10))], hr_b, dry_run=True)
    identity = [e for e in by_birth.errors if e["code"] == ImportErrorCode.IDENTITY_MISMATCH]
    assert identity and error_message(identity[0]) == error_message(by_surname.errors[0])
    assert identity[0]["column"] == by_surname.errors[0]["column"]


@pytest.mark.django_db
def test_import_rehires_someone_dismissed_elsewhere_when_surname_and_birth_date_match(tmp_path, world, tree, hr_b):
    left = world["left"]
    # The surname in another case: still the same person.
    result = run(tmp_path, [row_for(left, last_name="RAHIMOV", phone="+998907777777")], hr_b)
    assert result.errors == [] and result.written
    left.refresh_from_db()
    assert (left.organization, left.status, left.staff_position) == (tree["B"], EmployeeStatus.ACTIVE,
                                                                     world["b_pos"])
    assert left.phone == "+998907777777"  # B now keeps the record
    assert left.last_name == "Rahimov"  # the identity it was taken on with stays as it was


@pytest.mark.django_db
def test_a_rehire_report_does_not_reveal_the_end_of_the_service_elsewhere(tmp_path, world, tree, hr_b):
    left = world["left"]
    result = run(tmp_path, [row_for(left, start=D(2025, 6, 1))], hr_b, dry_run=True)
    assert [(e["code"], e["params"]) for e in result.errors] == [(ImportErrorCode.ASSIGNMENT_OVERLAPS_PAST, {})]
    assert_reveals_nothing(report_text(result), tree=tree, person=left)


@pytest.mark.django_db
def test_a_record_kept_elsewhere_is_not_edited_without_a_hire(tmp_path, world, tree, hr_b):
    left = world["left"]
    result = run(tmp_path, [{"pinfl": left.pinfl, "last_name": "Rahimov", "first_name": "Botir",
                             "phone": "+998905555555"}], hr_b, keys=["pinfl", "last_name", "first_name", "phone"])
    assert [e["code"] for e in result.errors] == [ImportErrorCode.EMPLOYEE_OUT_OF_SCOPE]
    left.refresh_from_db()
    assert left.phone == SECRET_PHONE


@pytest.mark.django_db
def test_the_uploaded_job_report_reveals_nothing_either(world, tree, hr_b, django_capture_on_commit_callbacks):
    headers, values = sheet("employees", [row_for(world["serving"]), row_for(world["left"], last_name="X")])
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(kind="employees", uploaded_file=upload(xlsx_bytes(headers, values)), actor=hr_b)
    job = ImportJob.objects.get(pk=job.pk)
    assert job.status == ImportStatus.INVALID
    assert [e["code"] for e in job.errors] == [ImportErrorCode.EMPLOYEE_EMPLOYED_ELSEWHERE,
                                               ImportErrorCode.IDENTITY_MISMATCH]
    text = json.dumps(job.errors, ensure_ascii=False) + " ".join(error_message(e) for e in job.errors)
    for person in (world["serving"], world["left"]):
        assert_reveals_nothing(text, tree=tree, person=person)


# --- the API and the services ------------------------------------------------------------------------------

def post_person(client, person, tree, **values):
    body = {"pinfl": person.pinfl, "last_name": person.last_name, "first_name": "Boshqa",
            "birth_date": person.birth_date.isoformat(), "sex": person.sex, "organization": tree["B"].pk,
            "phone": "+998906666666", **values}
    return client.post("/api/v1/employees/", body, content_type="application/json")


@pytest.mark.django_db
def test_api_refuses_the_pinfl_of_someone_employed_elsewhere_without_saying_where(client, world, tree, hr_b):
    client.force_login(hr_b)
    response = post_person(client, world["serving"], tree)
    assert response.status_code == 400
    assert response.json()["code"] == WorkforceErrorCode.EMPLOYEE_EMPLOYED_ELSEWHERE
    assert_reveals_nothing(response.content.decode(), tree=tree, person=world["serving"])
    assert Employee.objects.get(pk=world["serving"].pk).organization == tree["A"]


@pytest.mark.django_db
def test_api_takes_on_a_dismissed_person_only_with_their_surname(client, world, tree, hr_b):
    left = world["left"]
    client.force_login(hr_b)
    response = post_person(client, left, tree, last_name="Rahimova")
    assert (response.status_code, response.json()["code"]) == (400, WorkforceErrorCode.IDENTITY_MISMATCH)
    assert_reveals_nothing(response.content.decode(), tree=tree, person=left)

    response = post_person(client, left, tree, last_name="rahimov")
    assert response.status_code == 200, response.content  # not created: the existing record, now kept by B
    body = response.json()
    assert body["id"] == left.pk
    left.refresh_from_db()
    assert left.organization == tree["B"] and left.first_name == "Botir" and left.phone == SECRET_PHONE
    # B is shown the career (where and when), not A's order numbers or reasons.
    (past,) = body["assignments"]
    assert past["organization"]["code"] == "A" and past["start_order"] is None and past["end_reason"] == ""
    hired = client.post(f"/api/v1/employees/{left.pk}/hire/", {"staff_position": world["b_pos"].pk,
                                                                 "start_date": "2026-02-02"},
                        content_type="application/json")
    assert hired.status_code == 201, hired.content


@pytest.mark.django_db
def test_hire_service_applies_the_identity_rule_to_records_kept_elsewhere(world, tree, hr_b):
    left, serving = world["left"], world["serving"]
    with pytest.raises(ApplicationError) as error:
        employee_hire(employee=serving, staff_position=world["b_pos"], start_date=D(2026, 2, 2), actor=hr_b,
                      identity=PersonIdentity(last_name="Karimova", birth_date=serving.birth_date))
    assert error.value.code == WorkforceErrorCode.EMPLOYEE_EMPLOYED_ELSEWHERE
    assert "Karimova" not in error.value.message and "A" not in error.value.message.split()
    for identity in (None, PersonIdentity(last_name="Rahimov", birth_date=D(1985, 9, 10))):
        with pytest.raises(ApplicationError) as error:
            employee_hire(employee=left, staff_position=world["b_pos"], start_date=D(2026, 2, 2), actor=hr_b,
                          identity=identity)
        assert error.value.code == WorkforceErrorCode.IDENTITY_MISMATCH
    order = employee_hire(employee=left, staff_position=world["b_pos"], start_date=D(2026, 2, 2), actor=hr_b,
                          rate=Decimal("0.50"), identity=PersonIdentity(last_name="Rahimov",
                                                                        birth_date=left.birth_date))
    assert order.organization == tree["B"]
