import uuid

import pytest

from config.celery import app
from core.models import AuditEvent
from core.tasks import heartbeat
from tests.conftest import wait_for


def test_celery_configuration():
    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.task_time_limit and conf.task_soft_time_limit < conf.task_time_limit
    assert conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"


@pytest.mark.django_db
def test_task_runs_eagerly_by_default():
    marker = uuid.uuid4().hex
    assert heartbeat.delay(marker).get() == marker
    assert AuditEvent.objects.filter(action="core.worker.heartbeat", data__marker=marker).exists()


@pytest.mark.celery_worker
def test_real_worker_runs_task_against_the_database(live_celery_worker):
    marker = uuid.uuid4().hex
    heartbeat.delay(marker)
    found = wait_for(lambda: AuditEvent.objects.filter(action="core.worker.heartbeat", data__marker=marker).exists(),
                     timeout=60)
    assert found, "the worker did not record the heartbeat"
