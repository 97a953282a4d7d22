"""Menu items and home-page panels of the workforce app, by role."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from core.navigation import HomePanel, NavItem

from .access import ALL_ROLES, HR_ROLES, user_roles
from .models import Role
from .selectors import role_grants_of


def menu(request: HttpRequest) -> list[NavItem]:
    user = request.user
    roles = user_roles(user)
    items: list[NavItem] = []
    if roles & set(HR_ROLES):
        items.append(NavItem(_("Employees"), reverse("workforce:employee_list"),
                             _("Search, filter and export employees; issue HR orders.")))
    if roles & set(ALL_ROLES):
        items.append(NavItem(_("Organisations"), reverse("workforce:organization_tree"),
                             _("The organisation tree you have access to.")))
    if roles & set(HR_ROLES):
        items.append(NavItem(_("Personnel reserve"), reverse("workforce:reserve_list"),
                             _("Candidates kept for management positions.")))
        if _url_exists("workforce:import_upload"):
            items.append(NavItem(_("Import"), reverse("workforce:import_upload"),
                                 _("Load employees, organisations and staff positions from Excel or CSV.")))
    if getattr(user, "employee", None) is not None:
        items.append(NavItem(_("My profile"), reverse("workforce:my_profile"), _("Your own record.")))
    if Role.ADMIN in roles and user.is_staff:
        items.append(NavItem(_("Administration"), reverse("admin:index"),
                             _("Users, role grants, reference data.")))
    return items


def home_panels(request: HttpRequest) -> list[HomePanel]:
    grants = list(role_grants_of(request.user))
    employee = getattr(request.user, "employee", None)
    return [HomePanel("workforce/panels/access.html", {
        "grants": grants, "roles": user_roles(request.user), "is_civil_servant": employee is not None,
    })]


def _url_exists(name: str) -> bool:
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True
