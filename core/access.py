"""Access checks for code in ``core`` and in every app, without ``core`` knowing the organisation tree.

The organisation tree and role grants live in ``workforce``; ``settings.ACCESS_BACKEND`` names the
module that implements the functions below (``workforce.access``). Apps may call either module;
``core`` code (view mixins, the scoped viewset, documents, exporters, notifications) calls this one.

- ``user_roles(user) -> set[str]``: the roles the user holds anywhere.
- ``scope_queryset(queryset, *, user, roles, org_field="organization")``: rows whose organisation
  lies in the subtrees the user holds one of ``roles`` on (everything for a national grant).
- ``can_access_organization(user, organization, *, roles) -> bool``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from types import ModuleType
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_module


@cache
def _backend() -> ModuleType:
    return import_module(settings.ACCESS_BACKEND)


def user_roles(user: Any) -> set[str]:
    return _backend().user_roles(user)


def has_role(user: Any, *roles: str) -> bool:
    return bool(user_roles(user) & set(roles))


def scope_queryset(queryset: QuerySet, *, user: Any, roles: Iterable[str], org_field: str = "organization") -> QuerySet:
    return _backend().scope_queryset(queryset, user=user, roles=roles, org_field=org_field)


def can_access_organization(user: Any, organization: Any, *, roles: Iterable[str]) -> bool:
    return _backend().can_access_organization(user, organization, roles=roles)
