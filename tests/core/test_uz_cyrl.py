"""Uzbek Cyrillic as the fourth UI language: switch, account preference, formats, admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import get_language_info

from core.i18n import language_suffix, localized_value, person_name
from tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_the_switch_offers_four_languages_and_sets_uzbek_cyrillic(client):
    page = client.get(reverse("login")).content.decode()
    for label in ("Oʻzb", "Ўзб", "Рус", "Eng"):
        assert f">{label}</button>" in page
    assert 'data-testid="lang-uz-cyrl"' in page

    response = client.post(reverse("set_language"), {"language": "uz-cyrl", "next": reverse("login")})

    assert response.cookies["hr_language"].value == "uz-cyrl"
    page = client.get(reverse("login")).content.decode()
    assert 'lang="uz-cyrl"' in page
    assert "Кириш" in page and "Kirish" not in page
    assert "Паролни унутдингизми?" in page


@pytest.mark.django_db
def test_uzbek_cyrillic_is_kept_on_the_account_and_restored_at_login(client):
    user = UserFactory(username="kirill")
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "uz-cyrl", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "uz-cyrl"
    user.full_clean()  # the field's choices accept it

    browser = client.__class__()
    response = browser.post(reverse("login"), {"username": "kirill", "password": PASSWORD})
    assert response.cookies["hr_language"].value == "uz-cyrl"
    assert 'lang="uz-cyrl"' in browser.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_the_account_preference_applies_without_a_cookie(client):
    user = UserFactory(username="kirill2", preferred_language="uz-cyrl")
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.headers["Content-Language"] == "uz-cyrl"
    assert "Чиқиш" in response.content.decode()  # "Log out"


def test_django_knows_the_language_and_its_formats():
    info = get_language_info("uz-cyrl")
    assert info["name_local"] == "Ўзбекча" and info["bidi"] is False
    assert translation.to_locale("uz-cyrl") == "uz_Cyrl"
    day = datetime.date(2026, 11, 26)
    with translation.override("uz-cyrl"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "26.11.2026"
        assert formats.date_format(day, "DATE_FORMAT") == "26-Ноябр, 2026-йил"  # capitalised like Django's Uzbek "Noyabr"
        assert formats.date_format(datetime.date(2026, 9, 1), "YEAR_MONTH_FORMAT") == "Сентябр 2026-йил"
        assert formats.number_format(1234567, use_l10n=True, force_grouping=True) == "1\xa0234\xa0567"
        assert formats.number_format("1.5", decimal_pos=1, use_l10n=True) == "1,5"
    with translation.override("uz"):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "26.11.2026"


def test_language_suffix_and_fallback_for_names_kept_in_four_scripts():
    class Named:
        name_uz = "Ichki ishlar vazirligi"
        name_uz_cyrl = ""
        name_ru = "Министерство внутренних дел"
        name_en = "Ministry of Internal Affairs"

    assert language_suffix("uz-cyrl") == "uz_cyrl"
    # No Cyrillic name: the Latin one transliterated, not the Russian one.
    assert localized_value(Named(), "name", "uz-cyrl") == "Ички ишлар вазирлиги"
    named = Named()
    named.name_uz_cyrl = "Ички ишлар вазирлиги (ИИВ)"
    assert localized_value(named, "name", "uz-cyrl") == "Ички ишлар вазирлиги (ИИВ)"
    assert localized_value(named, "name", "ru") == "Министерство внутренних дел"
    assert person_name("Gʻulomov", "", "uz-cyrl") == "Ғуломов"
    assert person_name("Gʻulomov", "Гулямов", "uz-cyrl") == "Гулямов"
    assert person_name("Gʻulomov", "Гулямов", "uz") == "Gʻulomov"


@pytest.mark.django_db
def test_the_django_admin_speaks_uzbek_cyrillic(client, admin_user):
    client.force_login(admin_user)
    client.cookies["hr_language"] = "uz-cyrl"
    page = client.get(reverse("admin:index")).content.decode()
    assert "Хуш келибсиз," in page  # the admin's own "Welcome,", from Django's Uzbek catalog
    assert "Xush kelibsiz," not in page
