"""What people read in Uzbek (and Russian) where the text comes from Django, DRF or django-filter:
login errors, password validators, the API's 404 and validation messages, sort options, and the
empty choice of selects."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_login_error_is_in_uzbek(client):
    UserFactory(username="aziz")
    html = client.post(reverse("login"), {"username": "aziz", "password": "wrong"}).content.decode()
    assert "Iltimos, toʻgʻri" in html or "toʻgʻri" in html
    assert "Please enter a correct" not in html


@pytest.mark.django_db
def test_password_change_validators_speak_uzbek(client):
    user = UserFactory(username="aziz")
    client.force_login(user)
    page = client.get(reverse("password_change")).content.decode()
    assert "Parolingiz kamida 10 ta belgidan iborat boʻlishi kerak." in page
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "12345", "new_password2": "12345"})
    html = response.content.decode()
    assert "Bu parol juda qisqa" in html and "faqat raqamlardan iborat" in html
    assert "too short" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [("uz", "Topilmadi."), ("ru", "Страница не найдена.")])
def test_api_404_is_translated(client, hr_a, language, expected):
    client.force_login(hr_a)
    client.cookies["hr_language"] = language
    body = client.get("/api/v1/employees/987654/").json()
    assert body == {"code": "not_found", "message": expected}


@pytest.mark.django_db
def test_api_validation_messages_are_in_uzbek(client, hr_a):
    client.force_login(hr_a)
    body = client.post("/api/v1/employees/", {}, content_type="application/json").json()
    assert body["code"] == "invalid" and body["message"] == "Bu maydon toʻldirilishi shart."


@pytest.mark.django_db
def test_api_without_credentials_says_so_in_uzbek(client):
    assert client.get("/api/v1/employees/").json()["message"] == "Kirish maʼlumotlari berilmagan."


@pytest.mark.django_db
def test_sort_options_say_descending_in_uzbek(client, hr_a):
    client.force_login(hr_a)
    html = client.get("/workforce/employees/").content.decode()
    assert "(kamayish boʻyicha)" in html and "descending" not in html


@pytest.mark.django_db
def test_selects_never_show_dashes(client, hr_a, admin_user, tree):
    client.force_login(hr_a)
    for url in ("/workforce/employees/", "/workforce/employees/new/", "/workforce/reserve/new/",
                f"/workforce/organizations/{tree['A'].pk}/staffing/new/"):
        html = client.get(url).content.decode()
        assert "---------" not in html, url
    assert "Barchasi" in client.get("/workforce/employees/").content.decode()
    assert "Tanlang…" in client.get("/workforce/employees/new/").content.decode()
    client.force_login(admin_user)
    for url in ("/admin/workforce/rolegrant/add/", "/admin/workforce/employee/", "/admin/core/user/"):
        html = client.get(url).content.decode()
        assert "---------" not in html, url
