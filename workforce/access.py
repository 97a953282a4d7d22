"""The one scoping helper. Every list, detail, export, report and API endpoint that shows HR data
narrows its queryset through :func:`scope_queryset` (or :func:`organizations_for`), so an HR officer
of organisation A never sees anything of organisation B.

A user's scope is the union of the subtrees of the organisations they hold one of the requested
roles on; a grant without organisation (or a superuser) covers the whole civil service.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from .models import Organization, Role, RoleGrant

M = TypeVar("M", bound=Model)

HR_ROLES: tuple[str, ...] = (Role.ADMIN, Role.HR_OFFICER)
"""May read and change personal and HR data."""
ANALYTICS_ROLES: tuple[str, ...] = (Role.ADMIN, Role.HR_OFFICER, Role.LEADERSHIP)
"""May read aggregated workforce data and the organisation tree."""
ALL_ROLES: tuple[str, ...] = tuple(Role.values)


@dataclass(frozen=True)
class OrgScope:
    everything: bool
    paths: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.paths

    def organization_q(self, prefix: str = "") -> Q:
        """A Q over Organization fields (``prefix`` reaches the organisation from another model)."""
        if self.everything:
            return Q()
        if not self.paths:
            return Q(pk__in=[])
        q = Q()
        for path in self.paths:
            q |= Q(**{f"{prefix}path__startswith": path})
        return q

    def covers(self, organization: Organization | None) -> bool:
        if self.everything:
            return True
        if organization is None:
            return False
        return self.covers_path(organization.path)

    def covers_path(self, path: str | None) -> bool:
        """Whether the organisation with tree path ``path`` lies in the scope."""
        if self.everything:
            return True
        return bool(path) and any(path.startswith(prefix) for prefix in self.paths)  # type: ignore[union-attr]

    def contains(self, other: OrgScope) -> bool:
        """Whether every organisation of ``other`` lies in this scope."""
        if self.everything:
            return True
        return not other.everything and all(self.covers_path(path) for path in other.paths)

    def intersect(self, other: OrgScope) -> OrgScope:
        """The organisations in both scopes (subtrees nest or are disjoint, so each common part is
        the deeper of two nested subtrees)."""
        if self.everything:
            return other
        if other.everything:
            return self
        paths = {a if a.startswith(b) else b for a in self.paths for b in other.paths
                 if a.startswith(b) or b.startswith(a)}
        return OrgScope(everything=False, paths=tuple(sorted(paths)))


def _active_grants(user) -> list[RoleGrant]:
    cached = getattr(user, "_wf_role_grants", None)
    if cached is None:
        today = timezone.localdate()
        cached = [
            grant
            for grant in RoleGrant.objects.filter(user=user).select_related("organization")
            if grant.valid_until is None or grant.valid_until >= today
        ]
        user._wf_role_grants = cached
    return cached


def forget_cached_grants(user) -> None:
    """Call after changing a user's grants within the same request."""
    if hasattr(user, "_wf_role_grants"):
        del user._wf_role_grants


def user_roles(user) -> set[str]:
    """The organisation roles the user holds anywhere (superusers count as administrators)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    roles = {grant.role for grant in _active_grants(user)}
    if user.is_superuser:
        roles.add(Role.ADMIN)
    return roles


def has_role(user, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def org_scope(user, roles: Iterable[str] = HR_ROLES) -> OrgScope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return OrgScope(everything=False, paths=())
    if user.is_superuser:
        return OrgScope(everything=True, paths=())
    wanted = set(roles)
    paths: set[str] = set()
    for grant in _active_grants(user):
        if grant.role not in wanted:
            continue
        if grant.organization_id is None:
            return OrgScope(everything=True, paths=())
        paths.add(grant.organization.path)
    # Drop paths already covered by a shorter one: fewer OR terms for the database.
    kept = tuple(p for p in sorted(paths, key=len) if not any(p != q and p.startswith(q) for q in paths))
    return OrgScope(everything=False, paths=kept)


def organizations_for(user, *, roles: Iterable[str] = HR_ROLES) -> QuerySet[Organization]:
    """Organisations the user may see with one of ``roles``."""
    scope = org_scope(user, roles)
    return Organization.objects.filter(scope.organization_q())


def scope_queryset(
    queryset: QuerySet[M], *, user, roles: Iterable[str] = HR_ROLES, org_field: str = "organization"
) -> QuerySet[M]:
    """Narrow ``queryset`` to rows whose ``org_field`` lies in the user's subtrees."""
    scope = org_scope(user, roles)
    if scope.everything:
        return queryset
    if scope.is_empty:
        return queryset.none()
    visible = Organization.objects.filter(scope.organization_q()).values("pk")
    return queryset.filter(**{f"{org_field}__in": visible})


def can_access_organization(user, organization: Organization, *, roles: Iterable[str] = HR_ROLES) -> bool:
    return org_scope(user, roles).covers(organization)

