"""Headline figures of a user's scope, for the leadership's home page: counts and sums only, no
personal data. Cached briefly: they are read on every home page view and change slowly."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Q, Sum
from django.utils import timezone

from ..access import ANALYTICS_ROLES, org_scope, scope_queryset
from ..models import Assignment, Employee, EmployeeStatus, Organization, StaffPosition

__all__ = ["ScopeOverview", "scope_overview"]

OVERVIEW_CACHE_SECONDS = 300
IN_SERVICE = (EmployeeStatus.ACTIVE, EmployeeStatus.ON_LEAVE)


@dataclass(frozen=True)
class ScopeOverview:
    organizations: int
    employees_in_service: int
    planned_units: Decimal
    filled_units: Decimal

    @property
    def vacant_units(self) -> Decimal:
        return max(self.planned_units - self.filled_units, Decimal("0.00"))


def scope_overview(*, user, roles: Iterable[str] = ANALYTICS_ROLES, on: datetime.date | None = None) -> ScopeOverview:
    """Organisations, employees in service and staffing units (planned, filled on ``on``) in the
    subtrees where ``user`` holds one of ``roles``. Five aggregate queries, cached for five minutes
    per user and date."""
    on = on or timezone.localdate()
    roles = tuple(roles)
    key = f"wf:overview:{user.pk}:{','.join(sorted(roles))}:{on.isoformat()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    scope = org_scope(user, roles)
    organizations = Organization.objects.filter(scope.organization_q()).count() if not scope.is_empty else 0
    employees = scope_queryset(Employee.objects.filter(status__in=IN_SERVICE), user=user, roles=roles).count()
    positions = scope_queryset(StaffPosition.objects.filter(is_active=True), user=user, roles=roles)
    planned = positions.aggregate(total=Sum("rate_units"))["total"] or Decimal("0")
    held = Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on))
    filled = (Assignment.objects.filter(held, staff_position__in=positions.values("pk"))
              .aggregate(total=Sum("rate"))["total"] or Decimal("0"))
    overview = ScopeOverview(organizations=organizations, employees_in_service=employees,
                             planned_units=Decimal(planned).quantize(Decimal("0.01")),
                             filled_units=Decimal(filled).quantize(Decimal("0.01")))
    cache.set(key, overview, OVERVIEW_CACHE_SECONDS)
    return overview
