"""The export task on a real Celery worker (PostgreSQL + Redis): the worker process knows only the
job id, and the file it stores holds the requester's rows only."""

import io

import pytest
from openpyxl import load_workbook

from core.exporters import export_start
from core.models import ExportJob, ExportStatus
from tests.conftest import wait_for
from tests.factories import UserFactory, grant, make_organization, make_staffed_employee
from workforce.models import Role

pytestmark = [pytest.mark.celery_worker, pytest.mark.postgres]


def test_worker_exports_with_the_requesters_scope(live_celery_worker):
    a, b = make_organization(code="WA"), make_organization(code="WB")
    mine = [make_staffed_employee(a) for _ in range(2)]
    theirs = make_staffed_employee(b)
    hr = UserFactory(username="worker_hr")
    grant(hr, Role.HR_OFFICER, a)
    job = export_start(actor=hr, identifier="workforce.employees", params={"format": "xlsx"})
    finished = wait_for(lambda: ExportJob.objects.filter(pk=job.pk, status__in=["done", "failed"]).first(),
                        timeout=60)
    assert finished is not None and finished.status == ExportStatus.DONE, finished and finished.error
    from core.documents import document_open

    with document_open(finished.result) as handle:
        rows = list(load_workbook(io.BytesIO(handle.read()), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert {row[0] for row in rows[1:]} == {e.pinfl for e in mine}
    assert theirs.pinfl not in {row[0] for row in rows}
