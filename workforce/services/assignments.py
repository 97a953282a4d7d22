"""HR orders: hire, transfer, rotation, promotion, rank change, disciplinary sanction, dismissal.

Each service issues one numbered ``HROrder`` and makes the change it orders in the same transaction.
History is never overwritten: an assignment is closed and a new one opened.

Rows are locked in one order everywhere (employee, then staff position, then the order-number
counter), so concurrent orders queue instead of deadlocking; the occupancy of a position is summed
only after its row is locked, so a position is never filled beyond its ``rate_units``."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_log
from core.exceptions import clean_or_raise
from core.models import User

from ..errors import WorkforceConflict, WorkforceError, WorkforceErrorCode
from ..models import (
    Assignment,
    ContractType,
    Employee,
    EmployeeStatus,
    HROrder,
    OrderKind,
    OrderNumberSequence,
    Organization,
    PolicyKey,
    QualificationRank,
    Sanction,
    SanctionKind,
    StaffPosition,
)
from ..selectors.staffing import staff_position_units_committed
from .employees import _fmt, _lock, _plain, _require_scope, _stamp, rotation_exemptions
from .policy import add_months, initial_contract, policy_value

__all__ = [
    "DismissalReason",
    "employee_change_rank",
    "employee_dismiss",
    "employee_hire",
    "employee_promote",
    "employee_rotate",
    "employee_sanction",
    "employee_transfer",
]

ONE_DAY = datetime.timedelta(days=1)


class DismissalReason(models.TextChoices):
    OWN_REQUEST = "own_request", gettext_lazy("At own request")
    AGREEMENT = "agreement", gettext_lazy("By agreement of the parties")
    CONTRACT_END = "contract_end", gettext_lazy("End of the contract term")
    DISCIPLINARY = "disciplinary", gettext_lazy("Disciplinary dismissal")
    RETIREMENT = "retirement", gettext_lazy("Retirement")
    HEALTH = "health", gettext_lazy("Health grounds")
    REORGANISATION = "reorganisation", gettext_lazy("Reorganisation or staff reduction")
    DEATH = "death", gettext_lazy("Death")
    OTHER = "other", gettext_lazy("Other")


# --- orders --------------------------------------------------------------------------------------------

def _next_order_number(organization: Organization, year: int) -> str:
    """The next number of ``organization``'s orders of ``year``, taken under the counter's row lock."""
    counters = OrderNumberSequence.objects.select_for_update(no_key=True)
    counter = counters.filter(organization=organization, year=year).first()
    if counter is None:
        # The first order of the year: create the counter; a parallel request creating it too waits here.
        OrderNumberSequence.objects.bulk_create(
            [OrderNumberSequence(organization=organization, year=year)], ignore_conflicts=True
        )
        counter = counters.get(organization=organization, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{organization.code}/{year}/{counter.last_number:05d}"


def _issue_order(
    *, kind: str, organization: Organization, employee: Employee, effective_date: datetime.date, reason: str,
    details: dict[str, Any], actor: User | None, order_date: datetime.date | None = None,
) -> HROrder:
    order_date = order_date or timezone.localdate()
    return HROrder.objects.create(
        number=_next_order_number(organization, order_date.year), kind=kind, organization=organization,
        employee=employee, order_date=order_date, effective_date=effective_date, reason=(reason or "").strip(),
        details=details, created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _history_reason(order: HROrder) -> str:
    return f"{order.kind} {order.number}"


def _audit(action: str, order: HROrder, actor: User | None, **extra: Any) -> None:
    data = {"order": order.number, "effective_date": order.effective_date.isoformat(),
            "from": order.details.get("from"), "to": order.details.get("to"), **extra}
    audit_log(action, actor=actor, target=order.employee, data=data)


def _where(staff_position: StaffPosition) -> dict[str, str]:
    return {"organization": staff_position.organization.code, "staff_position": staff_position.code}


# --- employee and assignments --------------------------------------------------------------------

def _update_employee(employee: Employee, *, order: HROrder, actor: User | None, **fields: Any) -> None:
    """Keep the denormalised fields in step; the history row names the actor and the order."""
    for name, value in fields.items():
        setattr(employee, name, value)
    _stamp(employee, actor, _history_reason(order))
    employee.save(update_fields=[*fields, "updated_at"])


def _current(employee: Employee) -> Assignment:
    current = (
        employee.assignments.filter(is_primary=True, end_date__isnull=True)
        .select_related("staff_position__category", "staff_position__organization")
        .first()
    )
    if current is None:
        raise WorkforceError(
            _("%(name)s holds no position at the moment.") % {"name": employee.full_name},
            code=WorkforceErrorCode.EMPLOYEE_NOT_EMPLOYED, field="employee",
        )
    return current


def _new_assignment(
    *, employee: Employee, staff_position: StaffPosition, start_date: datetime.date, rate: Decimal, kind: str,
    contract_type: str = ContractType.INDEFINITE, contract_end_date: datetime.date | None = None,
) -> Assignment:
    assignment = Assignment(
        employee=employee, staff_position=staff_position, organization=staff_position.organization, rate=rate,
        start_date=start_date, start_kind=kind, contract_type=contract_type, contract_end_date=contract_end_date,
    )
    clean_or_raise(assignment, exclude=["employee", "staff_position", "organization", "start_order", "end_order"],
                   validate_unique=False, validate_constraints=False)
    return assignment


def _save_assignment(assignment: Assignment, *, order: HROrder, actor: User | None) -> None:
    assignment.start_order = order
    _stamp(assignment, actor, _history_reason(order))
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as exc:  # the one-open-primary constraint: a parallel order got there first
        raise _already_employed(assignment.employee) from exc


def _close_assignment(
    assignment: Assignment, *, end_date: datetime.date, order: HROrder, actor: User | None, reason: str = ""
) -> None:
    assignment.end_date = end_date
    assignment.end_kind = order.kind
    assignment.end_order = order
    assignment.end_reason = reason
    _stamp(assignment, actor, _history_reason(order))
    assignment.save(update_fields=["end_date", "end_kind", "end_order", "end_reason", "updated_at"])


def _already_employed(employee: Employee) -> WorkforceError:
    return WorkforceError(
        _("%(name)s already holds a position; transfer them instead of hiring.") % {"name": employee.full_name},
        code=WorkforceErrorCode.EMPLOYEE_ALREADY_EMPLOYED, field="employee",
    )


def _too_early(message: str, field: str) -> WorkforceError:
    return WorkforceError(message, code=WorkforceErrorCode.EFFECTIVE_DATE_TOO_EARLY, field=field)


# --- staff positions -----------------------------------------------------------------------------------

def _take_units(staff_position: StaffPosition, *, start: datetime.date, rate: Decimal) -> None:
    """Lock ``staff_position`` and make sure ``rate`` more units fit from ``start`` on."""
    _lock(staff_position)
    if not staff_position.is_active:
        raise WorkforceConflict(
            _("Position «%(name)s» (%(code)s) is closed in the staffing table.")
            % {"name": staff_position.name, "code": staff_position.code},
            code=WorkforceErrorCode.STAFF_POSITION_INACTIVE, field="staff_position",
        )
    filled = staff_position_units_committed(staff_position, from_date=start)
    if filled + rate > staff_position.rate_units:
        raise WorkforceConflict(
            _("Position «%(name)s» (%(code)s) has %(units)s units and %(filled)s are filled from %(day)s.")
            % {"name": staff_position.name, "code": staff_position.code, "units": staff_position.rate_units,
               "filled": filled, "day": _fmt(start)},
            code=WorkforceErrorCode.STAFF_POSITION_FULL, field="staff_position",
            extra={"staff_position": staff_position.code, "rate_units": str(staff_position.rate_units),
                   "filled": str(filled), "requested": str(rate), "from": start.isoformat()},
        )


def _seniority(staff_position: StaffPosition) -> tuple[int, int]:
    """Smaller is more senior: the category's order first, then the higher salary grade."""
    return staff_position.category.ordering, -(staff_position.salary_grade or 0)


