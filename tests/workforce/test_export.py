import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from core.models import AuditEvent
from tests.factories import UserFactory, grant, make_employee, place
from tests.workforce.import_factories import employee_row, positions, write_file
from workforce.exporting import FORMULA_PREFIXES, escape_formula, export_queryset, import_template
from workforce.importing.base import ImportContext, Progress
from workforce.importing.employees import EmployeeImporter
from workforce.importing.headers import match_headers
from workforce.models import Assignment, Education, Employee, Role
from workforce.resources import RESOURCES
from workforce.services.imports import import_path

__all__ = ["positions"]
DANGEROUS = {
    "last_name": '=HYPERLINK("http://evil.example","x")',
    "first_name": "+1+2",
    "middle_name": "-3",
    "address": "@SUM(1,1)",
    "last_name_cyrl": "\tВкладка",
    "first_name_cyrl": "\rВозврат",
}


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_escape_every_dangerous_prefix(prefix):
    assert escape_formula(f"{prefix}cmd") == f"'{prefix}cmd"


@pytest.mark.parametrize("value", ["Karimov", "", "1+1", "'=already", 42, None, datetime.date(2024, 1, 1)])
def test_harmless_values_are_left_alone(value):
    assert escape_formula(value) == value


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_exports_escape_formula_injection_in_every_string_cell(client, positions, hr_a, fmt):
    employee = make_employee(phone="+998901234567", **DANGEROUS)
    place(employee, positions["P1"])
    client.force_login(hr_a)
    response = client.get(reverse("workforce:export_employees"), {"format": fmt})
    assert response.status_code == 200
    rows = xlsx_rows(response) if fmt == "xlsx" else csv_rows(response)
    for row in rows:
        for cell in row:
            assert not (isinstance(cell, str) and cell[:1] in FORMULA_PREFIXES), cell
    exported = dict(zip(rows[0], rows[1], strict=True))
    assert exported["Familiya"] == "'" + DANGEROUS["last_name"]
    assert exported["Ism"] == "'+1+2"
    assert exported["Otasining ismi"] == "'-3"
    assert exported["Manzil"] == "'@SUM(1,1)"
    assert exported["Familiya (kirill)"] == "'\tВкладка"
    assert exported["Telefon"] == "'+998901234567"


@pytest.mark.django_db
def test_hr_of_a_never_gets_employees_of_b(client, positions, hr_a, tree):
    mine, theirs = make_employee(last_name="Alimov"), make_employee(last_name="Boboyev")
    place(mine, positions["P1"])
    place(theirs, positions["Q1"])
    client.force_login(hr_a)
    for params in ({}, {"format": "csv"}, {"organization": tree["B"].pk}, {"q": theirs.pinfl}):
        response = client.get(reverse("workforce:export_employees"), params)
        content = b"".join(response.streaming_content)
        assert theirs.pinfl.encode() not in content
    response = client.get(reverse("workforce:export_employees"), {"format": "csv"})
    assert [row[0] for row in csv_rows(response)[1:]] == [mine.pinfl]


@pytest.mark.django_db
def test_the_list_filters_apply_and_the_export_is_audited(client, positions, hr_a):
    for name in ("Alimov", "Valiyev"):
        place(make_employee(last_name=name), positions["P1"])
    client.force_login(hr_a)
    response = client.get(reverse("workforce:export_employees"), {"format": "csv", "q": "valiyev"})
    rows = csv_rows(response)
    assert [row[1] for row in rows[1:]] == ["Valiyev"]
    event = AuditEvent.objects.get(action="workforce.employee.exported")
    assert event.actor == hr_a
    assert event.data["count"] == 1 and event.data["filters"] == {"q": "valiyev"} and event.data["format"] == "csv"


@pytest.mark.django_db
def test_only_hr_roles_may_export(client, tree):
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, None)
    client.force_login(leader)
    assert client.get(reverse("workforce:export_employees")).status_code == 403
    assert client.get(reverse("workforce:export_organizations")).status_code == 403


@pytest.mark.django_db
def test_export_queries_do_not_grow_with_the_rows(positions):
    def queries(n):
        for _ in range(n):
            employee = make_employee()
            place(employee, positions["P1"] if Employee.objects.count() % 2 else positions["P3"])
        with CaptureQueriesContext(connection) as captured:
            export_queryset("employees", Employee.objects.all(), fmt="xlsx")
        return len(captured.captured_queries)

    assert queries(1) == queries(5)


# --- round trip ------------------------------------------------------------------------------------------

