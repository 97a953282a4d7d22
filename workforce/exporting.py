"""Exports of the workforce record (xlsx, csv) and the import templates.

The columns are the resources' (``workforce.resources``), headed in the reader's language, so an
exported file imports back unchanged. Every string cell that a spreadsheet could take for a
formula (starting with = + - @, a tab or a carriage return) is written with a leading ``'``; the
importer takes that ``'`` off again. Exports contain only the rows of the queryset they are given:
callers pass the user's scoped (and filtered) queryset.
"""

from __future__ import annotations

import csv
import datetime
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.audit import audit_log

from .importing.cleaning import FORMULA_PREFIXES
from .importing.columns import Column
from .importing.widgets import BooleanWidget, ChoiceWidget, DateWidget
from .resources import RESOURCES, SpreadsheetResource

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
CSV_DELIMITER = ";"  # what Excel expects under Uzbek and Russian regional settings
DATE_FORMAT = "DD.MM.YYYY"
CHUNK = 2000


def escape_formula(value: Any) -> Any:
    """``value`` made safe for a spreadsheet cell: text that would start a formula gets a ``'``."""
    if isinstance(value, str) and value[:1] in FORMULA_PREFIXES:
        return "'" + value
    return value


@dataclass
class ExportFile:
    content: IO[bytes]
    filename: str
    content_type: str
    rows: int


def _rows(resource: SpreadsheetResource, queryset: QuerySet[Any],
          progress: Callable[[int], Any] | None = None) -> Iterator[list[Any]]:
    # iterator(chunk_size) keeps memory flat and still runs the prefetches once per chunk.
    for count, instance in enumerate(queryset.iterator(chunk_size=CHUNK), start=1):
        yield [escape_formula(value) for value in resource.native_row(instance)]
        if progress is not None and count % 500 == 0:
            progress(count)


def _csv_cell(column: Column, value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if not isinstance(value, str):
        return escape_formula(column.widget.render(value))
    return value


def write_xlsx(columns: list[Column], rows: Iterable[list[Any]], sheet_title: str) -> tuple[IO[bytes], int]:
    """A write-only workbook (flat memory whatever the number of rows) in a temporary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(column.column_name) + 4))
    sheet.freeze_panes = "A2"
    sheet.append([escape_formula(column.column_name) for column in columns])
    date_columns = [i for i, c in enumerate(columns) if isinstance(c.widget, DateWidget)]
    count = 0
    for row in rows:
        for i in date_columns:
            value = row[i]
            if isinstance(value, datetime.date):
                row[i] = _date_cell(sheet, value)
        sheet.append(row)
        count += 1
    output = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - handed to the response
    workbook.save(output)
    output.seek(0)
    return output, count


def _date_cell(sheet: Any, value: datetime.date) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DATE_FORMAT
    return cell


def write_csv(columns: list[Column], rows: Iterable[list[Any]]) -> tuple[IO[bytes], int]:
    output = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - handed to the response
    text = io.TextIOWrapper(output, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=CSV_DELIMITER)
    writer.writerow([escape_formula(column.column_name) for column in columns])
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(column, value) for column, value in zip(columns, row, strict=True)])
        count += 1
    text.flush()
    text.detach()
    output.seek(0)
    return output, count


def export_queryset(kind: str, queryset: QuerySet[Any], *, fmt: str, language: str | None = None,
                    progress: Callable[[int], Any] | None = None) -> ExportFile:
    """Write ``queryset`` (already scoped to the user) as ``fmt`` ("xlsx" or "csv"). ``progress``
    is called with the rows written so far (every few hundred rows)."""
    resource_class = RESOURCES[kind]
    resource = resource_class(language=language)
    columns = [field for field in resource.get_export_fields() if isinstance(field, Column)]
    queryset = resource_class.export_queryset(queryset)  # type: ignore[attr-defined]
    rows = _rows(resource, queryset, progress)
    stamp = datetime.date.today().isoformat()
    if fmt == "csv":
        content, count = write_csv(columns, rows)
        return ExportFile(content, f"{kind}-{stamp}.csv", CSV_TYPE, count)
    content, count = write_xlsx(columns, rows, kind)
    return ExportFile(content, f"{kind}-{stamp}.xlsx", XLSX_TYPE, count)


def export_employees(*, queryset: QuerySet[Any], fmt: str, actor: Any, filters: dict[str, Any] | None = None,
                     language: str | None = None, request: Any = None,
                     progress: Callable[[int], Any] | None = None) -> ExportFile:
    """Employees (with the current assignment) of ``queryset``; the bulk read of personal data is
    audit-logged (``workforce.employee.exported``, with the count and the filters)."""
    export = export_queryset("employees", queryset, fmt=fmt, language=language, progress=progress)
    audit_log("workforce.employee.exported", actor=actor, request=request,
              data={"count": export.rows, "format": fmt, "filters": filters or {}})
    return export


# --- Import templates -------------------------------------------------------------------------------

def _example(column: Column) -> Any:
    value = column.example
    if value is None or isinstance(value, datetime.date):
        return value
    if isinstance(column.widget, ChoiceWidget | BooleanWidget):
        return column.widget.render(value)  # the label in the reader's language
    return escape_formula(value)


def import_template(kind: str, *, language: str | None = None) -> ExportFile:
    """An xlsx to fill in: the header row in ``language``, one example row, and a second sheet that
    explains every column (meaning, format, allowed values, required or not)."""
    resource_class = RESOURCES[kind]
    columns = [c for c in resource_class.column_list(language) if not c.readonly]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Data")[:31]
    header_font = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    sheet.append([column.column_name for column in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = header_font
        if column.required:
            cell.fill = required_fill
        sheet.column_dimensions[get_column_letter(index)].width = max(14, min(40, len(column.column_name) + 4))
    sheet.append([_example(column) for column in columns])
    for index, column in enumerate(columns, start=1):
        if isinstance(column.example, datetime.date):
            sheet.cell(row=2, column=index).number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"

    notes = workbook.create_sheet(title=_("Instructions")[:31])
    notes.append([_("Column"), _("Required"), _("What to write"), _("Format and allowed values")])
    for cell in notes[1]:
        cell.font = header_font
    for column in columns:
        notes.append([column.column_name, _("Yes") if column.required else _("No"), str(column.help_text),
                      column.widget.describe()])
    notes.append([])
    for line in (
        _("The first sheet is imported: one row per record, the header row as in this template (the headers "
          "may also be written in Uzbek, Russian or English)."),
        _("An empty cell keeps what is already recorded; importing the same file again changes nothing."),
        _("Dates: a date cell or text DD.MM.YYYY. Numbers may be number cells or text."),
        _("By default nothing is imported while any row has an error; the check lists every error with its row."),
    ):
        notes.append([line])
    for letter, width in zip("ABCD", (34, 12, 70, 60), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    output = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115 - handed to the response
    workbook.save(output)
    output.seek(0)
    return ExportFile(output, f"{kind}-template.xlsx", XLSX_TYPE, 1)


__all__ = ["ExportFile", "escape_formula", "export_employees", "export_queryset", "import_template"]
