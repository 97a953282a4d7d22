"""Item analysis on aggregated rows (pandas), and its chart (plotly). No database access here: the
selectors in ``assessment.selectors.analysis`` aggregate, these functions compute and draw, so they are
testable on hand-made rows.

Wave 2 registers the report with the platform's report registry (``core.reporting.Report``:
``identifier = "assessment.item_analysis"``, ``dataframe(params)`` = :func:`item_frame` over
``item_sums``, ``figure(df)`` = :func:`item_figure`)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

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
