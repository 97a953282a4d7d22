"""Checks behind /healthz: the database always, the broker and cache when configured."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from kombu import Connection


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_broker() -> None:
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=3) as conn:
        conn.ensure_connection(max_retries=1)


def check_cache() -> None:
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return the value just written")


def run_checks() -> dict[str, str]:
    checks = {"database": check_database}
    broker = settings.CELERY_BROKER_URL
    if broker and not broker.startswith("memory://") and not settings.CELERY_TASK_ALWAYS_EAGER:
        checks["broker"] = check_broker
    if settings.REDIS_URL:
        checks["cache"] = check_cache
    results: dict[str, str] = {}
    for name, check in checks.items():
        try:
            check()
        except Exception as exc:
            results[name] = f"error: {exc.__class__.__name__}: {exc}"[:300]
        else:
            results[name] = "ok"
    return results
