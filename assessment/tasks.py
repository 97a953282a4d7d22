"""Periodic work of the assessment app (Celery beat; schedule in ``settings.CELERY_BEAT_SCHEDULE``)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .models import Campaign, CampaignStatus
from .selectors import assignments_needing_reminder
from .services import assignment_remind, attempts_finish_overdue, campaign_sync


@shared_task(name="assessment.attempts_finish_overdue")
def attempts_finish_overdue_task() -> int:
    """Every minute: finish attempts whose deadline and grace period have passed (idempotent)."""
    return attempts_finish_overdue(now=timezone.now())


@shared_task(name="assessment.campaign_reminders_send")
def campaign_reminders_send_task() -> int:
    """Daily: remind takers whose campaign deadline is near and who have not finished."""
    now = timezone.now()
    return sum(assignment_remind(assignment=assignment, now=now)
               for assignment in assignments_needing_reminder(now=now).iterator(chunk_size=500))


@shared_task(name="assessment.campaigns_sync")
def campaigns_sync_task() -> int:
    """Daily: assign open campaigns' tests to civil servants who joined the subtree or got an account
    since (each campaign with the scope of the person who runs it)."""
    now = timezone.now()
    added = 0
    for campaign in Campaign.objects.filter(status=CampaignStatus.OPEN, deadline__gt=now).select_related(
            "organization", "created_by"):
        added += campaign_sync(campaign=campaign)
    return added
