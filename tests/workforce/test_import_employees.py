import datetime
from decimal import Decimal

import pytest

from core.models import AuditEvent
from tests.factories import hire, make_employee, place
from tests.workforce.import_factories import csv_bytes, employee_row, new_pinfl, positions, table, write_file
from workforce.importing.errors import ImportErrorCode
from workforce.models import (
    Assignment,
    ContractType,
    Education,
    Employee,
    EmployeeStatus,
    OrderKind,
    QualificationRank,
)
from workforce.search import employee_search_text
from workforce.services.imports import import_path

__all__ = ["positions"]  # the fixture, imported for this module


def run(tmp_path, rows, *, actor=None, dry_run=False, skip_invalid=False, fmt="xlsx", language="uz", keys=None):
    path = write_file(tmp_path, "employees", rows, fmt=fmt, language=language, keys=keys)
    return import_path(path, kind="employees", dry_run=dry_run, skip_invalid=skip_invalid, actor=actor)


def codes(result):
    return [(e["row"], e["code"]) for e in result.errors]


def counts():
    return {
        "employees": Employee.objects.count(), "assignments": Assignment.objects.count(),
        "educations": Education.objects.count(), "employee_history": Employee.history.count(),
        "assignment_history": Assignment.history.count(), "education_history": Education.history.count(),
    }


# --- the happy path ------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_new_employees_are_hired_with_everything_in_step(tmp_path, positions, hr_a):
    rows = [
        employee_row(position="P1", pinfl="40712966350029", birth_date=datetime.date(1996, 12, 7), sex="F",
                     last_name="Karimova", first_name="Dilnoza", middle_name="Anvarovna", last_name_cyrl="Каримова",
                     first_name_cyrl="Дилноза", passport="aa 1234567", phone="+998901234567",
                     email="d.karimova@example.uz", education_level="Oliy (magistr)",
                     education_institution="TDIU", education_specialty="Iqtisodiyot", education_year=2019,
                     languages="uz, ru, en", qualification_rank="1-darajali referent",
                     civil_service_start=datetime.date(2019, 8, 1), rate="0,5"),
        employee_row(position="P2", last_name="Gʻulomov"),
    ]
    result = run(tmp_path, rows, actor=hr_a)

    assert result.errors == [] and result.written
    assert result.summary == {"to_create": 2, "to_update": 0, "unchanged": 0, "assignments_opened": 2,
                              "assignments_closed": 0, "educations_added": 1}
    dilnoza = Employee.objects.get(pinfl="40712966350029")
    assert (dilnoza.last_name, dilnoza.sex, dilnoza.birth_date) == ("Karimova", "F", datetime.date(1996, 12, 7))
    assert (dilnoza.passport, dilnoza.languages, dilnoza.citizenship) == ("AA1234567", ["uz", "ru", "en"], "UZ")
    assert dilnoza.qualification_rank == QualificationRank.objects.get(code="R-03")
    assert dilnoza.organization == positions["P1"].organization and dilnoza.staff_position == positions["P1"]
    assert dilnoza.hired_on == datetime.date(2024, 3, 1) and dilnoza.status == EmployeeStatus.ACTIVE
    assert dilnoza.civil_service_start == datetime.date(2019, 8, 1)
    assert dilnoza.education_level == "master"
    assert dilnoza.search_text == employee_search_text(
        last_name="Karimova", first_name="Dilnoza", middle_name="Anvarovna", last_name_cyrl="Каримова",
        first_name_cyrl="Дилноза")
    assignment = dilnoza.assignments.get()
    assert (assignment.rate, assignment.start_kind, assignment.end_date) == (Decimal("0.50"), OrderKind.HIRE, None)
    assert assignment.contract_type == ContractType.INDEFINITE  # hired before 2026
    education = dilnoza.educations.get()
    assert (education.level, education.institution, education.graduation_year) == ("master", "TDIU", 2019)
    other = Employee.objects.get(last_name="Gʻulomov")
    assert other.civil_service_start == datetime.date(2024, 3, 1)  # empty: the first assignment's start

    history = dilnoza.history.get()
    assert (history.history_type, history.history_user, history.history_change_reason) == ("+", hr_a,
                                                                                         "import: employees.xlsx")
    assert assignment.history.get().history_type == "+"
    assert education.history.get().history_user == hr_a
    event = AuditEvent.objects.get(action="workforce.import.completed")
    assert event.actor == hr_a and event.data["to_create"] == 2 and event.data["kind"] == "employees"


