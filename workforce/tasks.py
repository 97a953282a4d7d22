"""Celery tasks of the workforce app. They take ids, call a service, and are idempotent; queue them
with ``transaction.on_commit`` (the services do)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .models import ImportJob
from .services.assignments import rank_changes_apply_due
from .services.imports import import_files_purge, import_job_execute, import_job_validate
from .services.reserve import reserve_expire_due


@shared_task(name="workforce.import_job_validate")
def import_job_validate_task(job_id: int) -> str:
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    return import_job_validate(job=job).status


@shared_task(name="workforce.import_job_execute")
def import_job_execute_task(job_id: int) -> str:
    """The job runs as its uploader (``ImportJob.created_by``), whoever started it."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    return import_job_execute(job=job).status


@shared_task(name="workforce.reserve_expire_due")
def reserve_expire_due_task() -> int:
    """Daily (beat): reserve entries past their term become EXPIRED."""
    return reserve_expire_due(today=timezone.localdate())


@shared_task(name="workforce.rank_changes_apply_due")
def rank_changes_apply_due_task() -> int:
    """Daily (beat): rank changes dated in the future take effect on their effective date."""
    return rank_changes_apply_due(today=timezone.localdate())


@shared_task(name="workforce.import_files_purge")
def import_files_purge_task() -> int:
    """Daily (beat): uploaded spreadsheets hold personal data; drop them once their job is over."""
    return import_files_purge(older_than_days=settings.IMPORT_FILE_RETENTION_DAYS)
