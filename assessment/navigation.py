"""Menu items and the home-page panel of the assessment app, by role."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import user_roles
from core.navigation import HomePanel, NavItem

from .models import TestAssignment
from .roles import BANK_ROLES, CAMPAIGN_ROLES


def _has_tests(request: HttpRequest) -> bool:
    cached = getattr(request, "_assessment_has_tests", None)
    if cached is None:
        cached = TestAssignment.objects.filter(user=request.user).exists()
        request._assessment_has_tests = cached
    return cached


def menu(request: HttpRequest) -> list[NavItem]:
    roles = user_roles(request.user)
    items: list[NavItem] = []
    if _has_tests(request):
        items.append(NavItem(_("My tests"), reverse("assessment:my_tests"), _("Tests assigned to you; your results.")))
    if roles & set(BANK_ROLES):
        items.append(NavItem(_("Question bank"), reverse("assessment:question_list"),
                             _("Questions in Uzbek and Russian; import and export (Moodle XML, GIFT, Excel).")))
        items.append(NavItem(_("Tests"), reverse("assessment:test_list"),
                             _("Blueprints: sections, time limit, pass mark, availability.")))
    if roles & set(CAMPAIGN_ROLES):
        items.append(NavItem(_("Attestation"), reverse("assessment:campaign_list"),
                             _("Campaigns over an organisation: who was assigned, who finished, results.")))
    if roles & set(BANK_ROLES):
        items.append(NavItem(_("Item analysis"), reverse("assessment:item_analysis"),
                             _("Facility and discrimination of every question; weak questions flagged.")))
    return items


def home_panels(request: HttpRequest) -> list[HomePanel]:
    if not _has_tests(request):
        return []
    from .api import assignment_rows
    from .selectors import my_assignments

    rows = [row for row in assignment_rows(list(my_assignments(user=request.user)[:20]))
            if row["status"] in ("not_started", "in_progress")]
    if not rows:
        return []
    return [HomePanel("assessment/includes/home_panel.html", {"rows": rows[:5]})]
