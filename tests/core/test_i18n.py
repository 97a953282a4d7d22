import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_default_language_is_uzbek(client):
    response = client.get(reverse("login"))
    assert response.headers["Content-Language"] == "uz"
    assert 'lang="uz"' in response.content.decode()


@pytest.mark.django_db
def test_browser_language_does_not_override_uzbek_default(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "uz"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "word"), [("ru", "Войти"), ("en", "Log in"), ("uz", "Kirish"), ("uz-cyrl", "Кириш")]
)
def test_language_switch_translates_the_page(client, language, word):
    response = client.post(reverse("set_language"), {"language": language, "next": reverse("login")})
    assert response.status_code == 302
    page = client.get(reverse("login")).content.decode()
    assert f'lang="{language}"' in page
    assert word in page


@pytest.mark.django_db
def test_language_choice_is_remembered_on_the_account(client):
    user = UserFactory(username="polyglot")
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    user.refresh_from_db()
    assert user.preferred_language == "ru"
    # A new browser (no cookie) gets Russian back at login.
    other = client.__class__()
    response = other.post(reverse("login"), {"username": "polyglot", "password": PASSWORD})
    assert response.cookies["hr_language"].value == "ru"
    assert 'lang="ru"' in other.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_dates_and_numbers_are_localised(client, admin_user):
    import datetime

    from django.utils import formats, translation

    day = datetime.date(2026, 11, 26)
    with translation.override("ru"):
        ru = formats.date_format(day, "DATE_FORMAT")
        ru_number = formats.number_format(1234567, use_l10n=True, force_grouping=True)
    with translation.override("en"):
        en = formats.date_format(day, "DATE_FORMAT")
    with translation.override("uz"):
        uz = formats.date_format(day, "DATE_FORMAT")
    assert "ноября" in ru
    assert "Nov" in en and "2026" in en
    assert "noyabr" in uz.lower()
    assert ru_number.replace("\xa0", " ") == "1 234 567"


@pytest.mark.django_db
def test_the_language_service_keeps_only_known_codes_for_signed_in_users():
    from django.contrib.auth.models import AnonymousUser

    from core.services import user_set_preferred_language
    from tests.factories import UserFactory

    user = UserFactory(username="til")
    assert user_set_preferred_language(user=user, language="ru") is True
    assert user_set_preferred_language(user=user, language="ru") is False  # nothing to change
    assert user_set_preferred_language(user=user, language="xx") is False
    user.refresh_from_db()
    assert user.preferred_language == "ru"
    assert user_set_preferred_language(user=AnonymousUser(), language="en") is False