def _seniority_error(code: str, new: StaffPosition, current: StaffPosition) -> WorkforceError:
    messages = {
        WorkforceErrorCode.PROMOTION_NOT_HIGHER: _(
            "«%(new)s» (%(new_category)s) is not more senior than the current position «%(current)s» "
            "(%(current_category)s)."),
        WorkforceErrorCode.DEMOTION_NOT_LOWER: _(
            "«%(new)s» (%(new_category)s) is not lower than the current position «%(current)s» "
            "(%(current_category)s)."),
    }
    return WorkforceError(
        messages[code] % {"new": new, "new_category": new.category, "current": current,
                          "current_category": current.category},
        code=code, field="staff_position",
    )


# --- moves (transfer, rotation, promotion, demotion) ---------------------------------------------

def _check_move(current: Assignment, staff_position: StaffPosition, effective_date: datetime.date) -> None:
    if current.staff_position_id == staff_position.pk:
        raise WorkforceError(
            _("%(name)s already holds «%(position)s».") % {"name": current.employee.full_name,
                                                          "position": staff_position},
            code=WorkforceErrorCode.STAFF_POSITION_SAME, field="staff_position",
        )
    if effective_date <= current.start_date:
        raise _too_early(_("The order takes effect on %(day)s; it must be after %(start)s, when the current "
                           "placement began.") % {"day": _fmt(effective_date), "start": _fmt(current.start_date)},
                         "effective_date")


