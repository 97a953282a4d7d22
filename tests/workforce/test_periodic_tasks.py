import datetime
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from config.celery import app
from core.documents import document_store
from core.documents.models import StoredDocument
from workforce.models import ImportJob, ImportStatus
from workforce.tasks import import_files_purge_task


def test_beat_schedule_lists_the_daily_tasks():
    app.loader.import_default_modules()  # what a worker does at start: every app's tasks module
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"workforce.reserve_expire_due", "workforce.import_files_purge", "workforce.rank_changes_apply_due"} <= tasks
    assert set(tasks) <= set(app.tasks), "every scheduled task must be registered"


@pytest.mark.django_db
def test_old_finished_uploads_are_deleted_but_recent_and_running_ones_kept(settings, hr_a, django_capture_on_commit_callbacks):
    jobs = [ImportJob.objects.create(kind="employees", original_name=f"{n}.csv", status=status, created_by=hr_a)
            for n, status in (("old", ImportStatus.DONE), ("recent", ImportStatus.DONE),
                              ("running", ImportStatus.IMPORTING))]
    for job in jobs:
        job.document = document_store(use="workforce.import_file", uploaded_by=hr_a, owner=job,
                                      file=ContentFile(b"PINFL;Familiya\n40712966350029;Karimova\n",
                                                       name=job.original_name))
        job.save(update_fields=["document"])
    old, recent, running = jobs
    long_ago = timezone.now() - datetime.timedelta(days=settings.IMPORT_FILE_RETENTION_DAYS + 1)
    ImportJob.objects.filter(pk__in=[old.pk, running.pk]).update(updated_at=long_ago)
    old_file = Path(settings.PRIVATE_STORAGE_ROOT) / old.document.storage_name
    assert old_file.exists()

    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the row's deletion commits
        assert import_files_purge_task.delay().get() == 1
    old.refresh_from_db()
    assert old.document is None and not old_file.exists()
    assert not StoredDocument.objects.filter(use="workforce.import_file", owner_id=str(old.pk)).exists()
    recent.refresh_from_db()
    running.refresh_from_db()
    assert recent.document and running.document
