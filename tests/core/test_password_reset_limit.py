"""Password reset is rate-limited per e-mail address and per client address, and the page never
tells whether an account uses the address."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def ask(client, email, ip="10.1.2.3"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_three_mails_per_account_per_hour_then_try_later(client, settings):
    assert settings.PASSWORD_RESET_MAX_PER_ACCOUNT == 3
    UserFactory(username="forgetful", email="forgetful@example.uz")
    for _ in range(3):
        assert ask(client, "forgetful@example.uz").status_code == 302
    assert len(mail.outbox) == 3
    response = ask(client, "Forgetful@Example.uz")  # the same address, however it is typed
    assert response.status_code == 429
    assert b'data-testid="reset-limited"' in response.content
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_the_answer_is_the_same_for_an_unknown_address(client):
    UserFactory(username="forgetful", email="forgetful@example.uz")
    known = [ask(client, "forgetful@example.uz").status_code for _ in range(4)]
    unknown = [ask(client, "nobody@example.uz", ip="10.9.9.9").status_code for _ in range(4)]
    assert known == unknown == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_ten_requests_per_address_per_hour(client, settings):
    assert settings.PASSWORD_RESET_MAX_PER_IP == 10
    for n in range(10):
        assert ask(client, f"person{n}@example.uz").status_code == 302
    response = ask(client, "person10@example.uz")
    assert response.status_code == 429
    assert b'data-testid="reset-limited"' in response.content
    assert ask(client, "person10@example.uz", ip="10.4.4.4").status_code == 302  # another address is not limited


@pytest.mark.django_db
def test_the_limit_message_is_translated(client):
    client.cookies["hr_language"] = "ru"
    for _ in range(3):
        ask(client, "x@example.uz")
    html = ask(client, "x@example.uz").content.decode()
    assert "Слишком много" in html


@pytest.mark.django_db
def test_counters_end_with_the_window(client, settings):
    settings.PASSWORD_RESET_WINDOW_SECONDS = 1
    for _ in range(3):
        ask(client, "x@example.uz")
    assert ask(client, "x@example.uz").status_code == 429
    import time

    time.sleep(1.1)
    assert ask(client, "x@example.uz").status_code == 302


def test_consume_counts_atomically_in_the_cache():
    from core.ratelimit import consume, limit_key

    key = limit_key("test", "Someone@Example.uz")
    assert key == limit_key("test", " someone@example.uz ")
    assert "someone" not in key  # hashed: no personal data in the cache keys
    assert [consume(key, limit=2, window_seconds=60) for _ in range(4)] == [True, True, False, False]
