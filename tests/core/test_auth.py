import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_login_and_logout(client):
    UserFactory(username="aziz")
    response = client.post(reverse("login"), {"username": "aziz", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302  # back to the login page


@pytest.mark.django_db
def test_home_requires_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.django_db
def test_five_failures_lock_the_account_for_15_minutes(client, settings):
    UserFactory(username="target")
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "target", "password": "wrong-password"})
    # After the 5th failure even the right password is refused with the lockout page.
    response = client.post(reverse("login"), {"username": "target", "password": PASSWORD})
    assert response.status_code == 429
    assert b'data-testid="locked-out"' in response.content
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


@pytest.mark.django_db
def test_lockout_ends_after_cooloff(client, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt

    UserFactory(username="target")
    for _ in range(5):
        client.post(reverse("login"), {"username": "target", "password": "wrong-password"})
    assert AccessAttempt.objects.filter(username="target").exists()
    # Pretend the attempts were made 16 minutes ago.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=16))
    response = client.post(reverse("login"), {"username": "target", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_four_failures_do_not_lock(client):
    UserFactory(username="target")
    for _ in range(4):
        client.post(reverse("login"), {"username": "target", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "target", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_password_reset_by_email(client):
    UserFactory(username="forgetful", email="forgetful@example.uz")
    response = client.post(reverse("password_reset"), {"email": "forgetful@example.uz"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Brand-new-pass-42", "new_password2": "Brand-new-pass-42"})
    assert response.status_code == 302
    response = client.post(reverse("login"), {"username": "forgetful", "password": "Brand-new-pass-42"})
    assert response.status_code == 302 and response.url == reverse("home")


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only(client, settings):
    UserFactory(username="aziz")
    response = client.post(reverse("login"), {"username": "aziz", "password": PASSWORD})
    session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_api_token_auth(client):
    from rest_framework.authtoken.models import Token

    user = UserFactory(username="api_user")
    token = Token.objects.create(user=user)
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["username"] == "api_user"
    assert client.get("/api/v1/me/").status_code in (401, 403)


@pytest.mark.django_db
def test_api_schema_and_docs_served_locally(client):
    user = UserFactory()
    client.force_login(user)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"openapi: 3" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html
    # Swagger UI assets come from our own static files, never a CDN.
    assert "cdn" not in html.lower() and "unpkg" not in html.lower() and "jsdelivr" not in html.lower()
