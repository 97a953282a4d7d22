"""Workbooks as HR offices keep them import cleanly, through the command line, the page and the API
(one fixture builder: ``import_factories.office_workbook``)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.workforce.import_factories import OfficeWorkbook, office_workbook, positions, upload
from workforce.models import Assignment, Employee, ImportJob, ImportStatus
from workforce.services.imports import import_path

__all__ = ["positions"]

# What the importer did on its own, and says so (codes of the warnings).
EXPECTED_WARNINGS = {"title_rows_skipped", "numbering_row_skipped", "header_ignored", "note_rows_skipped",
                     "names_transliterated", "education_without_institution"}


def assert_imported(book: OfficeWorkbook) -> None:
    assert Employee.objects.count() == len(book.people)
    for pinfl, last, first, middle, last_cyrl, birth, sex, level, rate in book.people:
        employee = Employee.objects.get(pinfl=pinfl)
        assert (employee.last_name, employee.first_name, employee.middle_name) == (last, first, middle)
        assert employee.last_name_cyrl == last_cyrl
        assert (employee.birth_date, employee.sex, employee.education_level) == (birth, sex, level)
        assert not employee.educations.exists()  # a level without the institution adds no entry
        assignment = Assignment.objects.get(employee=employee, end_date__isnull=True)
        assert assignment.rate == rate and assignment.organization.code == "A"
        assert employee.phone.startswith("+99890")


@pytest.mark.django_db
def test_a_russian_office_workbook_imports_through_the_command_line(tmp_path, positions):
    book = office_workbook()
    path = tmp_path / book.name
    path.write_bytes(book.content)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_employees", str(path), "--language", "en", stdout=out, stderr=err)
    assert "Imported 3 rows" in out.getvalue()
    assert ("warning: row 3, column «Примечание»: The column “Примечание” is not one the import knows; it was "
            "ignored.") in err.getvalue()
    assert "warning: row 3: The header row is row 3" in err.getvalue()
    assert_imported(book)


@pytest.mark.django_db
def test_a_russian_office_workbook_imports_through_the_page(client, positions, hr_a,
                                                           django_capture_on_commit_callbacks):
    book = office_workbook()
    client.force_login(hr_a)
    client.cookies["hr_language"] = "ru"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workforce:import_upload"),
                               {"kind": "employees", "file": upload(book.content, book.name)})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.status == ImportStatus.VALIDATED, job.errors
    assert {w["code"] for w in job.warnings} == EXPECTED_WARNINGS
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-warnings"' in page and 'data-testid="import-confirm"' in page
    assert "Примечание" in page  # the ignored column is named, in a note read in Russian
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workforce:import_job_start", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.created_count == 3
    assert_imported(book)


@pytest.mark.django_db
def test_a_russian_office_workbook_imports_through_the_api(client, positions, hr_a,
                                                          django_capture_on_commit_callbacks):
    book = office_workbook()
    client.force_login(hr_a)
    client.cookies["hr_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/imports/", {"kind": "employees", "file": upload(book.content, book.name)})
    assert response.status_code == 201, response.json()
    assert response.json()["status"] in ("pending", "validated")  # checked by a worker, after the upload
    body = client.get(f"/api/v1/imports/{response.json()['id']}/").json()
    assert body["status"] == "validated" and body["errors"] == [] and body["counts"]["to_create"] == 3
    assert {w["code"] for w in body["warnings"]} == EXPECTED_WARNINGS
    ignored = next(w for w in body["warnings"] if w["code"] == "header_ignored")
    assert ignored["column"] == "Примечание" and ignored["message"].startswith("The column “Примечание”")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(body["start_url"])
    assert response.status_code == 202, response.json()
    assert client.get(f"/api/v1/imports/{body['id']}/").json()["status"] == "done"
    assert_imported(book)


@pytest.mark.django_db
def test_an_uzbek_cyrillic_office_workbook_imports(tmp_path, positions):
    book = office_workbook(language="uz_cyrl")
    path = tmp_path / book.name
    path.write_bytes(book.content)
    result = import_path(path, kind="employees", dry_run=False)
    assert result.errors == [] and result.written, result.errors
    assert {w["code"] for w in result.warnings} == EXPECTED_WARNINGS
    assert next(w for w in result.warnings if w["code"] == "header_ignored")["column"] == "Изоҳ"
    assert_imported(book)


@pytest.mark.django_db
def test_the_same_workbook_saved_by_libreoffice_imports(tmp_path, positions):
    book = office_workbook(fmt="ods")
    path = tmp_path / book.name
    path.write_bytes(book.content)
    result = import_path(path, kind="employees", dry_run=False)
    assert result.errors == [] and result.written, result.errors
    assert_imported(book)


@pytest.mark.django_db
def test_importing_an_office_workbook_twice_changes_nothing(tmp_path, positions):
    book = office_workbook()
    path = tmp_path / book.name
    path.write_bytes(book.content)
    assert import_path(path, kind="employees", dry_run=False).written
    again = import_path(path, kind="employees", dry_run=True)
    assert again.errors == [] and again.summary["unchanged"] == 3 and again.summary["to_update"] == 0


@pytest.mark.django_db
def test_a_workbook_without_a_header_row_is_refused_saying_so(tmp_path, positions):
    from tests.workforce.import_factories import xlsx_bytes

    path = tmp_path / "report.xlsx"
    path.write_bytes(xlsx_bytes(["Hisobot 2026"], [["Jami", 25], ["Izoh", "yoʻq"]]))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("import_employees", str(path), "--language", "en", stdout=out, stderr=err)
    message = str(info.value)
    assert "The file cannot be imported" in message and "No header row was found in the first 10 rows" in message
    assert "JShShIR" not in message and "PINFL" in message  # the required columns, in the reader's language
    assert "rows have errors" not in message
