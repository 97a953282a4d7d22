"""Orders that place a person: hire, transfer, rotation, promotion."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.models import User

from ...models import (
    Employee,
    EmployeeStatus,
    HROrder,
    OrderKind,
    PolicyKey,
    StaffPosition,
)
from .. import rules
from ..employees import _fmt, _lock, _require_scope
from ..identity import PersonIdentity, employee_claim_check
from ..policy import initial_contract, policy_value
from ._common import (
    OrderBasis,
    _already_employed,
    _audit,
    _issue_order,
    _more_senior,
    _move,
    _new_assignment,
    _not_exempt,
    _save_assignment,
    _start_move,
    _take_units,
    _too_early,
    _update_employee,
    _where,
)
from ._snapshot import order_snapshot


@transaction.atomic
def employee_hire(
    *,
    employee: Employee,
    staff_position: StaffPosition,
    start_date: datetime.date,
    rate: Decimal = Decimal("1.00"),
    order_date: datetime.date | None = None,
    reason: str = "",
    identity: PersonIdentity | None = None,
    basis: OrderBasis | tuple[str, Any, str] | None = None,
    actor: User | None,
) -> HROrder:
    """Place a person who holds no position on ``staff_position`` from ``start_date``. A first-time
    entrant (never placed before, no earlier civil-service start) hired on or after 2026-01-01 gets a
    fixed-term contract (``services.policy.initial_contract``). Nobody younger than the policy's
    ``minimum_hire_age`` (18 by default) on ``start_date`` is hired.

    A record kept outside the actor's scope follows the identity rule (``services.identity``): a
    person employed elsewhere is refused, one employed nowhere is hired only with an ``identity``
    (surname, date of birth) that matches the record. ``basis`` (app, object id, label) is what
    authorises the hire; it is stored on the order and printed on it."""
    _lock(employee)
    _require_scope(actor, staff_position.organization)
    employee_claim_check(employee=employee, actor=actor, identity=identity)
    if employee.assignments.filter(is_primary=True, end_date__isnull=True).exists():
        raise _already_employed(employee)
    last_end = employee.assignments.aggregate(last=Max("end_date"))["last"]
    if last_end is not None and start_date <= last_end:
        raise _too_early(_("The hire on %(day)s must start after %(end)s, the last day of the previous placement.")
                         % {"day": _fmt(start_date), "end": _fmt(last_end)}, "start_date")
    violation = rules.hire_age_violation(
        birth_date=employee.birth_date, start_date=start_date,
        minimum_age=int(policy_value(PolicyKey.MINIMUM_HIRE_AGE, on=start_date)))
    if violation is not None:
        raise violation.error()
    first_time = not employee.assignments.exists() and (
        employee.civil_service_start is None or employee.civil_service_start >= start_date
    )
    contract_type, contract_end = initial_contract(start_date=start_date, first_time_entrant=first_time)
    assignment = _new_assignment(employee=employee, staff_position=staff_position, start_date=start_date, rate=rate,
                                 kind=OrderKind.HIRE, contract_type=contract_type, contract_end_date=contract_end)
    _take_units(staff_position, start=start_date, rate=assignment.rate)
    order = _issue_order(
        kind=OrderKind.HIRE, organization=staff_position.organization, employee=employee, effective_date=start_date,
        order_date=order_date, reason=reason, actor=actor, basis=OrderBasis.of(basis),
        details={"to": _where(staff_position), "rate": str(rate), "contract_type": contract_type,
                 "contract_end_date": contract_end.isoformat() if contract_end else None},
        snapshot=order_snapshot(organization=staff_position.organization, employee=employee, appointed=assignment),
    )
    _save_assignment(assignment, order=order, actor=actor)
    _update_employee(employee, order=order, actor=actor, status=EmployeeStatus.ACTIVE,
                     organization=staff_position.organization, staff_position=staff_position, hired_on=start_date,
                     civil_service_start=employee.civil_service_start or start_date)
    _audit("workforce.employee.hired", order, actor, contract_type=contract_type)
    return order


# --- transfer, rotation, promotion ----------------------------------------------------------------

@transaction.atomic
def employee_transfer(
    *,
    employee: Employee,
    staff_position: StaffPosition,
    effective_date: datetime.date,
    rate: Decimal | None = None,
    reason: str = "",
    basis: OrderBasis | tuple[str, Any, str] | None = None,
    actor: User | None,
) -> HROrder:
    """Move ``employee`` to ``staff_position`` from ``effective_date`` (the current placement ends the
    day before). ``rate`` defaults to the current one. ``basis`` as for :func:`employee_hire`."""
    current = _start_move(employee, staff_position, effective_date, actor)
    order = _move(kind=OrderKind.TRANSFER, employee=employee, current=current, staff_position=staff_position,
                  effective_date=effective_date, rate=rate, reason=reason, actor=actor, basis=OrderBasis.of(basis))
    _audit("workforce.employee.transferred", order, actor)
    return order


@transaction.atomic
def employee_rotate(
    *,
    employee: Employee,
    staff_position: StaffPosition,
    effective_date: datetime.date,
    rate: Decimal | None = None,
    reason: str = "",
    actor: User | None,
) -> HROrder:
    """A rotation (no competition needed). Refused with every reason when the employee is exempt on
    ``effective_date`` (training, pregnancy, child under three, medical grounds, near pension age)."""
    current = _start_move(employee, staff_position, effective_date, actor, _not_exempt(employee, effective_date))
    order = _move(kind=OrderKind.ROTATION, employee=employee, current=current, staff_position=staff_position,
                  effective_date=effective_date, rate=rate, reason=reason, actor=actor)
    _audit("workforce.employee.rotated", order, actor)
    return order


@transaction.atomic
def employee_promote(
    *,
    employee: Employee,
    staff_position: StaffPosition,
    effective_date: datetime.date,
    rate: Decimal | None = None,
    reason: str = "",
    actor: User | None,
) -> HROrder:
    """Move to a more senior position: a category of smaller order, or the same category and a
    higher salary grade."""
    current = _start_move(employee, staff_position, effective_date, actor, _more_senior(staff_position))
    order = _move(kind=OrderKind.PROMOTION, employee=employee, current=current, staff_position=staff_position,
                  effective_date=effective_date, rate=rate, reason=reason, actor=actor)
    _audit("workforce.employee.promoted", order, actor)
    return order


# --- qualification rank --------------------------------------------------------------------------------
