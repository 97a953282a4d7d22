"""Import files move into ``core.documents`` (step 2 of 3): every job's uploaded file is copied from
the public media folder into the private storage (a random name, as ``document_store`` keeps
files), recorded as a ``workforce.import_file`` document and linked to its job; the public copy is
deleted once the migration has committed. A job whose file is gone (purged, or lost) keeps no
document: its page offers no download and starting it says the file must be uploaded again.

The type is the one the upload check found (the stored name's extension: the importer saved each
file under the format its content had). The file's expiry is its upload date plus
``IMPORT_FILE_RETENTION_DAYS``, as for a new upload, so ``core.documents_purge`` deletes old ones.

Reversible: the way back copies each document into the media folder again and deletes it."""

import datetime
import hashlib
import os
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import migrations, transaction

USE = "workforce.import_file"
CHUNK = 1024 * 1024
SPREADSHEETS = ("xlsx", "xls", "ods")


def _private():
    return FileSystemStorage(location=str(settings.PRIVATE_STORAGE_ROOT), base_url=None)


def _copy(source_storage, source_name, target_storage, target_name):
    digest, size = hashlib.sha256(), 0
    with source_storage.open(source_name, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
        source.seek(0)
        stored = target_storage.save(target_name, source)
    return stored, size, digest.hexdigest()


def _delete_later(storage, name):
    def delete():
        try:
            storage.delete(name)
        except OSError:
            pass
    transaction.on_commit(delete)


def _batches(jobs, size=200):
    """The jobs in keyset batches (the loop updates the rows it reads)."""
    last = 0
    while True:
        batch = list(jobs.filter(pk__gt=last)[:size])
        if not batch:
            return
        yield from batch
        last = batch[-1].pk


def files_into_documents(apps, schema_editor):
    ImportJob = apps.get_model("workforce", "ImportJob")
    StoredDocument = apps.get_model("core", "StoredDocument")
    ContentType = apps.get_model("contenttypes", "ContentType")
    owner_type, _created = ContentType.objects.get_or_create(app_label="workforce", model="importjob")
    retention = datetime.timedelta(days=int(getattr(settings, "IMPORT_FILE_RETENTION_DAYS", 7)))
    private = _private()
    jobs = ImportJob.objects.filter(document__isnull=True).exclude(file="").order_by("pk")
    for job in _batches(jobs):
        name = job.file.name
        if not default_storage.exists(name):
            ImportJob.objects.filter(pk=job.pk).update(file="")  # gone already: marked as no file
            continue
        extension = os.path.splitext(name)[1].lower().lstrip(".")
        file_type = extension if extension in SPREADSHEETS else "csv"
        stem = os.path.splitext(os.path.basename(job.original_name or "upload"))[0][:140] or "upload"
        stored, size, sha256 = _copy(default_storage, name, private,
                                     f"workforce-import_file/{job.created_at:%Y/%m}/{secrets.token_urlsafe(24)}")
        document = StoredDocument.objects.create(
            use=USE, storage_name=stored, original_name=f"{stem}.{file_type}", file_type=file_type, size=size,
            sha256=sha256, uploaded_by_id=job.created_by_id, owner_type=owner_type, owner_id=str(job.pk),
            expires_at=job.created_at + retention)
        ImportJob.objects.filter(pk=job.pk).update(document=document, file="")
        _delete_later(default_storage, name)


def documents_back_into_files(apps, schema_editor):
    ImportJob = apps.get_model("workforce", "ImportJob")
    StoredDocument = apps.get_model("core", "StoredDocument")
    private = _private()
    jobs = ImportJob.objects.filter(document__isnull=False).select_related("document").order_by("pk")
    for job in _batches(jobs):
        document = job.document
        if private.exists(document.storage_name):
            stored, _size, _sha = _copy(private, document.storage_name, default_storage,
                                        f"imports/{job.created_at:%Y/%m}/{secrets.token_hex(16)}.{document.file_type}")
            ImportJob.objects.filter(pk=job.pk).update(file=stored, document=None)
        else:
            ImportJob.objects.filter(pk=job.pk).update(document=None)
        StoredDocument.objects.filter(pk=document.pk).delete()
        _delete_later(private, document.storage_name)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("workforce", "0020_import_job_document"),
    ]
    operations = [migrations.RunPython(files_into_documents, documents_back_into_files)]
