import datetime
from decimal import Decimal

import pytest

from workforce.importing import cleaning
from workforce.importing.employees import EMPLOYEE_FIELDS, E, _search_text, reference_search_text
from workforce.importing.errors import CellError, ImportErrorCode
from workforce.resources import EmployeeResource, StaffPositionResource


def widget(key, resource=EmployeeResource):
    return {c.key: c for c in resource.column_list("uz")}[key].widget


def code_of(function, value):
    with pytest.raises(CellError) as info:
        function(value)
    return info.value.code


@pytest.mark.parametrize(("raw", "expected"), [
    ("  Karimov  ", "Karimov"),
    ("Abdulla\u00a0\u00a0Karimov", "Abdulla Karimov"),
    ("Abdulla\tKarimov\n", "Abdulla Karimov"),
    ("Kari\u200bmov", "Karimov"),
    (40712966350029.0, "40712966350029"),
    (2019, "2019"),
    (datetime.date(1996, 12, 7), "07.12.1996"),
    ("'=SUM(A1)", "=SUM(A1)"),  # the apostrophe our exports add before formula-like text comes off
    ("'+998901234567", "+998901234567"),
    ("'Abdulla", "'Abdulla"),
])
def test_text(raw, expected):
    assert cleaning.text(raw) == expected


@pytest.mark.parametrize("raw", [40712966350029.0, 40712966350029, "40712966350029", " 4071 2966 3500 29 ",
                                 "4.0712966350029E+13", "'40712966350029", "40712966350029.0"])
def test_pinfl_as_number_text_or_float(raw):
    assert cleaning.digits(raw) == "40712966350029"


@pytest.mark.parametrize("raw", [datetime.date(1996, 12, 7), datetime.datetime(1996, 12, 7, 0, 0), 35406, 35406.0,
                                 "35406", "07.12.1996", "7.12.1996", "07/12/1996", "07-12-1996", "1996-12-07",
                                 "1996-12-07 00:00:00", " 07.12.1996\u00a0", "07.12.1996 00:00",
                                 "07.12.1996 г.", "07.12.1996г", "07.12.1996 y.", "07.12.1996 yil",
                                 "7 декабря 1996 г.", "7 декабря 1996 года", "07 dekabr 1996", "7-dekabr, 1996",
                                 "7 December 1996"])
def test_dates(raw):
    assert cleaning.date_value(raw) == datetime.date(1996, 12, 7)


@pytest.mark.parametrize("raw", ["31.02.2000", "12.1996", "yesterday", "07.12.96", 0, 99999999, "1800-01-01",
                                 1996, "1996", "7 smarch 1996", "г."])
def test_bad_dates(raw):
    assert code_of(cleaning.date_value, raw) == ImportErrorCode.DATE_INVALID


def test_future_dates_are_refused_where_they_cannot_be():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    assert code_of(widget("birth_date").parse, tomorrow) == ImportErrorCode.DATE_IN_FUTURE
    assert widget("assignment_start").parse(tomorrow) == tomorrow


@pytest.mark.parametrize(("raw", "expected"), [
    ("Erkak", "M"), ("erkak", "M"), ("Эркак", "M"), ("Э", "M"), ("Мужской", "M"), ("муж", "M"), ("M", "M"),
    ("male", "M"), ("Male", "M"), ("Ayol", "F"), ("Аёл", "F"), ("А", "F"), ("Женский", "F"), ("ж", "F"), ("F", "F"),
    ("female", "F"), ("Female", "F"),
])
def test_sex_words(raw, expected):
    assert cleaning.SEX_WORDS(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("М", "M"), ("Ж", "F"), ("Э", "M"), ("А", "F"), ("муж.", "M"), ("жен.", "F"), ("Мужчина", "M"),
    ("Женщина", "F"), ("w", "F"), ("E", "M"), ("A", "F"),
])
def test_sex_as_offices_abbreviate_it(raw, expected):
    assert cleaning.SEX_WORDS(raw) == expected


def test_unknown_sex_lists_the_allowed_words_in_the_readers_language():
    from django.utils import translation

    from workforce.importing.errors import error_message

    with pytest.raises(CellError) as info:
        cleaning.SEX_WORDS("x")
    assert info.value.code == ImportErrorCode.CHOICE_INVALID
    error = {"code": info.value.code, "params": info.value.params}
    with translation.override("ru"):
        assert "Мужской, Женский" in error_message(error) and "М / Ж" in error_message(error)
    with translation.override("en"):
        assert "Male, Female" in error_message(error)
    with translation.override("uz"):
        assert "Erkak, Ayol" in error_message(error)


