"""Menu items of the reports app: the dashboards, for the roles that read aggregated figures."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.navigation import NavItem
from workforce.access import ANALYTICS_ROLES, HR_ROLES, user_roles


def menu(request: HttpRequest) -> list[NavItem]:
    roles = user_roles(request.user)
    items = []
    if roles & set(ANALYTICS_ROLES):
        items.append(NavItem(_("Dashboards"), reverse("reports:dashboard"),
                             _("The workforce composition on any date, with trends and the Excel workbook.")))
    if roles & set(HR_ROLES):
        items.append(NavItem(_("HR dashboard"), reverse("reports:hr_dashboard"),
                             _("Hires, exits, movements and turnover over a period.")))
    return items
