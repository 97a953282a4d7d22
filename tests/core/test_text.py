import pytest

from core.text import collapse_spaces, normalize_apostrophes, search_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Тошкентов", "Toshkentov"),
        ("Gʻulomov", "G'ulomov"),
        ("G‘ulomov", "Gʻulomov"),
        ("Ғуломов", "Gʻulomov"),
        ("Qoʻqon", "Қўқон"),
        ("  SHAHRISABZ ", "шаҳрисабз"),
        ("Oʼzbekiston", "O`zbekiston"),
    ],
)
def test_search_key_folds_scripts_and_apostrophes(a, b):
    assert search_key(a) == search_key(b)


def test_search_key_keeps_distinct_names_distinct():
    assert search_key("Karimov") != search_key("Karimova")
    assert search_key("Toshkent") == "toshkent"


def test_search_key_empty():
    assert search_key(None) == ""
    assert search_key("  ") == ""


def test_normalize_apostrophes_uses_official_letters():
    assert normalize_apostrophes("G'ulomov Ma'mur o`g‘li") == "Gʻulomov Maʼmur oʻgʻli"


def test_collapse_spaces_handles_excel_nbsp():
    assert collapse_spaces("\xa0Karimov \t Aziz\n") == "Karimov Aziz"