@pytest.mark.django_db
def test_first_time_entrant_from_2026_gets_a_fixed_term_contract(tmp_path, positions):
    result = run(tmp_path, [employee_row(start=datetime.date(2026, 2, 1))])
    assert result.written
    assignment = Assignment.objects.get()
    assert assignment.contract_type == ContractType.FIXED_TERM
    assert assignment.contract_end_date == datetime.date(2027, 1, 31)


@pytest.mark.django_db
def test_russian_headers_csv_in_cp1251_text_dates_numbers_as_text_and_stray_spaces(tmp_path, positions):
    pinfl = new_pinfl(datetime.date(1988, 1, 30), "F")
    headers, values = table("employees", [{
        "pinfl": f" {pinfl}\u00a0", "last_name": "  Yusupova ", "first_name": "Malika", "birth_date": "30.01.1988",
        "sex": "Женский", "organization_code": "A", "staff_position_code": "P1", "assignment_start": "01/03/2024",
        "rate": "1,00", "education_level": "высшее", "education_institution": "СамГУ", "education_year": "2010",
    }], language="ru")
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(headers, values, delimiter=";", encoding="cp1251"))
    result = import_path(path, kind="employees", dry_run=False)
    assert result.errors == []
    employee = Employee.objects.get(pinfl=pinfl)
    assert (employee.last_name, employee.sex, employee.hired_on) == ("Yusupova", "F", datetime.date(2024, 3, 1))
    assert employee.educations.get().institution == "СамГУ"


@pytest.mark.django_db
def test_pinfl_as_a_number_cell_and_birth_date_and_sex_taken_from_it(tmp_path, positions):
    row = employee_row(pinfl=None)
    pinfl = row["pinfl"]
    row.update(pinfl=float(pinfl), birth_date=None, sex=None)
    result = run(tmp_path, [row], keys=["pinfl", "last_name", "first_name", "birth_date", "sex",
                                         "organization_code", "staff_position_code", "assignment_start"])
    assert result.errors == []
    employee = Employee.objects.get(pinfl=pinfl)
    assert (employee.birth_date, employee.sex) == (datetime.date(1990, 5, 17), "M")


# --- all or nothing -----------------------------------------------------------------------------------

@pytest.mark.django_db
def test_one_bad_row_means_nothing_is_written_and_the_report_names_it(tmp_path, positions):
    good = employee_row()
    bad = employee_row(pinfl=good["pinfl"][:13] + str((int(good["pinfl"][13]) + 1) % 10))
    bad["pinfl"] = bad["pinfl"][:13] + str((int(good["pinfl"][13]) + 3) % 10)
    rows = [employee_row(), bad, good]
    result = run(tmp_path, rows)

    assert not result.written
    assert counts() == dict.fromkeys(counts(), 0)
    (error,) = result.errors
    assert error["row"] == 3
    assert error["column"] == "JShShIR"
    assert error["value"] == bad["pinfl"]
    assert error["code"] == ImportErrorCode.PINFL_CHECK_DIGIT
    assert error["params"]["expected"] == int(good["pinfl"][13])
    assert result.error_rows == 1 and result.total_rows == 3


