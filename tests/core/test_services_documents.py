"""Storing documents: real type by content, limits per use, private random names, the download
view that asks the owning app, retention and purge."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.documents import (
    DocumentRejected,
    document_delete,
    document_download_url,
    document_open,
    document_store,
    documents_purge,
    register_document_use,
    sanitize_filename,
    unregister_document_use,
)
from core.errors import CoreErrorCode
from core.models import AuditEvent, StoredDocument
from tests.core.test_documents_sniffing import EXE, PDF, xlsx_bytes
from tests.factories import UserFactory
from workforce.access import can_access_organization

USE = "tests.evidence"


@pytest.fixture
def evidence_use():
    """A use like an app's: PDFs and images of an organisation, seen by its HR officers."""
    register_document_use(USE, label="Evidence", allowed_types={"pdf", "png", "jpeg"}, max_bytes=64 * 1024,
                          retention_days=30,
                          can_view=lambda user, doc: can_access_organization(user, doc.organization, roles=["hr_officer"]))
    yield USE
    unregister_document_use(USE)


@pytest.fixture
def sheet_use():
    register_document_use("tests.sheet", label="Sheet", allowed_types={"xlsx", "xls", "ods", "csv"},
                          max_bytes=1024 * 1024, retention_days=None, can_view=lambda user, doc: True,
                          audit_downloads=False)
    yield "tests.sheet"
    unregister_document_use("tests.sheet")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.mark.django_db
def test_a_pdf_is_stored_privately_under_a_random_name(evidence_use, hr_a, tree):
    document = document_store(use=evidence_use, file=upload("Buyruq №12.pdf", PDF), uploaded_by=hr_a,
                              organization=tree["A"])
    assert document.file_type == "pdf" and document.size == len(PDF)
    assert document.original_name == "Buyruq №12.pdf"
    assert "Buyruq" not in document.storage_name and not document.storage_name.endswith(".pdf")
    path = Path(settings.PRIVATE_STORAGE_ROOT) / document.storage_name
    assert path.read_bytes() == PDF
    assert not str(path.resolve()).startswith(str(Path(settings.MEDIA_ROOT).resolve()))
    assert len(document.sha256) == 64
    assert document.expires_at.date() == (timezone.now() + datetime.timedelta(days=30)).date()
    with document_open(document) as handle:
        assert handle.read() == PDF


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "code"), [
    ("diplom.pdf", EXE, CoreErrorCode.DOCUMENT_TYPE_NOT_ALLOWED),       # a renamed program
    ("photo.png", EXE, CoreErrorCode.DOCUMENT_TYPE_NOT_ALLOWED),
    ("scan.pdf", b"\x00\x01\x02" * 50, CoreErrorCode.DOCUMENT_TYPE_UNKNOWN),
    ("report.xlsx", PDF, CoreErrorCode.DOCUMENT_NAME_MISMATCH),         # a PDF renamed .xlsx
    ("empty.pdf", b"", CoreErrorCode.DOCUMENT_EMPTY),
    ("big.pdf", PDF + b"0" * (64 * 1024), CoreErrorCode.DOCUMENT_TOO_LARGE),
])
def test_refusals_name_the_file_and_store_nothing(evidence_use, hr_a, name, data, code):
    before = set(Path(settings.PRIVATE_STORAGE_ROOT).rglob("*"))
    with pytest.raises(DocumentRejected) as caught:
        document_store(use=evidence_use, file=upload(name, data), uploaded_by=hr_a)
    assert caught.value.code == code
    assert name in caught.value.message
    assert not StoredDocument.objects.exists()
    assert set(Path(settings.PRIVATE_STORAGE_ROOT).rglob("*")) == before


@pytest.mark.django_db
def test_a_renamed_executable_is_refused_with_what_it_is(evidence_use, hr_a):
    with pytest.raises(DocumentRejected) as caught:
        document_store(use=evidence_use, file=upload("CV.pdf", EXE), uploaded_by=hr_a)
    assert "EXE" in caught.value.message and "PDF" in caught.value.message
    assert caught.value.as_dict()["field"] == "file"


@pytest.mark.django_db
def test_refusal_messages_follow_the_language(evidence_use, hr_a):
    from django.utils import translation

    with translation.override("ru"), pytest.raises(DocumentRejected) as caught:
        document_store(use=evidence_use, file=upload("CV.pdf", EXE), uploaded_by=hr_a)
    assert "Файл" in caught.value.message


@pytest.mark.django_db
def test_spreadsheets_for_a_sheet_use(sheet_use, hr_a):
    document = document_store(use=sheet_use, file=xlsx_bytes(), original_name="xodimlar.xlsx", uploaded_by=hr_a)
    assert document.file_type == "xlsx" and document.expires_at is None
    csv_doc = document_store(use=sheet_use, file=b"PINFL;Familiya\n1;Karimov\n", original_name="x.csv",
                             uploaded_by=hr_a)
    assert csv_doc.file_type == "csv"
    # A single-column CSV has no delimiter but is still text: the name says it is meant as CSV.
    single = document_store(use=sheet_use, file=b"PINFL\n30101851234567\n", original_name="pinfl.csv",
                            uploaded_by=hr_a)
    assert single.file_type == "csv"


