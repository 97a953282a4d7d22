"""Celery tasks of the workforce app. They take ids, call a service, and are idempotent; queue them
with ``transaction.on_commit`` (the services do)."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model

from .models import ImportJob
from .services.imports import import_job_execute, import_job_validate


@shared_task(name="workforce.import_job_validate")
def import_job_validate_task(job_id: int) -> str:
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    return import_job_validate(job=job).status


@shared_task(name="workforce.import_job_execute")
def import_job_execute_task(job_id: int, actor_id: int | None) -> str:
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return import_job_execute(job=job, actor=actor).status
