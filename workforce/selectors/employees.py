"""Employees: lists, profiles and history, scoped to the acting user."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from ..access import HR_ROLES, scope_queryset
from ..models import Employee

__all__ = ["employee_list"]


def employee_list(*, user, roles: Iterable[str] = HR_ROLES) -> QuerySet[Employee]:
    """Employees whose organisation lies in the user's subtrees (dismissed ones stay with their
    last organisation). Narrow further with ``workforce.filters.EmployeeFilter``."""
    queryset = Employee.objects.select_related("organization", "staff_position", "qualification_rank")
    return scope_queryset(queryset, user=user, roles=roles)