@pytest.mark.django_db
def test_skip_invalid_imports_the_valid_rows_only(tmp_path, positions):
    rows = [employee_row(), employee_row(birth_date=datetime.date(1991, 1, 1), pinfl=new_pinfl()), employee_row()]
    result = run(tmp_path, rows, skip_invalid=True)
    assert result.written
    assert codes(result) == [(3, ImportErrorCode.PINFL_BIRTH_MISMATCH)]
    assert result.errors[0]["column"] == "Tugʻilgan sana"
    assert Employee.objects.count() == 2
    assert AuditEvent.objects.get(action="workforce.import.completed").data["skipped_rows"] == 1


@pytest.mark.django_db
def test_every_error_of_a_row_is_reported_with_its_column(tmp_path, positions):
    row = employee_row(email="nope", passport="123", phone="x", languages="uz, klingon",
                       qualification_rank="Marshal", education_level="PhD", position="NOPE")
    row["sex"] = "Ayol"  # the PINFL is a man's
    result = run(tmp_path, [row])
    found = {(e["column"], e["code"]) for e in result.errors}
    assert found == {
        ("Jinsi", ImportErrorCode.PINFL_SEX_MISMATCH), ("Elektron pochta", ImportErrorCode.EMAIL_INVALID),
        ("Pasport", ImportErrorCode.PASSPORT_FORMAT), ("Telefon", ImportErrorCode.PHONE_INVALID),
        ("Tillar", ImportErrorCode.LANGUAGE_UNKNOWN), ("Malaka darajasi", ImportErrorCode.RANK_UNKNOWN),
        ("Lavozim kodi", ImportErrorCode.STAFF_POSITION_UNKNOWN),
    }
    assert all(e["row"] == 2 for e in result.errors) and result.error_rows == 1
    # an education level without the institution is no error: a warning, and the level is kept
    assert [w["code"] for w in result.warnings] == ["education_without_institution"]


@pytest.mark.django_db
def test_an_education_level_alone_is_the_employees_level_with_one_warning_for_all_rows(tmp_path, positions):
    rows = [employee_row(education_level="Oliy (magistr)", position="P1"),
            employee_row(education_level="Высшее", position="P1"), employee_row(position="P2")]
    result = run(tmp_path, rows)
    assert result.errors == [] and result.written
    (warning,) = result.warnings
    assert warning["code"] == "education_without_institution" and warning["params"]["count"] == 2
    assert warning["params"]["rows"] == "2, 3" and warning["column"] == "Maʼlumoti"
    levels = sorted(Employee.objects.values_list("education_level", flat=True), key=str)
    assert levels == ["", "bachelor", "master"] and Education.objects.count() == 0
    # an institution without the level is still an error: what was studied is not to be guessed
    result = run(tmp_path, [employee_row(education_institution="TDIU")])
    assert codes(result) == [(2, ImportErrorCode.EDUCATION_INSTITUTION_REQUIRED)]


@pytest.mark.django_db
def test_a_level_alone_never_lowers_what_the_education_entries_say(tmp_path, positions):
    row = employee_row(education_level="PhD", education_institution="TDIU")
    assert run(tmp_path, [row]).written
    again = run(tmp_path, [{**row, "education_level": "Oliy (bakalavr)", "education_institution": None}])
    assert again.errors == [] and again.summary["unchanged"] == 1
    assert Employee.objects.get().education_level == "phd"


@pytest.mark.django_db
def test_required_cells_and_incomplete_assignments(tmp_path, positions):
    rows = [employee_row(last_name=None), employee_row(start=None)]
    result = run(tmp_path, rows, keys=["pinfl", "last_name", "first_name", "organization_code",
                                       "staff_position_code", "assignment_start"])
    assert codes(result) == [(2, ImportErrorCode.REQUIRED), (3, ImportErrorCode.ASSIGNMENT_INCOMPLETE)]
    assert result.errors[1]["column"] == "Lavozimga tayinlangan sana"


