"""What other apps ask about a person's tests: the outcome of an assignment and banked results.

These are the vacancies app's interface (names and fields are kept stable)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ..models import POLICY_DEFAULTS, AssessmentPolicy, AssessmentPolicyKey, Attempt, AttemptState, TestAssignment
from ..services.policy import add_months

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


def _policy_memo():
    """Pass mark and banking term on any date, from one read of the (small) policy table."""
    rows: list[tuple[str, datetime.date, Decimal]] | None = None

    def value(key: str, on: datetime.date) -> Decimal:
        nonlocal rows
        if rows is None:
            rows = list(AssessmentPolicy.objects.order_by("-effective_from").values_list("key", "effective_from",
                                                                                       "value"))
        return next((v for k, day, v in rows if k == key and day <= on), POLICY_DEFAULTS[key])

    def pass_mark(on: datetime.date) -> Decimal:
        return value(AssessmentPolicyKey.PASS_MARK, on)

    def term(on: datetime.date) -> int:
        return int(value(AssessmentPolicyKey.BANKING_MONTHS, on))

    return pass_mark, term


def _passed_attempts(user_ids: list[int], until: datetime.date) -> dict[int, list[tuple]]:
    """The passed attempts of ``user_ids`` finished in the look-back period, best first (one query)."""
    earliest = until - datetime.timedelta(days=BANKING_LOOKBACK_DAYS)
    rows: dict[int, list[tuple]] = {user_id: [] for user_id in user_ids}
    for row in (Attempt.objects.filter(user_id__in=user_ids, state=AttemptState.FINISHED, passed=True,
                                       finished_at__date__gte=earliest)
                .order_by("-score", "-finished_at")
                .values_list("user_id", "pk", "test_id", "score", "finished_at", "settings_snapshot")):
        rows[row[0]].append(row[1:])
    return rows


def _best_banked(attempts: list[tuple], test: Any, on: datetime.date, memo) -> BankedResult | None:
    key = test.requirements_key
    if not key:
        return None
    pass_mark, term = memo
    target_mark = test.pass_mark if test.pass_mark is not None else pass_mark(on)
    for attempt_id, test_id, score, finished_at, snapshot in attempts:
        if (snapshot or {}).get("requirements_key") != key or score < target_mark:
            continue
        finished_on = timezone.localdate(finished_at)
        if finished_on > on or score < pass_mark(finished_on):
            continue
        valid_until = add_months(finished_on, term(finished_on))
        if on <= valid_until:
            return BankedResult(attempt_id=attempt_id, test_id=test_id, score=score, finished_at=finished_at,
                                finished_on=finished_on, valid_until=valid_until)
    return None


def banked_result_for(*, user: Any, test: Any, on: datetime.date | None = None) -> BankedResult | None:
    """Does ``user`` hold a valid banked result for ``test`` on ``on`` (default today)?

    A result is banked when an attempt at a test with the same requirements key (see
    ``Test.requirements_key``: the banking group, or the same composition; the key the attempt was sat
    under counts) was finished on or before ``on`` with a score at or above the policy's pass mark of
    that day (56 by default), and ``on`` is at most the policy's banking term (3 months by default)
    after that day: finished on 15 January, it counts through 15 April and not on 16 April. The score
    must also reach ``test``'s own pass mark. The best such score is returned (the latest among
    equals)."""
    if not test.requirements_key:
        return None
    on = on or timezone.localdate()
    return _best_banked(_passed_attempts([user.pk], on)[user.pk], test, on, _policy_memo())


def _outcome(assignment: TestAssignment, attempts: list[Attempt], now: datetime.datetime,
             passed: list[tuple], memo) -> Outcome:
    finished = [a for a in attempts if a.state == AttemptState.FINISHED]
    open_attempt = next((a for a in attempts if a.state == AttemptState.IN_PROGRESS), None)
    best = max(finished, key=lambda a: (bool(a.passed), a.score, a.finished_at), default=None)
    used = len(attempts)
    if best is not None and best.passed:
        return Outcome(status=OutcomeStatus.FINISHED, score=best.score, passed=True, finished_at=best.finished_at,
                       attempt_id=best.pk, attempts_used=used)
    if assignment.accepts_banked:
        for on in dict.fromkeys((timezone.localdate(assignment.created_at), timezone.localdate(now))):
            banked = _best_banked(passed, assignment.test, on, memo)
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
    return assignment_outcomes([assignment], now=now)[assignment.pk]


def assignment_outcomes(assignments: Iterable[TestAssignment],
                        now: datetime.datetime | None = None) -> dict[int, Outcome]:
    """Outcomes of many assignments in a fixed number of queries (``{assignment id: Outcome}``): their
    attempts, the takers' passed attempts (for banking) and the dated policy values they need."""
    assignments = list(assignments)
    now = now or timezone.now()
    by_assignment: dict[int, list[Attempt]] = {a.pk: [] for a in assignments}
    for attempt in Attempt.objects.filter(assignment__in=[a.pk for a in assignments]).only(
            "pk", "state", "score", "passed", "finished_at", "assignment_id"):
        by_assignment[attempt.assignment_id].append(attempt)
    banking = [a for a in assignments if a.accepts_banked]
    passed = _passed_attempts(sorted({a.user_id for a in banking}), timezone.localdate(now)) if banking else {}
    memo = _policy_memo()
    return {a.pk: _outcome(a, by_assignment[a.pk], now, passed.get(a.user_id, []), memo) for a in assignments}
