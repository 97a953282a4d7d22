"""Menu items and home-page panels of the workforce app, by role."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.navigation import Figure, HomePanel, NavItem, guide_panel

from .access import ALL_ROLES, ANALYTICS_ROLES, HR_ROLES, organizations_for, user_roles
from .models import Role
from .selectors import role_grants_of, scope_overview


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
    roles = user_roles(request.user)
    panels = []
    if Role.LEADERSHIP in roles:
        panels.append(leadership_panel(request))
    if Role.COMMISSION in roles:
        panels.append(commission_panel(request, grants))
    panels.append(HomePanel("workforce/panels/access.html", {
        "grants": grants, "roles": roles, "is_civil_servant": employee is not None,
    }))
    return panels


def leadership_panel(request: HttpRequest) -> HomePanel:
    """What leadership finds: headline figures of their subtrees (counts and sums, no personal
    data), the organisation tree and the staffing tables. The reports app adds its dashboards."""
    overview = scope_overview(user=request.user, roles=ANALYTICS_ROLES)
    root = organizations_for(request.user, roles=ANALYTICS_ROLES).order_by("depth", "path").first()
    items = [NavItem(_("Organisations"), reverse("workforce:organization_tree"),
                     _("The tree of the organisations you oversee, opened a level at a time."))]
    if root is not None:
        items.append(NavItem(_("Staffing tables"), reverse("workforce:staffing_table", args=[root.pk]),
                             _("Planned, filled and vacant units of each organisation, position by position.")))
    # The reports app's dashboards, when installed (named by URL: workforce does not import reports).
    items.insert(0, NavItem(_("Workforce dashboards"),
                            reverse("reports:dashboard") if _url_exists("reports:dashboard") else "",
                            _("Composition by age, sex, education, rank and region, with trends and exports.")))
    return guide_panel(
        key="leadership", title=_("Leadership overview"),
        intro=_("You see the figures of the organisations you oversee, read-only: how many people serve, "
                "how the staffing tables are filled, and where positions stand vacant. Personal files stay "
                "with the HR services."),
        figures=[
            Figure(_("organisations"), number_format(overview.organizations, force_grouping=True), "figure-orgs"),
            Figure(_("people in service"), number_format(overview.employees_in_service, force_grouping=True),
                   "figure-employees"),
            Figure(_("staff units planned"), units(overview.planned_units)),
            Figure(_("staff units vacant"), units(overview.vacant_units), "figure-vacant"),
        ],
        items=items,
    )


def units(value) -> str:
    """Staff units as people read them: "798", "12,5", "0,25" (no ",00")."""
    places = 0 if value == value.to_integral_value() else (1 if (value * 10) == (value * 10).to_integral_value() else 2)
    return number_format(value, places, force_grouping=True)


def commission_panel(request: HttpRequest, grants: list) -> HomePanel:
    """What a competition commission member finds (the competitions come with the vacancies app)."""
    names = ", ".join(str(grant.organization.name) if grant.organization else _("the whole civil service")
                      for grant in grants if grant.role == Role.COMMISSION)
    return guide_panel(
        key="commission", title=_("Competition commission"),
        intro=(_("You sit on the competition commission of %(organisations)s. Here you will score the candidates "
                 "of the competitions you are assigned to: their documents, test results and interviews, "
                 "stage by stage, before the deadline of each stage.") % {"organisations": names}) if names
        else _("You sit on a competition commission. Here you will score the candidates of the competitions "
               "you are assigned to, stage by stage."),
        items=[
            NavItem(_("Competitions to score"), "",
                    _("Each competition you sit on, with its candidates, stages and deadlines.")),
            NavItem(_("Organisations"), reverse("workforce:organization_tree"),
                    _("The organisations whose competitions your commission holds.")),
        ],
        note=_("Commission members see candidates only within their competitions, never the personnel "
               "files of civil servants."),
    )


def _url_exists(name: str) -> bool:
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True
