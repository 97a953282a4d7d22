"""Employees: lists, profiles and history, scoped to the acting user."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from ..access import HR_ROLES, org_scope, organizations_for, scope_queryset
from ..models import Assignment, Education, Employee

__all__ = ["assignment_list", "employee_list", "employee_profiles"]

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
