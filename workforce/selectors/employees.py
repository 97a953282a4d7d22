"""Employees: lists, profiles and history, scoped to the acting user."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from ..access import HR_ROLES, OrgScope, org_scope, organizations_for, scope_queryset
from ..documents import OrderDocument
from ..models import Assignment, Education, Employee, HROrder, Organization, ReserveEntry, Sanction
from .history import employee_change_history
from .staffing import employee_assignments, employee_orders, employee_rank_change_waiting

__all__ = ["EmployeeProfile", "assignment_list", "employee_former_list", "employee_list", "employee_profile",
           "employee_profiles"]

SCOPE_IDS_INLINE_LIMIT = 5000


def employee_list(*, user, roles: Iterable[str] = HR_ROLES) -> QuerySet[Employee]:
    """Employees whose organisation lies in the user's subtrees (dismissed ones stay with their
    last organisation). Narrow further with ``workforce.filters.EmployeeFilter``.

    Ordered by name (last, first, id), which the name indexes serve directly. The scope comes from
    ``workforce.access`` like everywhere else; the ids of the organisations in it are listed in the
    query (up to a few thousand) rather than selected by a subquery, so that PostgreSQL estimates
    the size of a ministry's subtree from its statistics instead of guessing (a guess that made it
    read a ministry's 100,000+ employees one by one)."""
    queryset = Employee.objects.select_related("organization", "staff_position", "qualification_rank")
    scope = org_scope(user, roles)
    if scope.everything or scope.is_empty:
        queryset = scope_queryset(queryset, user=user, roles=roles)
    else:
        ids = list(organizations_for(user, roles=roles).values_list("pk", flat=True)[: SCOPE_IDS_INLINE_LIMIT + 1])
        if len(ids) > SCOPE_IDS_INLINE_LIMIT:
            queryset = scope_queryset(queryset, user=user, roles=roles)
        else:
            queryset = queryset.filter(organization__in=ids)
    return queryset.order_by("last_name", "first_name", "id")


def employee_profiles(*, user, roles: Iterable[str] = HR_ROLES) -> QuerySet[Employee]:
    """``employee_list`` with what a profile shows prefetched: education entries (newest first) and
    the whole assignment history (newest first, wherever the person served)."""
    return employee_list(user=user, roles=roles).prefetch_related(
        Prefetch("educations", queryset=Education.objects.order_by("-graduation_year", "-id")),
        Prefetch(
            "assignments",
            queryset=Assignment.objects.select_related("organization", "staff_position", "start_order", "end_order")
            .order_by("-start_date", "-id"),
        ),
    )


def assignment_list(*, user, roles: Iterable[str] = HR_ROLES) -> QuerySet[Assignment]:
    """Assignments held in organisations of the user's subtrees (an assignment belongs to the
    organisation where it was held, so a transferred person's earlier posts elsewhere are not
    listed here). Narrow with ``on``/``employee``/``organization`` filters."""
    queryset = Assignment.objects.select_related("employee", "organization", "staff_position", "start_order",
                                                 "end_order")
    return scope_queryset(queryset, user=user, roles=roles).order_by("employee_id", "-start_date", "-id")


def employee_former_list(*, user, roles: Iterable[str] = HR_ROLES) -> QuerySet[Employee]:
    """People whose record is kept elsewhere now but who worked in, or had an HR order issued by,
    one of the user's organisations: the organisation keeps read access to that past (see
    :func:`employee_profile`), never to the person's present."""
    scope = org_scope(user, roles)
    if scope.is_empty or scope.everything:  # with the whole service in scope, every record is kept in it
        return Employee.objects.none()
    visible = Organization.objects.filter(scope.organization_q()).values("pk")
    served = Assignment.objects.filter(employee=OuterRef("pk"), organization__in=visible)
    ordered = HROrder.objects.filter(employee=OuterRef("pk"), organization__in=visible)
    return (Employee.objects.filter(Exists(served) | Exists(ordered))
            .filter(Q(organization__isnull=True) | ~Q(organization__in=visible))
            .select_related("organization").order_by("last_name", "first_name", "id"))


@dataclass
class EmployeeProfile:
    """What one user may read of one person's record.

    ``former`` False: the organisation keeping the record (personal data, the whole career with
    its dates and places, education, circumstances, change history), but orders and sanctions only
    as far as the user's organisations issued them: another organisation's orders are its
    documents. ``former`` True: an organisation the person has left sees the identity, and only
    the placements held in it and the orders it issued; nothing of the present."""

    employee: Employee
    former: bool
    assignments: list[Assignment]
    orders: list[HROrder]
    sanctions: list[Sanction]
    reserve_entries: list[ReserveEntry]
    current: Assignment | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_context(self) -> dict[str, Any]:
        return {"employee": self.employee, "former": self.former, "assignments": self.assignments,
                "current": self.current, "orders": self.orders, "sanctions": self.sanctions,
                "reserve_entries": self.reserve_entries, **self.extra}


def _rank_waiting(employee: Employee) -> dict[str, Any] | None:
    order = employee_rank_change_waiting(employee=employee)
    if order is None:
        return None
    return {"day": order.effective_date, "rank": OrderDocument(order).rank_to}


def employee_profile(*, employee: Employee, user, former: bool = False, own: bool = False,
                     roles: Iterable[str] = HR_ROLES) -> EmployeeProfile:
    """The profile of ``employee`` as ``user`` may read it. The caller found ``employee`` through
    :func:`employee_list` (``former`` False), :func:`employee_former_list` (``former`` True) or as
    the user's own record (``own``: everything about oneself)."""
    scope = OrgScope(everything=True, paths=()) if own else org_scope(user, roles)
    assignments = list(employee_assignments(employee=employee))
    for assignment in assignments:
        assignment.in_scope = scope.covers(assignment.organization)
    orders = [order for order in employee_orders(employee=employee) if scope.covers(order.organization)]
    sanctions = [sanction for sanction in employee.sanctions.select_related("order__organization")
                 .order_by("-imposed_on") if scope.covers(sanction.order.organization)]
    reserve = [entry for entry in employee.reserve_entries.select_related("organization", "category")
               if scope.covers(entry.organization)]
    if former:
        return EmployeeProfile(employee=employee, former=True, orders=orders, sanctions=sanctions,
                               reserve_entries=reserve, assignments=[a for a in assignments if a.in_scope])
    return EmployeeProfile(
        employee=employee, former=False, assignments=assignments, orders=orders, sanctions=sanctions,
        reserve_entries=reserve, current=next((a for a in assignments if a.is_primary and a.end_date is None), None),
        extra={"educations": employee.educations.order_by("-graduation_year"),
               "rank_waiting": _rank_waiting(employee),
               "circumstances": employee.circumstances.order_by("-start_date"),
               "history": employee_change_history(
                   employee, visible_orders=None if own else {order.number for order in orders})},
    )
