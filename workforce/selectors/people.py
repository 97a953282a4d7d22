"""A person looked up by their identity, for other apps' services (vacancies links a candidate to the
employee record by PINFL: a serving civil servant applies as themselves, never as a second identity).

These functions apply **no scope**: they are for services only. Never show their result to a user
unfiltered; a page shows only what the person may see about themselves."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ..models import Education, Employee, EmployeeStatus

__all__ = ["person_by_pinfl", "person_by_user", "person_educations", "person_is_serving", "person_service_years"]


def person_by_pinfl(pinfl: str) -> Employee | None:
    """For services only: applies no scope; never show its result to a user unfiltered."""
    if not pinfl:
        return None
    return Employee.objects.select_related("organization", "staff_position").filter(pinfl=pinfl).first()


def person_by_user(user) -> Employee | None:
    """The employee record linked to ``user``'s account (their own), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Employee.objects.select_related("organization", "staff_position").filter(user=user).first()


def person_educations(employee: Employee) -> list[Education]:
    """``employee``'s education entries, highest year first (for prefilling their own profile)."""
    return list(employee.educations.order_by("-graduation_year", "-id"))


def person_is_serving(employee: Employee | None) -> bool:
    """True when ``employee`` holds a civil-service position now (in service or on long-term leave)."""
    return employee is not None and employee.status in (EmployeeStatus.ACTIVE, EmployeeStatus.ON_LEAVE)


def person_service_years(employee: Employee, *, on: datetime.date | None = None) -> int:
    """Whole years in the civil service on ``on`` (default today), from ``civil_service_start``."""
    start = employee.civil_service_start
    if start is None:
        return 0
    on = on or timezone.localdate()
    years = on.year - start.year - ((on.month, on.day) < (start.month, start.day))
    return max(years, 0)
