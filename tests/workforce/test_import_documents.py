"""Uploaded import files are kept through ``core.documents``: checked by their bytes, stored privately,
opened by the importer from there, and served only to whoever may open the job."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.documents import DocumentRejected, document_download_url, document_store, document_use
from core.documents.models import StoredDocument
from tests.factories import UserFactory, grant
from tests.workforce.import_factories import employee_row, positions, table, upload, xlsx_bytes
from workforce.importing.upload import IMPORT_FILE_USE
from workforce.models import Employee, ImportJob, ImportStatus, Role

__all__ = ["positions"]

PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 2000  # a Windows program


def employees_xlsx(rows):
    headers, values = table("employees", rows)
    return xlsx_bytes(headers, values)


def test_the_import_file_use_accepts_spreadsheets_only():
    use = document_use(IMPORT_FILE_USE)
    assert use.allowed_types == {"xlsx", "xls", "ods", "csv"}
    assert use.max_bytes == settings.IMPORT_MAX_UPLOAD_BYTES
    assert use.retention_days == settings.IMPORT_FILE_RETENTION_DAYS


@pytest.mark.django_db
def test_document_store_refuses_a_renamed_program_for_imports(hr_a):
    with pytest.raises(DocumentRejected) as error:
        document_store(use=IMPORT_FILE_USE, file=upload(PROGRAM, "people.xlsx"), uploaded_by=hr_a)
    assert error.value.code == "document_type_not_allowed" and "EXE" in error.value.message
    assert not StoredDocument.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["people.xlsx", "people.xls", "people.csv", "setup.exe"])
def test_uploading_a_renamed_program_is_refused_with_a_clear_message(client, hr_a, name):
    client.force_login(hr_a)
    client.cookies["hr_language"] = "en"
    response = client.post(reverse("workforce:import_upload"), {"kind": "employees", "file": upload(PROGRAM, name)})
    assert response.status_code == 400
    assert "This is not a spreadsheet the import reads. Save it as Excel (.xlsx or .xls), LibreOffice (.ods) or CSV." \
        in response.content.decode()
    assert not ImportJob.objects.exists() and not StoredDocument.objects.exists()


@pytest.mark.django_db
def test_api_refuses_a_renamed_program(client, hr_a):
    client.force_login(hr_a)
    response = client.post("/api/v1/imports/", {"kind": "employees", "file": upload(PROGRAM, "people.xlsx")})
    assert response.status_code == 400 and response.json()["code"] == "upload_not_spreadsheet"
    assert response.json()["field"] == "file"
    assert not StoredDocument.objects.exists()


@pytest.mark.django_db
def test_an_upload_is_kept_privately_and_imported_from_there(client, hr_a, positions,
                                                             django_capture_on_commit_callbacks):
    client.force_login(hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/imports/", {"kind": "employees", "dry_run": "false",
                                                    "file": upload(employees_xlsx([employee_row()]), "people.xls")})
    assert response.status_code == 201, response.json()
    job = ImportJob.objects.select_related("document").get(pk=response.json()["id"])
    assert job.status == ImportStatus.DONE and Employee.objects.count() == 1
    document = job.document
    assert (document.use, document.file_type, document.original_name) == (IMPORT_FILE_USE, "xlsx", "people.xlsx")
    assert document.owner == job and document.uploaded_by == hr_a and document.expires_at is not None
    stored = settings.PRIVATE_STORAGE_ROOT / document.storage_name
    assert stored.exists() and settings.MEDIA_ROOT not in stored.parents
    assert "people" not in document.storage_name  # a random name, not the user's
    body = client.get(f"/api/v1/imports/{job.pk}/").json()
    assert body["file_url"].endswith(document_download_url(document))


@pytest.mark.django_db
def test_the_uploaded_file_is_served_only_to_who_may_open_the_job(client, tree, hr_a, positions,
                                                                  django_capture_on_commit_callbacks):
    content = employees_xlsx([employee_row()])
    client.force_login(hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workforce:import_upload"), {"kind": "employees", "file": upload(content, "people.xlsx")})
    job = ImportJob.objects.get()
    url = document_download_url(job.document)
    page = client.get(reverse("workforce:import_job", args=[job.pk])).content.decode()
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == content
    assert 'attachment; filename="people.xlsx"' in response["Content-Disposition"]

    colleague = UserFactory(username="hr_a2")
    grant(colleague, Role.HR_OFFICER, tree["A"])
    client.force_login(colleague)  # same organisation, but not their job: not theirs to download
    assert client.get(url).status_code == 404
    admin = UserFactory(username="root")
    grant(admin, Role.ADMIN, None)
    client.force_login(admin)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_a_job_whose_file_is_gone_fails_with_a_reason(hr_a, positions, django_capture_on_commit_callbacks):
    from workforce.services.imports import import_job_create, import_job_validate

    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(kind="employees", uploaded_file=upload(employees_xlsx([employee_row()])), actor=hr_a)
    StoredDocument.objects.filter(pk=job.document_id).delete()  # purged: the job's link is emptied
    with translation.override("en"):
        job = import_job_validate(job=ImportJob.objects.get(pk=job.pk))
    assert job.status == ImportStatus.FAILED and "no longer kept" in job.failure
