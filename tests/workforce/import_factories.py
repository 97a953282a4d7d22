"""Spreadsheets for the import tests: rows as {column key: value}, written as xlsx or csv with the
headers of any language."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
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
