"""Export jobs: who may start them, who may read them, what they run with, and the stream-or-job
decision. The exporters used are the workforce lists' (tests/workforce/test_exporters.py covers
what they write)."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from core.errors import CoreErrorCode
from core.exceptions import ApplicationError
from core.exporters import ExportForbidden, export_respond, export_run, export_start
from core.models import AuditEvent, ExportJob, ExportStatus, Notification
from tests.factories import UserFactory, grant, make_staffed_employee
from workforce.models import Role

EMPLOYEES = "workforce.employees"


@pytest.fixture
def staff(tree):
    a = [make_staffed_employee(tree["A-DEPT"], last_name=f"Alimov{i}") for i in range(3)]
    b = [make_staffed_employee(tree["B"], last_name="Boboyev")]
    return {"A": a, "B": b}


def rows_of(job: ExportJob) -> list[list]:
    from core.documents import document_open

    with document_open(job.result) as handle:
        workbook = load_workbook(io.BytesIO(handle.read()), read_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


@pytest.mark.django_db
def test_a_job_runs_with_the_requesters_scope(hr_a, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_start(actor=hr_a, identifier=EMPLOYEES, params={"format": "xlsx"})
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.rows_done == 3 and job.rows_total == 3
    pinfls = {row[0] for row in rows_of(job)[1:]}
    assert pinfls == {e.pinfl for e in staff["A"]}
    assert job.result.uploaded_by == hr_a and job.result.use == "core.export"
    assert job.expires_at == job.result.expires_at
    event = AuditEvent.objects.get(action="core.export.finished")
    assert event.actor == hr_a and event.data["rows"] == 3 and event.data["identifier"] == EMPLOYEES
    assert Notification.objects.get(recipient=hr_a).event == "core.export_ready"


@pytest.mark.django_db
def test_the_task_uses_the_job_requester_whoever_runs_it(hr_a, admin_user, staff,
                                                          django_capture_on_commit_callbacks):
    """The worker knows nothing but the job id: an administrator's session, or another worker, does
    not widen an HR officer's export."""
    with django_capture_on_commit_callbacks(execute=False):
        job = export_start(actor=hr_a, identifier=EMPLOYEES, params={})
    from core.tasks import export_run_task

    assert export_run_task.apply(args=[job.pk]).get() == ExportStatus.DONE
    job.refresh_from_db()
    assert staff["B"][0].pinfl not in {row[0] for row in rows_of(job)}


