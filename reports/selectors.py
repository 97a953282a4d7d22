"""Reads of the reports app: the trend of the composition from the monthly snapshots."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _

from core.access import user_roles
from core.reporting import Report, ReportParams
from workforce.access import ANALYTICS_ROLES, org_scope
from workforce.selectors import organization_roots

from .errors import ReportForbidden, ReportInvalidParams
from .models import CompositionSnapshot
from .registry import get_report

TREND_COLUMNS = ["month_end", "headcount", "staff_units_planned", "staff_units_filled", "vacancy_rate", "women",
                 "management", "women_in_management"]


def snapshot_trend(*, user: Any, organization: Any = None, date_to: datetime.date, months: int = 24) -> pd.DataFrame:
    """The monthly snapshots of the last ``months`` month ends up to ``date_to``: of ``organization``'s
    subtree (the caller checked it is in scope), else of the user's whole scope (the whole service's
    snapshot for a national grant, the sum of the roots of their subtrees otherwise). One query."""
    date_from = (date_to.replace(day=1) - pd.DateOffset(months=months - 1)).date()
    snapshots = CompositionSnapshot.objects.filter(month_end__gte=date_from, month_end__lte=date_to)
    if organization is not None:
        snapshots = snapshots.filter(organization=organization)
    elif org_scope(user, ANALYTICS_ROLES).everything:
        snapshots = snapshots.filter(organization__isnull=True)
    else:
        roots = organization_roots(user=user, roles=ANALYTICS_ROLES).values_list("pk", flat=True)
        snapshots = snapshots.filter(organization__in=list(roots))
    rows = []
    for month, payload in snapshots.order_by("month_end").values_list("month_end", "payload"):
        sexes = {cell["key"]: cell["count"] for cell in payload["breakdowns"]["by_sex"]}
        rows.append({"month_end": month, "headcount": payload["headcount"],
                     "staff_units_planned": float(payload["staff_units_planned"]),
                     "staff_units_filled": float(payload["staff_units_filled"]),
                     "women": sexes.get("F", 0), "management": payload["management"],
                     "women_in_management": payload["women_in_management"]})
    frame = pd.DataFrame(rows, columns=[c for c in TREND_COLUMNS if c != "vacancy_rate"])
    frame = frame.groupby("month_end", as_index=False).sum() if not frame.empty else frame
    planned = frame["staff_units_planned"]
    frame["vacancy_rate"] = ((planned - frame["staff_units_filled"]).clip(lower=0) / planned.where(planned > 0)) \
        .fillna(0).round(4) if not frame.empty else []
    return frame[TREND_COLUMNS]


def report_params_for(report: Report, query: Mapping[str, Any], *, actor: Any) -> ReportParams:
    """``query`` (``org``, ``on``, ``from``, ``to``, ``region``, ``group``) checked by the report's form in
    the requester's scope. 403 without the report's roles; 400 naming the field otherwise."""
    if not user_roles(actor) & set(report.required_roles):
        raise ReportForbidden(_("You may not read this report."))
    form = report.get_form({key: value for key, value in query.items() if value not in (None, "")}, actor=actor)
    if not form.is_valid():
        errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
        field, messages = next(iter(errors.items()))
        raise ReportInvalidParams(messages[0], field=None if field == "__all__" else field, extra=errors)
    return form.params()


def report_read(*, identifier: str, query: Mapping[str, Any], actor: Any) -> tuple[Report, ReportParams, dict]:
    """The report ``identifier`` as JSON for ``query``, in the requester's scope."""
    report = get_report(identifier)
    params = report_params_for(report, query, actor=actor)
    return report, params, report.as_json(params)
