"""The move of import files into ``core.documents`` (workforce 0020-0022): each job's file leaves the
public media folder for the private storage and becomes the job's document; a file already gone
leaves the job without one. The way back restores the files."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from core.documents import document_open
from core.documents.models import StoredDocument
from tests.workforce.test_migration_order_codes import _latest, _migrate
from workforce.models import ImportJob

BEFORE = ("workforce", "0020_import_job_document")
CONTENT = b"PINFL;Familiya\n40712966350029;Karimova\n"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def back_to_latest():
    yield
    _migrate(_latest())


def test_import_files_move_into_private_documents(hr_a, settings, tmp_path, back_to_latest):
    settings.MEDIA_ROOT = tmp_path / "media"
    latest = _latest()
    old_apps = _migrate(BEFORE)
    OldJob = old_apps.get_model("workforce", "ImportJob")
    kept = OldJob.objects.create(kind="employees", original_name="list.xls", status="done", created_by_id=hr_a.pk)
    kept.file.save("a1b2c3.xlsx", ContentFile(b"PK\x03\x04 an xlsx as stored"), save=True)
    csv = OldJob.objects.create(kind="employees", original_name="people.csv", status="validated",
                                created_by_id=hr_a.pk)
    csv.file.save("d4e5f6.csv", ContentFile(CONTENT), save=True)
    lost = OldJob.objects.create(kind="employees", original_name="lost.xlsx", status="done", file="imports/gone.xlsx")
    public_names = [kept.file.name, csv.file.name]
    assert all(default_storage.exists(name) for name in public_names)

    _migrate(latest)
    jobs = {job.pk: job for job in ImportJob.objects.select_related("document")}
    assert jobs[lost.pk].document is None
    document = jobs[csv.pk].document
    assert (document.use, document.file_type, document.original_name, document.size) == (
        "workforce.import_file", "csv", "people.csv", len(CONTENT))
    assert document.owner == jobs[csv.pk] and document.uploaded_by == hr_a and document.expires_at is not None
    with document_open(document) as handle:
        assert handle.read() == CONTENT
    assert jobs[kept.pk].document.file_type == "xlsx" and jobs[kept.pk].document.original_name == "list.xlsx"
    # Out of the public folder once the migration committed.
    assert not any(default_storage.exists(name) for name in public_names)
    assert (settings.PRIVATE_STORAGE_ROOT / document.storage_name).exists()

    # And back: the files return to the media folder, the documents go.
    old_apps = _migrate(BEFORE)
    OldJob = old_apps.get_model("workforce", "ImportJob")
    restored = OldJob.objects.get(pk=csv.pk)
    assert restored.file.name.startswith("imports/") and restored.file.name.endswith(".csv")
    with default_storage.open(restored.file.name, "rb") as handle:
        assert handle.read() == CONTENT
    assert not StoredDocument.objects.filter(use="workforce.import_file").exists()