def test_an_unknown_yes_no_lists_yes_and_no_in_the_readers_language():
    from django.utils import translation

    from workforce.importing.errors import error_message

    with pytest.raises(CellError) as info:
        cleaning.boolean_value("maybe")
    with translation.override("ru"):
        assert error_message({"code": info.value.code, "params": info.value.params}).endswith("Да / Нет.")


@pytest.mark.parametrize(("raw", "expected"), [
    ("Respublika", "republican"), ("Республиканский", "republican"), ("Hududiy", "territorial"),
    ("Районный", "district"), ("Tuman", "district"), ("Milliy", "national"), ("National", "national"),
])
def test_organisation_levels_in_every_language(raw, expected):
    assert cleaning.ORGANIZATION_LEVEL_WORDS(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("Oliy (bakalavr)", "bachelor"), ("высшее", "bachelor"), ("Bachelor", "bachelor"), ("Higher (bachelor)", "bachelor"),
    ("magistr", "master"), ("Магистр", "master"), ("master", "master"), ("Oʻrta maxsus", "vocational"),
    ("O'rta maxsus", "vocational"), ("среднее специальное", "vocational"), ("Умумий ўрта", "secondary"),
    ("PhD", "phd"), ("доктор философии", "phd"), ("Fan doktori", "dsc"), ("DSc", "dsc"),
])
def test_education_levels(raw, expected):
    assert cleaning.EDUCATION_WORDS(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("uz, ru", ["uz", "ru"]), ("UZ;RU;EN", ["uz", "ru", "en"]), ("Ўзбек / Русский", ["uz", "ru"]),
    ("oʻzbek tili, ingliz tili", ["uz", "en"]), ("Английский", ["en"]), ("nemis, uz, uz", ["de", "uz"]),
])
def test_languages(raw, expected):
    assert cleaning.languages_value(raw) == expected


def test_unknown_language():
    with pytest.raises(CellError) as info:
        cleaning.languages_value("uz, klingon")
    assert (info.value.code, info.value.params) == (ImportErrorCode.LANGUAGE_UNKNOWN, {"language": "klingon"})


@pytest.mark.parametrize(("raw", "expected"), [("½", "0.50"), ("1/2", "0.50"), ("¼", "0.25"), ("3/4", "0.75"),
                                               ("1,0", "1.00"), ("1.0", "1.00")])
def test_rates_written_as_fractions(raw, expected):
    assert str(widget("rate").parse(raw)) == expected


@pytest.mark.parametrize(("raw", "expected"), [("0,5", "0.50"), (0.5, "0.50"), ("1", "1.00"), (1, "1.00"),
                                               (1.0, "1.00"), (" 0.75 ", "0.75")])
def test_decimals_with_comma(raw, expected):
    assert cleaning.decimal_value(raw) == Decimal(expected)


def test_rate_range_and_bad_numbers():
    rate = widget("rate")
    assert code_of(rate.parse, "1,5") == ImportErrorCode.RATE_INVALID
    assert code_of(rate.parse, "0.1") == ImportErrorCode.RATE_INVALID
    assert code_of(rate.parse, "half") == ImportErrorCode.NUMBER_INVALID
    assert code_of(widget("rate_units", StaffPositionResource).parse, "0") == ImportErrorCode.NUMBER_OUT_OF_RANGE


def test_years():
    year = widget("education_year")
    assert year.parse("2019") == 2019
    assert year.parse(2019.0) == 2019
    assert code_of(year.parse, "19") == ImportErrorCode.YEAR_INVALID
    assert code_of(year.parse, "twenty") == ImportErrorCode.YEAR_INVALID


@pytest.mark.parametrize(("raw", "expected"), [("Ha", True), ("да", True), ("yes", True), (True, True), (1.0, True),
                                               ("Yoʻq", False), ("нет", False), ("No", False), (0, False)])
def test_booleans(raw, expected):
    assert cleaning.boolean_value(raw) is expected


