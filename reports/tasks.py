"""Celery tasks of the reports app."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .services import snapshots_take_due


@shared_task(name="reports.snapshots_take_due")
def snapshots_take_due_task() -> int:
    """Store last month's composition (and any of the 24 months before it that has none). Idempotent."""
    return len(snapshots_take_due(today=timezone.localdate()))
