"""The vacancies app's reports (collected by ``reports.registry`` from ``REPORTS``; this module does
not import ``reports``): the competition funnel, applied → admitted → tested → passed →
interviewed → winner → appointed, with the time to fill, read through ``vacancies.selectors``."""

from __future__ import annotations

from typing import Any

import pandas as pd
from django.utils.translation import gettext_lazy as _

from core.reporting import Report, ReportParams, plain
from workforce.access import ANALYTICS_ROLES
from workforce.analytics import WorkforceReportForm

from .selectors import competition_funnel, funnel_step_labels


class CompetitionFunnelReport(Report):
    """How far the applications of the subtree's competitions got (``?org=CODE&from=YYYY-MM-DD``:
    vacancies published since ``from``), one row a step, then the time to fill (publication →
    appointment) of the completed vacancies. Counts of applications, not of people on record, so
    no cell is suppressed; nobody's name or result is in it."""

    identifier = "vacancies.funnel"
    name = _("Competition funnel")
    description = _("Applications that reached each stage of the competitions, and the days from publication "
                    "to appointment.")
    required_roles = ANALYTICS_ROLES
    params_form = WorkforceReportForm
    period = True
    dashboard = "hr"
    order = 70
    columns = (("name", _("Stage"), "text"), ("count", _("Applications"), "number"),
               ("share", _("Share of the applied"), "percent"))

    def funnel(self, params: ReportParams) -> dict[str, Any]:
        return params.memo(("vacancies.funnel", params.date_from), lambda: competition_funnel(
            user=params.actor, organization=params.organization, since=params.date_from, roles=ANALYTICS_ROLES))

    def dataframe(self, params: ReportParams) -> pd.DataFrame:
        funnel = self.funnel(params)
        labels = funnel_step_labels()
        applied = funnel["totals"]["applied"]
        rows = [{"key": step, "name": str(labels[step]), "count": funnel["totals"][step],
                 "share": round(funnel["totals"][step] / applied, 4) if applied else None, "drill": ""}
                for step in funnel["steps"]]
        return pd.DataFrame(rows, columns=["key", "name", "count", "share", "drill"])

    def figure(self, df: pd.DataFrame) -> dict[str, Any]:
        return {
            "data": [{"type": "funnel", "y": [str(name) for name in df["name"]],
                      "x": [int(count) for count in df["count"]], "textinfo": "value+percent initial",
                      "marker": {"color": "#1f5fa8"}}],
            "layout": {"height": 320, "margin": {"l": 120, "r": 10, "t": 10, "b": 30}},
        }

    def as_json(self, params: ReportParams) -> dict[str, Any]:
        funnel = self.funnel(params)
        return {
            "since": params.date_from.isoformat() if params.date_from else None,
            "steps": [{"key": row["key"], "label": row["name"], "count": plain(row["count"])}
                      for row in self.dataframe(params).to_dict(orient="records")],
            "time_to_fill": funnel["time_to_fill"],
            "organizations": [{"code": entry["organization"].code, "vacancies": entry["vacancies"],
                               "filled": entry["filled"], "avg_days_to_fill": entry["avg_days_to_fill"],
                               **{step: entry[step] for step in funnel["steps"]}}
                              for entry in funnel["organizations"]],
        }


REPORTS = (CompetitionFunnelReport,)
