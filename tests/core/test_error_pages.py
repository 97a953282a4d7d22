"""The demo never shows Django's debug page: `config.settings.local` runs with DEBUG off unless a
developer asks, and 400/403/404/500 are our own translated pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path

ROOT = Path(__file__).resolve().parents[2]


def boom(request):
    raise RuntimeError("a bug")


def bad(request):
    from django.core.exceptions import SuspiciousOperation

    raise SuspiciousOperation("tampered")


def fine(request):
    return HttpResponse("ok")


# The project's urls plus views that fail (the error pages link home, to the login and so on).
urlpatterns = [path("boom/", boom), path("bad/", bad), path("fine/", fine), path("", include("config.urls"))]
handler400 = "core.views.error_400"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_crash_renders_our_500_page_translated(client):
    client.raise_request_exception = False
    client.cookies["hr_language"] = "ru"
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert 'data-testid="error-500"' in html and 'lang="ru"' in html
    assert "Traceback" not in html and "RuntimeError" not in html
    assert "/static/core/css/app.css" in html  # styled like every page
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_suspicious_request_renders_our_400_page(client):
    response = client.get("/bad/")
    assert response.status_code == 400
    assert b'data-testid="error-400"' in response.content


@pytest.mark.django_db
def test_unknown_page_renders_our_404_page_in_uzbek(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-testid="error-404"' in html and "Sahifa topilmadi" in html


@pytest.mark.django_db
def test_expired_form_renders_our_csrf_page(hr_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(hr_a)
    response = client.post("/i18n/setlang/", {"language": "ru"})
    assert response.status_code == 403
    assert b'data-testid="error-csrf"' in response.content


LOCAL_PROBE = """
import django, sys
django.setup()
from django.conf import settings
from django.test import Client, override_settings
print("DEBUG", settings.DEBUG)
print("HOSTS", ",".join(settings.ALLOWED_HOSTS))
client = Client(raise_request_exception=False)
print("404", client.get("/no/such/page/").status_code, b'data-testid="error-404"' in client.get("/no/such/page/").content)
with override_settings(ROOT_URLCONF="tests.core.test_error_pages"):
    response = client.get("/boom/")
    print("500", response.status_code, b'data-testid="error-500"' in response.content, b"Traceback" in response.content)
    print("CSS", client.get("/static/core/css/app.css").status_code)
"""


def run_under_local_settings(**env_overrides) -> dict[str, list[str]]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.local", "SQLITE_PATH": "/tmp/hr-local-probe.sqlite3",
                **env_overrides})
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", LOCAL_PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.strip()}


def test_local_settings_the_demo_runs_without_debug_and_shows_our_pages():
    out = run_under_local_settings()
    assert out["DEBUG"] == ["False"]
    assert set(out["HOSTS"][0].split(",")) >= {"127.0.0.1", "localhost", "[::1]", "testserver"}
    assert out["404"] == ["404", "True"]
    assert out["500"] == ["500", "True", "False"]
    assert out["CSS"] == ["200"]  # WhiteNoise serves the stylesheet with DEBUG off


def test_a_developer_can_still_turn_debug_on():
    assert run_under_local_settings(DEBUG="true")["DEBUG"] == ["True"]
