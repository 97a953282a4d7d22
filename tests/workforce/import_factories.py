"""Spreadsheets for the import tests: rows as {column key: value}, written as xlsx or csv with the
headers of any language."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from workforce.resources import EmployeeResource, OrganizationResource, StaffPositionResource
from workforce.validators import make_pinfl

RESOURCES = {"employees": EmployeeResource, "organizations": OrganizationResource,
             "staff_positions": StaffPositionResource}

_serial = iter(range(500, 10**6))


def new_pinfl(birth_date: datetime.date = datetime.date(1990, 5, 17), sex: str = "M") -> str:
    n = next(_serial)
    return make_pinfl(birth_date, sex, 100 + n % 800, n)


def employee_row(*, org: str = "A", position: str = "P1", start: Any = datetime.date(2024, 3, 1), **values: Any,
                 ) -> dict[str, Any]:
    """A valid employee row for organisation ``org`` / position ``position`` (keys are column keys)."""
    birth = values.pop("birth_date", datetime.date(1990, 5, 17))
    sex = values.pop("sex", "M")
    row: dict[str, Any] = {
        "pinfl": values.pop("pinfl", None) or new_pinfl(birth, sex),
        "last_name": "Karimov", "first_name": "Aziz", "middle_name": "Anvarovich",
        "birth_date": birth, "sex": "Erkak" if sex == "M" else "Ayol",
        "organization_code": org, "staff_position_code": position, "assignment_start": start,
    }
    row.update(values)
    return {key: value for key, value in row.items() if value is not None or key in values}


def headers_for(kind: str, keys: Iterable[str], language: str = "uz") -> list[str]:
    columns = {c.key: c for c in RESOURCES[kind].column_list(language)}
    return [columns[key].header(language) for key in keys]


def table(kind: str, rows: Sequence[dict[str, Any]], language: str = "uz",
          keys: Sequence[str] | None = None) -> tuple[list[str], list[list[Any]]]:
    if keys is None:
        keys = []
        for row in rows:
            keys.extend(k for k in row if k not in keys)
    headers = headers_for(kind, keys, language)
    return headers, [[row.get(key) for key in keys] for row in rows]


def xlsx_bytes(headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers: Sequence[Any], rows: Iterable[Sequence[Any]], *, delimiter: str = ";",
              encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else (v.strftime("%d.%m.%Y") if hasattr(v, "strftime") else v)
                         for v in row])
    return buffer.getvalue().encode(encoding)


def write_file(directory: Path, kind: str, rows: Sequence[dict[str, Any]], *, fmt: str = "xlsx",
               language: str = "uz", name: str | None = None, keys: Sequence[str] | None = None) -> Path:
    headers, values = table(kind, rows, language, keys)
    path = directory / (name or f"{kind}.{fmt}")
    path.write_bytes(xlsx_bytes(headers, values) if fmt == "xlsx" else csv_bytes(headers, values))
    return path


def upload(content: bytes, name: str = "employees.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


# --- workbooks as HR offices keep them ---------------------------------------------------------------

@dataclass(frozen=True)
class OfficeWorkbook:
    """A spreadsheet an HR office keeps (built by :func:`office_workbook`) and what importing it must
    give: ``people`` are (pinfl, last name, first name, patronymic, Cyrillic surname, birth date, sex,
    education level, rate) as the record should hold them."""

    content: bytes
    name: str
    people: list[tuple[str, str, str, str, str, datetime.date, str, str, Decimal]]
    header_row: int


OFFICE_PEOPLE = [
    # Cyrillic names as a Russian-language office writes them, their Latin spelling as stored
    (("Каримова", "Дилноза", "Анваровна"), ("Karimova", "Dilnoza", "Anvarovna"), datetime.date(1996, 12, 7), "F",
     "Высшее", "bachelor", "1", Decimal("1.00")),
    (("Ғуломов", "Шерзод", "Баҳодирович"), ("Gʻulomov", "Sherzod", "Bahodirovich"), datetime.date(1988, 3, 21), "M",
     "Магистр", "master", "0,5", Decimal("0.50")),
    (("Юсупова", "Шаҳло", "Рустам қизи"), ("Yusupova", "Shahlo", "Rustam qizi"), datetime.date(1979, 11, 2), "F",
     "Средне-специальное", "vocational", "½", Decimal("0.50")),
]


def office_workbook(*, org: str = "A", positions: Sequence[str] = ("P1", "P2", "P3"), language: str = "ru",
                    fmt: str = "xlsx", start: datetime.date = datetime.date(2024, 3, 1)) -> OfficeWorkbook:
    """An HR office's list of staff: a title and a blank row above the header, the header in the
    office's own words (``language`` "ru", or "uz_cyrl" for Uzbek in Cyrillic), a row numbering the
    columns, a row-number column and a notes column, names in Cyrillic, PINFLs as numbers (one as
    "4.07…E+13" text), dates as date cells, text with "г.", dd/mm/yyyy and Excel serials, sex as
    М/Ж (Э/А), the education level without an institution, rates as "1", "0,5", "½", and the
    signature of the head of HR under the table."""
    from openpyxl.utils.datetime import to_excel

    if language == "ru":
        title = [f"Список сотрудников организации {org} по состоянию на 01.11.2026 г."]
        headers = ["№ п/п", "ПИНФЛ", "Фамилия", "Имя", "Отчество", "Дата рождения", "Пол", "Образование",
                   "Код организации", "Шифр должности", "Должность", "Дата приёма на работу", "Ставка",
                   "Тел.", "Примечание"]
        sexes, notes = {"M": "М", "F": "Ж"}, ["", "декретный отпуск до 2025 г.", "совместитель"]
        footer = [["Начальник отдела кадров", "", "", "", "А. Юсупов"]]
    else:
        title = [f"{org} ташкилоти ходимлари рўйхати (01.11.2026 ҳолатига)"]
        headers = ["Т/р", "ЖШШИР", "Фамилияси", "Исми", "Отасининг исми", "Туғилган санаси", "Жинси",
                   "Маълумоти", "Ташкилот коди", "Лавозим коди", "Лавозими", "Ишга қабул қилинган сана", "Ставка",
                   "Телефон рақами", "Изоҳ"]
        sexes, notes = {"M": "Э", "F": "А"}, ["", "бола парваришлаш таътилида", "ўриндош"]
        footer = [["Кадрлар бўлими бошлиғи", "", "", "", "А. Юсупов"]]
    rows: list[list[Any]] = []
    people = []
    for i, (cyrillic, latin, birth, sex, education, level, rate, rate_value) in enumerate(OFFICE_PEOPLE):
        pinfl = new_pinfl(birth, sex)
        # numbers as Excel keeps them; the second as the text Excel shows for a long number
        pinfl_cell: Any = int(pinfl) if i != 1 else f"{pinfl[0]}.{pinfl[1:].rstrip('0')}E+13"
        birth_cell: Any = [datetime.datetime.combine(birth, datetime.time()), birth.strftime("%d.%m.%Y г."),
                           birth.strftime("%d/%m/%Y")][i]
        start_cell: Any = [start, int(to_excel(start)), start.strftime("%d.%m.%Y")][i]
        rows.append([i + 1, pinfl_cell, *cyrillic, birth_cell, sexes[sex], education, org, positions[i],
                     "Бош мутахассис", start_cell, rate, f"+99890{1234567 + i}", notes[i]])
        people.append((pinfl, *latin, cyrillic[0], birth, sex, level, rate_value))
    layout: list[list[Any]] = [title, [], headers, list(range(1, len(headers) + 1)), *rows, [], *footer]
    if fmt == "xlsx":
        content = _xlsx_rows(layout)
    elif fmt == "ods":
        content = ods_bytes(layout)
    else:
        raise ValueError(fmt)
    return OfficeWorkbook(content=content, name=f"xodimlar-{org}.{fmt}", people=people, header_row=3)


def _xlsx_rows(layout: Sequence[Sequence[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in layout:
        sheet.append(list(row))
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD.MM.YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods_bytes(layout: Sequence[Sequence[Any]]) -> bytes:
    """A LibreOffice Calc (.ods) file, built by hand: a zip whose first, uncompressed member is
    ``mimetype``, with ``content.xml`` holding one table (dates as date cells, numbers as floats)."""
    from xml.sax.saxutils import escape

    def cell(value: Any) -> str:
        if value is None or value == "":
            return "<table:table-cell/>"
        if isinstance(value, datetime.datetime | datetime.date):
            day = value.date() if isinstance(value, datetime.datetime) else value
            return (f'<table:table-cell office:value-type="date" office:date-value="{day.isoformat()}">'
                    f"<text:p>{day.strftime('%d.%m.%Y')}</text:p></table:table-cell>")
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    rows = "".join(f"<table:table-row>{''.join(cell(v) for v in row) or '<table:table-cell/>'}</table:table-row>"
                   for row in layout)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return buffer.getvalue()


# --- fixtures shared by the import tests (import them into a test module to use them) ----------------

import pytest  # noqa: E402

from tests.factories import make_staff_position  # noqa: E402


@pytest.fixture
def positions(tree):
    """Staffing tables: A has P1 (2 units), P2 (1 unit), P3 (1 unit); B has Q1 (1 unit)."""
    return {
        "P1": make_staff_position(tree["A"], code="P1", rate_units="2"),
        "P2": make_staff_position(tree["A"], code="P2", rate_units="1"),
        "P3": make_staff_position(tree["A"], code="P3", rate_units="1"),
        "Q1": make_staff_position(tree["B"], code="Q1", rate_units="1"),
    }
