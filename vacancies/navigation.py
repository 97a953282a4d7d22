"""Menu items of the vacancies app, by role and by what the account is."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import user_roles
from core.navigation import NavItem
from workforce.access import HR_ROLES
from workforce.models import Role


def menu(request: HttpRequest) -> list[NavItem]:
    user = request.user
    roles = user_roles(user)
    items: list[NavItem] = []
    if roles & set(HR_ROLES):
        items.append(NavItem(_("Competitions"), reverse("vacancies:hr_list"),
                             _("Vacancies of your organisations, applicants and every competition stage.")))
    if Role.COMMISSION in roles:
        items.append(NavItem(_("Commission"), reverse("vacancies:commission_list"),
                             _("Competitions you sit on: declare conflicts of interest and score candidates.")))
    if hasattr(user, "candidate") or getattr(user, "employee", None) is not None:
        items.append(NavItem(_("My applications"), reverse("vacancies:cabinet"),
                             _("Your applications, their stage and the next step.")))
    items.append(NavItem(_("Vacancies"), reverse("vacancies:portal"), _("Open competitions of the civil service.")))
    return items