def _start_move(
    employee: Employee, staff_position: StaffPosition, effective_date: datetime.date, actor: User | None,
    rule: Callable[[Assignment], None] | None = None,
) -> Assignment:
    _lock(employee)
    _require_scope(actor, employee.organization, staff_position.organization)
    current = _current(employee)
    _check_move(current, staff_position, effective_date)
    if rule is not None:
        rule(current)
    return current


def _move(
    *, kind: str, employee: Employee, current: Assignment, staff_position: StaffPosition,
    effective_date: datetime.date, rate: Decimal | None, reason: str, actor: User | None,
    details: dict[str, Any] | None = None,
) -> HROrder:
    """Close ``current`` the day before ``effective_date`` and open a placement on ``staff_position``."""
    rate = current.rate if rate is None else rate
    # The contract goes with the person, not the position.
    assignment = _new_assignment(employee=employee, staff_position=staff_position, start_date=effective_date,
                                 rate=rate, kind=kind, contract_type=current.contract_type,
                                 contract_end_date=current.contract_end_date)
    _take_units(staff_position, start=effective_date, rate=assignment.rate)
    order = _issue_order(
        kind=kind, organization=staff_position.organization, employee=employee, effective_date=effective_date,
        reason=reason, actor=actor,
        details={"from": _where(current.staff_position), "to": _where(staff_position), "rate": str(rate),
                 **(details or {})},
    )
    _close_assignment(current, end_date=effective_date - ONE_DAY, order=order, actor=actor)
    _save_assignment(assignment, order=order, actor=actor)
    _update_employee(employee, order=order, actor=actor, organization=staff_position.organization,
                     staff_position=staff_position)
    return order


def _not_exempt(employee: Employee, on: datetime.date) -> Callable[[Assignment], None]:
    def rule(current: Assignment) -> None:
        reasons = rotation_exemptions(employee=employee, on=on)
        if reasons:
            raise WorkforceError(
                _("%(name)s may not be rotated on %(day)s: %(reasons)s")
                % {"name": employee.full_name, "day": _fmt(on), "reasons": " ".join(m for _c, m in reasons)},
                code=WorkforceErrorCode.ROTATION_EXEMPT, field="employee",
                extra={"reasons": [{"code": code, "message": message} for code, message in reasons]},
            )
    return rule


def _more_senior(staff_position: StaffPosition) -> Callable[[Assignment], None]:
    def rule(current: Assignment) -> None:
        if not _seniority(staff_position) < _seniority(current.staff_position):
            raise _seniority_error(WorkforceErrorCode.PROMOTION_NOT_HIGHER, staff_position, current.staff_position)
    return rule


def _less_senior(staff_position: StaffPosition) -> Callable[[Assignment], None]:
    def rule(current: Assignment) -> None:
        if not _seniority(staff_position) > _seniority(current.staff_position):
            raise _seniority_error(WorkforceErrorCode.DEMOTION_NOT_LOWER, staff_position, current.staff_position)
    return rule


# --- hire -------------------------------------------------------------------------------------------------