@pytest.mark.django_db
def test_duplicate_pinfl_in_the_file(tmp_path, positions):
    first = employee_row()
    result = run(tmp_path, [first, employee_row(), dict(first, staff_position_code="P2")])
    assert codes(result) == [(4, ImportErrorCode.PINFL_DUPLICATE_IN_FILE)]
    assert result.errors[0]["params"] == {"first_row": 2}


@pytest.mark.django_db
def test_header_errors_stop_before_any_row(tmp_path, positions):
    path = tmp_path / "bad.xlsx"
    from tests.workforce.import_factories import xlsx_bytes

    path.write_bytes(xlsx_bytes(["Familiya", "Ism", "Shoe size"], [["A", "B", 42]]))
    result = import_path(path, kind="employees", dry_run=False)
    assert [(e["row"], e["code"], e["params"]["column_key"]) for e in result.errors] == [
        (1, ImportErrorCode.HEADER_MISSING, "pinfl")]
    assert [(w["column"], w["code"]) for w in result.warnings] == [("Shoe size", "header_ignored")]
    assert result.file_errors == result.errors and not result.importable
    assert not result.written and result.total_rows == 0


# --- re-import, updates, transfers ------------------------------------------------------------------------

@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing(tmp_path, positions):
    rows = [employee_row(position=position, education_level="Oliy (bakalavr)", education_institution="TDIU",
                         languages="uz, ru", qualification_rank="R-02", passport="AB7654321")
            for position in ("P1", "P1", "P2")]
    assert run(tmp_path, rows).written
    before = counts()
    stamps = dict(Employee.objects.values_list("pinfl", "updated_at"))

    again = run(tmp_path, rows)
    assert again.errors == []
    assert again.summary == {"to_create": 0, "to_update": 0, "unchanged": 3, "assignments_opened": 0,
                             "assignments_closed": 0, "educations_added": 0}
    assert counts() == before
    assert dict(Employee.objects.values_list("pinfl", "updated_at")) == stamps


@pytest.mark.django_db
def test_changed_cells_update_only_what_changed_and_keep_history(tmp_path, positions):
    row = employee_row(phone="+998901111111")
    run(tmp_path, [row])
    employee = Employee.objects.get()
    result = run(tmp_path, [dict(row, phone="+998902222222", last_name="Karimovv", address=None)])
    assert result.summary["to_update"] == 1 and result.summary["assignments_opened"] == 0
    employee.refresh_from_db()
    assert (employee.phone, employee.last_name) == ("+998902222222", "Karimovv")
    assert employee.search_text.startswith("karimovv")
    latest = employee.history.order_by("-history_id").first()
    assert (latest.history_type, latest.phone, latest.history_change_reason) == ("~", "+998902222222",
                                                                                 "import: employees.xlsx")
    assert employee.history.count() == 2
    assert latest.created_at == employee.created_at  # the snapshot is complete


@pytest.mark.django_db
def test_a_different_position_is_a_transfer_that_keeps_history(tmp_path, positions):
    employee = make_employee(civil_service_start=datetime.date(2015, 1, 1))
    old = hire(employee, positions["P1"], start=datetime.date(2020, 1, 1))
    history_before = list(old.history.order_by("history_id").values_list("history_type", "end_date"))
    row = employee_row(pinfl=employee.pinfl, birth_date=employee.birth_date, position="P2",
                       start=datetime.date(2024, 3, 1))
    result = run(tmp_path, [row])
    assert result.summary["assignments_opened"] == 1 and result.summary["assignments_closed"] == 1

    old.refresh_from_db()
    assert (old.end_date, old.end_kind) == (datetime.date(2024, 2, 29), OrderKind.TRANSFER)
    new = employee.assignments.get(end_date__isnull=True)
    assert (new.staff_position, new.start_kind, new.contract_type) == (positions["P2"], OrderKind.TRANSFER,
                                                                      old.contract_type)
    employee.refresh_from_db()
    assert employee.staff_position == positions["P2"]
    assert employee.hired_on == datetime.date(2020, 1, 1)  # a transfer is not a hire
    assert list(old.history.order_by("history_id").values_list("history_type", "end_date")) == [
        *history_before, ("~", datetime.date(2024, 2, 29))]  # the hire's rows are kept, ours is added


