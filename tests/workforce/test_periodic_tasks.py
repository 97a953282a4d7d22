import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from config.celery import app
from workforce.models import ImportJob, ImportStatus
from workforce.tasks import import_files_purge_task


def test_beat_schedule_lists_the_daily_tasks():
    app.loader.import_default_modules()  # what a worker does at start: every app's tasks module
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"workforce.reserve_expire_due", "workforce.import_files_purge", "workforce.rank_changes_apply_due"} <= tasks
    assert set(tasks) <= set(app.tasks), "every scheduled task must be registered"


@pytest.mark.django_db
def test_old_finished_uploads_are_deleted_but_recent_and_running_ones_kept(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old, recent, running = (ImportJob.objects.create(kind="employees", original_name=f"{n}.csv", status=status)
                            for n, status in (("old", ImportStatus.DONE), ("recent", ImportStatus.DONE),
                                              ("running", ImportStatus.IMPORTING)))
    for job in (old, recent, running):
        job.file.save(f"{job.original_name}", ContentFile(b"PINFL\n40712966350029\n"))
    long_ago = timezone.now() - datetime.timedelta(days=settings.IMPORT_FILE_RETENTION_DAYS + 1)
    ImportJob.objects.filter(pk__in=[old.pk, running.pk]).update(updated_at=long_ago)
    old_path = old.file.path

    assert import_files_purge_task.delay().get() == 1
    old.refresh_from_db()
    assert not old.file and not (tmp_path / old_path).exists()
    recent.refresh_from_db()
    running.refresh_from_db()
    assert recent.file and running.file
