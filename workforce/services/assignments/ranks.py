"""Qualification rank changes: the ladder, the minimum time in a rank, and changes dated in the
future.

A rank-change order follows ``rules.rank_change_violation``: one step up the ladder at a time (the
lowest active rank for a person without one), after the policy's ``rank_minimum_months`` in the
current rank; going down is a disciplinary sanction (lowering of rank), not a rank change. Time in
a rank counts from the effective date of the order that gave it (a rank change, or a rank-lowering
sanction); a rank loaded with the record counts from the person's civil-service start.

An order dated in the future is issued at once but waits (``HROrder.pending``): the person keeps
the current rank until the effective date, when ``rank_changes_apply_due`` (daily, Celery beat)
applies it. Every service that touches the rank applies what is due first, so a late beat never
lets a stale rank be read as current by the rules."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.audit import audit_log
from core.models import User

from ...models import Employee, HROrder, OrderKind, PolicyKey, QualificationRank, SanctionKind
from ...selectors.staffing import employee_rank_change_waiting
from .. import rules
from ..employees import _lock, _require_scope
from ..policy import policy_value
from ._common import _audit, _current, _issue_order, _update_employee
from ._snapshot import order_snapshot

__all__ = ["employee_change_rank", "rank_changes_apply_due"]


def _step(rank: QualificationRank) -> rules.RankStep:
    return rules.RankStep(code=rank.code, ordering=rank.ordering, name=str(rank), active=rank.is_active)


def _rank_held_since(employee: Employee) -> datetime.date | None:
    gave_rank = Q(kind=OrderKind.RANK_CHANGE) | Q(kind=OrderKind.SANCTION, details__sanction=SanctionKind.RANK_LOWERING)
    given = (employee.hr_orders.filter(gave_rank, pending=False).order_by("-effective_date", "-id")
             .values_list("effective_date", flat=True).first())
    return given or employee.civil_service_start or employee.hired_on


def _apply(order: HROrder, employee: Employee, actor: User | None, today: datetime.date) -> None:
    """Give ``employee`` (locked) the rank ``order`` (pending, due) grants."""
    rank = QualificationRank.objects.get(code=order.details["to"])
    HROrder.objects.filter(pk=order.pk).update(pending=False)
    order.pending = False
    _update_employee(employee, order=order, actor=actor, qualification_rank=rank)
    _audit("workforce.employee.rank_changed", order, actor, applied_on=today.isoformat())


def _apply_due(employee: Employee, *, actor: User | None, today: datetime.date) -> None:
    for order in employee.hr_orders.filter(kind=OrderKind.RANK_CHANGE, pending=True, effective_date__lte=today) \
            .select_for_update().order_by("effective_date", "id"):
        _apply(order, employee, actor, today)


def _refuse_while_rank_change_waits(employee: Employee, actor: User | None) -> None:
    """For the other services that change the rank (a rank-lowering sanction): apply what is due,
    then refuse while a change still waits (one change of rank at a time)."""
    _apply_due(employee, actor=actor, today=timezone.localdate())
    waiting = employee_rank_change_waiting(employee=employee)
    if waiting is not None:
        rank = QualificationRank.objects.get(code=waiting.details["to"])
        raise rules.Violation(rules.Code.RANK_CHANGE_PENDING, "kind", {
            "rank": str(rank), "day": waiting.effective_date.strftime("%d.%m.%Y")}).error()


@transaction.atomic
def employee_change_rank(
    *, employee: Employee, rank: QualificationRank, effective_date: datetime.date, reason: str, actor: User | None
) -> HROrder:
    """Grant ``rank``, the next step of the ladder, to a serving civil servant (the rules above,
    each refused with its code and reason). Dated after today, the order waits and the rank
    changes on ``effective_date``."""
    _lock(employee)
    _require_scope(actor, employee.organization)
    _current(employee)
    today = timezone.localdate()
    _apply_due(employee, actor=actor, today=today)
    waiting = employee_rank_change_waiting(employee=employee)
    current = employee.qualification_rank
    violation = rules.rank_change_violation(
        current=_step(current) if current is not None else None, new=_step(rank),
        ladder=[_step(step) for step in QualificationRank.objects.order_by("ordering")],
        held_since=_rank_held_since(employee), effective_date=effective_date,
        minimum_months=int(policy_value(PolicyKey.RANK_MINIMUM_MONTHS, on=effective_date)),
        pending=(_step(QualificationRank.objects.get(code=waiting.details["to"])), waiting.effective_date)
        if waiting is not None else None,
    )
    if violation is not None:
        raise violation.error()
    waits = effective_date > today
    order = _issue_order(
        kind=OrderKind.RANK_CHANGE, organization=employee.organization, employee=employee,
        effective_date=effective_date, reason=reason, actor=actor, pending=waits,
        details={"from": current.code if current else None, "to": rank.code},
        snapshot=order_snapshot(organization=employee.organization, employee=employee, rank_from=current, rank_to=rank),
    )
    if waits:
        _audit("workforce.employee.rank_change_scheduled", order, actor)
    else:
        _update_employee(employee, order=order, actor=actor, qualification_rank=rank)
        _audit("workforce.employee.rank_changed", order, actor)
    return order


def rank_changes_apply_due(*, today: datetime.date) -> int:
    """Apply every waiting rank change whose effective date has come (daily; idempotent: an order
    is applied once, under its employee's lock). Returns how many were applied."""
    applied = 0
    due = HROrder.objects.filter(kind=OrderKind.RANK_CHANGE, pending=True, effective_date__lte=today)
    for order_id, employee_id in due.order_by("effective_date", "id").values_list("pk", "employee_id"):
        with transaction.atomic():
            employee = Employee.objects.select_for_update(no_key=True).get(pk=employee_id)
            order = HROrder.objects.select_for_update().filter(pk=order_id, pending=True).first()
            if order is None:  # applied meanwhile (by a service touching the rank, or a parallel run)
                continue
            _apply(order, employee, None, today)
            applied += 1
    if applied:
        audit_log("workforce.rank_changes.applied", data={"count": applied, "day": today.isoformat()})
    return applied
