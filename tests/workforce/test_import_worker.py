import pytest

from tests.conftest import wait_for
from tests.workforce.import_factories import employee_row, table, upload, xlsx_bytes
from workforce.models import Employee, ImportJob, ImportStatus
from workforce.services.imports import import_job_create, import_job_progress, import_job_start

FINISHED = {ImportStatus.VALIDATED, ImportStatus.INVALID, ImportStatus.DONE, ImportStatus.FAILED}


@pytest.mark.celery_worker
def test_a_job_is_checked_and_imported_by_the_real_worker(live_celery_worker, tree, hr_a):
    from tests.factories import make_staff_position

    make_staff_position(tree["A"], code="P1", rate_units="5")
    headers, values = table("employees", [employee_row(position="P1") for _ in range(3)])
    job = import_job_create(kind="employees", uploaded_file=upload(xlsx_bytes(headers, values)), actor=hr_a)

    def status():
        current = ImportJob.objects.get(pk=job.pk)
        return current if current.status in FINISHED else None

    checked = wait_for(status, timeout=60)
    assert checked, f"the worker did not check the job (status {ImportJob.objects.get(pk=job.pk).status})"
    assert checked.status == ImportStatus.VALIDATED, checked.errors or checked.failure
    assert checked.summary["to_create"] == 3 and Employee.objects.count() == 0

    import_job_start(job=checked, actor=hr_a)
    done = wait_for(lambda: ImportJob.objects.filter(pk=job.pk, status__in=[ImportStatus.DONE,
                                                                           ImportStatus.FAILED]).first(), timeout=60)
    assert done and done.status == ImportStatus.DONE, done and (done.failure or done.errors)
    assert done.created_count == 3
    assert Employee.objects.count() == 3
    assert set(Employee.history.values_list("history_change_reason", flat=True)) == {f"import #{job.pk}"}
    assert import_job_progress(done) == {"status": "done", "processed": 3, "total": 3, "percent": 100}


@pytest.mark.celery_worker
def test_an_office_workbook_uploaded_to_the_api_with_dry_run_false_is_imported_by_the_worker(
        live_celery_worker, tree, hr_a, client):
    from tests.factories import make_staff_position
    from tests.workforce.import_factories import office_workbook

    for code in ("P1", "P2", "P3"):
        make_staff_position(tree["A"], code=code, rate_units="1")
    book = office_workbook(fmt="ods")
    client.force_login(hr_a)
    response = client.post("/api/v1/imports/", {"kind": "employees", "file": upload(book.content, book.name),
                                                "dry_run": "false"})
    assert response.status_code == 201, response.json()
    job_id = response.json()["id"]
    done = wait_for(lambda: ImportJob.objects.filter(pk=job_id, status__in=[ImportStatus.DONE, ImportStatus.INVALID,
                                                                          ImportStatus.FAILED]).first(), timeout=90)
    assert done and done.status == ImportStatus.DONE, done and (done.failure or done.errors)
    assert done.document.file_type == "ods" and Employee.objects.count() == 3
    body = client.get(f"/api/v1/imports/{job_id}/").json()
    assert body["status"] == "done" and {w["code"] for w in body["warnings"]} >= {"header_ignored"}
