"""Security headers of every page: a Content-Security-Policy that forbids inline scripts, and
``Cache-Control: no-store`` on whatever carries personal data (and, by default, on every page)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loaders.app_directories import get_app_template_dirs

from tests.factories import make_staffed_employee

ROOT = Path(__file__).resolve().parents[2]


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.fixture
def hr_client(client, hr_a, tree):
    client.force_login(hr_a)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/password/reset/", "/verify/NOPE/"])
def test_public_pages_send_a_csp_without_inline_scripts(client, url):
    policy = directives(client.get(url))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no hosts
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]


@pytest.mark.django_db
def test_pages_behind_login_and_the_api_send_the_csp(hr_client, tree):
    employee = make_staffed_employee(tree["A"])
    for url in ("/", "/workforce/employees/", f"/workforce/employees/{employee.pk}/", "/api/v1/employees/",
                "/api/docs/"):
        policy = directives(hr_client.get(url))
        assert policy["script-src"] == ["'self'"], url


@pytest.mark.django_db
def test_admin_and_browsable_api_alone_may_use_inline_styles_never_inline_scripts(client, admin_user):
    client.force_login(admin_user)
    for url in ("/admin/", "/api/v1/employees/"):
        policy = directives(client.get(url, HTTP_ACCEPT="text/html"))
        assert "'unsafe-inline'" in policy["style-src"], url
        assert policy["script-src"] == ["'self'"], url
    for url in ("/", "/workforce/employees/", "/api/docs/"):
        assert directives(client.get(url))["style-src"] == ["'self'"], url


@pytest.mark.django_db
def test_swagger_ui_loads_its_start_script_as_a_file(hr_client):
    html = hr_client.get("/api/docs/").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script> on /api/docs/"
    assert "<style" not in html
    script_url = re.search(r'<script src="(/api/docs/\?[^"]*script[^"]*)"', html).group(1).replace("&amp;", "&")
    script = hr_client.get(script_url)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
    assert '"validatorUrl": null' in script.content.decode()  # no call to swagger.io


def project_templates() -> list[Path]:
    """Every template of our apps (not the installed libraries')."""
    dirs = [Path(d) for d in get_app_template_dirs("templates") if str(d).startswith(str(ROOT))
            and ".venv" not in str(d)]
    dirs += [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", []) if Path(d).exists()]
    return [path for directory in dirs for path in directory.rglob("*.html")]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=|<style", re.IGNORECASE)


def test_templates_have_no_inline_scripts_handlers_or_styles():
    templates = project_templates()
    assert len(templates) > 20
    offenders = []
    for path in templates:
        text = re.sub(r"{#.*?#}", "", path.read_text(), flags=re.DOTALL)
        for pattern in (INLINE_SCRIPT, HANDLER_ATTRIBUTE, STYLE_ATTRIBUTE):
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)!r}" for m in pattern.finditer(text)]
    assert not offenders, offenders


# --- Cache-Control ---------------------------------------------------------------------------------
def assert_no_store(response):
    assert "no-store" in response.get("Cache-Control", ""), (response.status_code, response.get("Cache-Control"))


@pytest.mark.django_db
def test_personal_data_is_never_cached(hr_client, hr_a, tree):
    employee = make_staffed_employee(tree["A"])
    for url in ("/", "/workforce/employees/", f"/workforce/employees/{employee.pk}/",
                "/workforce/export/employees/?format=csv", f"/api/v1/employees/{employee.pk}/", "/api/v1/employees/",
                "/api/v1/me/", "/workforce/imports/"):
        response = hr_client.get(url)
        assert response.status_code == 200, url
        assert_no_store(response)


@pytest.mark.django_db
def test_my_profile_is_never_cached(client, tree):
    from tests.factories import UserFactory

    employee = make_staffed_employee(tree["A"])
    user = UserFactory(username="servant_x")
    employee.user = user
    employee.save(update_fields=["user"])
    client.force_login(user)
    assert_no_store(client.get("/workforce/me/"))


@pytest.mark.django_db
def test_login_reset_and_error_pages_and_api_errors_are_not_cached(client):
    for url in ("/accounts/login/", "/accounts/password/reset/", "/no-such-page/", "/api/v1/employees/"):
        assert_no_store(client.get(url))


@pytest.mark.django_db
def test_a_view_may_opt_out_for_public_content(rf):
    from django.http import HttpResponse

    from core.middleware import NoStoreMiddleware, allow_caching

    @allow_caching
    def public(request):
        response = HttpResponse("public")
        response["Cache-Control"] = "public, max-age=600"
        return response

    response = NoStoreMiddleware(public)(rf.get("/vacancies/"))
    assert response["Cache-Control"] == "public, max-age=600"
    assert "no-store" in NoStoreMiddleware(lambda request: HttpResponse("x"))(rf.get("/"))["Cache-Control"]


@pytest.mark.django_db
def test_static_files_are_cacheable_and_served_without_debug(client, settings):
    assert settings.DEBUG is False
    response = client.get("/static/core/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "max-age" in response["Cache-Control"]
