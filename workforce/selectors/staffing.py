"""Staffing tables, occupancy and assignments."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..access import HR_ROLES, scope_queryset
from ..models import Assignment, Employee, HROrder, Organization, StaffPosition

__all__ = [
    "StaffingRow",
    "assignments_on",
    "employee_assignments",
    "employee_orders",
    "staff_position_occupancy",
    "staff_position_units_committed",
    "staffing_table",
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


def staff_position_occupancy(staff_position: StaffPosition, *, on: datetime.date | None = None) -> Decimal:
    """Units of ``staff_position`` filled on ``on`` (default today)."""
    on = on or timezone.localdate()
    total = Assignment.objects.filter(_held_on(on), staff_position=staff_position).aggregate(total=Sum("rate"))
    return _units(total["total"])


def staff_position_units_committed(staff_position: StaffPosition, *, from_date: datetime.date) -> Decimal:
    """Units held on ``from_date`` or at any time after it (future starts included): what a new
    assignment from ``from_date`` must fit beside, and the least ``rate_units`` may become."""
    total = (
        Assignment.objects.filter(staff_position=staff_position)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=from_date))
        .aggregate(total=Sum("rate"))
    )
    return _units(total["total"])


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
    positions = (
        positions.select_related("category", "register_position")
        .annotate(filled=Coalesce(Sum("assignments__rate", filter=_held_on(on, "assignments__")), Value(ZERO),
                                  output_field=_UNITS))
        .order_by("category__ordering", "code")
    )
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
