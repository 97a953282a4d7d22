"""The import API: upload (a dry run), report, start; scoped like the pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory, grant
from tests.workforce.import_factories import employee_row, positions, table, upload, xlsx_bytes
from workforce.models import Employee, ImportJob, ImportStatus, Role

__all__ = ["positions"]


def employees_file(rows, language="uz"):
    headers, values = table("employees", rows, language)
    return xlsx_bytes(headers, values)


def post(client, content, capture, *, name="people.xlsx", **data):
    with capture(execute=True):
        response = client.post("/api/v1/imports/", {"kind": "employees", "file": upload(content, name), **data})
    return response


@pytest.fixture
def api(client, hr_a):
    client.force_login(hr_a)
    client.cookies["hr_language"] = "en"
    return client


@pytest.mark.django_db
def test_upload_check_report_then_start(api, positions, django_capture_on_commit_callbacks):
    response = post(api, employees_file([employee_row(), employee_row(position="P2")]),
                    django_capture_on_commit_callbacks)
    assert response.status_code == 201, response.json()
    job_id = response.json()["id"]
    body = api.get(f"/api/v1/imports/{job_id}/").json()
    assert body["status"] == "validated" and body["kind"] == "employees" and body["counts"]["to_create"] == 2
    assert body["file_refused"] is False and body["errors"] == [] and Employee.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/v1/imports/{job_id}/start/")
    assert response.status_code == 202
    body = api.get(f"/api/v1/imports/{job_id}/").json()
    assert body["status"] == "done" and body["counts"]["created"] == 2 and Employee.objects.count() == 2


@pytest.mark.django_db
def test_errors_name_row_column_value_code_and_reason_in_the_callers_language(api, positions,
                                                                              django_capture_on_commit_callbacks):
    job_id = post(api, employees_file([employee_row(), employee_row(email="nope")], language="ru"),
                  django_capture_on_commit_callbacks).json()["id"]
    body = api.get(f"/api/v1/imports/{job_id}/").json()
    assert body["status"] == "invalid" and body["counts"]["rows_with_errors"] == 1
    assert body["errors"] == [{"row": 3, "column": "Электронная почта", "value": "nope", "code": "email_invalid",
                               "message": "Enter a valid email address."}]
    api.cookies["hr_language"] = "ru"
    assert api.get(f"/api/v1/imports/{job_id}/").json()["errors"][0]["message"] == (
        "Введите правильный адрес электронной почты.")
    response = api.post(f"/api/v1/imports/{job_id}/start/")
    assert response.status_code == 400 and response.json()["code"] == "import_not_ready"


@pytest.mark.django_db
def test_a_refused_file_says_what_is_wrong_with_it(api, positions, django_capture_on_commit_callbacks):
    content = xlsx_bytes(["Familiya", "Ism", "Izoh"], [["Karimova", "Dilnoza", ""]])
    body = api.get(f"/api/v1/imports/{post(api, content, django_capture_on_commit_callbacks).json()['id']}/").json()
    assert body["status"] == "invalid" and body["file_refused"] is True
    assert body["counts"]["rows_with_errors"] == 0
    assert [(e["code"], e["column"]) for e in body["errors"]] == [("header_missing", "PINFL")]
    assert body["errors"][0]["message"] == "The required column “PINFL” is missing."
    assert [w["code"] for w in body["warnings"]] == ["header_ignored"]


@pytest.mark.django_db
def test_a_file_that_is_no_spreadsheet_is_a_400_naming_the_field(api):
    response = api.post("/api/v1/imports/", {"kind": "employees", "file": upload(b"MZ\x90\x00" * 200, "list.xls")})
    assert response.status_code == 400
    assert response.json()["code"] == "upload_not_spreadsheet" and response.json()["field"] == "file"
    response = api.post("/api/v1/imports/", {"kind": "payroll", "file": upload(b"a;b\n", "x.csv")})
    assert response.status_code == 400 and response.json()["field"] == "kind"
    assert ImportJob.objects.count() == 0


@pytest.mark.django_db
def test_dry_run_false_imports_once_the_check_passes(api, positions, django_capture_on_commit_callbacks):
    job_id = post(api, employees_file([employee_row()]), django_capture_on_commit_callbacks,
                  dry_run="false").json()["id"]
    body = api.get(f"/api/v1/imports/{job_id}/").json()
    assert body["status"] == "done" and body["start_when_validated"] is True and Employee.objects.count() == 1
    # ... and not when a row is invalid (unless skip_invalid)
    bad = employees_file([employee_row(), employee_row(email="nope")])
    job_id = post(api, bad, django_capture_on_commit_callbacks, dry_run="false").json()["id"]
    assert api.get(f"/api/v1/imports/{job_id}/").json()["status"] == "invalid" and Employee.objects.count() == 1
    job_id = post(api, bad, django_capture_on_commit_callbacks, dry_run="false",
                  skip_invalid="true").json()["id"]
    assert api.get(f"/api/v1/imports/{job_id}/").json()["status"] == "done" and Employee.objects.count() == 2


@pytest.mark.django_db
def test_a_job_of_another_user_is_a_404_and_a_non_hr_user_a_403(client, positions, hr_a, hr_b,
                                                                 django_capture_on_commit_callbacks):
    client.force_login(hr_a)
    job_id = post(client, employees_file([employee_row()]), django_capture_on_commit_callbacks).json()["id"]
    client.force_login(hr_b)
    assert client.get(f"/api/v1/imports/{job_id}/").status_code == 404
    assert client.post(f"/api/v1/imports/{job_id}/start/").status_code == 404
    assert client.get("/api/v1/imports/").json()["results"] == []
    assert ImportJob.objects.get(pk=job_id).status == ImportStatus.VALIDATED
    servant = UserFactory(username="just_a_servant")
    client.force_login(servant)
    assert client.get("/api/v1/imports/").status_code == 403
    assert client.post("/api/v1/imports/", {"kind": "employees",
                                            "file": upload(b"x", "a.csv")}).status_code == 403
    client.logout()
    assert client.get(f"/api/v1/imports/{job_id}/").status_code in (401, 403)


@pytest.mark.django_db
def test_an_administrator_of_the_whole_service_sees_every_job(client, positions, hr_a, admin_user,
                                                              django_capture_on_commit_callbacks):
    client.force_login(hr_a)
    job_id = post(client, employees_file([employee_row()]), django_capture_on_commit_callbacks).json()["id"]
    client.force_login(admin_user)
    assert client.get(f"/api/v1/imports/{job_id}/").status_code == 200
    scoped_admin = UserFactory(username="admin_of_b")
    grant(scoped_admin, Role.ADMIN, positions["Q1"].organization)
    client.force_login(scoped_admin)
    assert client.get(f"/api/v1/imports/{job_id}/").status_code == 404


@pytest.mark.django_db
def test_errors_come_a_page_at_a_time(api, positions, django_capture_on_commit_callbacks):
    rows = [employee_row(email="nope") for _ in range(130)]
    job_id = post(api, employees_file(rows), django_capture_on_commit_callbacks).json()["id"]
    first = api.get(f"/api/v1/imports/{job_id}/").json()
    assert first["errors_total"] == 130 and first["errors_pages"] == 2 and len(first["errors"]) == 100
    second = api.get(f"/api/v1/imports/{job_id}/?errors_page=2").json()
    assert second["errors_page"] == 2 and [e["row"] for e in second["errors"]] == list(range(102, 132))


@pytest.mark.django_db
def test_the_list_takes_a_fixed_number_of_queries(api, hr_a, positions, django_capture_on_commit_callbacks):
    post(api, employees_file([employee_row()]), django_capture_on_commit_callbacks)
    with CaptureQueriesContext(connection) as one:
        assert len(api.get("/api/v1/imports/").json()["results"]) == 1
    for _ in range(4):
        post(api, employees_file([employee_row()]), django_capture_on_commit_callbacks)
    with CaptureQueriesContext(connection) as five:
        assert len(api.get("/api/v1/imports/").json()["results"]) == 5
    assert len(five) == len(one)


@pytest.mark.django_db
def test_the_import_endpoints_are_in_the_openapi_schema(client, admin_user):
    client.force_login(admin_user)
    schema = client.get("/api/schema/?format=json").json()
    assert {"/api/v1/imports/", "/api/v1/imports/{id}/", "/api/v1/imports/{id}/start/"} <= set(schema["paths"])
    upload_schema = schema["paths"]["/api/v1/imports/"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in upload_schema
    issue = schema["components"]["schemas"]["ImportIssue"]["properties"]
    assert {"row", "column", "value", "code", "message"} <= set(issue)