@pytest.mark.django_db
def test_transfer_must_start_after_the_current_assignment(tmp_path, positions):
    employee = make_employee()
    place(employee, positions["P1"], start=datetime.date(2024, 6, 1))
    result = run(tmp_path, [employee_row(pinfl=employee.pinfl, birth_date=employee.birth_date, position="P2",
                                         start=datetime.date(2024, 6, 1))])
    assert codes(result) == [(2, ImportErrorCode.ASSIGNMENT_BEFORE_CURRENT)]
    assert Assignment.objects.get().end_date is None


@pytest.mark.django_db
def test_education_is_added_only_when_new_and_the_level_follows_the_highest(tmp_path, positions):
    row = employee_row(education_level="Oliy (bakalavr)", education_institution="TDIU")
    run(tmp_path, [row])
    run(tmp_path, [dict(row, education_institution="tdiu ")])  # the same institution, written differently
    assert Education.objects.count() == 1
    result = run(tmp_path, [dict(row, education_level="PhD", education_institution="Fanlar akademiyasi")])
    assert result.summary["educations_added"] == 1
    employee = Employee.objects.get()
    assert Education.objects.count() == 2 and employee.education_level == "phd"


# --- occupancy ------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_position_cannot_be_filled_beyond_its_units_across_rows(tmp_path, positions):
    rows = [employee_row(position="P2"), employee_row(position="P2"), employee_row(position="P1", rate="0.5")]
    result = run(tmp_path, rows)
    assert codes(result) == [(3, ImportErrorCode.STAFF_POSITION_FULL)]
    assert result.errors[0]["params"] == {"code": "P2", "position": "P2", "units": "1.00", "held": "1.00",
                                          "requested": "1.00", "day": "01.03.2024"}
    assert Employee.objects.count() == 0


@pytest.mark.django_db
def test_occupancy_counts_existing_assignments(tmp_path, positions):
    place(make_employee(), positions["P2"], start=datetime.date(2020, 1, 1))
    result = run(tmp_path, [employee_row(position="P2")])
    assert codes(result) == [(2, ImportErrorCode.STAFF_POSITION_FULL)]


@pytest.mark.django_db
def test_two_people_may_swap_positions_in_one_file(tmp_path, positions):
    first, second = make_employee(), make_employee()
    place(first, positions["P2"])
    place(second, positions["P3"])
    rows = [employee_row(pinfl=first.pinfl, birth_date=first.birth_date, position="P3"),
            employee_row(pinfl=second.pinfl, birth_date=second.birth_date, position="P2")]
    result = run(tmp_path, rows)
    assert result.errors == [] and result.summary["assignments_closed"] == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.staff_position, second.staff_position) == (positions["P3"], positions["P2"])


@pytest.mark.django_db
def test_a_rejected_transfer_frees_nothing(tmp_path, positions):
    """Row 2 would free P2 but is invalid; with skip_invalid, row 3 may then not take P2."""
    holder = make_employee()
    place(holder, positions["P2"], start=datetime.date(2024, 6, 1))
    rows = [employee_row(pinfl=holder.pinfl, birth_date=holder.birth_date, position="P3",
                         start=datetime.date(2024, 1, 1)),
            employee_row(position="P2")]
    result = run(tmp_path, rows, skip_invalid=True)
    assert codes(result) == [(2, ImportErrorCode.ASSIGNMENT_BEFORE_CURRENT), (3, ImportErrorCode.STAFF_POSITION_FULL)]
    assert Employee.objects.count() == 1


