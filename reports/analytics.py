"""The reports of the reports app itself: the 24-month trend read from the monthly snapshots."""

from __future__ import annotations

from typing import Any

import pandas as pd
from django.utils.translation import gettext_lazy as _

from core.reporting import Report, ReportParams, plain, small_cell_threshold
from workforce.access import ANALYTICS_ROLES
from workforce.analytics import WorkforceReportForm

from .selectors import snapshot_trend


class TrendReport(Report):
    """Headcount, staff units and vacancy rate at each of the last 24 month ends, from the
    snapshots (instant whatever the size of the service). The subtree applies; region and group
    do not (snapshots are stored per subtree)."""

    identifier = "composition.trend"
    name = _("Composition over 24 months")
    description = _("Headcount, staff units and vacancy rate at each month end, from the monthly snapshots.")
    required_roles = ANALYTICS_ROLES
    params_form = WorkforceReportForm
    dashboard = "trend"
    order = 60
    columns = (("month_end", _("Month end"), "date"), ("headcount", _("Headcount"), "number"),
               ("staff_units_planned", _("Staff units planned"), "decimal"),
               ("staff_units_filled", _("Staff units filled"), "decimal"),
               ("vacancy_rate", _("Vacancy rate"), "percent"), ("women", _("Women"), "number"))

    def dataframe(self, params: ReportParams) -> pd.DataFrame:
        frame = params.memo(("trend", params.on), lambda: snapshot_trend(
            user=params.actor, organization=params.organization, date_to=params.on))
        if not params.reveal_small_cells and not frame.empty:
            threshold = small_cell_threshold()
            frame = frame.copy()
            small = frame["headcount"].between(1, threshold - 1)
            women_small = frame["women"].between(1, threshold - 1) | (frame["headcount"] - frame["women"]).between(
                1, threshold - 1)
            frame["headcount"] = frame["headcount"].astype(object).where(~small, None)
            frame["women"] = frame["women"].astype(object).where(~(small | women_small), None)
        return frame[["month_end", "headcount", "staff_units_planned", "staff_units_filled", "vacancy_rate",
                      "women"]]

    def figure(self, df: pd.DataFrame) -> dict[str, Any]:
        months = [plain(month) for month in df["month_end"]]
        return {
            "data": [
                {"type": "scatter", "mode": "lines+markers", "name": str(_("Headcount")), "x": months,
                 "y": [plain(value) for value in df["headcount"]]},
                {"type": "scatter", "mode": "lines", "name": str(_("Staff units planned")), "x": months,
                 "y": [plain(value) for value in df["staff_units_planned"]]},
            ],
            "layout": {"height": 320, "margin": {"l": 50, "r": 10, "t": 10, "b": 40},
                       "legend": {"orientation": "h"}, "yaxis": {"rangemode": "tozero"}},
        }


REPORTS = (TrendReport,)
