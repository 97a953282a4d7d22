"""Parallel HR orders on PostgreSQL: each thread has its own connection and transaction, and a
barrier releases them together so they really overlap. The row locks of the services must make
the outcome the same as if the requests had come one after another."""

from __future__ import annotations

import datetime
import threading
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from core.exceptions import ApplicationError
from tests.factories import make_employee, make_position
from workforce.errors import WorkforceErrorCode
from workforce.models import Assignment, Employee, HROrder, StaffPosition
from workforce.services import employee_create, employee_hire

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

D = datetime.date


def race(n: int, prepare: Callable[[int], Any], act: Callable[[Any], Any]) -> list[tuple[str, Any]]:
    """Run ``act(prepare(i))`` in ``n`` threads released together; ``("ok", value)`` or ``("error", code)``."""
    barrier = threading.Barrier(n)
    results: list[tuple[str, Any]] = [("missing", None)] * n

    def run(i: int) -> None:
        try:
            prepared = prepare(i)
            barrier.wait(timeout=30)
            results[i] = ("ok", act(prepared))
        except ApplicationError as error:
            results[i] = ("error", error.code)
        except Exception as error:  # a deadlock or an IntegrityError would land here and fail the test
            results[i] = ("crash", repr(error))
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results


def hire_in_thread(employee_pk: int, position_pk: int) -> tuple[Employee, StaffPosition]:
    return Employee.objects.get(pk=employee_pk), StaffPosition.objects.get(pk=position_pk)


def do_hire(args: tuple[Employee, StaffPosition]) -> str:
    employee, position = args
    return employee_hire(employee=employee, staff_position=position, start_date=D(2025, 3, 1),
                         order_date=D(2025, 2, 20), actor=None).number


def test_parallel_hires_never_overfill_a_position(tree):
    n = 8
    position = make_position(tree["A"], rate_units="1.00")
    employees = [make_employee().pk for _ in range(n)]
    results = race(n, lambda i: hire_in_thread(employees[i], position.pk), do_hire)

    outcomes = Counter(kind if kind == "ok" else value for kind, value in results)
    assert outcomes == {"ok": 1, WorkforceErrorCode.STAFF_POSITION_FULL: n - 1}, results
    assert Assignment.objects.filter(staff_position=position).count() == 1
    assert sum(a.rate for a in Assignment.objects.filter(staff_position=position)) == Decimal("1.00")
    assert HROrder.objects.count() == 1


def test_one_person_hired_into_two_positions_at_once_gets_one(tree):
    n = 4
    employee = make_employee()
    positions = [make_position(tree["A"]).pk for _ in range(n)]
    results = race(n, lambda i: hire_in_thread(employee.pk, positions[i]), do_hire)

    outcomes = Counter(kind if kind == "ok" else value for kind, value in results)
    assert outcomes == {"ok": 1, WorkforceErrorCode.EMPLOYEE_ALREADY_EMPLOYED: n - 1}, results
    assert Assignment.objects.filter(employee=employee, is_primary=True, end_date__isnull=True).count() == 1
    employee.refresh_from_db()
    assert employee.staff_position_id == Assignment.objects.get(employee=employee).staff_position_id


def test_parallel_orders_get_distinct_consecutive_numbers(tree):
    n = 10
    employees = [make_employee().pk for _ in range(n)]
    positions = [make_position(tree["A"]).pk for _ in range(n)]
    results = race(n, lambda i: hire_in_thread(employees[i], positions[i]), do_hire)

    assert all(kind == "ok" for kind, _value in results), results
    assert sorted(value for _kind, value in results) == [f"A/2025/{k:05d}" for k in range(1, n + 1)]
    assert HROrder.objects.filter(organization=tree["A"]).count() == n


def test_the_same_person_entered_twice_at_once_is_one_record(tree):
    n = 4
    born = D(1996, 12, 7)

    def create(_: None) -> int:
        return employee_create(pinfl="40712966350029", last_name="Gʻulomova", first_name="Dilnoza",
                               birth_date=born, sex="F", actor=None).pk

    results = race(n, lambda i: None, create)
    outcomes = Counter(kind if kind == "ok" else value for kind, value in results)
    assert outcomes == {"ok": 1, WorkforceErrorCode.EMPLOYEE_PINFL_TAKEN: n - 1}, results
    assert Employee.objects.filter(pinfl="40712966350029").count() == 1