# --- scope -------------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_hr_of_a_cannot_import_into_b(tmp_path, positions, hr_a):
    result = run(tmp_path, [employee_row(org="B", position="Q1"), employee_row(org="NOWHERE", position="Q1")],
                 actor=hr_a)
    assert codes(result) == [(2, ImportErrorCode.ORGANIZATION_UNAVAILABLE), (3, ImportErrorCode.ORGANIZATION_UNAVAILABLE)]
    assert result.errors[0]["params"] == {"code": "B"}
    assert Employee.objects.count() == 0


@pytest.mark.django_db
def test_hr_of_a_cannot_change_an_employee_of_b(tmp_path, positions, hr_a):
    employee = make_employee()
    place(employee, positions["Q1"])
    row = employee_row(pinfl=employee.pinfl, birth_date=employee.birth_date, position="P1")
    result = run(tmp_path, [row], actor=hr_a)
    assert codes(result) == [(2, ImportErrorCode.EMPLOYEE_EMPLOYED_ELSEWHERE)]
    result = run(tmp_path, [dict(row, org=None, position=None, start=None, phone="+998901234567")], actor=hr_a,
                 keys=["pinfl", "last_name", "first_name", "phone"])
    assert codes(result) == [(2, ImportErrorCode.EMPLOYEE_EMPLOYED_ELSEWHERE)]
    employee.refresh_from_db()
    assert employee.staff_position == positions["Q1"] and employee.phone == ""


@pytest.mark.django_db
def test_hr_of_a_may_hire_someone_dismissed_from_b(tmp_path, positions, hr_a):
    employee = make_employee()
    Assignment.objects.create(employee=employee, staff_position=positions["Q1"], organization=positions["Q1"].organization,
                              start_date=datetime.date(2018, 1, 1), end_date=datetime.date(2022, 12, 31))
    Employee.objects.filter(pk=employee.pk).update(organization=positions["Q1"].organization,
                                                   status=EmployeeStatus.DISMISSED)
    result = run(tmp_path, [employee_row(pinfl=employee.pinfl, birth_date=employee.birth_date, position="P1")],
                 actor=hr_a)
    assert result.errors == []
    employee.refresh_from_db()
    assert (employee.organization, employee.status) == (positions["P1"].organization, EmployeeStatus.ACTIVE)
    new = employee.assignments.get(end_date__isnull=True)
    assert new.contract_type == ContractType.INDEFINITE  # served before: not a first-time entrant


@pytest.mark.django_db
def test_a_new_employee_of_a_scoped_officer_needs_an_assignment(tmp_path, positions, hr_a):
    row = employee_row(org=None, position=None, start=None)
    keys = ["pinfl", "last_name", "first_name"]
    assert codes(run(tmp_path, [row], actor=hr_a, keys=keys)) == [(2, ImportErrorCode.ASSIGNMENT_REQUIRED)]
    result = run(tmp_path, [row], keys=keys)  # the command line has full access
    assert result.errors == []
    assert Employee.objects.get().status == EmployeeStatus.NOT_EMPLOYED


@pytest.mark.django_db
def test_dry_run_writes_nothing_but_reports_the_plan(tmp_path, positions):
    result = run(tmp_path, [employee_row(), employee_row()], dry_run=True)
    assert result.summary["to_create"] == 2 and not result.written
    assert counts() == dict.fromkeys(counts(), 0)



@pytest.mark.django_db
def test_no_new_assignment_on_a_closed_position_but_its_holders_reimport_unchanged(tmp_path, positions):
    from workforce.models import StaffPosition

    holder = make_employee()
    place(holder, positions["P3"])
    StaffPosition.objects.filter(pk=positions["P3"].pk).update(is_active=False)
    rows = [employee_row(pinfl=holder.pinfl, birth_date=holder.birth_date, position="P3",
                         start=datetime.date(2020, 1, 1)),
            employee_row(position="P3")]
    result = run(tmp_path, rows)
    assert codes(result) == [(3, ImportErrorCode.STAFF_POSITION_INACTIVE)]
    result = run(tmp_path, rows[:1])
    assert result.errors == [] and result.summary["unchanged"] == 1


