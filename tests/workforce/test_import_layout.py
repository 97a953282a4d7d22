"""The shape of a sheet as offices lay it out: a title, a "ФИО" column, notes under the table
(``workforce.importing.base.Importer.read``)."""

import datetime

import pytest

from tests.workforce.import_factories import csv_bytes, new_pinfl, positions, xlsx_bytes
from workforce.importing.errors import ImportErrorCode
from workforce.models import Employee
from workforce.services.imports import import_path

__all__ = ["positions"]
BIRTH = datetime.date(1990, 5, 17)


def run(tmp_path, headers, rows, *, name="list.xlsx", dry_run=False):
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(headers, rows) if name.endswith(".xlsx") else csv_bytes(headers, rows))
    return import_path(path, kind="employees", dry_run=dry_run)


HEADERS = ["ПИНФЛ", "Ф.И.О.", "Дата рождения", "Код организации", "Код должности", "Дата назначения"]


@pytest.mark.django_db
def test_a_full_name_column_is_split_in_latin_or_cyrillic(tmp_path, positions):
    latin, cyrillic = new_pinfl(BIRTH), new_pinfl(BIRTH)
    result = run(tmp_path, HEADERS, [
        [latin, "Karimov Aziz Anvar oʻgʻli", BIRTH, "A", "P1", "01.03.2024"],
        [cyrillic, "Тошматов Жасур Бахтиёрович", BIRTH, "A", "P1", "01.03.2024"],
    ])
    assert result.errors == [] and result.written, result.errors
    aziz = Employee.objects.get(pinfl=latin)
    assert (aziz.last_name, aziz.first_name, aziz.middle_name) == ("Karimov", "Aziz", "Anvar oʻgʻli")
    jasur = Employee.objects.get(pinfl=cyrillic)
    assert (jasur.last_name, jasur.first_name, jasur.middle_name) == ("Toshmatov", "Jasur", "Baxtiyorovich")
    assert (jasur.last_name_cyrl, jasur.first_name_cyrl) == ("Тошматов", "Жасур")
    assert {w["code"] for w in result.warnings} == {"full_name_split", "names_transliterated"}


@pytest.mark.django_db
def test_a_full_name_of_one_word_is_an_error_on_that_column(tmp_path, positions):
    result = run(tmp_path, HEADERS, [[new_pinfl(BIRTH), "Karimov", BIRTH, "A", "P1", "01.03.2024"],
                                     [new_pinfl(BIRTH), "", BIRTH, "A", "P1", "01.03.2024"]], dry_run=True)
    assert [(e["row"], e["column"], e["code"]) for e in result.errors] == [
        (2, "Ф.И.О.", ImportErrorCode.FULL_NAME_PARTS), (3, "Ф.И.О.", ImportErrorCode.REQUIRED)]


@pytest.mark.django_db
def test_a_record_without_its_pinfl_is_an_error_not_a_note(tmp_path, positions):
    headers = ["T/r", "PINFL", "Familiya", "Ism", "Tashkilot kodi", "Lavozim kodi", "Lavozimga tayinlangan sana"]
    start = datetime.date(2024, 3, 1)
    result = run(tmp_path, headers, [[1, "", "Qodirov", "Bobur", "A", "P1", start],
                                     [2, new_pinfl(), "Karimov", "Aziz", "A", "P1", start],
                                     [3, "", "Saidova", "Nilufar", "A", "P1", start],
                                     ["Jami: 3 nafar"], ["", "", "Kadrlar boʻlimi boshligʻi", "", "A. Yusupov"]],
                 dry_run=True)
    assert [(e["row"], e["code"]) for e in result.errors] == [(2, ImportErrorCode.REQUIRED),
                                                              (4, ImportErrorCode.REQUIRED)]
    assert [(w["code"], w["params"]["rows"]) for w in result.warnings] == [("note_rows_skipped", "5, 6")]
    assert result.total_rows == 3


@pytest.mark.django_db
def test_a_csv_with_a_title_and_dashes_for_empty_cells(tmp_path, positions):
    pinfl = new_pinfl()
    path = tmp_path / "list.csv"
    path.write_text("Xodimlar roʻyxati;;;;;;\n;;;;;;\nPINFL;Familiya;Ism;Otasining ismi;Tashkilot kodi;Lavozim kodi;"
                    f"Lavozimga tayinlangan sana\n{pinfl};Karimov;Aziz;-;A;P1;01.03.2024\n", encoding="utf-8-sig")
    result = import_path(path, kind="employees", dry_run=False)
    assert result.errors == [] and result.written, result.errors
    assert Employee.objects.get(pinfl=pinfl).middle_name == ""
    assert [w["code"] for w in result.warnings] == ["title_rows_skipped"]


@pytest.mark.django_db
def test_a_title_and_a_header_but_no_rows(tmp_path, positions):
    result = run(tmp_path, ["Roʻyxat"], [[], ["PINFL", "Familiya", "Ism"]], dry_run=True)
    assert [e["code"] for e in result.errors] == [ImportErrorCode.NO_ROWS]
    assert result.file_errors == result.errors and not result.importable
