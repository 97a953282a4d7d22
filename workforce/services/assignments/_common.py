"""Shared steps of the HR orders: numbering, issuing, closing and opening assignments, capacity."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_log
from core.exceptions import clean_or_raise
from core.models import User

from ...errors import WorkforceError, WorkforceErrorCode
from ...models import (
    Assignment,
    ContractType,
    Employee,
    HROrder,
    OrderNumberSequence,
    Organization,
    StaffPosition,
)
from ...selectors.staffing import staff_position_units_committed
from .. import rules
from ..employees import _fmt, _lock, _require_scope, _stamp, rotation_exemptions
from ..notices import order_notify_employee_on_commit
from ._snapshot import order_snapshot
from ._verifiable import order_verifiable_issue

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


class OrderBasis(NamedTuple):
    """What authorises an order another app asks for: the app, the object's id and a printable
    label, e.g. ``("vacancies", "12", "Competition No. 12 for the vacancy «Lawyer»")``."""

    app: str
    object_id: str
    label: str

    @classmethod
    def of(cls, value: OrderBasis | tuple[str, Any, str] | None) -> OrderBasis | None:
        if value is None:
            return None
        app, object_id, label = value
        return cls(str(app)[:50], str(object_id)[:64], " ".join(str(label).split())[:500])


def _issue_order(
    *, kind: str, organization: Organization, employee: Employee, effective_date: datetime.date, reason: str,
    details: dict[str, Any], snapshot: dict[str, Any], actor: User | None, order_date: datetime.date | None = None,
    pending: bool = False, basis: OrderBasis | None = None, issued_by_actor: bool = True,
) -> HROrder:
    """Number and store an order with what it states (``_snapshot.order_snapshot``) and its
    ``basis``, and issue its verifiable document (``_verifiable``); once it commits, the employee
    concerned is told (``notices.order_notify_employee``): every order service comes through here, so
    every order gets its QR check and notifies once. ``issued_by_actor`` False leaves ``created_by``
    empty (an order another organisation's action made this one issue)."""
    order_date = order_date or timezone.localdate()
    basis = OrderBasis.of(basis)
    if basis is not None:
        snapshot = {**snapshot, "basis": basis._asdict()}
    order = HROrder.objects.create(
        number=_next_order_number(organization, order_date.year), kind=kind, organization=organization,
        employee=employee, order_date=order_date, effective_date=effective_date,
        reason=(reason or (basis.label if basis else "")).strip(), details=details, snapshot=snapshot,
        pending=pending, basis_app=basis.app if basis else "", basis_object_id=basis.object_id if basis else "",
        basis_label=basis.label if basis else "",
        created_by=actor if issued_by_actor and getattr(actor, "is_authenticated", False) else None,
    )
    order_verifiable_issue(order=order, actor=actor)  # the QR check of every kind of order
    order_notify_employee_on_commit(order, actor=actor)
    return order


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
    """Lock ``staff_position`` and make sure ``rate`` more units fit from ``start`` on (the rules
    the bulk importer runs too)."""
    _lock(staff_position)
    organization = staff_position.organization
    for violation in (
        rules.organization_open_violation(code=organization.code, active=organization.is_active),
        rules.position_open_violation(code=staff_position.code, name=staff_position.name,
                                      active=staff_position.is_active),
        rules.capacity_violation(code=staff_position.code, name=staff_position.name,
                                 rate_units=staff_position.rate_units,
                                 held=staff_position_units_committed(staff_position, from_date=start),
                                 requested=rate, day=start),
    ):
        if violation is not None:
            raise violation.error()


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
    details: dict[str, Any] | None = None, sanction: dict[str, Any] | None = None, basis: OrderBasis | None = None,
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
        reason=reason, actor=actor, basis=basis,
        details={"from": _where(current.staff_position), "to": _where(staff_position), "rate": str(rate),
                 **(details or {})},
        snapshot=order_snapshot(organization=staff_position.organization, employee=employee, released=current,
                                released_last_day=effective_date - ONE_DAY, appointed=assignment, sanction=sanction),
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