@pytest.mark.django_db
def test_no_query_per_row(tmp_path, positions):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workforce.models import StaffPosition

    StaffPosition.objects.filter(pk=positions["P1"].pk).update(rate_units=50)

    def queries(n, name):
        rows = [employee_row(position="P1", education_level="Oliy (bakalavr)", education_institution=f"U{i}",
                             qualification_rank="R-02", languages="uz") for i in range(n)]
        path = write_file(tmp_path, "employees", rows, name=name)
        with CaptureQueriesContext(connection) as first:
            assert import_path(path, kind="employees", dry_run=False).written
        with CaptureQueriesContext(connection) as again:
            assert import_path(path, kind="employees", dry_run=False).summary["unchanged"] == n
        return len(first.captured_queries), len(again.captured_queries)

    assert queries(2, "small.xlsx") == queries(12, "bigger.xlsx")


# --- a mixed file, and the database refusing a write ----------------------------------------------------

@pytest.mark.django_db
def test_a_mixed_file_of_hires_an_update_a_transfer_and_a_person_without_position(tmp_path, positions):
    employee = make_employee()
    place(employee, positions["P3"], start=datetime.date(2020, 1, 1))
    rows = [employee_row(position="P1", education_level="PhD", education_institution="TDIU"),
            employee_row(position="P1", start=datetime.date(2026, 3, 1)),
            employee_row(pinfl=employee.pinfl, birth_date=employee.birth_date, position="P2", phone="+998901112233"),
            employee_row(org=None, position=None, start=None)]
    result = run(tmp_path, rows)
    assert result.errors == [] and result.written
    assert result.summary == {"to_create": 3, "to_update": 1, "unchanged": 0, "assignments_opened": 3,
                              "assignments_closed": 1, "educations_added": 1}
    assert counts() == {"employees": 4, "assignments": 4, "educations": 1,
                        "employee_history": 1 + 3 + 1,  # the existing one's "+", three new "+", its "~"
                        "assignment_history": 1 + 3 + 1,  # the placement's "+", three new "+", its closing "~"
                        "education_history": 1}
    employee.refresh_from_db()
    assert (employee.staff_position, employee.phone) == (positions["P2"], "+998901112233")
    assert Assignment.objects.get(start_date=datetime.date(2026, 3, 1)).contract_type == ContractType.FIXED_TERM
    again = run(tmp_path, rows)
    assert again.summary["unchanged"] == 4 and counts()["employee_history"] == 5


@pytest.mark.django_db
def test_a_database_refusal_during_the_write_rolls_everything_back(tmp_path, positions, monkeypatch):
    """The PINFL of row 3 taken meanwhile (as a concurrent hire would): the unique constraint fires
    during the COPY; the import reports a write conflict and leaves nothing behind."""
    from workforce.importing import employees as module

    rows = [employee_row(position="P1"), employee_row(position="P1")]
    real_write = module.EmployeeImporter.write

    def write_after_someone_else(self, plan, ctx, writer):
        for action in plan.actions:
            if action.record[module.E["pinfl"]] == rows[1]["pinfl"]:
                other = list(action.record)
                other[module.E["id"]] = writer.allocate_ids(Employee, 1)[0]
                other[module.E["created_at"]] = other[module.E["updated_at"]] = writer.now
                writer.insert(Employee, module.EMPLOYEE_FIELDS, [other], history=False)
        real_write(self, plan, ctx, writer)

    monkeypatch.setattr(module.EmployeeImporter, "write", write_after_someone_else)
    result = run(tmp_path, rows)
    assert not result.written and [e["code"] for e in result.errors] == [ImportErrorCode.WRITE_CONFLICT]
    assert counts() == dict.fromkeys(counts(), 0)
