"""Development: `make run` uses this. SQLite, eager Celery and mail printed to the console."""

from .base import *
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
