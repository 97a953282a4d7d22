"""Item analysis on aggregated rows (pandas), and its chart (plotly). The functions do no database
access: the selectors in ``assessment.selectors.analysis`` aggregate, these compute and draw, so they
are testable on hand-made rows.

:class:`ItemAnalysisReport` registers the analysis with the platform's reports (``REPORTS``, collected
by ``reports.registry``; this module does not import ``reports``): ``dataframe(params)`` =
:func:`item_frame` over ``item_sums`` (the database aggregates, read in the requester's bank scope),
``figure(df)`` = :func:`item_figure`; served at
``GET /api/v1/reports/assessment.item_analysis/?test=CODE&section=CODE&from=&to=``."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from django import forms
from django.utils.translation import gettext_lazy as _

from core.reporting import Report, ReportParams, ReportParamsForm, plain

DISCRIMINATION_FLAG_BELOW = 0.2
"""Questions that separate strong from weak takers less than this are flagged for review."""
MIN_ANSWERS = 5
"""Below this many answers the discrimination is not computed (too noisy to act on)."""

ITEM_COLUMNS = ["question_id", "section_id", "n", "facility", "full_credit_rate", "discrimination", "flagged"]


def item_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Per question: ``facility`` (mean credit, 0..1: the share answered correctly, with partial credit
    counted as its fraction), ``full_credit_rate``, ``discrimination`` (corrected point-biserial: the
    correlation between the question's credit and the rest of the attempt's score; empty below
    ``MIN_ANSWERS`` answers or when either side does not vary) and ``flagged`` (discrimination < 0.2)."""
    frame = pd.DataFrame(list(rows), columns=["question_id", "section_id", "n", "sum_x", "sum_xx", "sum_y", "sum_yy",
                                              "sum_xy", "full"])
    if frame.empty:
        return pd.DataFrame(columns=ITEM_COLUMNS)
    for column in ("n", "sum_x", "sum_xx", "sum_y", "sum_yy", "sum_xy", "full"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0.0).astype(float)
    n = frame["n"]
    frame["facility"] = frame["sum_x"] / n
    frame["full_credit_rate"] = frame["full"] / n
    covariance = n * frame["sum_xy"] - frame["sum_x"] * frame["sum_y"]
    spread_x = n * frame["sum_xx"] - frame["sum_x"] ** 2
    spread_y = n * frame["sum_yy"] - frame["sum_y"] ** 2
    denominator = (spread_x.clip(lower=0) * spread_y.clip(lower=0)) ** 0.5
    usable = (n >= MIN_ANSWERS) & (denominator > 1e-12)
    frame["discrimination"] = (covariance / denominator.where(usable)).clip(-1, 1)
    frame["flagged"] = frame["discrimination"].lt(DISCRIMINATION_FLAG_BELOW) & frame["discrimination"].notna()
    frame["n"] = frame["n"].astype(int)
    return frame[ITEM_COLUMNS].reset_index(drop=True)


def option_rates(option_rows: Iterable[Mapping[str, Any]], items: pd.DataFrame) -> dict[int, dict[int, float]]:
    """``{question id: {choice id: share of answers that chose it}}`` (for distractor analysis)."""
    answered = dict(zip(items["question_id"], items["n"], strict=False)) if not items.empty else {}
    rates: dict[int, dict[int, float]] = {}
    for row in option_rows:
        total = answered.get(row["question_id"])
        if total:
            rates.setdefault(row["question_id"], {})[row["choice_id"]] = row["chosen"] / total
    return rates


