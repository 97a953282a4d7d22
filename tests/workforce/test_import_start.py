"""The "start" probe (issue 6 §1): an import job runs with the scope of whoever uploaded it, never of
whoever presses "start"; only the uploader, or an administrator whose scope covers every row, may
start it; and the rows are checked again at the start."""

import datetime

import pytest
from django.urls import reverse

from core.exceptions import ApplicationError
from core.models import AuditEvent
from tests.factories import UserFactory, grant, hire, make_employee
from tests.workforce.import_factories import employee_row, positions, table, upload, xlsx_bytes
from workforce.importing.errors import ImportErrorCode
from workforce.models import Employee, ImportJob, ImportStatus, Role, RoleGrant
from workforce.services.imports import import_job_create, import_job_start

__all__ = ["positions"]


@pytest.fixture
def checked_job(positions, hr_a, django_capture_on_commit_callbacks):
    """hr_a's file: a row for A (valid) and a row for B (outside hr_a's scope), "skip invalid rows"
    ticked. The dry run accepts it: one row to import, one skipped."""
    def make(rows=None, skip_invalid=True):
        rows = rows or [employee_row(position="P1", last_name="Avvalov"),
                        employee_row(org="B", position="Q1", last_name="Begonayev")]
        headers, values = table("employees", rows)
        with django_capture_on_commit_callbacks(execute=True):
            job = import_job_create(kind="employees", uploaded_file=upload(xlsx_bytes(headers, values)),
                                    actor=hr_a, skip_invalid=skip_invalid)
        job.refresh_from_db()
        assert job.status == ImportStatus.VALIDATED, job.errors
        return job
    return make


def start(job, actor, capture):
    with capture(execute=True):
        import_job_start(job=job, actor=actor)
    job.refresh_from_db()
    return job


@pytest.mark.django_db
def test_a_national_administrator_starting_it_does_not_lend_their_scope(checked_job, admin_user, hr_a,
                                                                         django_capture_on_commit_callbacks):
    job = start(checked_job(), admin_user, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.DONE and job.started_by == admin_user
    # Only A's row: B lies outside the uploader's scope, whoever started the job.
    assert list(Employee.objects.values_list("last_name", flat=True)) == ["Avvalov"]
    assert [e["code"] for e in job.errors] == [ImportErrorCode.ORGANIZATION_UNAVAILABLE]
    # Written in the uploader's name; the start is on record too.
    assert Employee.history.get().history_user == hr_a
    assert AuditEvent.objects.get(action="workforce.import.started").actor == admin_user
    assert AuditEvent.objects.get(action="workforce.import.completed").actor == hr_a


@pytest.mark.django_db
def test_nobody_else_may_start_it(checked_job, hr_b, tree, django_capture_on_commit_callbacks):
    job = checked_job()
    colleague = UserFactory(username="hr_a2")
    grant(colleague, Role.HR_OFFICER, tree["A"])  # even an HR officer of the same organisation
    for actor in (hr_b, colleague):
        with pytest.raises(ApplicationError) as error:
            import_job_start(job=job, actor=actor)
        assert error.value.code == "import_start_forbidden"
    job.refresh_from_db()
    assert job.status == ImportStatus.VALIDATED and Employee.objects.count() == 0


@pytest.mark.django_db
def test_an_administrator_of_part_of_the_file_cannot_start_it(checked_job, tree, django_capture_on_commit_callbacks):
    dept_admin = UserFactory(username="admin_dept")
    grant(dept_admin, Role.ADMIN, tree["A-DEPT"])  # the file's A row lies above their subtree
    job = start(checked_job(), dept_admin, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.INVALID
    assert ImportErrorCode.START_OUTSIDE_SCOPE in [e["code"] for e in job.errors]
    assert Employee.objects.count() == 0


@pytest.mark.django_db
def test_an_administrator_covering_every_row_may_start_it(checked_job, tree, django_capture_on_commit_callbacks):
    a_admin = UserFactory(username="admin_a")
    grant(a_admin, Role.ADMIN, tree["A"])
    job = start(checked_job([employee_row(position="P1")], skip_invalid=False), a_admin,
                django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.DONE and Employee.objects.count() == 1


@pytest.mark.django_db
def test_rows_are_checked_again_at_the_start(checked_job, positions, django_capture_on_commit_callbacks, hr_a):
    job = checked_job([employee_row(position="P2")], skip_invalid=False)
    hire(make_employee(organization=positions["P2"].organization), positions["P2"], start=datetime.date(2020, 1, 1))
    job = start(job, hr_a, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.INVALID
    assert [e["code"] for e in job.errors] == [ImportErrorCode.STAFF_POSITION_FULL]
    assert Employee.objects.count() == 1  # only the one hired meanwhile


@pytest.mark.django_db
def test_an_uploader_who_lost_their_role_imports_nothing(checked_job, hr_a, django_capture_on_commit_callbacks):
    job = checked_job()
    RoleGrant.objects.filter(user=hr_a).delete()
    job = start(job, UserFactory(username="root2", is_superuser=True), django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.FAILED and Employee.objects.count() == 0


@pytest.mark.django_db
def test_the_page_starts_it_as_the_uploader(client, checked_job, admin_user, hr_a,
                                            django_capture_on_commit_callbacks):
    job = checked_job()
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("workforce:import_job_start", args=[job.pk])).status_code == 302
    assert list(Employee.objects.values_list("last_name", flat=True)) == ["Avvalov"]
    assert ImportJob.objects.get(pk=job.pk).started_by == admin_user
