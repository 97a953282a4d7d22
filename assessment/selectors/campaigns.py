"""Attestation campaigns for the people who run them, and the reminders due."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from core.access import scope_queryset

from ..models import Attempt, AttemptState, Campaign, CampaignStatus, TestAssignment
from ..roles import CAMPAIGN_ROLES

__all__ = [
    "assignments_needing_reminder",
    "campaign_list",
    "campaign_participants",
    "campaign_progress",
    "campaign_totals",
]


def campaign_list(*, user: Any) -> QuerySet[Campaign]:
    """Campaigns over organisations in the user's subtrees, with how many were assigned."""
    queryset = Campaign.objects.select_related("test", "organization").annotate(
        assigned=Count("assignments", distinct=True))
    return scope_queryset(queryset, user=user, roles=CAMPAIGN_ROLES).order_by("-deadline", "-id")


def _assignments(campaign: Campaign, user: Any) -> QuerySet[TestAssignment]:
    """The campaign's assignments of takers in the user's subtrees (a campaign over a ministry seen by
    the HR officer of one of its departments shows that department only)."""
    return scope_queryset(TestAssignment.objects.filter(campaign=campaign), user=user, roles=CAMPAIGN_ROLES)


def _annotated(queryset: QuerySet[TestAssignment]) -> QuerySet[TestAssignment]:
    attempts = Attempt.objects.filter(assignment=OuterRef("pk"))
    best = attempts.filter(state=AttemptState.FINISHED).order_by("-passed", "-score", "-finished_at")
    return queryset.annotate(
        has_started=Exists(attempts),
        has_finished=Exists(attempts.filter(state=AttemptState.FINISHED)),
        has_passed=Exists(attempts.filter(state=AttemptState.FINISHED, passed=True)),
        best_attempt_id=Subquery(best.values("pk")[:1], output_field=IntegerField()),
        best_score=Subquery(best.values("score")[:1]),
        open_attempt_id=Subquery(attempts.filter(state=AttemptState.IN_PROGRESS).values("pk")[:1],
                                 output_field=IntegerField()),
    )


def campaign_progress(*, campaign: Campaign, user: Any) -> list[dict[str, Any]]:
    """Per organisation of the campaign (in the user's subtrees): assigned, started, finished, passed and
    the average best score, in tree order. Two aggregate queries, whatever the campaign's size."""
    rows = (_annotated(_assignments(campaign, user)).values("organization")
            .annotate(assigned=Count("pk"), started=Count("pk", filter=Q(has_started=True)),
                      finished=Count("pk", filter=Q(has_finished=True)),
                      passed=Count("pk", filter=Q(has_passed=True))))
    averages = dict(
        scope_queryset(Attempt.objects.filter(assignment__campaign=campaign, state=AttemptState.FINISHED),
                       user=user, roles=CAMPAIGN_ROLES)
        .values("organization").annotate(avg=Avg("score")).values_list("organization", "avg"))
    from workforce.selectors import organization_list

    organizations = organization_list(user=user, roles=CAMPAIGN_ROLES).in_bulk([row["organization"] for row in rows])
    result = []
    for row in rows:
        organization = organizations.get(row["organization"])
        result.append({**row, "organization": organization, "average": averages.get(row["organization"])})
    return sorted(result, key=lambda r: r["organization"].path if r["organization"] else "")


def campaign_totals(progress: list[dict[str, Any]]) -> dict[str, int]:
    return {key: sum(row[key] for row in progress) for key in ("assigned", "started", "finished", "passed")}


def campaign_participants(*, campaign: Campaign, user: Any, status: str = "") -> QuerySet[TestAssignment]:
    """The campaign's takers with where they stand (``status``: not_started / in_progress / finished /
    passed / failed), ordered by organisation and name."""
    queryset = _annotated(_assignments(campaign, user)).select_related("user", "organization")
    if status == "not_started":
        queryset = queryset.filter(has_started=False)
    elif status == "in_progress":
        queryset = queryset.filter(has_started=True, has_finished=False)
    elif status == "finished":
        queryset = queryset.filter(has_finished=True)
    elif status == "passed":
        queryset = queryset.filter(has_passed=True)
    elif status == "failed":
        queryset = queryset.filter(has_finished=True, has_passed=False)
    return queryset.order_by("organization__path", "user__last_name", "user__first_name", "pk")


def assignments_needing_reminder(*, now: datetime.datetime | None = None) -> QuerySet[TestAssignment]:
    """Campaign assignments to remind now: the campaign is open, the deadline is ahead and at most
    ``ASSESSMENT_REMINDER_DAYS_BEFORE`` days away, the taker has no finished attempt, fewer than
    ``ASSESSMENT_REMINDER_MAX`` reminders went out, and none in the last
    ``ASSESSMENT_REMINDER_INTERVAL_HOURS`` hours."""
    now = now or timezone.now()
    recent = now - datetime.timedelta(hours=settings.ASSESSMENT_REMINDER_INTERVAL_HOURS)
    return (
        TestAssignment.objects.filter(
            campaign__status=CampaignStatus.OPEN, available_until__gt=now,
            available_until__lte=now + datetime.timedelta(days=settings.ASSESSMENT_REMINDER_DAYS_BEFORE),
            reminders_sent__lt=settings.ASSESSMENT_REMINDER_MAX,
        )
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=recent))
        .exclude(Exists(Attempt.objects.filter(assignment=OuterRef("pk"), state=AttemptState.FINISHED)))
        .select_related("user", "test")
        .order_by("available_until", "pk")
    )
