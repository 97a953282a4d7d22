"""Disciplinary sanctions and dismissal (rank changes: ``ranks.py``)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import clean_or_raise
from core.models import User

from ...errors import WorkforceError, WorkforceErrorCode
from ...models import (
    Employee,
    EmployeeStatus,
    HROrder,
    OrderKind,
    PolicyKey,
    QualificationRank,
    Sanction,
    SanctionKind,
    StaffPosition,
)
from ..employees import _fmt, _lock, _plain, _require_scope, _stamp
from ..policy import add_months, policy_value
from ._common import (
    DismissalReason,
    _audit,
    _check_move,
    _close_assignment,
    _current,
    _history_reason,
    _issue_order,
    _less_senior,
    _move,
    _too_early,
    _update_employee,
    _where,
)
from ._snapshot import order_snapshot
from .ranks import _refuse_while_rank_change_waits


def _rank_below(employee: Employee) -> QualificationRank:
    current = employee.qualification_rank
    if current is None:
        raise WorkforceError(_("%(name)s has no qualification rank to lower.") % {"name": employee.full_name},
                             code=WorkforceErrorCode.SANCTION_NO_RANK, field="kind")
    lower = (QualificationRank.objects.filter(ordering__lt=current.ordering, is_active=True)
             .order_by("-ordering").first())
    if lower is None:
        raise WorkforceError(_("«%(rank)s» is the lowest rank; it cannot be lowered.") % {"rank": current},
                             code=WorkforceErrorCode.SANCTION_RANK_LOWEST, field="kind")
    return lower


# --- dismissal -----------------------------------------------------------------------------------------

def _dismiss(
    employee: Employee, *, kind: str, effective_date: datetime.date, reason_code: str, reason: str,
    actor: User | None, details: dict[str, Any] | None = None, sanction: dict[str, Any] | None = None,
) -> HROrder:
    """Close every open placement (primary and secondary) on ``effective_date``, its last day."""
    placements = list(employee.assignments.filter(end_date__isnull=True)
                      .select_related("staff_position__organization", "organization"))
    if not placements:
        raise WorkforceError(
            _("%(name)s holds no position at the moment.") % {"name": employee.full_name},
            code=WorkforceErrorCode.EMPLOYEE_NOT_EMPLOYED, field="employee",
        )
    latest_start = max(placement.start_date for placement in placements)
    if effective_date < latest_start:
        raise _too_early(_("The last day %(day)s cannot be before %(start)s, when the current placement began.")
                         % {"day": _fmt(effective_date), "start": _fmt(latest_start)}, "effective_date")
    primary = next((p for p in placements if p.is_primary), placements[0])
    order = _issue_order(
        kind=kind, organization=primary.organization, employee=employee, effective_date=effective_date,
        reason=reason, actor=actor,
        details={"from": _where(primary.staff_position), "reason_code": reason_code, **(details or {})},
        snapshot=order_snapshot(organization=primary.organization, employee=employee, released=primary,
                                released_last_day=effective_date, sanction=sanction, dismissal_reason=reason_code),
    )
    for placement in placements:
        _close_assignment(placement, end_date=effective_date, order=order, actor=actor, reason=reason_code)
    # The record stays with the last organisation, so its HR still sees it.
    _update_employee(employee, order=order, actor=actor, status=EmployeeStatus.DISMISSED,
                     organization=primary.organization, staff_position=None)
    return order


@transaction.atomic
def employee_dismiss(
    *, employee: Employee, effective_date: datetime.date, reason_code: str, reason: str = "", actor: User | None
) -> HROrder:
    """End the service of ``employee``: ``effective_date`` is the last working day. ``reason_code`` is
    a ``DismissalReason``."""
    _lock(employee)
    _require_scope(actor, employee.organization)
    if reason_code not in DismissalReason.values:
        raise WorkforceError(
            _("Unknown ground for dismissal %(code)s.") % {"code": reason_code},
            code=WorkforceErrorCode.DISMISSAL_REASON_INVALID, field="reason_code",
        )
    order = _dismiss(employee, kind=OrderKind.DISMISSAL, effective_date=effective_date, reason_code=reason_code,
                     reason=reason, actor=actor)
    _audit("workforce.employee.dismissed", order, actor, reason_code=reason_code)
    return order


# --- disciplinary sanctions ----------------------------------------------------------------------

def _check_sanction_inputs(
    kind: str, fine_amount: Decimal | None, new_staff_position: StaffPosition | None
) -> None:
    if kind == SanctionKind.FINE and (fine_amount is None or fine_amount <= 0):
        raise WorkforceError(_("A fine needs an amount above zero (UZS); got %(amount)s.") % {"amount": fine_amount},
                             code=WorkforceErrorCode.SANCTION_FINE_AMOUNT_INVALID, field="fine_amount")
    if kind != SanctionKind.FINE and fine_amount is not None:
        raise WorkforceError(_("Only a fine has an amount; leave it empty for «%(kind)s».")
                             % {"kind": SanctionKind(kind).label},
                             code=WorkforceErrorCode.SANCTION_FINE_AMOUNT_INVALID, field="fine_amount")
    if kind == SanctionKind.DEMOTION and new_staff_position is None:
        raise WorkforceError(_("A demotion needs the lower position the employee moves to."),
                             code=WorkforceErrorCode.DEMOTION_POSITION_REQUIRED, field="new_staff_position")
    if kind != SanctionKind.DEMOTION and new_staff_position is not None:
        raise WorkforceError(_("Only a demotion moves the employee; leave the position empty for «%(kind)s».")
                             % {"kind": SanctionKind(kind).label},
                             code=WorkforceErrorCode.SANCTION_POSITION_UNEXPECTED, field="new_staff_position")


@transaction.atomic
def employee_sanction(
    *,
    employee: Employee,
    kind: str,
    reason: str,
    imposed_on: datetime.date,
    fine_amount: Decimal | None = None,
    new_staff_position: StaffPosition | None = None,
    actor: User | None,
) -> Sanction:
    """Impose a disciplinary sanction by one order: a reprimand; a fine (positive ``fine_amount``);
    lowering of rank (one step down the ladder); demotion to the less senior ``new_staff_position``
    from ``imposed_on``; or dismissal with ``imposed_on`` as the last day. In force for the policy's
    ``sanction_term_months``."""
    _lock(employee)
    _require_scope(actor, employee.organization, *([new_staff_position.organization] if new_staff_position else []))
    current = _current(employee)
    term = int(policy_value(PolicyKey.SANCTION_TERM_MONTHS, on=imposed_on))
    sanction = Sanction(employee=employee, kind=kind, reason=(reason or "").strip(), imposed_on=imposed_on,
                        fine_amount=fine_amount, expires_on=add_months(imposed_on, term))
    clean_or_raise(sanction, exclude=["employee", "order"])
    _check_sanction_inputs(kind, fine_amount, new_staff_position)
    details: dict[str, Any] = {"sanction": kind}
    facts = {"kind": kind, "fine_amount": _plain(fine_amount) if fine_amount is not None else None,
             "in_force_until": sanction.expires_on.isoformat() if sanction.expires_on else None}
    if kind == SanctionKind.DEMOTION:
        assert new_staff_position is not None
        _check_move(current, new_staff_position, imposed_on)
        _less_senior(new_staff_position)(current)
        order = _move(kind=OrderKind.SANCTION, employee=employee, current=current, staff_position=new_staff_position,
                      effective_date=imposed_on, rate=None, reason=sanction.reason, actor=actor, details=details,
                      sanction=facts)
    elif kind == SanctionKind.DISMISSAL:
        order = _dismiss(employee, kind=OrderKind.SANCTION, effective_date=imposed_on,
                         reason_code=DismissalReason.DISCIPLINARY, reason=sanction.reason, actor=actor, details=details,
                         sanction=facts)
    else:
        lower = None
        if kind == SanctionKind.RANK_LOWERING:
            _refuse_while_rank_change_waits(employee, actor)
            lower = _rank_below(employee)
            details |= {"from": employee.qualification_rank.code, "to": lower.code}
        if fine_amount is not None:
            details["fine_amount"] = _plain(fine_amount)
        order = _issue_order(
            kind=OrderKind.SANCTION, organization=current.organization, employee=employee, effective_date=imposed_on,
            reason=sanction.reason, actor=actor, details=details,
            snapshot=order_snapshot(organization=current.organization, employee=employee, sanction=facts,
                                    rank_from=employee.qualification_rank if lower else None, rank_to=lower))
        if lower is not None:
            _update_employee(employee, order=order, actor=actor, qualification_rank=lower)
    sanction.order = order
    _stamp(sanction, actor, _history_reason(order))
    sanction.save()
    _audit("workforce.employee.sanctioned", order, actor, sanction=kind)
    if kind == SanctionKind.DISMISSAL:
        _audit("workforce.employee.dismissed", order, actor, reason_code=DismissalReason.DISCIPLINARY)
    return sanction
