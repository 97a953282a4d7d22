"""Organisation tree, regions and role grants."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from types import SimpleNamespace

from django.core.cache import cache
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.i18n import localized_value
from core.text import search_key

from ..access import ALL_ROLES, org_scope, organizations_for
from ..models import Organization, Region, Role, RoleGrant

__all__ = [
    "organization_ancestors",
    "organization_children",
    "organization_choices",
    "organization_hr_officers",
    "organization_list",
    "organization_options_html",
    "organization_roots",
    "organization_subtree_counts",
    "region_list",
    "role_grants_of",
]


def region_list() -> QuerySet[Region]:
    return Region.objects.all()


def organization_list(*, user, roles: Iterable[str] = ALL_ROLES, search: str = "") -> QuerySet[Organization]:
    """Organisations visible to ``user``; ``search`` matches code and names in any script."""
    queryset = organizations_for(user, roles=roles).select_related("region", "parent")
    key = search_key(search)
    if key:
        for word in key.split():
            queryset = queryset.filter(search_text__contains=word)
    return queryset


def organization_roots(*, user, roles: Iterable[str] = ALL_ROLES) -> QuerySet[Organization]:
    """The top of the user's visible tree: top-level bodies, or the organisations granted to them."""
    scope = org_scope(user, roles)
    queryset = Organization.objects.select_related("region")
    queryset = queryset.filter(parent__isnull=True) if scope.everything else queryset.filter(path__in=scope.paths)
    return _with_child_flag(queryset).order_by("code")


def organization_children(*, user, parent: Organization, roles: Iterable[str] = ALL_ROLES) -> QuerySet[Organization]:
    queryset = organizations_for(user, roles=roles).filter(parent=parent).select_related("region")
    return _with_child_flag(queryset).order_by("code")


def _with_child_flag(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    return queryset.annotate(has_children=Exists(Organization.objects.filter(parent=OuterRef("pk"))))


def organization_ancestors(organization: Organization) -> list[Organization]:
    """From the top-level body down to ``organization``'s parent (one query)."""
    ids = [int(part) for part in organization.path.strip("/").split("/")[:-1] if part]
    by_id = Organization.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def organization_hr_officers(organization: Organization) -> list:
    """For services only (no actor scope): the active users holding a current HR-officer grant on
    ``organization`` or on a body above it (not the national grants on the whole civil service),
    e.g. to tell them that one of their people left. Nearest grant first."""
    ids = [int(part) for part in organization.path.strip("/").split("/") if part] or [organization.pk]
    today = timezone.localdate()
    grants = (RoleGrant.objects.filter(role=Role.HR_OFFICER, organization__in=ids, user__is_active=True)
              .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
              .select_related("user", "organization").order_by("-organization__depth", "user_id"))
    return list({grant.user_id: grant.user for grant in grants}.values())


def organization_subtree_counts(*, user, roles: Iterable[str] = ALL_ROLES) -> dict[str, int]:
    rows = organizations_for(user, roles=roles).values("level").annotate(n=Count("pk"))
    return {row["level"]: row["n"] for row in rows}


def organization_choices(*, user, roles: Iterable[str] = ALL_ROLES) -> list[tuple[int, str]]:
    """(id, indented name) of the user's organisations in tree order, for a select.

    Built once per scope, language and state of the tree, then served from the cache: with
    thousands of organisations, building the list took longer than the page it sits on."""
    scope = org_scope(user, roles)
    if scope.is_empty:
        return []
    state = Organization.objects.aggregate(n=Count("pk"), changed=Max("updated_at"))
    key = "wf:orgchoices:" + hashlib.sha256(repr(
        (scope.everything, scope.paths, get_language(), state["n"], state["changed"])).encode()).hexdigest()
    choices = cache.get(key)
    if choices is None:
        rows = (Organization.objects.filter(scope.organization_q()).order_by("path")
                .values_list("pk", "depth", "name_uz", "name_uz_cyrl", "name_ru", "name_en"))
        top = min((depth for _, depth, *_ in rows), default=0)
        choices = []
        for pk, depth, *names in rows:
            named = dict(zip(("name_uz", "name_uz_cyrl", "name_ru", "name_en"), names, strict=True))
            label = localized_value(SimpleNamespace(**named), "name")
            choices.append((pk, f"{'— ' * (depth - top)}{label}"))
        cache.set(key, choices, 3600)
    return choices


def organization_options_html(*, user, selected: str | int | None = None, roles: Iterable[str] = ALL_ROLES) -> str:
    """``<option>`` elements of :func:`organization_choices`, rendered once per cache entry.

    Django renders each option of a select through the template engine: for the few thousand
    organisations a national administrator sees, that alone cost tens of milliseconds a page."""
    choices = organization_choices(user=user, roles=roles)
    key = f"wf:orgoptions:{hash(tuple(choices))}"
    html = cache.get(key)
    if html is None:
        html = format_html_join("", '<option value="{}">{}</option>', choices)
        cache.set(key, html, 3600)
    if selected not in (None, ""):
        marker = f'<option value="{int(selected)}">' if str(selected).isdigit() else None
        if marker and marker in html:
            html = mark_safe(html.replace(marker, f'<option value="{int(selected)}" selected>', 1))  # noqa: S308
    return html


def role_grants_of(user) -> QuerySet[RoleGrant]:
    return RoleGrant.objects.filter(user=user).select_related("organization").order_by("role")