def record_state():
    return {
        "employees": list(Employee.objects.order_by("pk").values()),
        "assignments": list(Assignment.objects.order_by("pk").values()),
        "educations": list(Education.objects.order_by("pk").values()),
        "history": (Employee.history.count(), Assignment.history.count(), Education.history.count()),
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("fmt", "language"), [("xlsx", "uz"), ("xlsx", "ru"), ("csv", "en"), ("csv", "uz")])
def test_export_then_import_changes_nothing(client, tmp_path, positions, admin_user, fmt, language):
    rows = [
        employee_row(position="P1", last_name="Gʻulomov", last_name_cyrl="Ғуломов", languages="uz, ru",
                     education_level="Oliy (magistr)", education_institution="TDIU", education_year=2015,
                     qualification_rank="R-04", passport="AC1234567", phone="+998901234567",
                     email="g@example.uz", address="=Toshkent", civil_service_start=datetime.date(2010, 9, 1),
                     rate="0.5", contract_type="Muddatli", contract_end=datetime.date(2025, 3, 1)),
        employee_row(position="P1", birth_date=datetime.date(1999, 1, 2), sex="F", first_name="Malika"),
        employee_row(org="B", position="Q1", start=datetime.date(2026, 2, 1)),  # first-time entrant: fixed term
    ]
    assert import_path(write_file(tmp_path, "employees", rows), kind="employees", dry_run=False).written
    moved = Employee.objects.get(first_name="Malika")
    # Someone who left: the assignment is closed; the export shows no current assignment for them.
    Assignment.objects.filter(employee=moved).update(end_date=datetime.date(2024, 12, 31))
    Employee.objects.filter(pk=moved.pk).update(status="dismissed")
    before = record_state()

    client.cookies["hr_language"] = language
    client.force_login(admin_user)
    response = client.get(reverse("workforce:export_employees"), {"format": fmt})
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(b"".join(response.streaming_content))
    result = import_path(path, kind="employees", dry_run=False)

    assert result.errors == []
    assert result.summary["unchanged"] == 3 and result.summary["to_update"] == 0
    assert result.summary["assignments_opened"] == 0 and result.summary["educations_added"] == 0
    assert record_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["organizations", "staff_positions"])
def test_organizations_and_staff_positions_round_trip(client, tmp_path, positions, hr_a, kind):
    client.force_login(hr_a)
    url = reverse("workforce:export_organizations" if kind == "organizations" else "workforce:export_staff_positions")
    response = client.get(url)
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    rows = load_workbook(path).worksheets[0].max_row - 1
    assert rows == 3  # A's subtree (A, A-DEPT, A-DIST) / A's positions (P1-P3): nothing of B
    result = import_path(path, kind=kind, dry_run=False, actor=hr_a)
    assert result.errors == []
    assert result.summary == {"to_create": 0, "to_update": 0, "unchanged": rows}


# --- templates -----------------------------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(RESOURCES))
@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_template_headers_are_what_the_importer_reads(kind, language):
    template = import_template(kind, language=language)
    workbook = load_workbook(template.content)
    data, notes = workbook.worksheets
    headers = [cell.value for cell in data[1]]
    columns = RESOURCES[kind].column_list(language)
    assert headers == [c.header(language) for c in columns if not c.readonly]
    assert match_headers(headers, columns).errors == ()
    described = [row[0] for row in notes.iter_rows(min_row=2, values_only=True) if row[0] in headers]
    assert described == headers  # every column explained on the second sheet


@pytest.mark.django_db
def test_the_template_example_row_is_a_valid_row(tmp_path):
    template = import_template("employees", language="ru")
    path = tmp_path / "template.xlsx"
    path.write_bytes(template.content.read())
    ctx = ImportContext(kind="employees", user=None, skip_invalid=False, progress=Progress(), change_reason="t")
    rows = EmployeeImporter().read(path, "xlsx", ctx, (0, 1))
    assert ctx.errors == [] and len(rows) == 1
    assert rows[0].pinfl == "40712966350029" and rows[0].sex == "F"


@pytest.mark.django_db
def test_template_download(client, hr_a):
    client.force_login(hr_a)
    response = client.get(reverse("workforce:import_template", args=["staff_positions"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("workforce:import_template", args=["nonsense"])).status_code == 404


@pytest.mark.django_db
def test_a_big_export_from_the_page_becomes_a_job_with_the_same_rows(client, positions, hr_a, settings,
                                                                       django_capture_on_commit_callbacks):
    from core.documents import document_open
    from core.models import ExportJob

    for name in ("Alimov", "Valiyev", "Valiyeva"):
        place(make_employee(last_name=name, address="=cmd"), positions["P1"])
    place(make_employee(last_name="Valiyev"), positions["Q1"])  # organisation B
    settings.EXPORT_STREAM_MAX_ROWS = 1
    client.force_login(hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("workforce:export_employees"), {"format": "csv", "q": "valiyev"})
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/exports/{job.pk}/"
    job.refresh_from_db()
    with document_open(job.result) as handle:
        rows = list(csv.reader(io.StringIO(handle.read().decode("utf-8-sig")), delimiter=";"))
    assert sorted(row[1] for row in rows[1:]) == ["Valiyev", "Valiyeva"]
    assert all(value == "'=cmd" for value in (dict(zip(rows[0], row, strict=True))["Manzil"] for row in rows[1:]))
    event = AuditEvent.objects.get(action="workforce.employee.exported")
    assert event.actor == hr_a and event.data["count"] == 2 and event.data["filters"] == {"q": "valiyev"}
