"""Celery tasks of the vacancies app: take ids, call a service, idempotent."""

from __future__ import annotations

from celery import shared_task

from .services import vacancies_close_due


@shared_task(name="vacancies.close_due")
def close_due_task() -> int:
    """Daily: close every published vacancy whose last day has passed. Running it twice closes nothing more."""
    return vacancies_close_due()
