"""Menu items and home-page panels of the workforce app, by role."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.navigation import HomePanel, NavItem

from .access import ALL_ROLES, user_roles
from .models import Role
from .selectors import role_grants_of


def menu(request: HttpRequest) -> list[NavItem]:
    user = request.user
    roles = user_roles(user)
    items: list[NavItem] = []
    if roles & set(ALL_ROLES):
        items.append(NavItem(_("Organisations"), reverse("workforce:organization_tree"),
                             _("The organisation tree you have access to.")))
    if Role.ADMIN in roles and user.is_staff:
        items.append(NavItem(_("Administration"), reverse("admin:index"),
                             _("Users, role grants, reference data.")))
    return items


def home_panels(request: HttpRequest) -> list[HomePanel]:
    grants = list(role_grants_of(request.user))
    return [HomePanel("workforce/panels/access.html", {"grants": grants, "roles": user_roles(request.user)})]