@transaction.atomic
def employee_hire(
    *,
    employee: Employee,
    staff_position: StaffPosition,
    start_date: datetime.date,
    rate: Decimal = Decimal("1.00"),
    order_date: datetime.date | None = None,
    reason: str = "",
    actor: User | None,
) -> HROrder:
    """Place a person who holds no position on ``staff_position`` from ``start_date``. A first-time
    entrant (never placed before, no earlier civil-service start) hired on or after 2026-01-01 gets a
    fixed-term contract (``services.policy.initial_contract``). A dismissed person's former
    organisation does not matter: only the hiring organisation must be in the actor's scope."""
    _lock(employee)
    _require_scope(actor, staff_position.organization)
    if employee.assignments.filter(is_primary=True, end_date__isnull=True).exists():
        raise _already_employed(employee)
    last_end = employee.assignments.aggregate(last=Max("end_date"))["last"]
    if last_end is not None and start_date <= last_end:
        raise _too_early(_("The hire on %(day)s must start after %(end)s, the last day of the previous placement.")
                         % {"day": _fmt(start_date), "end": _fmt(last_end)}, "start_date")
    first_time = not employee.assignments.exists() and (
        employee.civil_service_start is None or employee.civil_service_start >= start_date
    )
    contract_type, contract_end = initial_contract(start_date=start_date, first_time_entrant=first_time)
    assignment = _new_assignment(employee=employee, staff_position=staff_position, start_date=start_date, rate=rate,
                                 kind=OrderKind.HIRE, contract_type=contract_type, contract_end_date=contract_end)
    _take_units(staff_position, start=start_date, rate=assignment.rate)
    order = _issue_order(
        kind=OrderKind.HIRE, organization=staff_position.organization, employee=employee, effective_date=start_date,
        order_date=order_date, reason=reason, actor=actor,
        details={"to": _where(staff_position), "rate": str(rate), "contract_type": contract_type,
                 "contract_end_date": contract_end.isoformat() if contract_end else None},
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
    actor: User | None,
) -> HROrder:
    """Move ``employee`` to ``staff_position`` from ``effective_date`` (the current placement ends the
    day before). ``rate`` defaults to the current one."""
    current = _start_move(employee, staff_position, effective_date, actor)
    order = _move(kind=OrderKind.TRANSFER, employee=employee, current=current, staff_position=staff_position,
                  effective_date=effective_date, rate=rate, reason=reason, actor=actor)
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

@transaction.atomic
def employee_change_rank(
    *, employee: Employee, rank: QualificationRank, effective_date: datetime.date, reason: str, actor: User | None
) -> HROrder:
    """Grant ``rank`` (up or down the ladder) to a serving civil servant."""
    _lock(employee)
    _require_scope(actor, employee.organization)
    _current(employee)
    if not rank.is_active:
        raise WorkforceError(_("The rank «%(rank)s» is no longer granted.") % {"rank": rank},
                             code=WorkforceErrorCode.RANK_INACTIVE, field="rank")
    if employee.qualification_rank_id == rank.pk:
        raise WorkforceError(_("%(name)s already holds the rank «%(rank)s».") % {"name": employee.full_name,
                                                                                "rank": rank},
                             code=WorkforceErrorCode.RANK_UNCHANGED, field="rank")
    previous = employee.qualification_rank
    order = _issue_order(kind=OrderKind.RANK_CHANGE, organization=employee.organization, employee=employee,
                         effective_date=effective_date, reason=reason, actor=actor,
                         details={"from": previous.code if previous else None, "to": rank.code})
    _update_employee(employee, order=order, actor=actor, qualification_rank=rank)
    _audit("workforce.employee.rank_changed", order, actor)
    return order


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
    actor: User | None, details: dict[str, Any] | None = None,
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
    if kind == SanctionKind.DEMOTION:
        assert new_staff_position is not None
        _check_move(current, new_staff_position, imposed_on)
        _less_senior(new_staff_position)(current)
        order = _move(kind=OrderKind.SANCTION, employee=employee, current=current, staff_position=new_staff_position,
                      effective_date=imposed_on, rate=None, reason=sanction.reason, actor=actor, details=details)
    elif kind == SanctionKind.DISMISSAL:
        order = _dismiss(employee, kind=OrderKind.SANCTION, effective_date=imposed_on,
                         reason_code=DismissalReason.DISCIPLINARY, reason=sanction.reason, actor=actor, details=details)
    else:
        lower = _rank_below(employee) if kind == SanctionKind.RANK_LOWERING else None
        if lower is not None:
            details |= {"from": employee.qualification_rank.code, "to": lower.code}
        if fine_amount is not None:
            details["fine_amount"] = _plain(fine_amount)
        order = _issue_order(kind=OrderKind.SANCTION, organization=current.organization, employee=employee,
                             effective_date=imposed_on, reason=sanction.reason, actor=actor, details=details)
        if lower is not None:
            _update_employee(employee, order=order, actor=actor, qualification_rank=lower)
    sanction.order = order
    _stamp(sanction, actor, _history_reason(order))
    sanction.save()
    _audit("workforce.employee.sanctioned", order, actor, sanction=kind)
    if kind == SanctionKind.DISMISSAL:
        _audit("workforce.employee.dismissed", order, actor, reason_code=DismissalReason.DISCIPLINARY)
    return sanction
