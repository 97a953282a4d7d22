"""The workforce report as an Excel workbook: a cover sheet (parameters, extraction date, who
asked), then one sheet per report with styled headers, frozen panes, number formats and totals."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.reporting import Report, ReportParams, plain, suppressed_label

HEADER_FILL = PatternFill("solid", fgColor="1F5FA8")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TOTAL_FONT = Font(bold=True)
NUMBER_FORMATS = {"number": "#,##0", "decimal": "#,##0.00", "percent": "0.0%", "date": "yyyy-mm-dd", "text": "@"}
FORMULA_START = ("=", "+", "-", "@")


def _sheet_title(text: str, taken: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", " ", text)[:28].strip() or "Sheet"
    candidate, n = title, 2
    while candidate in taken:
        candidate, n = f"{title[:25]} {n}", n + 1
    taken.add(candidate)
    return candidate


def _cell_value(value: Any) -> Any:
    value = plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # never a formula from data
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return datetime.date.fromisoformat(value)
    return value


def build_workbook(reports: Iterable[Report], params: ReportParams, *, parameters: list[tuple[str, str]],
                   progress: Any = None) -> tuple[io.BytesIO, int]:
    """The workbook of ``reports`` for ``params``; returns the file and the number of data rows."""
    reports = list(reports)
    book = Workbook()
    cover = book.active
    cover.title = _sheet_title(_("Parameters"), set())
    taken = {cover.title}
    cover["A1"] = _("Workforce report")
    cover["A1"].font = Font(bold=True, size=14)
    lines = [(_("Extracted on"), timezone.localtime().strftime("%Y-%m-%d %H:%M")), *parameters]
    if not params.reveal_small_cells:
        lines.append((_("Small groups"), _("Groups of fewer people than the threshold are shown as %(label)s.")
                      % {"label": suppressed_label()}))
    for row, (label, value) in enumerate(lines, start=3):
        cover.cell(row=row, column=1, value=str(label)).font = TOTAL_FONT
        cover.cell(row=row, column=2, value=str(value))
    cover.cell(row=len(lines) + 4, column=1, value=_("Sheets")).font = TOTAL_FONT
    for row, report in enumerate(reports, start=len(lines) + 5):
        cover.cell(row=row, column=1, value=str(report.name))
        cover.cell(row=row, column=2, value=str(report.description))
    cover.column_dimensions["A"].width = 36
    cover.column_dimensions["B"].width = 80
    total_rows = 0
    for done, report in enumerate(reports, start=1):
        sheet = book.create_sheet(_sheet_title(str(report.name), taken))
        df = report.dataframe(params)
        columns = report.columns or tuple((name, name, "text") for name in df.columns)
        for col, (_name, header, _fmt) in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=col, value=str(header))
            cell.fill, cell.font = HEADER_FILL, HEADER_FONT
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            sheet.column_dimensions[get_column_letter(col)].width = 44 if col == 1 else 18
        records = df.to_dict(orient="records")
        for row, record in enumerate(records, start=2):
            for col, (name, _header, fmt) in enumerate(columns, start=1):
                value = record.get(name)
                if name == "count" and record.get("format"):
                    fmt = record["format"]  # a row of figures of different kinds (the headline report)
                if record.get("suppressed") and name == "count":
                    value = suppressed_label()
                elif name == "name" and "name" in record:
                    value = record["name"]
                cell = sheet.cell(row=row, column=col, value=_cell_value(value))
                if fmt in NUMBER_FORMATS and not isinstance(cell.value, str):
                    cell.number_format = NUMBER_FORMATS[fmt]
        total = report.total(df)
        if total is not None:
            row = len(records) + 2
            for col, (name, _header, fmt) in enumerate(columns, start=1):
                value = total.get(name)
                cell = sheet.cell(row=row, column=col, value=_cell_value(value))
                cell.font = TOTAL_FONT
                if fmt in NUMBER_FORMATS and isinstance(value, int | float):
                    cell.number_format = NUMBER_FORMATS[fmt]
        sheet.freeze_panes = "B2"
        total_rows += len(records)
        if progress is not None:
            progress(done)
    output = io.BytesIO()
    book.save(output)
    output.seek(0)
    return output, total_rows
