"""Staffing tables, occupancy and assignments."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..access import HR_ROLES, scope_queryset
from ..models import Assignment, Employee, HROrder, OrderKind, Organization, StaffPosition

__all__ = [
    "StaffingRow",
    "assignments_on",
    "employee_assignments",
    "employee_orders",
    "employee_rank_change_waiting",
    "holdings_by_position",
    "staff_position_occupancy",
    "staff_position_units_committed",
    "staffing_table",
    "units_committed_by_position",
    "units_planned_and_filled",
    "with_occupancy",
]

ZERO = Decimal("0.00")
_UNITS = DecimalField(max_digits=8, decimal_places=2)


def _held_on(on: datetime.date, prefix: str = "") -> Q:
    """Assignments in force on ``on``: started on or before it and not ended before it."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def _units(value: Decimal | None) -> Decimal:
    return (value or ZERO).quantize(ZERO)


# --- occupancy: the one place it is counted ------------------------------------------------------------
# A position's units are "held on D" by the assignments in force on D (lists, staffing tables, the
# API) and "committed from D" by those in force on D or at any time after it (what a new
# assignment from D must fit beside; the least ``rate_units`` may become). Services, pages, the API
# and the importers all count through the functions below.

def _committed_from(from_date: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": from_date})


def staff_position_occupancy(staff_position: StaffPosition, *, on: datetime.date | None = None) -> Decimal:
    """Units of ``staff_position`` filled on ``on`` (default today)."""
    on = on or timezone.localdate()
    total = Assignment.objects.filter(_held_on(on), staff_position=staff_position).aggregate(total=Sum("rate"))
    return _units(total["total"])


def staff_position_units_committed(staff_position: StaffPosition, *, from_date: datetime.date) -> Decimal:
    """Units held on ``from_date`` or at any time after it (future starts included): what a new
    assignment from ``from_date`` must fit beside, and the least ``rate_units`` may become."""
    return units_committed_by_position([staff_position.pk], from_date=from_date).get(staff_position.pk, ZERO)


def units_committed_by_position(position_ids: Iterable[int], *, from_date: datetime.date) -> dict[int, Decimal]:
    """``staff_position_units_committed`` of many positions in one query (positions nobody holds
    are absent)."""
    ids = list(position_ids)
    if not ids:
        return {}
    rows = (Assignment.objects.filter(_committed_from(from_date), staff_position_id__in=ids).order_by()
            .values_list("staff_position_id").annotate(total=Sum("rate")).values_list("staff_position_id", "total"))
    return {pk: _units(total) for pk, total in rows}


def holdings_by_position(
    position_ids: Iterable[int], *, from_date: datetime.date
) -> dict[int, list[tuple[int, Decimal, datetime.date | None]]]:
    """``(assignment id, rate, end date)`` of the assignments committing each position from
    ``from_date`` on: the bulk importer counts them per start date and leaves out the ones its own
    transfers close."""
    ids = list(position_ids)
    holdings: dict[int, list[tuple[int, Decimal, datetime.date | None]]] = defaultdict(list)
    if ids:
        for pk, sp_id, rate, end in Assignment.objects.filter(_committed_from(from_date), staff_position_id__in=ids) \
                .values_list("pk", "staff_position_id", "rate", "end_date"):
            holdings[sp_id].append((pk, rate, end))
    return holdings


def with_occupancy(queryset: QuerySet[StaffPosition], *, on: datetime.date | None = None) -> QuerySet[StaffPosition]:
    """``queryset`` annotated with ``filled`` (units held on ``on``, default today) and ``vacant``
    (planned minus filled), as the staffing table and the API show them."""
    on = on or timezone.localdate()
    filled = (Assignment.objects.filter(_held_on(on), staff_position=OuterRef("pk")).order_by()
              .values("staff_position").annotate(total=Sum("rate")).values("total"))
    return (queryset.annotate(filled=Coalesce(Subquery(filled, output_field=_UNITS), Value(ZERO), output_field=_UNITS))
            .annotate(vacant=ExpressionWrapper(F("rate_units") - F("filled"), output_field=_UNITS)))


def units_planned_and_filled(positions: QuerySet[StaffPosition], *, on: datetime.date) -> tuple[Decimal, Decimal]:
    """The sum of ``positions``' planned units and of the units held on ``on`` (what
    :func:`with_occupancy` shows line by line, added up): two aggregate queries whatever the size
    of the table, for the reports' staff units and vacancy rate."""
    planned = positions.order_by().aggregate(total=Sum("rate_units"))["total"]
    filled = (Assignment.objects.filter(_held_on(on), staff_position__in=positions.order_by().values("pk"))
              .aggregate(total=Sum("rate"))["total"])
    return _units(planned), _units(filled)


@dataclass
class StaffingRow:
    """One line of a staffing table on a date."""

    staff_position: StaffPosition
    planned: Decimal
    filled: Decimal
    holders: list[Assignment] = field(default_factory=list)

    @property
    def vacant(self) -> Decimal:
        return max(self.planned - self.filled, ZERO)


def staffing_table(
    *, organization: Organization, user, on: datetime.date | None = None, roles: Iterable[str] = HR_ROLES
) -> list[StaffingRow]:
    """The active staff positions of ``organization`` (not its units) with planned, filled and vacant
    units and their holders on ``on`` (default today). Empty when the organisation is outside the
    user's scope. Two queries whatever the size of the table."""
    on = on or timezone.localdate()
    positions = scope_queryset(
        StaffPosition.objects.filter(organization=organization, is_active=True), user=user, roles=roles
    )
    positions = with_occupancy(positions.select_related("category", "register_position"), on=on).order_by(
        "category__ordering", "code")
    rows = [StaffingRow(staff_position=p, planned=_units(p.rate_units), filled=_units(p.filled)) for p in positions]
    if rows:
        holders: dict[int, list[Assignment]] = defaultdict(list)
        assignments = (
            Assignment.objects.filter(_held_on(on), staff_position__in=[row.staff_position.pk for row in rows])
            .select_related("employee")
            .order_by("employee__last_name", "employee__first_name", "id")
        )
        for assignment in assignments:
            holders[assignment.staff_position_id].append(assignment)
        for row in rows:
            row.holders = holders[row.staff_position.pk]
    return rows


def assignments_on(*, on: datetime.date, user, roles: Iterable[str] = HR_ROLES) -> QuerySet[Assignment]:
    """The composition on any date: assignments in force on ``on`` in organisations the user sees
    (the organisation of the assignment, i.e. where the person worked then)."""
    queryset = Assignment.objects.filter(_held_on(on)).select_related(
        "employee", "staff_position", "staff_position__category", "organization"
    )
    return scope_queryset(queryset, user=user, roles=roles)


def employee_assignments(*, employee: Employee) -> QuerySet[Assignment]:
    """``employee``'s placements, newest first. The caller has fetched ``employee`` through a scoped selector."""
    return (
        Assignment.objects.filter(employee=employee)
        .select_related("staff_position", "staff_position__category", "organization", "start_order", "end_order")
        .order_by("-start_date", "-id")
    )


def employee_orders(*, employee: Employee) -> QuerySet[HROrder]:
    """The HR orders about ``employee``, newest first."""
    return (
        HROrder.objects.filter(employee=employee)
        .select_related("organization", "created_by")
        .order_by("-effective_date", "-order_date", "-id")
    )


def employee_rank_change_waiting(*, employee: Employee) -> HROrder | None:
    """The rank-change order of ``employee`` dated in the future and not yet applied, if any."""
    return (HROrder.objects.filter(employee=employee, kind=OrderKind.RANK_CHANGE, pending=True)
            .order_by("effective_date", "id").first())
