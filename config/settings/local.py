"""Development and the demo: `make run` uses this. SQLite, eager Celery and mail printed to the console.

DEBUG is off unless a developer asks for it (DEBUG=true): the demo is shown to people, and Django's
debug page (settings, SQL, stack frames) must never appear in it. Static files are served by
WhiteNoise from `collectstatic`'s output (`make run` collects them), falling back to the apps'
own static folders so a plain `runserver` works too.
"""

from .base import *
from .base import env, env_bool, env_list

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
WHITENOISE_USE_FINDERS = True
