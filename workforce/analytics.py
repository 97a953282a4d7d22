"""The workforce's reports (collected by ``reports.registry`` from ``REPORTS``; this module does
not import ``reports``): the composition on a date, each of its breakdowns as a figure of the
dashboards, and the flows over a period. Everything is read through ``workforce.selectors``."""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlencode

import pandas as pd
from django.utils.translation import gettext_lazy as _

from core.reporting import (
    Report,
    ReportParams,
    ReportParamsForm,
    plain,
    small_cell_threshold,
    suppress_nested_cells,
    suppress_small_cells,
    suppressed_label,
)

from .access import ANALYTICS_ROLES, HR_ROLES, org_scope, organizations_for
from .filters import reference_choices
from .models import PositionGroup, Region
from .selectors import BREAKDOWN_LABELS, OECD_AGE_BANDS, CompositionScope, composition_flows, composition_on

BREAKDOWN_COLUMNS = ["breakdown", "key", "name", "label", "count", "average_age", "suppressed", "drill"]


class WorkforceReportForm(ReportParamsForm):
    """Organisation codes, regions and groups of the workforce record; the organisation must lie
    in the requester's analytics scope."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All")), *reference_choices(Region)]
        self.fields["group"].choices = [("", _("All")), *PositionGroup.choices]

    def resolve_organization(self, code: str) -> Any:
        return organizations_for(self.actor, roles=ANALYTICS_ROLES).filter(code=code).first()

    def may_see_records(self, organization: Any) -> bool:
        records = org_scope(self.actor, HR_ROLES)
        if organization is not None:
            return records.covers(organization)
        return not records.is_empty and records.contains(org_scope(self.actor, ANALYTICS_ROLES))


def composition_scope(params: ReportParams) -> CompositionScope:
    return CompositionScope(user=params.actor, organization=params.organization, region=params.region,
                            group=params.group)


def composition_of(params: ReportParams):
    """The composition the params ask for, computed once per params (every breakdown report shares it)."""
    return params.memo(("composition", params.on), lambda: composition_on(composition_scope(params), on=params.on))


def drill_query(params: ReportParams, filters: dict[str, str]) -> str:
    """The employee-list query string listing exactly the people of a cell (same date, subtree,
    region and group)."""
    query = {"on": params.on.isoformat()}
    if params.organization is not None:
        query["organization"] = str(params.organization.pk)
    if params.region:
        query["region"] = params.region
    if params.group:
        query["group"] = params.group
    query.update(filters)
    return urlencode(query)


def breakdown_frame(params: ReportParams, name: str) -> pd.DataFrame:
    """One breakdown as rows, small cells suppressed unless the requester may see the records."""
    composition = composition_of(params)
    cells = composition.breakdowns[name]
    if params.reveal_small_cells:
        hidden = [False] * len(cells)
    elif name in ("by_age_band", "by_oecd_age_band"):
        hidden = age_bands_hidden(composition)[name]
    elif name in ("by_category", "by_group"):
        hidden = groups_hidden(composition)[name]
    else:
        hidden = suppress_small_cells([c.count for c in cells])
    rows = []
    for cell, hide in zip(cells, hidden, strict=True):
        rows.append({
            "breakdown": name, "key": cell.key, "name": cell.label,
            "label": suppressed_label() if hide else cell.label,
            "count": None if hide else cell.count,
            "average_age": None if hide else cell.average_age,
            "suppressed": hide,
            "drill": drill_query(params, cell.filters) if params.reveal_small_cells and cell.filters else "",
        })
    frame = pd.DataFrame(rows, columns=BREAKDOWN_COLUMNS)
    # The total shown under the table: the headcount, unless it is a small cell itself.
    frame.attrs["total"] = None if all(hidden) and any(hidden) else composition.headcount
    return frame


def age_bands_hidden(composition) -> dict[str, list[bool]]:
    """The age bands and the OECD bands are published side by side and each OECD band is a sum of
    age bands: suppress them together, so that one does not give away what the other hides."""
    fine = composition.breakdowns["by_age_band"]
    coarse = composition.breakdowns["by_oecd_age_band"]
    index = {cell.key: i for i, cell in enumerate(fine)}
    groups = [[index[band] for band in OECD_AGE_BANDS[cell.key]] for cell in coarse]
    fine_hidden, coarse_hidden = suppress_nested_cells([cell.count for cell in fine], groups)
    return {"by_age_band": fine_hidden, "by_oecd_age_band": coarse_hidden}


def groups_hidden(composition) -> dict[str, list[bool]]:
    """Each position group adds up its categories: suppress the two breakdowns together."""
    fine = composition.breakdowns["by_category"]
    coarse = composition.breakdowns["by_group"]
    groups = [[i for i, cell in enumerate(fine) if composition.category_groups.get(cell.key) == group.key]
              for group in coarse]
    fine_hidden, coarse_hidden = suppress_nested_cells([cell.count for cell in fine], groups)
    return {"by_category": fine_hidden, "by_group": coarse_hidden}


def bar_figure(df: pd.DataFrame, *, title: str = "") -> dict[str, Any]:
    """A bar per row of a breakdown frame; suppressed bars are drawn empty and named "<5". Each
    bar carries its drill-down query (``customdata``). Pure: no database."""
    shown = df.fillna({"count": 0})
    return {
        "data": [{
            "type": "bar",
            "x": [str(name) for name in shown["name"]],
            "y": [int(count) for count in shown["count"]],
            "text": [suppressed_label() if hidden else str(int(count))
                     for hidden, count in zip(shown["suppressed"], shown["count"], strict=True)],
            "textposition": "auto",
            "customdata": list(shown["drill"]),
            "hovertemplate": "%{x}: %{text}<extra></extra>",
            "marker": {"color": "#1f5fa8"},
        }],
        "layout": {
            "title": {"text": title}, "margin": {"l": 40, "r": 10, "t": 40 if title else 10, "b": 80},
            "yaxis": {"rangemode": "tozero"}, "xaxis": {"automargin": True}, "height": 320,
        },
    }


class CompositionReport(Report):
    """The headline report: the composition of a subtree on a date (``?org=CODE&on=YYYY-MM-DD``)."""

    identifier = "composition"
    order = 0
    name = _("Workforce composition")
    description = _("Headcount, staff units and vacancy rate, and every breakdown, on one date.")
    required_roles = ANALYTICS_ROLES
    params_form = WorkforceReportForm
    columns = (("name", _("Figure"), "text"), ("count", _("Value"), "number"))

    def dataframe(self, params: ReportParams) -> pd.DataFrame:
        """The totals as a two-column frame (figure, value); the breakdowns are their own reports."""
        composition = composition_of(params)
        headcount = self._headcount(params)
        rows = [
            ("headcount", _("Headcount"), headcount, "number"),
            ("staff_units_planned", _("Staff units planned"), float(composition.staff_units_planned), "decimal"),
            ("staff_units_filled", _("Staff units filled"), float(composition.staff_units_filled), "decimal"),
            ("vacancy_rate", _("Vacancy rate"), composition.vacancy_rate, "percent"),
            ("women_in_management_share", _("Share of women in management positions"),
             self._women_share(params), "percent"),
            ("average_age", _("Average age"), composition.average_age if headcount is not None else None, "decimal"),
        ]
        # object dtype: a headcount stays an integer beside the rates (and None when suppressed);
        # ``format`` tells tables and the workbook how to show each row's value.
        return pd.DataFrame([{"key": key, "name": str(label), "count": value, "format": fmt}
                             for key, label, value, fmt in rows], dtype=object)

    def figure(self, df: pd.DataFrame) -> dict[str, Any]:
        values = dict(zip(df["key"], df["count"], strict=True))
        return {"data": [{"type": "indicator", "mode": "number", "value": plain(values.get("headcount")) or 0,
                          "title": {"text": str(_("Headcount"))}}],
                "layout": {"height": 200, "margin": {"l": 10, "r": 10, "t": 40, "b": 10}}}

    def _headcount(self, params: ReportParams) -> int | None:
        headcount = composition_of(params).headcount
        if not params.reveal_small_cells and 0 < headcount < small_cell_threshold():
            return None
        return headcount

    def _women_share(self, params: ReportParams) -> float | None:
        composition = composition_of(params)
        women, men = composition.women_in_management, composition.management - composition.women_in_management
        if not params.reveal_small_cells and any(0 < n < small_cell_threshold() for n in (women, men)):
            return None
        return composition.women_in_management_share

    def as_json(self, params: ReportParams) -> dict[str, Any]:
        composition = composition_of(params)
        totals = {row["key"]: plain(row["count"]) for row in self.dataframe(params).to_dict(orient="records")}
        data: dict[str, Any] = {"on": params.on.isoformat(), **totals}
        for name in BREAKDOWN_LABELS:
            frame = breakdown_frame(params, name)
            data[name] = [{"key": row["key"], "label": row["label"], "count": plain(row["count"]),
                           "suppressed": bool(row["suppressed"])} for row in frame.to_dict(orient="records")]
        data["management"] = None if data["women_in_management_share"] is None and not params.reveal_small_cells \
            else composition.management
        return data


class BreakdownReport(Report):
    """One breakdown of the composition as a bar chart and a table (``breakdown`` names it)."""

    breakdown: ClassVar[str] = ""
    required_roles = ANALYTICS_ROLES
    params_form = WorkforceReportForm
    dashboard = "composition"
    columns = (("name", _("Group"), "text"), ("count", _("People"), "number"),
               ("average_age", _("Average age"), "decimal"))

    def dataframe(self, params: ReportParams) -> pd.DataFrame:
        return breakdown_frame(params, self.breakdown)

    def figure(self, df: pd.DataFrame) -> dict[str, Any]:
        return bar_figure(df)

    def rows(self, df: pd.DataFrame) -> list[dict[str, Any]]:
        return [{"key": row["key"], "label": row["label"], "name": row["name"], "count": plain(row["count"]),
                 "average_age": plain(row["average_age"]), "suppressed": bool(row["suppressed"]),
                 "drill": row["drill"]} for row in df.to_dict(orient="records")]

    def total(self, df: pd.DataFrame) -> dict[str, Any] | None:
        return {"name": str(_("Total")), "count": df.attrs.get("total")}


def _breakdown_report(name: str, order: int) -> type[BreakdownReport]:
    return type(f"Breakdown_{name}", (BreakdownReport,), {
        "identifier": f"composition.{name}", "breakdown": name, "name": BREAKDOWN_LABELS[name], "order": order,
        "description": _("People serving on the date, by this attribute."), "__module__": __name__,
    })


BREAKDOWN_REPORTS = tuple(_breakdown_report(name, 10 + i) for i, name in enumerate(BREAKDOWN_LABELS))


class FlowsReport(Report):
    """Movements over a period (``?org=CODE&from=YYYY-MM-DD&to=YYYY-MM-DD``) and the turnover."""

    identifier = "composition.flows"
    name = _("Hires, exits and movements")
    description = _("Hires, exits by ground, transfers, rotations, promotions and turnover over a period.")
    required_roles = ANALYTICS_ROLES
    params_form = WorkforceReportForm
    period = True
    dashboard = "flows"
    order = 50
    columns = (("name", _("Movement"), "text"), ("count", _("Number"), "number"))

    def flows(self, params: ReportParams) -> dict[str, Any]:
        return params.memo(("flows", params.date_from, params.date_to), lambda: composition_flows(
            composition_scope(params), date_from=params.date_from, date_to=params.date_to))

    def dataframe(self, params: ReportParams) -> pd.DataFrame:
        flows = self.flows(params)
        grounds = flows["exits_by_ground"]
        hidden = [False] * len(grounds) if params.reveal_small_cells else suppress_small_cells(
            [cell.count for cell in grounds])
        rows = [{"key": key, "name": str(label), "label": str(label), "count": flows[key], "suppressed": False}
                for key, label in (("hires", _("Hires")), ("transfers", _("Transfers")), ("rotations", _("Rotations")),
                                   ("promotions", _("Promotions")), ("exits", _("Exits")))]
        rows += [{"key": f"exit:{cell.key}", "name": cell.label, "label": suppressed_label() if hide else cell.label,
                  "count": None if hide else cell.count, "suppressed": hide}
                 for cell, hide in zip(grounds, hidden, strict=True)]
        # The turnover and what it is divided by, in the table and the workbook (not bars beside counts).
        rows += [{"key": "average_headcount", "name": str(_("Average headcount")), "label": str(_("Average headcount")),
                  "count": flows["average_headcount"], "suppressed": False, "format": "decimal", "chart": False},
                 {"key": "turnover", "name": str(_("Turnover (exits ÷ average headcount)")),
                  "label": str(_("Turnover (exits ÷ average headcount)")), "count": flows["turnover"],
                  "suppressed": False, "format": "percent", "chart": False}]
        frame = pd.DataFrame(rows, dtype=object)
        frame["format"] = frame["format"].fillna("number") if "format" in frame else "number"
        frame["chart"] = frame["chart"].fillna(True).astype(bool)
        frame["drill"] = ""
        return frame

    def figure(self, df: pd.DataFrame) -> dict[str, Any]:
        return bar_figure(df[df["chart"]])

    def as_json(self, params: ReportParams) -> dict[str, Any]:
        flows = self.flows(params)
        df = self.dataframe(params)
        grounds = df[df["key"].str.startswith("exit:")]
        return {
            "from": params.date_from.isoformat(), "to": params.date_to.isoformat(),
            **{key: flows[key] for key in ("hires", "transfers", "rotations", "promotions", "exits")},
            "exits_by_ground": [{"key": row["key"].removeprefix("exit:"), "label": row["label"],
                                 "count": plain(row["count"]), "suppressed": bool(row["suppressed"])}
                                for row in grounds.to_dict(orient="records")],
            "headcount_start": flows["headcount_start"], "headcount_end": flows["headcount_end"],
            "average_headcount": flows["average_headcount"], "turnover": flows["turnover"],
        }


REPORTS = (CompositionReport, *BREAKDOWN_REPORTS, FlowsReport)
