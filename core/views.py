from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render, resolve_url
from django.template import loader
from django.templatetags.static import static
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from .access import user_roles
from .accounts import password_reset_allowed_for_account, password_reset_allowed_for_address
from .health import run_checks
from .middleware import allow_caching
from .navigation import home_panels, menu_for
from .services import user_set_preferred_language
from .verification import verify


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results = run_checks()
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": results}, status=200 if healthy else 503)


@allow_caching
@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: with hashed static names the manifest exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("core/img/favicon.svg"))


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie), and the choice is also kept on the user's account."""
    response = django_set_language(request)
    user_set_preferred_language(user=request.user, language=request.POST.get("language", ""))
    return response


class LoginView(auth_views.LoginView):
    """Login that restores the language the user chose last time, on any browser."""

    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Without a ``next``, where the user's roles start (``settings.LOGIN_LANDING_BY_ROLE``): only
        when every role they hold names the same page (a leader who also keeps records gets the
        home page, which shows both); the home page otherwise."""
        landings = getattr(settings, "LOGIN_LANDING_BY_ROLE", {})
        roles = user_roles(self.request.user)
        targets = {landings.get(role) for role in roles}
        if roles and len(targets) == 1 and None not in targets:
            return resolve_url(targets.pop())
        return super().get_default_redirect_url()

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


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, rate-limited per client address and per e-mail address (settings
    ``PASSWORD_RESET_MAX_PER_*``). Limited or not, existing account or not, the page never tells
    whether an account uses the address; when limited it asks to try again later."""

    def post(self, request, *args, **kwargs):
        from axes.helpers import get_client_ip_address

        if not password_reset_allowed_for_address(ip=get_client_ip_address(request) or ""):
            return self.limited()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if not password_reset_allowed_for_account(email=form.cleaned_data["email"]):
            return self.limited()
        return super().form_valid(form)

    def limited(self) -> HttpResponse:
        context = self.get_context_data(form=self.get_form_class()(), limited=True)
        return self.render_to_response(context, status=429)


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


# Our own error pages, in the user's language (LanguageMiddleware has run), wired in config.urls.
def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent from an expired page, explained, instead of Django's page."""
    return render(request, "403_csrf.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context processors: whatever broke (the database, a
    session) must not break the error page too."""
    return HttpResponse(loader.get_template("500.html").render({}), status=500)
