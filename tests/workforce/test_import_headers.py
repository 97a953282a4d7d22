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


def test_unknown_header_is_ignored_with_a_warning_naming_it():
    match = match_headers(["PINFL", "Familiya", "Ism", "Shoe size"], columns())
    assert match.errors == ()
    assert [(w["row"], w["column"], w["code"]) for w in match.warnings] == [(1, "Shoe size", "header_ignored")]
    assert match.positions[3] is None


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


# --- the wordings of real workbooks ---------------------------------------------------------------

@pytest.mark.parametrize(("header", "key"), [
    ("Дата приёма на работу", "assignment_start"),
    ("ДАТА ПРИЕМА НА РАБОТУ", "assignment_start"),  # ё written е, capitals
    ("Ишга қабул қилинган сана", "assignment_start"),
    ("Ishga qabul qilingan sana", "assignment_start"),  # the same words in Latin
    ("Принят", "assignment_start"),
    ("Tugʻilgan sanasi", "birth_date"),
    ("Д.р.", "birth_date"),
    ("Дата рождения (дд.мм.гггг)", "birth_date"),  # a note in brackets
    ("Familiya*", "last_name"),  # the star of a required column
    ("1. Фамилия", "last_name"),  # numbered headers
    ("Лавозими", "staff_position_name"),
    ("Должность", "staff_position_name"),
    ("Образование", "education_level"),
    ("Маълумоти", "education_level"),
    ("Maʼlumoti", "education_level"),
    ("Ma'lumoti", "education_level"),
    ("Пол", "sex"),
    ("Jinsi", "sex"),
    ("ЖШШИР", "pinfl"),
    ("ПИНФЛ", "pinfl"),
    ("JSHSHIR", "pinfl"),
    ("Паспорт серия и номер", "passport"),
    ("Серия и номер паспорта", "passport"),
    ("Учебное заведение", "education_institution"),
    ("Специальность по диплому", "education_specialty"),
    ("Тел.", "phone"),
    ("Классный чин", "qualification_rank"),
    ("Шифр должности", "staff_position_code"),
])
def test_real_office_wordings(header, key):
    headers = {"pinfl": "PINFL", "last_name": "Familiya", "first_name": "Ism", key: header}
    if key not in ("pinfl", "last_name", "first_name"):
        headers = {key: header, **{k: v for k, v in headers.items() if k != key}}
    match = match_headers(list(headers.values()), columns())
    assert match.errors == () and match.warnings == ()
    found = match.positions[list(headers).index(key)]
    if found is None:  # a column for reading only (the position's name): recognised, not imported
        assert RESOURCES["employees"].column_list("uz")[[c.key for c in columns()].index(key)].readonly
    else:
        assert found.key == key


@pytest.mark.parametrize("kind", sorted(RESOURCES))
def test_synonyms_name_existing_columns(kind):
    from workforce.importing.synonyms import HEADER_SYNONYMS

    assert set(HEADER_SYNONYMS[kind]) <= {c.key for c in columns(kind)}


def test_row_number_columns_are_ignored_without_a_word():
    match = match_headers(["№", "п/п", "T/r", "PINFL", "Familiya", "Ism"], columns())
    assert match.errors == () and match.warnings == ()


def test_an_unknown_header_close_to_a_known_one_gets_a_suggestion_in_the_readers_language():
    from django.utils import translation

    from workforce.importing.errors import error_message

    match = match_headers(["PINFL", "Familiya", "Ism", "Дата рожденя"], columns())
    (warning,) = match.warnings
    assert warning["code"] == "header_ignored_suggestion" and warning["params"]["suggestion_key"] == "birth_date"
    with translation.override("ru"):
        assert "«Дата рожденя»" in error_message(warning) or "“Дата рожденя”" in error_message(warning)
        assert "Дата рождения" in error_message(warning)
    with translation.override("en"):
        assert "Did you mean “Date of birth”?" in error_message(warning)


def test_a_missing_required_column_names_the_lookalike_that_may_hold_it():
    from django.utils import translation

    from workforce.importing.errors import error_column, error_message

    match = match_headers(["ПИНФЛ", "Фамиля", "Имя"], columns())
    (error,) = match.errors
    assert error["code"] == ImportErrorCode.HEADER_MISSING_SUGGESTION and error["value"] == "Фамиля"
    assert match.warnings == ()  # said once, in the error
    with translation.override("en"):
        assert error_column(error) == "Last name"
        assert error_message(error) == ("The required column “Last name” is missing. If the column “Фамиля” holds "
                                        "it, rename it to “Last name”.")
    with translation.override("ru"):
        assert error_column(error) == "Фамилия"


def test_a_full_name_column_stands_for_the_three_name_columns():
    match = match_headers(["ПИНФЛ", "Ф.И.О.", "Дата рождения"], columns())
    assert match.errors == ()
    assert match.full_name == 1 and match.positions[1] is None
    assert [w["code"] for w in match.warnings] == ["full_name_split"]


def test_a_full_name_column_next_to_a_surname_column_is_ambiguous():
    match = match_headers(["ПИНФЛ", "ФИО", "Фамилия", "Имя"], columns())
    assert [e["code"] for e in match.errors] == [ImportErrorCode.HEADER_DUPLICATE]


def test_full_names_are_only_for_employees():
    match = match_headers(["Kod", "ФИО"], columns("organizations"))
    assert [w["code"] for w in match.warnings] == ["header_ignored"]


def test_the_header_row_is_found_below_a_title():
    from workforce.importing.headers import find_header_row

    head = [(1, ["Список сотрудников Министерства по состоянию на 01.11.2026", None, None]),
            (2, ["(тыс. сум)", None, None]),
            (4, ["ПИНФЛ", "Фамилия", "Имя"]),
            (5, ["40712966350029", "Karimova", "Dilnoza"])]
    match = find_header_row(head, columns())
    assert match.row == 4 and match.errors == ()
    assert [(w["code"], w["params"]["header_row"]) for w in match.warnings] == [("title_rows_skipped", 4)]
    assert find_header_row([(1, ["Hisobot", None]), (2, [1, 2])], columns()) is None
