"""The report classes apps subclass (in their own ``analytics.py``; ``reports`` collects them).

A report is a small class in the style of the exporters:

- ``identifier``, ``name``, ``description``, ``required_roles``; ``period`` True when it covers
  ``from``..``to`` rather than one date ``on``;
- ``params_form``: the parameter form (subtree, date or period, region, group), which turns the
  query string into :class:`ReportParams` with the requester's scope;
- ``dataframe(params)``: aggregation in the database first (through the app's selectors), pandas
  only on the aggregated rows;
- ``figure(df)``: a pure function of the frame returning a plotly figure as a dict (no database,
  testable alone);
- ``rows(df)``: the frame as JSON-ready rows, for the API and the HTML tables;
- ``as_json(params)``: what ``GET /api/v1/reports/<identifier>/`` returns (``rows`` by default).

Small cells: a count below ``settings.REPORTS_SMALL_CELL`` (default 5) is shown as "<5" to anyone
who cannot see the underlying records (``params.reveal_small_cells`` False); see
:func:`suppress_small_cells` for the secondary suppression that keeps totals from revealing them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pandas as pd
from django import forms
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.forms import DateField

SUPPRESSED_LABEL = "<5"


def small_cell_threshold() -> int:
    return int(getattr(settings, "REPORTS_SMALL_CELL", 5))


def suppressed_label() -> str:
    return f"<{small_cell_threshold()}"


def _protect(counts: Sequence[int], hidden: list[bool]) -> bool:
    """Secondary suppression in place: while the hidden cells of a breakdown whose total is shown
    could be worked out (exactly one hidden, or all hidden cells 1), hide the smallest shown
    non-empty cell too. Returns whether anything more was hidden."""
    changed = False
    while True:
        chosen = [count for count, hide in zip(counts, hidden, strict=True) if hide]
        if not chosen or (len(chosen) > 1 and sum(chosen) > len(chosen)):
            return changed
        shown = [(count, index) for index, (count, hide) in enumerate(zip(counts, hidden, strict=True))
                 if not hide and count > 0]
        if not shown:
            return changed
        hidden[min(shown)[1]] = True
        changed = True


def suppress_small_cells(counts: Sequence[int], *, threshold: int | None = None) -> list[bool]:
    """Which of ``counts`` (the cells of one breakdown, adding up to a shown total) to hide.

    Primary: every count from 1 to ``threshold - 1`` (an empty cell names nobody). Secondary: while
    the hidden cells could be worked out from the total and the others — exactly one hidden, or
    all of them 1 (their sum equals their number) — hide the next smallest shown non-empty cell
    too. A breakdown whose total itself is below the threshold is hidden whole (the caller hides
    the total as well)."""
    threshold = small_cell_threshold() if threshold is None else threshold
    if 0 < sum(counts) < threshold:
        return [count > 0 for count in counts]
    hidden = [0 < count < threshold for count in counts]
    _protect(counts, hidden)
    return hidden


def suppress_nested_cells(counts: Sequence[int], groups: Sequence[Sequence[int]], *,
                          threshold: int | None = None) -> tuple[list[bool], list[bool]]:
    """The small-cell rule for a breakdown published beside a coarser one made of its cells (the age
    bands and the OECD bands: ``groups`` lists the indexes of ``counts`` in each coarse cell).
    Returns which fine cells and which coarse cells to hide, such that neither breakdown, nor the
    two together with the total, gives a hidden cell away: a shown coarse cell must not isolate a
    hidden fine cell (a sibling is hidden too, or the coarse cell), and a hidden coarse cell must not
    be the sum of shown fine cells."""
    threshold = small_cell_threshold() if threshold is None else threshold
    fine = suppress_small_cells(counts, threshold=threshold)
    sums = [sum(counts[i] for i in group) for group in groups]
    coarse = suppress_small_cells(sums, threshold=threshold)
    if 0 < sum(counts) < threshold:
        return fine, coarse
    changed = True
    while changed:
        changed = _protect(counts, fine)
        for g, group in enumerate(groups):
            members = [i for i in group if fine[i]]
            if coarse[g] or not members:
                continue
            if len(members) == 1 or sum(counts[i] for i in members) == len(members):
                siblings = [i for i in group if not fine[i] and counts[i] > 0]
                if siblings:
                    fine[min(siblings, key=lambda i: counts[i])] = True
                else:
                    coarse[g] = True
                changed = True
        changed = _protect(sums, coarse) or changed
        # The hidden fine cells of the hidden coarse cells add up to what the shown cells leave of
        # the total: that block must not give them away either.
        block = [i for g, group in enumerate(groups) if coarse[g] for i in group if fine[i]]
        if block and (len(block) == 1 or sum(counts[i] for i in block) == len(block)):
            inside = [i for g, group in enumerate(groups) if coarse[g] for i in group if not fine[i] and counts[i] > 0]
            outside = [g for g in range(len(groups)) if not coarse[g] and sums[g] > 0]
            if inside:
                fine[min(inside, key=lambda i: counts[i])] = True
                changed = True
            elif outside:
                coarse[min(outside, key=lambda g: sums[g])] = True
                changed = True
        for g, group in enumerate(groups):
            if coarse[g] and sums[g] > 0 and not any(fine[i] for i in group):
                fine[min((i for i in group if counts[i] > 0), key=lambda i: counts[i])] = True
                changed = True
    return fine, coarse


def year_before(day: datetime.date) -> datetime.date:
    """The first day of the year ending on ``day`` (2024-03-01 for 2025-02-28 and for 2024-02-29)."""
    try:
        return day.replace(year=day.year - 1) + datetime.timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28) + datetime.timedelta(days=1)


@dataclass
class ReportParams:
    """What a report is asked for, already checked against the requester's scope.

    ``organization`` is the subtree root (None: the requester's whole scope); ``on`` the as-of
    date; ``date_from``/``date_to`` the period; ``reveal_small_cells`` whether the requester may see
    the underlying records (then no cell is suppressed)."""

    actor: Any
    organization: Any = None
    on: datetime.date | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    region: str | None = None
    group: str | None = None
    reveal_small_cells: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False)

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per params: reports drawing on the same aggregates (the breakdowns of
        one composition) share one set of queries."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def as_query(self) -> dict[str, str]:
        """The params as the query string that asks for them again (links, drill-downs, workbook)."""
        query: dict[str, str] = {}
        if self.organization is not None:
            query["org"] = getattr(self.organization, "code", str(self.organization))
        for name, value in (("on", self.on), ("from", self.date_from), ("to", self.date_to),
                            ("region", self.region), ("group", self.group)):
            if value:
                query[name] = value.isoformat() if isinstance(value, datetime.date) else str(value)
        return query


class ReportParamsForm(forms.Form):
    """The common parameters. Apps subclass it to resolve ``org`` within the requester's scope and
    to offer their regions and groups (``core`` knows no organisation tree): override
    :meth:`resolve_organization`, :meth:`may_see_records` and the choices."""

    org = forms.CharField(label=_("Organisation (code)"), required=False, max_length=32)
    on = DateField(label=_("As of"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("All"))])
    group = forms.ChoiceField(label=_("Position group"), required=False, choices=[("", _("All"))])

    def __init__(self, data: Any = None, *, actor: Any, period: bool = False, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.actor, self.period = actor, period
        # "from"/"to" are Python keywords, so these two are added by name.
        self.fields["from"] = DateField(label=_("From"), required=False)
        self.fields["to"] = DateField(label=_("To"), required=False)

    def resolve_organization(self, code: str) -> Any:
        """The organisation ``code`` names if the requester may see it, else None."""
        return None

    def may_see_records(self, organization: Any) -> bool:
        """Whether the requester may read the personal records behind the figures of ``organization``'s
        subtree (None: their whole scope)."""
        return False

    def default_on(self) -> datetime.date:
        from django.utils import timezone

        return timezone.localdate()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        code = (cleaned.get("org") or "").strip()
        cleaned["organization"] = None
        if code:
            organization = self.resolve_organization(code)
            if organization is None:
                # The same words for "no such code" and "not yours": the answer reveals nothing.
                self.add_error("org", _("No organisation with the code %(code)s in your scope.") % {"code": code})
            cleaned["organization"] = organization
        today = self.default_on()
        cleaned["on"] = cleaned.get("on") or today
        date_to = cleaned.get("to") or (today if self.period else None)
        date_from = cleaned.get("from") or (year_before(date_to) if date_to and self.period else None)
        if date_from and date_to and date_from > date_to:
            self.add_error("from", _("The period must start on or before its last day."))
        cleaned["date_from"], cleaned["date_to"] = date_from, date_to
        return cleaned

    def params(self) -> ReportParams:
        data = self.cleaned_data
        return ReportParams(
            actor=self.actor, organization=data["organization"], on=data["on"], date_from=data["date_from"],
            date_to=data["date_to"], region=data.get("region") or None, group=data.get("group") or None,
            reveal_small_cells=self.may_see_records(data["organization"]),
        )


class Report:
    """One report. Subclass, set the attributes, implement ``dataframe`` and ``figure``, and list
    the class in your app's ``analytics.py`` as ``REPORTS = (MyReport, ...)``."""

    identifier: ClassVar[str] = ""
    name: ClassVar[str | Promise] = ""
    description: ClassVar[str | Promise] = ""
    required_roles: ClassVar[tuple[str, ...]] = ()
    params_form: ClassVar[type[ReportParamsForm]] = ReportParamsForm
    period: ClassVar[bool] = False
    # Where the dashboards show it ("" = API and workbook only) and in which order.
    dashboard: ClassVar[str] = ""
    order: ClassVar[int] = 100
    # The columns of ``rows`` with their headers, for tables and the workbook: (column, header, format).
    columns: ClassVar[tuple[tuple[str, str | Promise, str], ...]] = ()

    def get_form(self, data: Mapping[str, Any] | None, *, actor: Any) -> ReportParamsForm:
        return self.params_form(data, actor=actor, period=self.period)

    def dataframe(self, params: ReportParams) -> pd.DataFrame:
        raise NotImplementedError

    def figure(self, df: pd.DataFrame) -> dict[str, Any]:
        raise NotImplementedError

    def rows(self, df: pd.DataFrame) -> list[dict[str, Any]]:
        return [{key: _plain(value) for key, value in row.items()} for row in df.to_dict(orient="records")]

    def as_json(self, params: ReportParams) -> dict[str, Any]:
        return {"rows": self.rows(self.dataframe(params))}

    def total(self, df: pd.DataFrame) -> dict[str, Any] | None:
        """The totals row of the table and the workbook (None: no totals)."""
        return None

    def __str__(self) -> str:
        return str(self.name or self.identifier)


def _plain(value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def plain(value: Any) -> Any:
    """A pandas/numpy value as plain JSON (None for missing)."""
    return _plain(value)
