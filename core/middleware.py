import logging
from functools import wraps

from csp.constants import UNSAFE_INLINE
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)


class LanguageMiddleware(LocaleMiddleware):
    """Language = the user's explicit choice (cookie, or the account's preference), else Uzbek.

    The browser's Accept-Language is deliberately ignored: Uzbek is the official default, and
    many office machines in Uzbekistan announce English or Russian whatever their user reads."""

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            user = getattr(request, "user", None)
            preferred = getattr(user, "preferred_language", "") if user and user.is_authenticated else ""
            language = preferred or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def allow_caching(view):
    """Opt a public page that carries no personal data out of ``NoStoreMiddleware`` (its own
    Cache-Control then applies). Nothing behind a login may use it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.cache_allowed = True
        return response

    return wrapped


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response our views produce: profiles, lists, exports,
    the API, the login and reset pages (they carry a CSRF token and what the person typed).

    Default-deny is simpler to trust than a list of pages that carry personal data: a page that
    may be cached (a public vacancy, say) opts out with ``@allow_caching``. Static files never get
    here (WhiteNoise answers them first, with long cache headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(response, "cache_allowed", False):
            add_never_cache_headers(response)
        return response


class ThirdPartyInlineStyleMiddleware:
    """Pages rendered from templates we do not own carry a few inline ``style`` attributes and
    ``<style>`` blocks: the Django admin (Django's, django-import-export's and simple-history's
    templates) and DRF's browsable API. Under ``settings.CSP_INLINE_STYLE_PREFIXES`` alone, allow
    inline *styles*; scripts stay 'self' everywhere."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(getattr(settings, "CSP_INLINE_STYLE_PREFIXES", ()))

    def __call__(self, request):
        response = self.get_response(request)
        if self.prefixes and request.path_info.startswith(self.prefixes):
            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return response


class IntegerOverflowMiddleware:
    """Last line behind the FilterSets' ``IdFilter`` and the ``<id:pk>`` converter: a number from
    the request too large for SQLite to bind (an admin list filter typed into the URL, say) is the
    client's mistake, so our 400 page, not a 500. Only that error: other overflows are bugs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError) and "too large to convert" in str(exception):
            from .views import error_400

            logger.warning("Integer beyond 64 bits in %s: %s", request.path, exception)
            return error_400(request, exception)
        return None
