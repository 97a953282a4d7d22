"""The dashboards: the leadership's (the composition on a date) and the HR one (movements over a
period); every figure is drawn by plotly.js from our static files and repeated as a table."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from core.exporters import export_respond
from core.mixins import RoleRequiredMixin
from core.reporting import plain, small_cell_threshold, suppressed_label, year_before
from workforce.access import ANALYTICS_ROLES
from workforce.selectors import organization_choices, organization_codes

from .errors import ReportInvalidParams
from .registry import get_report, reports_for
from .selectors import report_params_for

DASHBOARDS: dict[str, dict[str, Any]] = {
    "leadership": {
        "title": _("Leadership dashboard"),
        "reports": ["composition.by_sex", "composition.by_age_band", "composition.by_oecd_age_band",
                    "composition.by_education", "composition.by_group", "composition.by_region",
                    "composition.by_level", "composition.trend"],
    },
    "hr": {
        "title": _("HR dashboard"),
        "reports": ["composition.flows", "composition.by_category", "composition.by_rank",
                    "composition.by_service_band", "composition.by_group", "composition.trend"],
    },
}
FILTERS = ("org", "on", "from", "to", "region", "group")


class DashboardView(RoleRequiredMixin, View):
    required_roles = ANALYTICS_ROLES
    dashboard = "leadership"

    def get(self, request, *args, **kwargs):
        query = {key: request.GET.get(key, "") for key in FILTERS}
        headline = get_report("composition")
        form = headline.get_form({k: v for k, v in query.items() if v}, actor=request.user)
        problems: list[str] = []
        try:
            params = report_params_for(headline, query, actor=request.user)
        except ReportInvalidParams as error:
            problems = [" ".join(messages) for messages in (error.extra or {}).values()] or [error.message]
            params = report_params_for(headline, {}, actor=request.user)
        # The movements cover the period asked for, else the year up to the as-of date.
        params.date_to = params.date_to or params.on
        params.date_from = params.date_from or year_before(params.date_to)
        if params.date_from > params.date_to:
            params.date_from = year_before(params.date_to)
        totals = {row["key"]: row["count"] for row in headline.dataframe(params).to_dict(orient="records")}
        sections = []
        for report in self.reports():
            df = report.dataframe(params)
            sections.append({
                "report": report, "id": report.identifier.replace(".", "-"), "figure": report.figure(df),
                "columns": report.columns, "rows": _table_rows(report, df), "total": report.total(df),
                "total_cells": _total_cells(report, report.total(df)),
            })
        codes = organization_codes(user=request.user, roles=ANALYTICS_ROLES)
        organizations = [(codes[pk], label) for pk, label in organization_choices(user=request.user,
                                                                                roles=ANALYTICS_ROLES)
                         if pk in codes]
        return render(request, "reports/dashboard.html", {
            "title": DASHBOARDS[self.dashboard]["title"], "dashboard": self.dashboard, "params": params,
            "form": form, "problems": problems, "totals": totals, "sections": sections,
            "organizations": organizations, "selected_org": params.organization.code if params.organization else "",
            "region_choices": form.fields["region"].choices, "group_choices": form.fields["group"].choices,
            "employee_list_url": reverse("workforce:employee_list"),
            "workbook_query": _query(params.as_query()),
            "dashboards": [(key, value["title"]) for key, value in DASHBOARDS.items()],
            "suppressed": suppressed_label(), "threshold": small_cell_threshold(),
        })


    def reports(self) -> list:
        """The dashboard's own figures, then what other apps register for it (``Report.dashboard``),
        as far as the requester holds their roles."""
        fixed = [get_report(identifier) for identifier in DASHBOARDS[self.dashboard]["reports"]]
        known = {report.identifier for report in fixed}
        return fixed + [report for report in reports_for(self.request.user, dashboard=self.dashboard)
                        if report.identifier not in known]


class HRDashboardView(DashboardView):
    dashboard = "hr"


def _query(values: dict[str, str]) -> str:
    return urlencode(values)


def _table_rows(report, df) -> list[dict[str, Any]]:
    rows = []
    for record in df.to_dict(orient="records"):
        cells = []
        for name, _header, fmt in report.columns:
            value = plain(record.get(name))
            if name == "count" and record.get("suppressed"):
                value = suppressed_label()
            if name == "count" and record.get("format"):
                fmt = record["format"]
            cells.append({"value": value, "format": fmt})
        rows.append({"cells": cells, "drill": record.get("drill") or "", "suppressed": bool(record.get("suppressed"))})
    return rows


def _total_cells(report, total: dict[str, Any] | None) -> list[Any]:
    if total is None:
        return []
    return [total.get(name) if index else total.get(name, total.get("name"))
            for index, (name, _header, _fmt) in enumerate(report.columns)]


class WorkbookView(RoleRequiredMixin, View):
    """The workbook of the dashboard's parameters, through the platform exporters."""

    required_roles = ANALYTICS_ROLES

    def get(self, request, *args, **kwargs) -> HttpResponse:
        params = {key: request.GET.get(key, "") for key in ("org", "on", "region", "group")}
        if not any(params.values()):
            params = {}
        try:
            return export_respond(request, "reports.workforce", params)
        except ReportInvalidParams:
            raise Http404 from None