def test_passport_phone_citizenship_email():
    assert cleaning.passport_value("aa 1234567") == "AA1234567"
    assert code_of(cleaning.passport_value, "A1234567") == ImportErrorCode.PASSPORT_FORMAT
    assert cleaning.phone_value("+998 (90) 123-45-67") == "+998 (90) 123-45-67"
    assert cleaning.phone_value(998901234567.0) == "998901234567"
    assert code_of(cleaning.phone_value, "call me") == ImportErrorCode.PHONE_INVALID
    assert cleaning.citizenship_value("uz") == "UZ"
    assert cleaning.citizenship_value("Oʻzbekiston") == "UZ"
    assert cleaning.citizenship_value("Узбекистан") == "UZ"
    assert code_of(cleaning.citizenship_value, "Atlantis") == ImportErrorCode.CITIZENSHIP_INVALID
    assert widget("email").parse(" d.karimova@example.uz ") == "d.karimova@example.uz"
    assert code_of(widget("email").parse, "not-an-address") == ImportErrorCode.EMAIL_INVALID
    assert code_of(widget("email").parse, "a@b") == ImportErrorCode.EMAIL_INVALID


def test_names_by_script_and_apostrophes():
    latin, cyrillic = widget("last_name"), widget("last_name_cyrl")
    assert latin.parse("G'ulomov") == "Gʻulomov"
    assert latin.parse("G‘ulomov") == "Gʻulomov"
    # A name in Cyrillic is written in Latin letters and kept as the Cyrillic spelling
    name = latin.parse("Ғуломов")
    assert (name, name.cyrillic) == ("Gʻulomov", "Ғуломов")
    assert code_of(latin.parse, "Ғуломoв") == ImportErrorCode.LATIN_EXPECTED  # a Latin "o" among Cyrillic letters
    assert cyrillic.parse("Ғуломов") == "Ғуломов"
    assert code_of(cyrillic.parse, "Gulomov") == ImportErrorCode.CYRILLIC_EXPECTED
    assert code_of(latin.parse, "x" * 101) == ImportErrorCode.TOO_LONG


def test_repeating_values_are_cleaned_once_but_errors_are_raised_every_time():
    parse = widget("sex").parser()
    assert parse("Erkak") == "M" and parse("Erkak") == "M"
    for _ in range(2):
        with pytest.raises(CellError):
            parse("?")


@pytest.mark.parametrize("names", [
    ("Karimov", "Aziz", "Anvarovich", "", "", ""),
    ("Gʻulomov", "Oʻgʻiloy", "", "Ғуломов", "Ўғилой", ""),
    ("Gulyamov", "Timur", "Rustamovich", "Гулямов", "Тимур", "Рустамович"),
    ("Toshmatova", "Dilnoza", "", "Тошматова", "Дилноза", ""),
    ("  O'Neil ", "Jean-Luc", "Ma'ruf", "", "", ""),
    ("Xo‘jayev", "Ëlg'in", "", "Хўжаев", "", ""),
])
def test_fast_search_text_equals_the_services_search_text(names):
    record = [None] * len(EMPLOYEE_FIELDS)
    for name, value in zip(("last_name", "first_name", "middle_name", "last_name_cyrl", "first_name_cyrl",
                            "middle_name_cyrl"), names, strict=True):
        record[E[name]] = value
    assert _search_text(record) == reference_search_text(record)


def test_the_fast_pinfl_check_never_accepts_what_the_validator_refuses():
    import random

    from workforce.importing.employees import pinfl_looks_valid
    from workforce.validators import make_pinfl, pinfl_problems

    rng = random.Random(7)
    samples = []
    for _ in range(3000):
        birth = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randrange(0, 30000))
        sex = rng.choice("MF")
        pinfl = make_pinfl(birth, sex, rng.randrange(1000), rng.randrange(1000))
        samples.append((pinfl, birth, sex))
        position = rng.randrange(14)
        broken = pinfl[:position] + str(rng.randrange(10)) + pinfl[position + 1:]
        samples.append((broken, rng.choice([birth, None, birth + datetime.timedelta(days=1)]),
                        rng.choice([sex, None, "M", "F"])))
    samples += [("", None, None), ("1234567890123", None, None), ("12345678901234", None, None),
                ("4071296635002x", None, None), ("٤0712966350029", None, None), ("40712966350029", None, "M")]
    for pinfl, birth, sex in samples:
        fast = pinfl_looks_valid(pinfl, birth, sex)
        assert fast == (pinfl_problems(pinfl, birth_date=birth, sex=sex) == []), (pinfl, birth, sex)
