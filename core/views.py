from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from .health import run_checks
from .navigation import home_panels, menu_for
from .verification import verify


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results = run_checks()
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": results}, status=200 if healthy else 503)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie), and the choice is also kept on the user's account."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return response


class LoginView(auth_views.LoginView):
    """Login that restores the language the user chose last time, on any browser."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = form.get_user().preferred_language
        if language:
            translation.activate(language)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE, secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
                httponly=getattr(settings, "LANGUAGE_COOKIE_HTTPONLY", False),
            )
        return response


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"tiles": menu_for(request), "panels": home_panels(request)})


@require_GET
def verify_document(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone holding a printed document can check it is genuine. Shows only what the
    document itself says publicly (no PINFL, no contacts)."""
    document = verify(code)
    response = render(request, "core/verify.html", {"document": document, "code": code[:64]},
                      status=200 if document else 404)
    response["X-Robots-Tag"] = "noindex"
    return response


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