@pytest.mark.django_db
def test_a_name_without_extension_gets_the_real_one(evidence_use, hr_a):
    document = document_store(use=evidence_use, file=io.BytesIO(PDF), original_name="skan", uploaded_by=hr_a)
    assert document.original_name == "skan.pdf"


@pytest.mark.parametrize(("raw", "clean"), [
    ("../../etc/passwd", "passwd"), ("C:\\Users\\x\\CV.pdf", "CV.pdf"), ('a<b>:"c".pdf', "a_b___c_.pdf"),
    ("Oʻqituvchi\x00\r\n.pdf", "Oʻqituvchi.pdf"), ("", "document"), ("x" * 300 + ".pdf", "x" * 146 + ".pdf"),
])
def test_sanitize_filename(raw, clean):
    assert sanitize_filename(raw) == clean


# --- download -----------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_download_asks_the_owning_app(client, evidence_use, hr_a, hr_b, tree):
    document = document_store(use=evidence_use, file=upload("dalolatnoma.pdf", PDF), uploaded_by=hr_a,
                              organization=tree["A-DEPT"])
    url = document_download_url(document)
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(hr_b)
    assert client.get(url).status_code == 404  # another organisation: as if it did not exist
    client.force_login(hr_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="dalolatnoma.pdf"' in response["Content-Disposition"]
    inline = client.get(url + "?inline=1")
    assert inline["Content-Disposition"].startswith("inline;")
    event = AuditEvent.objects.filter(action="core.document.downloaded").first()
    assert event.actor == hr_a and event.target_id == str(document.pk)


@pytest.mark.django_db
def test_unicode_names_are_sent_safely(client, evidence_use, hr_a, tree):
    document = document_store(use=evidence_use, file=upload('Gʻulomov "CV".pdf', PDF), uploaded_by=hr_a,
                              organization=tree["A"])
    client.force_login(hr_a)
    disposition = client.get(document_download_url(document))["Content-Disposition"]
    assert "filename*=utf-8''" in disposition and '"CV"' not in disposition


@pytest.mark.django_db
def test_expired_or_unknown_documents_are_404(client, evidence_use, hr_a, tree):
    document = document_store(use=evidence_use, file=upload("a.pdf", PDF), uploaded_by=hr_a, organization=tree["A"])
    client.force_login(hr_a)
    StoredDocument.objects.filter(pk=document.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(document_download_url(document)).status_code == 404
    assert client.get("/documents/00000000-0000-0000-0000-000000000000/").status_code == 404


@pytest.mark.django_db
def test_downloads_of_non_personal_uses_are_not_audited(client, sheet_use, hr_a):
    document = document_store(use=sheet_use, file=xlsx_bytes(), original_name="t.xlsx", uploaded_by=hr_a)
    client.force_login(UserFactory())
    assert client.get(document_download_url(document)).status_code == 200
    assert not AuditEvent.objects.filter(action="core.document.downloaded").exists()


# --- delete and purge ------------------------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_delete_removes_row_and_file(evidence_use, tree):
    hr = UserFactory()
    document = document_store(use=evidence_use, file=upload("a.pdf", PDF), uploaded_by=hr)
    path = Path(settings.PRIVATE_STORAGE_ROOT) / document.storage_name
    document_delete(document=document, actor=hr)
    assert not StoredDocument.objects.exists() and not path.exists()
    assert AuditEvent.objects.filter(action="core.document.deleted", actor=hr).exists()


@pytest.mark.django_db
def test_purge_deletes_what_expired_and_is_idempotent(evidence_use, hr_a):
    old = document_store(use=evidence_use, file=upload("old.pdf", PDF), uploaded_by=hr_a)
    kept = document_store(use=evidence_use, file=upload("new.pdf", PDF), uploaded_by=hr_a)
    StoredDocument.objects.filter(pk=old.pk).update(expires_at=timezone.now() - datetime.timedelta(days=1))
    old_path = Path(settings.PRIVATE_STORAGE_ROOT) / old.storage_name
    assert documents_purge() == 1
    assert list(StoredDocument.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not old_path.exists()
    assert (Path(settings.PRIVATE_STORAGE_ROOT) / kept.storage_name).exists()
    assert documents_purge() == 0


@pytest.mark.django_db
def test_purge_sweeps_files_without_a_row(evidence_use, hr_a):
    import os

    orphan = Path(settings.PRIVATE_STORAGE_ROOT) / "tests-evidence" / "orphan"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(PDF)
    fresh = Path(settings.PRIVATE_STORAGE_ROOT) / "tests-evidence" / "fresh-orphan"
    fresh.write_bytes(PDF)
    two_days_ago = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(orphan, (two_days_ago, two_days_ago))
    documents_purge()
    assert not orphan.exists()
    assert fresh.exists()  # may belong to a transaction still running
    fresh.unlink()


def test_the_purge_runs_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["core-documents-purge"]
    assert entry["task"] == "core.documents_purge"


def test_private_storage_inside_media_root_is_an_error(settings):
    from core.checks import private_storage_is_private

    settings.PRIVATE_STORAGE_ROOT = Path(settings.MEDIA_ROOT) / "private"
    assert [e.id for e in private_storage_is_private(None)] == ["core.E001"]
    settings.PRIVATE_STORAGE_ROOT = Path(settings.MEDIA_ROOT).parent / "elsewhere"
    assert private_storage_is_private(None) == []
