"""Parallel saves, starts and finishes on PostgreSQL: each thread has its own connection and
transaction, released together by a barrier so they really overlap. Whatever the interleaving, the
stored answer is the highest acknowledged sequence, and no acknowledged answer is lost to a finish."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from assessment.models import Attempt, AttemptSlot, AttemptState, SelectedChoice
from assessment.services import attempt_finish, attempt_save_answer, attempt_start
from assessment.signals import attempt_finished
from core.exceptions import ApplicationError
from tests.assessment.factories import assign, make_bank, make_test
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(jobs: list[Callable[[], Any]]) -> list[tuple[str, Any]]:
    barrier = threading.Barrier(len(jobs))
    results: list[tuple[str, Any]] = [("missing", None)] * len(jobs)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = ("ok", jobs[i]())
        except ApplicationError as error:
            results[i] = ("error", error.code)
        except Exception as error:  # a deadlock or an IntegrityError would land here and fail the test
            results[i] = ("crash", repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    assert not [r for r in results if r[0] in ("crash", "missing")], results
    return results


@pytest.fixture
def attempt(db):
    make_bank("legislation", 4, options=4)
    test = make_test(lines=[("legislation", 4)])
    user = UserFactory()
    return attempt_start(assignment=assign(test, user), user=user)


def save(attempt, slot, choices, sequence):
    return lambda: attempt_save_answer(attempt_id=attempt.pk, question_id=slot.question_id, user=attempt.user,
                                       choices=choices, sequence=sequence)


def test_duplicate_saves_in_parallel_store_once(attempt):
    slot = attempt.slots.first()
    results = race([save(attempt, slot, [slot.option_ids[2]], 7) for _ in range(8)])
    assert Counter(value.status for _kind, value in results) == {"saved": 1, "duplicate": 7}
    slot.refresh_from_db()
    assert (slot.selected, slot.sequence) == ([slot.option_ids[2]], 7)


def test_out_of_order_saves_in_parallel_keep_the_highest_sequence(attempt):
    slot = attempt.slots.first()
    options = slot.option_ids
    jobs = [save(attempt, slot, [options[sequence % 4]], sequence) for sequence in range(1, 13)]
    results = race(list(reversed(jobs)))
    statuses = Counter(value.status for _kind, value in results)
    assert set(statuses) <= {"saved", "stale"} and statuses["saved"] >= 1
    slot.refresh_from_db()
    assert (slot.selected, slot.sequence) == ([options[12 % 4]], 12)
    acknowledged = [value.sequence for _kind, value in results if value.status == "saved"]
    assert max(acknowledged) == 12


def test_saves_racing_a_finish_are_graded_or_refused_never_lost(attempt):
    slots = list(attempt.slots.order_by("position"))
    jobs = []
    for slot in slots:
        right = [int(k) for k, v in slot.key.items() if Decimal(v) > 0]
        jobs += [save(attempt, slot, right, 1), save(attempt, slot, [slot.option_ids[0]], 2)]
    jobs.append(lambda: attempt_finish(attempt=attempt.pk))
    results = race(jobs)
    refused = [value for kind, value in results if kind == "error"]
    assert set(refused) <= {"attempt_finished"}
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.FINISHED
    for slot in slots:
        slot.refresh_from_db()
        assert slot.credit is not None
        chosen = sorted(SelectedChoice.objects.filter(slot=slot).values_list("choice_id", flat=True))
        assert chosen == sorted(slot.selected)  # what was graded is what is stored
    for (kind, value), job_index in zip(results[:-1], range(len(results) - 1)):
        if kind == "ok" and value.status == "saved":
            slot = slots[job_index // 2]
            slot.refresh_from_db()
            assert slot.sequence >= value.sequence  # acknowledged, then kept (or superseded by a newer one)


def test_parallel_starts_give_one_attempt(db):
    make_bank("legislation", 3)
    test = make_test(lines=[("legislation", 3)])
    user = UserFactory()
    assignment = assign(test, user)
    results = race([lambda: attempt_start(assignment=assignment, user=user).pk for _ in range(6)])
    assert len({value for _kind, value in results}) == 1
    other_assignments = [assign(test, user) for _ in range(4)]
    Attempt.objects.update(state=AttemptState.FINISHED, finished_at=Attempt.objects.first().started_at,
                           score=0, passed=False)
    results = race([lambda a=a: attempt_start(assignment=a, user=user).pk for a in other_assignments])
    outcomes = Counter(kind if kind == "ok" else value for kind, value in results)
    assert outcomes == {"ok": 1, "attempt_open_elsewhere": 3}
    assert Attempt.objects.filter(user=user, state=AttemptState.IN_PROGRESS).count() == 1


def test_parallel_finishes_grade_once_and_signal_once(attempt):
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs["attempt_id"])

    attempt_finished.connect(listener)
    try:
        results = race([lambda: attempt_finish(attempt=attempt.pk).finished_at for _ in range(5)])
    finally:
        attempt_finished.disconnect(listener)
    assert len({value for _kind, value in results}) == 1
    assert received == [attempt.pk]
    assert AttemptSlot.objects.filter(attempt=attempt, credit__isnull=True).count() == 0
