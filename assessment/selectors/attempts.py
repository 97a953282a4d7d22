"""Attempts as their takers and proctors may see them.

The answer key (``AttemptSlot.key``, the options' fractions) is read only by :func:`attempt_review`,
which the views call only once the attempt is finished and its test shows the answers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.access import scope_queryset
from core.i18n import language_suffix

from ..models import Attempt, AttemptEvent, AttemptSectionScore, AttemptSlot, AttemptState, ShowWhen, TestAssignment
from ..roles import PROCTOR_ROLES

__all__ = [
    "SAFE_SLOT_FIELDS",
    "ReviewItem",
    "attempt_events",
    "attempt_review",
    "attempt_slots_for_taker",
    "my_assignments",
    "pick_text",
    "proctored_attempts",
    "result_visibility",
    "section_scores_of",
    "taker_attempt",
    "taker_attempts",
]

SAFE_SLOT_FIELDS = ("pk", "position", "question_id", "section_id", "kind", "marks", "snapshot", "selected", "flagged",
                    "sequence", "answered_at")
"""What the taker's page and the API read of a slot while the attempt is open (never ``key``)."""


def pick_text(texts: dict[str, str], language: str | None = None) -> str:
    """The text of a snapshot in ``language`` (default: the active one), falling back uz, ru, en, uz_cyrl."""
    for lang in (language_suffix(language), "uz", "ru", "en", "uz_cyrl"):
        if texts.get(lang):
            return texts[lang]
    return ""


def my_assignments(*, user: Any) -> QuerySet[TestAssignment]:
    """The user's own assignments, newest first, with their test."""
    return (TestAssignment.objects.filter(user=user).select_related("test", "campaign")
            .prefetch_related("test__sections").order_by("-created_at", "-id"))


def taker_attempts(*, user: Any) -> QuerySet[Attempt]:
    return Attempt.objects.filter(user=user).select_related("test", "assignment")


def taker_attempt(*, user: Any, attempt_id: int) -> Attempt:
    """The user's own attempt (``Attempt.DoesNotExist`` otherwise: another person's attempt does not exist
    for them)."""
    return taker_attempts(user=user).get(pk=attempt_id)


def attempt_slots_for_taker(attempt: Attempt) -> list[dict[str, Any]]:
    """The attempt's questions as shown, with the taker's answers, without the key."""
    return list(AttemptSlot.objects.filter(attempt=attempt).order_by("position").values(*SAFE_SLOT_FIELDS))


def section_scores_of(attempt: Attempt) -> list[AttemptSectionScore]:
    return list(attempt.section_scores.select_related("section").order_by("section__ordering"))


def _window_closed(attempt: Attempt, now: datetime.datetime) -> bool:
    closes = attempt.settings_snapshot.get("closes_at")
    if not closes:
        return True  # no window: "after it closes" means after finishing
    return now >= parse_datetime(closes)


def result_visibility(attempt: Attempt, now: datetime.datetime | None = None) -> tuple[bool, bool]:
    """(score shown, correct answers shown) to the taker, by the settings frozen when the attempt started.
    Nothing is shown before the attempt is finished."""
    if attempt.state != AttemptState.FINISHED:
        return False, False
    now = now or timezone.now()
    snapshot = attempt.settings_snapshot

    def shown(setting: str) -> bool:
        if setting == ShowWhen.AFTER_FINISH:
            return True
        if setting == ShowWhen.AFTER_CLOSE:
            return _window_closed(attempt, now)
        return False

    score, answers = shown(snapshot.get("results_shown", ShowWhen.AFTER_FINISH)), \
        shown(snapshot.get("answers_shown", ShowWhen.NEVER))
    return score, answers and score


@dataclass(frozen=True)
class ReviewItem:
    position: int
    section_id: int
    kind: str
    text: str
    options: list[dict[str, Any]]  # {"id", "text", "chosen", "correct", "fraction"}
    credit: Decimal
    marks: Decimal
    marks_awarded: Decimal


def attempt_review(attempt: Attempt, *, language: str | None = None) -> list[ReviewItem]:
    """Question by question: what was shown, what the taker chose and what was correct. Only for a
    finished attempt (raises ``ValueError`` otherwise; views check ``result_visibility`` first)."""
    if attempt.state != AttemptState.FINISHED:
        raise ValueError("the answer key of an open attempt is never read")
    items = []
    for slot in AttemptSlot.objects.filter(attempt=attempt).order_by("position"):
        options = [
            {"id": option["id"], "text": pick_text(option["text"], language), "chosen": option["id"] in slot.selected,
             "correct": Decimal(slot.key.get(str(option["id"]), "0")) > 0,
             "fraction": Decimal(slot.key.get(str(option["id"]), "0"))}
            for option in slot.snapshot["options"]
        ]
        items.append(ReviewItem(position=slot.position, section_id=slot.section_id, kind=slot.kind,
                                text=pick_text(slot.snapshot["text"], language), options=options,
                                credit=slot.credit, marks=slot.marks, marks_awarded=slot.marks_awarded))
    return items


def proctored_attempts(*, user: Any) -> QuerySet[Attempt]:
    """Attempts of campaigns in the user's subtrees (by the taker's organisation), for proctors."""
    queryset = (Attempt.objects.select_related("user", "test", "organization", "assignment")
                .annotate(event_count=Count("events")))
    return scope_queryset(queryset, user=user, roles=PROCTOR_ROLES, org_field="organization") \
        .filter(organization__isnull=False)


def attempt_events(attempt: Attempt) -> QuerySet[AttemptEvent]:
    return attempt.events.order_by("occurred_at", "id")