@pytest.mark.django_db
def test_a_job_runs_once(hr_a, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_start(actor=hr_a, identifier=EMPLOYEES, params={})
    first = ExportJob.objects.get(pk=job.pk).result_id
    assert export_run(job_id=job.pk) == ExportStatus.DONE
    assert ExportJob.objects.get(pk=job.pk).result_id == first
    assert AuditEvent.objects.filter(action="core.export.finished").count() == 1
    assert export_run(job_id=999_999) == "missing"


@pytest.mark.django_db
def test_roles_are_checked_again_when_the_job_runs(hr_a, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = export_start(actor=hr_a, identifier=EMPLOYEES, params={})
    hr_a.role_grants.all().delete()
    assert export_run(job_id=job.pk) == ExportStatus.FAILED
    job.refresh_from_db()
    assert job.error_code == CoreErrorCode.EXPORT_FORBIDDEN and job.result is None


@pytest.mark.django_db
def test_start_refuses_without_the_roles_and_with_bad_params(tree):
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, None)
    with pytest.raises(ExportForbidden) as caught:
        export_start(actor=leader, identifier=EMPLOYEES, params={})
    assert caught.value.http_status == 403
    hr = UserFactory()
    grant(hr, Role.HR_OFFICER, tree["A"])
    with pytest.raises(ApplicationError) as caught:
        export_start(actor=hr, identifier=EMPLOYEES, params={"format": "docx"})
    assert caught.value.code == CoreErrorCode.EXPORT_INVALID_PARAMS and caught.value.field == "format"
    with pytest.raises(ApplicationError) as caught:
        export_start(actor=hr, identifier=EMPLOYEES, params={"hired_from": "yesterday"})
    assert caught.value.code == CoreErrorCode.EXPORT_INVALID_PARAMS
    with pytest.raises(ApplicationError) as caught:
        export_start(actor=hr, identifier="nobody.nothing", params={})
    assert caught.value.code == CoreErrorCode.EXPORT_UNKNOWN
    assert not ExportJob.objects.exists()


@pytest.mark.django_db
def test_small_exports_stream_big_ones_become_jobs(settings, hr_a, staff):
    request = RequestFactory().get("/workforce/export/employees/", {"format": "csv"})
    request.user = hr_a
    settings.EXPORT_STREAM_MAX_ROWS = 3
    response = export_respond(request, EMPLOYEES, request.GET)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert not ExportJob.objects.exists()
    settings.EXPORT_STREAM_MAX_ROWS = 2
    response = export_respond(request, EMPLOYEES, request.GET)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("exports:job", args=[job.pk])
    assert job.params == {"format": "csv", "filters": {}}
    request.user = UserFactory()
    with pytest.raises(PermissionDenied):
        export_respond(request, EMPLOYEES, request.GET)


# --- pages and API: a job is its requester's only ---------------------------------------------------------

@pytest.mark.django_db
def test_job_page_and_download_are_the_requesters_only(client, hr_a, hr_b, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_start(actor=hr_a, identifier=EMPLOYEES, params={})
    job.refresh_from_db()
    client.force_login(hr_a)
    page = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert 'data-testid="export-download"' in page and 'data-status="done"' in page
    download = f"/documents/{job.result_id}/"
    assert download in page
    assert client.get(download).status_code == 200
    assert 'data-testid="export-list"' in client.get(reverse("exports:list")).content.decode()
    client.force_login(hr_b)
    assert client.get(reverse("exports:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("exports:job_status", args=[job.pk])).status_code == 404
    assert client.get(download).status_code == 404
    assert client.get(f"/api/v1/exports/{job.pk}/").status_code == 404
    assert client.get("/api/v1/exports/").json()["count"] == 0
    # Not even an administrator of the whole service downloads someone else's export.
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(download).status_code == 404


@pytest.mark.django_db
def test_status_fragment_polls_until_finished(client, hr_a, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = export_start(actor=hr_a, identifier=EMPLOYEES, params={})
    client.force_login(hr_a)
    fragment = client.get(reverse("exports:job_status", args=[job.pk])).content.decode()
    assert "hx-trigger" in fragment and 'data-status="pending"' in fragment
    export_run(job_id=job.pk)
    fragment = client.get(reverse("exports:job_status", args=[job.pk])).content.decode()
    assert "hx-trigger" not in fragment and 'data-testid="export-download"' in fragment


@pytest.mark.django_db
def test_api_export_always_runs_as_a_job(client, hr_a, hr_b, staff, django_capture_on_commit_callbacks):
    client.force_login(hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/exports/", {"identifier": EMPLOYEES,
                                                    "params": {"format": "csv", "q": "alimov1"}},
                               content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending" and body["download_url"] is None  # queued, not rendered in the request
    job_id = body["id"]
    detail = client.get(f"/api/v1/exports/{job_id}/").json()
    assert detail["status"] == "done" and detail["rows_total"] == 1 and detail["progress"]["percent"] == 100
    assert detail["download_url"].endswith(f"/documents/{ExportJob.objects.get().result_id}/")
    csv_text = b"".join(client.get(detail["download_url"]).streaming_content).decode("utf-8-sig")
    assert staff["A"][1].pinfl in csv_text and staff["A"][0].pinfl not in csv_text
    client.force_login(hr_b)
    assert client.get(f"/api/v1/exports/{job_id}/").status_code == 404


@pytest.mark.django_db
def test_api_errors_have_codes(client, tree):
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, None)
    client.force_login(leader)
    response = client.post("/api/v1/exports/", {"identifier": EMPLOYEES}, content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "export_forbidden"
    response = client.post("/api/v1/exports/", {"identifier": "x.y"}, content_type="application/json")
    assert response.status_code == 404 and response.json()["code"] == "export_unknown"


@pytest.mark.django_db
def test_an_expired_export_says_so(client, hr_a, staff, django_capture_on_commit_callbacks):
    from core.documents import documents_purge
    from core.models import StoredDocument

    with django_capture_on_commit_callbacks(execute=True):
        job = export_start(actor=hr_a, identifier=EMPLOYEES, params={})
    job.refresh_from_db()
    StoredDocument.objects.filter(pk=job.result_id).update(expires_at=job.created_at)
    documents_purge()
    client.force_login(hr_a)
    page = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert 'data-testid="export-expired"' in page
    assert client.get(f"/api/v1/exports/{job.pk}/").json()["download_url"] is None
