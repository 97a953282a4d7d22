import pytest

from core.progress import JobProgress, progress_clear, progress_read
from core.services import model_update
from tests.factories import UserFactory


@pytest.mark.django_db
def test_model_update_sets_and_reports_only_what_changed():
    user = UserFactory(first_name="Aziz", last_name="Karimov")
    changes = model_update(instance=user, data={"first_name": "Aziz", "last_name": "Karimova"},
                           allowed={"first_name", "last_name"})
    assert changes == {"last_name": "Karimova"}
    assert user.last_name == "Karimova"
    assert model_update(instance=user, data={"last_name": "Karimova"}, allowed={"last_name"}) == {}


@pytest.mark.django_db
def test_model_update_refuses_fields_not_allowed():
    user = UserFactory()
    with pytest.raises(ValueError):
        model_update(instance=user, data={"is_superuser": True}, allowed={"first_name"})
    assert user.is_superuser is False


def test_job_progress_throttles_and_reports_percent():
    writes = []
    progress = JobProgress(key="tests:progress", status="running", total=200,
                           persist=lambda processed, total: writes.append((processed, total)), interval=60)
    progress(0.25, force=True)
    assert progress_read("tests:progress") == {"status": "running", "processed": 50, "total": 200, "percent": 25}
    progress(0.5)  # within the interval: skipped
    assert progress_read("tests:progress")["processed"] == 50
    progress(1.0)  # the end is always written
    assert progress_read("tests:progress")["percent"] == 100
    assert writes == [(50, 200), (200, 200)]
    progress_clear("tests:progress")
    assert progress_read("tests:progress") is None
