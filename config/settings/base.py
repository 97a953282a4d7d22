"""Settings shared by every environment; everything that differs comes from the environment.

Unset DATABASE_URL -> SQLite file; unset CELERY_BROKER_URL -> Celery runs eagerly in-process;
unset REDIS_URL -> local-memory cache. That is the embedded default `make run` relies on.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps come first: their templates (registration/*) and translations take precedence
    # over Django's admin, which ships its own versions of both.
    "core",
    "workforce",
    "assessment",
    "vacancies",
    "reports",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "simple_history",
    "import_export",
    "django_celery_beat",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files answer here, before sessions and the rest: no cookies, long cache headers.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.ThirdPartyInlineStyleMiddleware",
    # Personal data never lands in a browser's or a proxy's cache (see core.middleware).
    "core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication, so an account's saved language applies on any browser.
    "core.middleware.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.IntegerOverflowMiddleware",
    # axes must stay last: it turns a lockout raised during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
        },
    },
]

# Apps contribute menu items and home-page panels without core importing them.
NAVIGATION_PROVIDERS = ["workforce.navigation.menu", "assessment.navigation.menu", "vacancies.navigation.menu",
                        "reports.navigation.menu"]
HOME_PANEL_PROVIDERS = ["workforce.navigation.home_panels", "assessment.navigation.home_panels"]
# The workforce history (movements through the services) before the apps that build on the record;
# the reports' snapshots last, so that they show everything.
DEMO_SEEDERS = ["workforce.demo.seed", "workforce.demo.history.seed", "assessment.demo.seed", "vacancies.demo.seed",
                "reports.demo.seed"]
# The module implementing core.access (roles and organisation scope) for core and every app.
ACCESS_BACKEND = "workforce.access"
DEMO_PASSWORD = env("DEMO_PASSWORD", "Demo12345!")

# The empty option of filter selects (django-filter): "All", never "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")

# --- Database ---------------------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                # WAL lets readers run beside the single writer; IMMEDIATE makes a writing
                # transaction take the lock up front instead of failing half-way.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The employee list indexes carry INCLUDE columns on PostgreSQL; SQLite (the embedded default) gets
# the key columns only, which is all it needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
AUTH_USER_MODEL = "core.User"

# --- Cache ------------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "hr"}}

# --- Authentication ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
# Where a role starts after logging in (core.views.LoginView), when all of a user's roles agree.
LOGIN_LANDING_BY_ROLE = {"leadership": "reports:dashboard"}
LOGOUT_REDIRECT_URL = "login"

# 5 failed logins for one username from one address lock it out for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = int(env("AXES_PROXY_COUNT", "0") or 0) or None

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Password reset mails: at most this many per address asked for, and requests per client address,
# in a sliding hour (core.ratelimit, kept in the cache). The page answers the same either way.
PASSWORD_RESET_MAX_PER_ACCOUNT = int(env("PASSWORD_RESET_MAX_PER_ACCOUNT", "3"))
PASSWORD_RESET_MAX_PER_IP = int(env("PASSWORD_RESET_MAX_PER_IP", "10"))
PASSWORD_RESET_WINDOW_SECONDS = int(env("PASSWORD_RESET_WINDOW_SECONDS", "3600"))

# --- Content-Security-Policy (django-csp 4) ---------------------------------------------------
# Everything comes from our own origin and no page runs an inline script or handler (scripts live
# in static files; data-* attributes carry what they need), so script-src is 'self' alone.
# Styles: 'self' too. Our pages carry no style="" attributes or <style> blocks; the Django admin
# (Django's, django-import-export's and simple-history's templates) and DRF's browsable API, whose
# templates we do not own, still have a few, so under CSP_INLINE_STYLE_PREFIXES alone inline styles
# are allowed too (core.middleware.ThirdPartyInlineStyleMiddleware). Scripts never.
# img-src allows data: for the icons Swagger UI and the admin embed in their stylesheets.
# plotly.js (reports) must be its "strict" build (plotly.min.js "-strict" bundle), which needs no
# 'unsafe-eval'; never add 'unsafe-eval' or 'unsafe-inline' to script-src.
CSP_INLINE_STYLE_PREFIXES = ("/admin/", "/api/v1/")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "uz"
# Uzbek Cyrillic ("uz-cyrl", catalogs in locale/uz_Cyrl) is generated from Uzbek Latin by
# `manage.py build_uz_cyrl_catalogs`; Django knows no such language, so core registers its
# EXTRA_LANG_INFO and its formats live in config/formats/uz_Cyrl.
LANGUAGES = [
    ("uz", _("Uzbek")),
    ("uz-cyrl", _("Uzbek (Cyrillic)")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
EXTRA_LANG_INFO = {
    "uz-cyrl": {"bidi": False, "code": "uz-cyrl", "name": "Uzbek (Cyrillic)", "name_local": "Ўзбекча"},
}
FORMAT_MODULE_PATH = ["config.formats"]
# The project-level catalogs: Uzbek Cyrillic for the strings of Django and the installed packages.
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "hr_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Tashkent"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

# --- Static and uploads -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Uploaded files (MEDIA_ROOT) are personal data: no URL serves them, in any setting. A view that
# checks access streams each one; MEDIA_URL is only a name Django requires.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Email ------------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "noreply@hr.local")

# --- Celery -----------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", REDIS_URL)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
# Our tasks are idempotent (they take ids and call a service), so a task lost with its worker
# is safe to run again: acknowledge after the work, re-queue when the worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The queue tasks are sent to, also by tasks that queue others (a checked import starting itself).
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Periodic work; django-celery-beat copies these into its tables, where administrators can change them.
CELERY_BEAT_SCHEDULE = {
    "workforce-reserve-expiry": {"task": "workforce.reserve_expire_due", "schedule": crontab(hour=1, minute=10)},
    "workforce-rank-changes": {"task": "workforce.rank_changes_apply_due", "schedule": crontab(hour=0, minute=5)},
    "workforce-import-files-purge": {"task": "workforce.import_files_purge", "schedule": crontab(hour=2, minute=20)},
    # Just after midnight in Tashkent: the day after a vacancy's last day, it stops taking applications.
    "vacancies-close-due": {"task": "vacancies.close_due", "schedule": crontab(hour=0, minute=5)},
    "assessment-finish-overdue": {"task": "assessment.attempts_finish_overdue", "schedule": 60.0},
    "assessment-campaigns-sync": {"task": "assessment.campaigns_sync", "schedule": crontab(hour=3, minute=30)},
    "assessment-reminders": {"task": "assessment.campaign_reminders_send", "schedule": crontab(hour=9, minute=0)},
    # Daily (a missed month is caught up the next day); the month just closed is stored again.
    "reports-snapshots": {"task": "reports.snapshots_take_due", "schedule": crontab(hour=2, minute=40)},
}

# --- Reports ----------------------------------------------------------------------------------
# Groups smaller than this are shown as "<N" to anyone who may not read the records behind them.
REPORTS_SMALL_CELL = int(env("REPORTS_SMALL_CELL", "5"))

# --- REST API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Civil-service HR platform API",
    "DESCRIPTION": "Workforce records of the state civil service. Every endpoint is scoped to the "
    "organisations the caller holds a role on.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No call to swagger.io's online validator: closed networks, and nothing leaves the country.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "status" field; name each choice set after its model.
    "ENUM_NAME_OVERRIDES": {
        "EmployeeStatusEnum": "workforce.models.EmployeeStatus",
        "ImportStatusEnum": "workforce.models.ImportStatus",
        "ReserveStatusEnum": "workforce.models.ReserveStatus",
        "ExportStatusEnum": "core.exporters.models.ExportStatus",
        "EmailStatusEnum": "core.notifications.models.EmailStatus",
        "VerificationStatusEnum": "core.verification.models.VerificationStatus",
        "OrderKindEnum": "workforce.models.OrderKind",
        "SanctionKindEnum": "workforce.models.SanctionKind",
        "ImportKindEnum": "workforce.models.ImportKind",
        "CircumstanceKindEnum": "workforce.models.CircumstanceKind",
        "QuestionKindEnum": "assessment.models.bank.QuestionKind",
        "ProctorEventKindEnum": "assessment.models.attempts.EventKind",
    },
}

# --- History and audit ------------------------------------------------------------------------
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
# Keys whose values never reach the audit log in clear text.
AUDIT_SENSITIVE_KEYS = ("password", "secret", "token", "api_key", "passport", "pinfl", "phone")

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Vacancy portal: sign-ups per client address per hour, and how long filter choices are cached.
VACANCY_SIGNUP_RATE = int(env("VACANCY_SIGNUP_RATE", "10") or 10)
VACANCY_CHOICES_CACHE_SECONDS = int(env("VACANCY_CHOICES_CACHE_SECONDS", "300") or 300)

# Upload guard for spreadsheet imports (bytes).
IMPORT_MAX_UPLOAD_BYTES = int(env("IMPORT_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024)))
# More limits of spreadsheet imports (workforce.importing): rows per file, errors kept per job,
# and the zip/XML bomb guards applied before an xlsx is parsed.
IMPORT_FILE_RETENTION_DAYS = int(env("IMPORT_FILE_RETENTION_DAYS", "7"))
IMPORT_MAX_ROWS = int(env("IMPORT_MAX_ROWS", "250000"))
IMPORT_MAX_STORED_ERRORS = int(env("IMPORT_MAX_STORED_ERRORS", "10000"))
IMPORT_MAX_UNCOMPRESSED_BYTES = int(env("IMPORT_MAX_UNCOMPRESSED_BYTES", str(1024 * 1024 * 1024)))
IMPORT_MAX_COMPRESSION_RATIO = int(env("IMPORT_MAX_COMPRESSION_RATIO", "200"))
IMPORT_MAX_ZIP_ENTRIES = int(env("IMPORT_MAX_ZIP_ENTRIES", "2000"))
IMPORT_XML_SNIFF_BYTES = int(env("IMPORT_XML_SNIFF_BYTES", str(64 * 1024)))

# --- Platform (notifications, documents, verification, exports) ------------------------------
# The organisation model documents are filed under (core knows no domain app; workforce owns it).
PLATFORM_ORGANIZATION_MODEL = "workforce.Organization"
# Address printed on documents and in e-mails (QR codes point to PUBLIC_BASE_URL/verify/<code>/).
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
# Uploaded and generated files (CVs, diplomas, exports): outside MEDIA_ROOT, never served directly.
PRIVATE_STORAGE_ROOT = Path(env("PRIVATE_STORAGE_ROOT", str(BASE_DIR / "private")))
# Exports: up to this many rows the file is sent at once; more (and every API export) runs as a job.
EXPORT_STREAM_MAX_ROWS = int(env("EXPORT_STREAM_MAX_ROWS", "5000"))
EXPORT_RETENTION_DAYS = int(env("EXPORT_RETENTION_DAYS", "7"))
EXPORT_MAX_BYTES = int(env("EXPORT_MAX_BYTES", str(1024 * 1024 * 1024)))
TEMPLATES[0]["OPTIONS"]["context_processors"].append("core.context_processors.notifications")
CELERY_BEAT_SCHEDULE["core-documents-purge"] = {"task": "core.documents_purge", "schedule": crontab(hour=3, minute=5)}
DEMO_SEEDERS = [*DEMO_SEEDERS, "workforce.demo.notifications.seed"]
# --- Assessment (assessment/) ------------------------------------------------------------------
# Saves are accepted this long after an attempt's deadline (network delay); DOMAIN.md: 60 s.
ASSESSMENT_GRACE_SECONDS = int(env("ASSESSMENT_GRACE_SECONDS", "60"))
# Campaign reminders: from this many days before the deadline, at most every N hours, at most M times.
ASSESSMENT_REMINDER_DAYS_BEFORE = int(env("ASSESSMENT_REMINDER_DAYS_BEFORE", "7"))
ASSESSMENT_REMINDER_INTERVAL_HOURS = int(env("ASSESSMENT_REMINDER_INTERVAL_HOURS", "48"))
ASSESSMENT_REMINDER_MAX = int(env("ASSESSMENT_REMINDER_MAX", "3"))
# Largest question file accepted by the bank import (bytes).
ASSESSMENT_IMPORT_MAX_BYTES = int(env("ASSESSMENT_IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))
# Issuer printed on certificates of tests with neither a campaign nor an owner organisation (empty: the
# translated "Civil Service Development Agency").
ASSESSMENT_CERTIFICATE_ISSUER = env("ASSESSMENT_CERTIFICATE_ISSUER", "")
