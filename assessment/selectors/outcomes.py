"""What other apps ask about a person's tests: the outcome of an assignment and banked results.

These are the vacancies app's interface (names and fields are kept stable)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ..models import Attempt, AttemptState, TestAssignment
from ..services.policy import add_months, banking_months, default_pass_mark

__all__ = ["BankedResult", "Outcome", "OutcomeStatus", "assignment_outcome", "assignment_outcomes",
           "banked_result_for"]

BANKING_LOOKBACK_DAYS = 3 * 366
"""Only results this recent are considered (longer than any banking term an administrator would set)."""


class OutcomeStatus:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"
    EXPIRED = "expired"


@dataclass(frozen=True)
class BankedResult:
    """A passed score that still counts: from ``attempt_id`` (a test with matching requirements),
    finished on ``finished_on``, valid through ``valid_until`` (inclusive)."""

    attempt_id: int
    test_id: int
    score: Decimal
    finished_at: datetime.datetime
    finished_on: datetime.date
    valid_until: datetime.date
    passed: bool = True


@dataclass(frozen=True)
class Outcome:
    """Where an assignment stands.

    ``status``: ``not_started`` / ``in_progress`` / ``finished`` / ``expired`` (the time to take it
    ended without a finished attempt). ``banked`` is true when a banked result passes it without an
    attempt of its own (then ``attempt_id`` is the attempt that earned the banked score)."""

    status: str
    score: Decimal | None = None
    passed: bool | None = None
    finished_at: datetime.datetime | None = None
    banked: bool = False
    attempt_id: int | None = None
    attempts_used: int = 0


def banked_result_for(*, user: Any, test: Any, on: datetime.date | None = None) -> BankedResult | None:
    """Does ``user`` hold a valid banked result for ``test`` on ``on`` (default today)?

    A result is banked when an attempt at a test with the same requirements key (see
    ``Test.requirements_key``: the banking group, or the same composition) was finished on or before
    ``on`` with a score at or above the policy's pass mark of that day (56 by default), and ``on`` is
    at most the policy's banking term (3 months by default) after that day: finished on 15 January,
    it counts through 15 April and not on 16 April. The score must also reach ``test``'s own pass
    mark. The best such score is returned (the latest among equals)."""
    key = test.requirements_key
    if not key:
        return None
    on = on or timezone.localdate()
    target_mark = test.pass_mark if test.pass_mark is not None else default_pass_mark(on=on)
    earliest = on - datetime.timedelta(days=BANKING_LOOKBACK_DAYS)
    candidates = (
        Attempt.objects.filter(user=user, state=AttemptState.FINISHED, passed=True,
                               settings_snapshot__requirements_key=key, score__gte=target_mark,
                               finished_at__date__gte=earliest, finished_at__date__lte=on)
        .order_by("-score", "-finished_at").values_list("pk", "test_id", "score", "finished_at")
    )
    for attempt_id, test_id, score, finished_at in candidates:
        finished_on = timezone.localdate(finished_at)
        if finished_on > on or score < default_pass_mark(on=finished_on):
            continue
        valid_until = add_months(finished_on, banking_months(on=finished_on))
        if on <= valid_until:
            return BankedResult(attempt_id=attempt_id, test_id=test_id, score=score, finished_at=finished_at,
                                finished_on=finished_on, valid_until=valid_until)
    return None


def _outcome(assignment: TestAssignment, attempts: list[Attempt], now: datetime.datetime) -> Outcome:
    finished = [a for a in attempts if a.state == AttemptState.FINISHED]
    open_attempt = next((a for a in attempts if a.state == AttemptState.IN_PROGRESS), None)
    best = max(finished, key=lambda a: (bool(a.passed), a.score, a.finished_at), default=None)
    used = len(attempts)
    if best is not None and best.passed:
        return Outcome(status=OutcomeStatus.FINISHED, score=best.score, passed=True, finished_at=best.finished_at,
                       attempt_id=best.pk, attempts_used=used)
    if assignment.accepts_banked:
        for on in dict.fromkeys((timezone.localdate(assignment.created_at), timezone.localdate(now))):
            banked = banked_result_for(user=assignment.user, test=assignment.test, on=on)
            if banked is not None:
                return Outcome(status=OutcomeStatus.FINISHED, score=banked.score, passed=True,
                               finished_at=banked.finished_at, banked=True, attempt_id=banked.attempt_id,
                               attempts_used=used)
    if open_attempt is not None:
        return Outcome(status=OutcomeStatus.IN_PROGRESS, attempt_id=open_attempt.pk, attempts_used=used)
    if best is not None:
        return Outcome(status=OutcomeStatus.FINISHED, score=best.score, passed=False, finished_at=best.finished_at,
                       attempt_id=best.pk, attempts_used=used)
    closes = [m for m in (assignment.available_until, assignment.test.available_until) if m is not None]
    if closes and now >= min(closes):
        return Outcome(status=OutcomeStatus.EXPIRED, attempts_used=used)
    return Outcome(status=OutcomeStatus.NOT_STARTED, attempts_used=used)


def assignment_outcome(*, assignment: TestAssignment, now: datetime.datetime | None = None) -> Outcome:
    """The outcome of one assignment: its own best attempt when it passed; else a banked result when
    the assignment accepts one (competitions do, attestation campaigns do not), valid on the day it was
    assigned or today; else the open attempt; else its failed best attempt; else expired or not started."""
    attempts = list(Attempt.objects.filter(assignment=assignment).only(
        "pk", "state", "score", "passed", "finished_at", "assignment_id"))
    return _outcome(assignment, attempts, now or timezone.now())


def assignment_outcomes(assignments: Iterable[TestAssignment],
                        now: datetime.datetime | None = None) -> dict[int, Outcome]:
    """Outcomes of many assignments with one query for their attempts (``{assignment id: Outcome}``)."""
    assignments = list(assignments)
    by_assignment: dict[int, list[Attempt]] = {a.pk: [] for a in assignments}
    for attempt in Attempt.objects.filter(assignment__in=[a.pk for a in assignments]).only(
            "pk", "state", "score", "passed", "finished_at", "assignment_id"):
        by_assignment[attempt.assignment_id].append(attempt)
    now = now or timezone.now()
    return {a.pk: _outcome(a, by_assignment[a.pk], now) for a in assignments}
