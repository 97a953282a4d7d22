import pytest

from workforce.importing.errors import ImportErrorCode
from workforce.importing.headers import header_index, header_key, match_headers
from workforce.resources import RESOURCES, EmployeeResource

LANGUAGES = ("uz", "uz_cyrl", "ru", "en")


def columns(kind="employees"):
    return RESOURCES[kind].column_list("uz")


@pytest.mark.parametrize("kind", sorted(RESOURCES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_header_in_every_language_is_recognised(kind, language):
    cols = columns(kind)
    match = match_headers([c.headers[language] for c in cols], cols)
    assert match.errors == ()
    imported = [c.key for c in cols if not c.readonly]
    assert [c.key for c in match.positions if c is not None] == imported


@pytest.mark.parametrize("kind", sorted(RESOURCES))
def test_no_header_word_belongs_to_two_columns(kind):
    index = header_index(columns(kind))  # raises ImproperlyConfigured on a clash
    assert index[header_key(columns(kind)[0].headers["ru"])] is not None


@pytest.mark.parametrize("header", ["ПИНФЛ", "JShShIR", "PINFL", "pinfl", " P I N F L ", "жшшир", "Jshshir"])
def test_pinfl_header_variants(header):
    match = match_headers([header, "Familiya", "Ism"], columns())
    assert match.errors == ()
    assert match.positions[0].key == "pinfl"


@pytest.mark.parametrize("header", ["Фамилия", "Familiya", "Last name", "LAST  NAME", "last_name", "фамилия "])
def test_last_name_header_variants(header):
    match = match_headers(["PINFL", header, "Имя"], columns())
    assert match.errors == ()
    assert match.positions[1].key == "last_name"


@pytest.mark.parametrize("header", ["Tugʻilgan sana", "Tug'ilgan sana", "TUG‘ILGAN  SANA", "Туғилган сана",
                                    "Дата рождения", "Date of birth", "date-of-birth"])
def test_apostrophes_script_and_punctuation_do_not_matter(header):
    match = match_headers(["PINFL", "Familiya", "Ism", header], columns())
    assert match.errors == ()
    assert match.positions[3].key == "birth_date"


def test_unknown_header_is_an_error_naming_it():
    match = match_headers(["PINFL", "Familiya", "Ism", "Shoe size"], columns())
    assert [(e["row"], e["column"], e["code"]) for e in match.errors] == [(1, "Shoe size", ImportErrorCode.HEADER_UNKNOWN)]


def test_duplicate_header_is_an_error_naming_both():
    match = match_headers(["PINFL", "Familiya", "Ism", "ПИНФЛ"], columns())
    (error,) = match.errors
    assert error["code"] == ImportErrorCode.HEADER_DUPLICATE
    assert error["column"] == "ПИНФЛ"
    assert error["params"] == {"header": "ПИНФЛ", "other": "PINFL"}


def test_missing_required_header_is_an_error_in_every_language():
    match = match_headers(["Familiya", "Ism"], columns())
    (error,) = match.errors
    assert error["code"] == ImportErrorCode.HEADER_MISSING
    assert "JShShIR" in error["column"] and "ПИНФЛ" in error["column"] and "PINFL" in error["column"]


def test_read_only_columns_are_recognised_but_not_imported():
    headers = ["PINFL", "Familiya", "Ism", "Tashkilot nomi", "Статус"]
    match = match_headers(headers, columns())
    assert match.errors == ()
    assert match.positions[3] is None and match.positions[4] is None


def test_empty_header_cells_are_ignored():
    match = match_headers(["PINFL", "", None, "Familiya", "Ism"], columns())
    assert match.errors == ()


def test_export_headers_follow_the_language():
    assert EmployeeResource(language="ru").get_export_headers()[:2] == ["ПИНФЛ", "Фамилия"]
    assert EmployeeResource(language="en").get_export_headers()[:2] == ["PINFL", "Last name"]
    assert EmployeeResource(language="uz").get_export_headers()[:2] == ["JShShIR", "Familiya"]