def organization_section_frame(rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Section averages per organisation as a table: one row per organisation, one column per section."""
    frame = pd.DataFrame(list(rows), columns=["attempt__organization_id", "section_id", "attempts", "average"])
    if frame.empty:
        return frame
    frame["average"] = pd.to_numeric(frame["average"]).astype(float)
    return frame.pivot_table(index="attempt__organization_id", columns="section_id", values="average")


def item_figure(items: pd.DataFrame, labels: Mapping[int, str] | None = None) -> dict[str, Any]:
    """Facility against discrimination, flagged questions in red (a plotly figure as a dict)."""
    import plotly.graph_objects as go

    labels = labels or {}
    data = items.dropna(subset=["discrimination"]) if not items.empty else items
    colours = ["#b42318" if flagged else "#0b5f7f" for flagged in data.get("flagged", [])]
    figure = go.Figure(go.Scatter(
        x=list(data.get("facility", [])), y=list(data.get("discrimination", [])), mode="markers",
        marker={"color": colours, "size": 9},
        text=[labels.get(q, str(q)) for q in data.get("question_id", [])], hoverinfo="text+x+y",
    ))
    figure.add_hline(y=DISCRIMINATION_FLAG_BELOW, line_dash="dot", line_color="#b42318")
    figure.update_layout(xaxis={"title": "facility", "range": [0, 1]}, yaxis={"title": "discrimination",
                                                                             "range": [-1, 1]},
                         margin={"l": 40, "r": 10, "t": 10, "b": 40}, height=360)
    return figure.to_dict()


def nan_to_none(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else value


# --- the report (``reports`` registry) ------------------------------------------------------------

REPORT_COLUMNS = ["question_id", "question", "section", "n", "facility", "full_credit_rate", "discrimination",
                  "flagged"]


class ItemAnalysisForm(ReportParamsForm):
    """The period (when the attempts were finished; the last year by default), and optionally one test
    and one section by code. A test outside the requester's bank is refused like an unknown code."""

    test = forms.CharField(label=_("Test (code)"), required=False, max_length=40)
    section = forms.CharField(label=_("Section (code)"), required=False, max_length=40)

    def clean(self) -> dict[str, Any]:
        from .models import Section
        from .selectors import test_list

        cleaned = super().clean()
        cleaned["test_obj"] = cleaned["section_obj"] = None
        if code := (cleaned.get("test") or "").strip():
            cleaned["test_obj"] = test_list(user=self.actor).filter(code=code).first()
            if cleaned["test_obj"] is None:
                self.add_error("test", _("No test with the code %(code)s in your bank.") % {"code": code})
        if code := (cleaned.get("section") or "").strip():
            cleaned["section_obj"] = Section.objects.filter(code=code).first()
            if cleaned["section_obj"] is None:
                self.add_error("section", _("No section with the code %(code)s.") % {"code": code})
        return cleaned

    def params(self) -> ReportParams:
        params = super().params()
        params.extra.update(test=self.cleaned_data["test_obj"], section=self.cleaned_data["section_obj"])
        return params


def _filters(params: ReportParams) -> dict[str, Any]:
    return {"user": params.actor, "test": params.extra.get("test"), "section": params.extra.get("section"),
            "since": params.date_from, "until": params.date_to}


class ItemAnalysisReport(Report):
    """Per question of the requester's bank answered in finished attempts of the period: facility,
    full-credit rate, discrimination and the flag (below 0.2); the JSON adds the distractor rates.
    Statistics of questions, not of people: no small-cell rule applies."""

    identifier = "assessment.item_analysis"
    name = _("Item analysis")
    description = _("Facility and discrimination of each question of the bank, weak questions flagged, "
                    "and how often each option was chosen.")
    required_roles = ("admin", "test_author")
    params_form = ItemAnalysisForm
    period = True
    order = 300
    columns = (("question_id", _("Question No."), "number"), ("question", _("Question"), "text"),
               ("section", _("Section"), "text"), ("n", _("Answers"), "number"),
               ("facility", _("Facility"), "percent"), ("full_credit_rate", _("Fully correct"), "percent"),
               ("discrimination", _("Discrimination"), "decimal"), ("flagged", _("Flagged"), "text"))

    def dataframe(self, params: ReportParams) -> pd.DataFrame:
        from .selectors import item_sums, pick_text, question_list

        items = item_frame(item_sums(**_filters(params)))
        if items.empty:
            return pd.DataFrame(columns=REPORT_COLUMNS)
        questions = question_list(user=params.actor).filter(pk__in=[int(q) for q in items["question_id"]]) \
            .prefetch_related(None).in_bulk()
        frame = items.copy()
        frame["question"] = [pick_text(questions[int(q)].texts())[:200] if int(q) in questions else ""
                             for q in frame["question_id"]]
        frame["section"] = [questions[int(q)].section.code if int(q) in questions else ""
                            for q in frame["question_id"]]
        return frame.sort_values(["flagged", "discrimination"], ascending=[False, True], na_position="last") \
            [REPORT_COLUMNS].reset_index(drop=True)

    def figure(self, df: pd.DataFrame) -> dict[str, Any]:
        return item_figure(df, {int(q): f"{q}: {text[:60]}" for q, text in zip(df["question_id"], df["question"],
                                                                                strict=True)})

    def as_json(self, params: ReportParams) -> dict[str, Any]:
        from .selectors import option_counts

        frame = self.dataframe(params)
        rates = option_rates(option_counts(**_filters(params)), frame) if not frame.empty else {}
        return {"rows": self.rows(frame), "flag_below": DISCRIMINATION_FLAG_BELOW, "min_answers": MIN_ANSWERS,
                "options": [{"question_id": question, "choice_id": choice, "rate": plain(rate)}
                            for question, choices in rates.items() for choice, rate in choices.items()]}


REPORTS = (ItemAnalysisReport,)
