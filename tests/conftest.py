from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from tests.factories import UserFactory, grant, make_organization
from workforce.models import Role

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(config, items):
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(pytest.mark.skip(reason="proves a PostgreSQL behaviour; run with DATABASE_URL"))
        if "celery_worker" in item.keywords and (not broker or not on_postgres):
            if os.environ.get("CI") and on_postgres:
                continue  # in CI on PostgreSQL these must run; the fixture fails loudly without a broker
            item.add_marker(pytest.mark.skip(reason="needs CELERY_BROKER_URL and PostgreSQL (CI runs it)"))
        if "e2e" in str(item.fspath) and "e2e" not in item.keywords:
            item.add_marker(pytest.mark.e2e)


def restore_reference_data() -> None:
    """Put back the rows of the data migrations (regions, categories, ranks, policy defaults).

    A transactional test (live server, real worker, concurrency) ends with a flush that deletes
    every row, those included; a reused test database may also start without them."""
    from django.apps import apps

    for module, function in (("workforce.migrations.0002_regions", "create_regions"),
                             ("workforce.migrations.0004_reference_data", "create"),
                             ("workforce.migrations.0012_rule_book_policy", "create"),
                             ("assessment.migrations.0002_sections_and_policy", "create")):
        getattr(import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request handled by the test client leaves its
    language active in the thread, which would make later tests depend on the order they run in."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def _private_storage(tmp_path_factory):
    """Stored documents (core.documents) go to a temporary folder, never the checkout's private/."""
    folder = tmp_path_factory.mktemp("private-storage")
    previous = settings.PRIVATE_STORAGE_ROOT
    settings.PRIVATE_STORAGE_ROOT = folder
    yield folder
    settings.PRIVATE_STORAGE_ROOT = previous


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        # pytest-django sets up no database when no collected test uses one (e.g. a run of
        # tests/core/test_text.py alone): there is nothing to restore then.
        if "workforce_region" in connection.introspection.table_names():
            restore_reference_data()


@pytest.fixture(autouse=True)
def _reference_data_survives_flush(request, django_db_setup, django_db_blocker):
    """A transactional test starts after the previous one flushed every row. pytest-django runs
    transactional tests after all the others, so restoring at their start is enough."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server", "live_celery_worker"} & set(request.fixturenames)
    )
    if transactional:
        with django_db_blocker.unblock():
            restore_reference_data()
    yield


@pytest.fixture
def tree(db):
    """Two independent ministries (A with a regional department, B) and a district under A's dept."""
    a = make_organization(code="A", name="Vazirlik A")
    a_dept = make_organization(code="A-DEPT", parent=a, level="territorial", name="A boshqarmasi")
    a_district = make_organization(code="A-DIST", parent=a_dept, level="district", name="A tuman boʻlimi")
    b = make_organization(code="B", name="Vazirlik B")
    b_dept = make_organization(code="B-DEPT", parent=b, level="territorial", name="B boshqarmasi")
    return {"A": a, "A-DEPT": a_dept, "A-DIST": a_district, "B": b, "B-DEPT": b_dept}


@pytest.fixture
def hr_a(tree):
    user = UserFactory(username="hr_a")
    grant(user, Role.HR_OFFICER, tree["A"])
    return user


@pytest.fixture
def hr_b(tree):
    user = UserFactory(username="hr_b")
    grant(user, Role.HR_OFFICER, tree["B"])
    return user


@pytest.fixture
def admin_user(db):
    user = UserFactory(username="root_admin", is_staff=True, is_superuser=True)
    grant(user, Role.ADMIN, None)
    return user


@pytest.fixture
def live_celery_worker(transactional_db):
    """A real `celery worker` process on the configured broker, using this test's database."""
    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker:
        pytest.fail("CELERY_BROKER_URL is not set: the real-worker tests need a broker (CI sets Redis).")
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_STORAGE_ROOT": str(settings.PRIVATE_STORAGE_ROOT),
    }
    env.pop("REDIS_URL", None)
    celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"
    env["CELERY_TASK_DEFAULT_QUEUE"] = queue  # tasks the worker queues itself come back to it
    process = subprocess.Popen(
        [celery, "-A", "config", "worker", "--pool=solo", "--loglevel=WARNING", "-Q", queue, "--without-heartbeat",
         "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    from config.celery import app

    previous = (app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.broker_url = broker
    app.conf.task_default_queue = queue
    app._pool = None  # forget connections made for the in-memory broker
    app.amqp._producer_pool = None
    try:
        yield process
    finally:
        app.conf.task_always_eager, app.conf.broker_url, app.conf.task_default_queue = previous
        app._pool = None
        app.amqp._producer_pool = None
        process.terminate()
        try:
            out, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            out, _ = process.communicate()
        if out and out.strip():
            print("celery worker output:\n", out[-4000:])


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()
