"""Item analysis: the sums the statistics need, aggregated by the database (one row per question, per
option, per organisation and section); ``assessment.analytics`` turns them into facility,
discrimination and flags with pandas.

For a question answered in n finished attempts, x is the credit (0..1) of the question and y the
*rest score* of the attempt (its marks without this question's, as a share of the rest's maximum):
the correlation of x and y is the corrected point-biserial discrimination (the question is not
correlated with itself)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Avg, Count, ExpressionWrapper, F, FloatField, Q, QuerySet, Sum
from django.db.models.functions import Cast

from core.access import scope_queryset

from ..models import Attempt, AttemptSectionScore, AttemptSlot, AttemptState, SelectedChoice
from ..roles import BANK_ROLES, CAMPAIGN_ROLES
from .bank import question_list

__all__ = ["item_sums", "option_counts", "section_averages_by_organization"]


def _finished_slots(*, user: Any, test: Any = None, section: Any = None, since: datetime.date | None = None,
                    until: datetime.date | None = None) -> QuerySet[AttemptSlot]:
    queryset = AttemptSlot.objects.filter(attempt__state=AttemptState.FINISHED,
                                          question__in=question_list(user=user).values("pk"))
    if test is not None:
        queryset = queryset.filter(attempt__test=test)
    if section is not None:
        queryset = queryset.filter(section=section)
    if since:
        queryset = queryset.filter(attempt__finished_at__date__gte=since)
    if until:
        queryset = queryset.filter(attempt__finished_at__date__lte=until)
    return queryset


def item_sums(**filters: Any) -> list[dict[str, Any]]:
    """Per question of the user's bank: ``n``, ``sum_x``, ``sum_xx``, ``sum_y``, ``sum_yy``, ``sum_xy``
    and ``full`` (answers with full credit). Keyword filters: ``user`` (required), ``test``, ``section``,
    ``since``, ``until`` (dates the attempts were finished)."""
    x = Cast("credit", FloatField())
    rest_max = Cast(F("attempt__max_marks") - F("marks"), FloatField())
    rest = ExpressionWrapper(
        Cast(F("attempt__marks") - F("marks_awarded"), FloatField()) / rest_max, output_field=FloatField())
    queryset = (_finished_slots(**filters).filter(attempt__max_marks__gt=F("marks"))
                .values("question_id", "section_id")
                .annotate(n=Count("pk"), sum_x=Sum(x), sum_xx=Sum(x * x), sum_y=Sum(rest), sum_yy=Sum(rest * rest),
                          sum_xy=Sum(x * rest), full=Count("pk", filter=Q(credit__gte=1)))
                .order_by("question_id"))
    return list(queryset)


def option_counts(**filters: Any) -> list[dict[str, Any]]:
    """How often each option was chosen, per question: ``question_id``, ``choice_id``, ``chosen``."""
    slots = _finished_slots(**filters)
    return list(SelectedChoice.objects.filter(slot__in=slots.values("pk"))
                .values("question_id", "choice_id").annotate(chosen=Count("pk")).order_by("question_id", "choice_id"))


def section_averages_by_organization(*, user: Any, test: Any = None, since: datetime.date | None = None,
                                     until: datetime.date | None = None) -> list[dict[str, Any]]:
    """Average section score of finished campaign attempts per taker organisation in the user's
    subtrees: ``organization_id``, ``section_id``, ``attempts``, ``average``."""
    attempts = scope_queryset(Attempt.objects.filter(state=AttemptState.FINISHED, organization__isnull=False),
                              user=user, roles=tuple({*BANK_ROLES, *CAMPAIGN_ROLES}), org_field="organization")
    if test is not None:
        attempts = attempts.filter(test=test)
    if since:
        attempts = attempts.filter(finished_at__date__gte=since)
    if until:
        attempts = attempts.filter(finished_at__date__lte=until)
    return list(AttemptSectionScore.objects.filter(attempt__in=attempts.values("pk"))
                .values("attempt__organization_id", "section_id")
                .annotate(attempts=Count("pk"), average=Avg("score"))
                .order_by("attempt__organization_id", "section_id"))
