"""Candidate documents through ``core.documents`` (who may open them) and the applicants export through
``core.exporters`` (scoped, formula-escaped)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from core.exceptions import ApplicationError
from core.exporters import ExportProgress, get_exporter
from core.models import StoredDocument
from tests.factories import UserFactory, grant, make_vacancy
from vacancies.models import CandidateDocument
from vacancies.services import application_submit, commission_member_add
from workforce.models import Role

from .conftest import make_candidate

pytestmark = pytest.mark.django_db
User = get_user_model()
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(client, name="diplom.pdf", content=PDF, kind="diploma"):
    return client.post("/cabinet/profile/", {"form": "document", "document-kind": kind,
                                             "document-title": "Bakalavr diplomi",
                                             "document-file": SimpleUploadedFile(name, content)})


@pytest.fixture
def candidate_with_diploma(client, tree):
    candidate = make_candidate()
    client.force_login(candidate.user)
    assert upload(client).status_code == 302
    document = CandidateDocument.objects.get(candidate=candidate)
    client.logout()
    return candidate, document


def test_the_candidate_uploads_and_downloads_a_diploma(client, tree):
    candidate = make_candidate()
    client.force_login(candidate.user)
    assert upload(client).status_code == 302
    document = CandidateDocument.objects.select_related("document").get(candidate=candidate)
    assert (document.kind, document.document.use, document.document.file_type) == \
        ("diploma", "vacancies.candidate_document", "pdf")
    assert document.document.expires_at is not None
    page = client.get("/cabinet/profile/").content.decode()
    assert f"/documents/{document.document_id}/" in page
    response = client.get(f"/documents/{document.document_id}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_a_program_renamed_to_pdf_is_refused(client, tree):
    candidate = make_candidate()
    client.force_login(candidate.user)
    response = upload(client, name="cv.pdf", content=b"MZ\x90\x00" + b"\x00" * 200)
    assert response.status_code == 200 and "cv.pdf" in response.content.decode()
    assert not StoredDocument.objects.exists() and not CandidateDocument.objects.exists()


def test_removing_a_document_deletes_the_file_row(client, tree):
    candidate = make_candidate()
    client.force_login(candidate.user)
    upload(client)
    document = CandidateDocument.objects.get(candidate=candidate)
    client.post("/cabinet/profile/", {"form": "remove_document", "id": document.pk})
    assert not CandidateDocument.objects.exists() and not StoredDocument.objects.exists()


def test_who_may_open_a_candidates_document(client, tree, hr_a, hr_b, candidate_with_diploma):
    candidate, document = candidate_with_diploma
    url = f"/documents/{document.document_id}/"
    vacancy = make_vacancy(tree["A-DEPT"])
    client.force_login(hr_a)
    assert client.get(url).status_code == 404  # not applied anywhere in A yet
    application_submit(vacancy=vacancy, candidate=candidate, actor=None)
    assert client.get(url).status_code == 200  # HR of A: the vacancy is in their subtree
    client.force_login(hr_b)
    assert client.get(url).status_code == 404
    member, bystander = UserFactory(username="kom_a"), UserFactory(username="kom_other")
    for user in (member, bystander):
        grant(user, Role.COMMISSION, tree["A-DEPT"])
    commission_member_add(vacancy=vacancy, user=member, actor=None)
    client.force_login(member)
    assert client.get(url).status_code == 200
    client.force_login(bystander)  # the role, but not on this competition's commission
    assert client.get(url).status_code == 404
    client.force_login(make_candidate().user)
    assert client.get(url).status_code == 404


def test_hr_sees_the_documents_on_the_application_page(client, tree, hr_a, candidate_with_diploma):
    candidate, document = candidate_with_diploma
    application = application_submit(vacancy=make_vacancy(tree["A"]), candidate=candidate, actor=None)
    client.force_login(hr_a)
    page = client.get(f"/vacancies/hr/applications/{application.pk}/").content.decode()
    assert f"/documents/{document.document_id}/" in page


# --- the applicants export ---------------------------------------------------------------------------

@pytest.fixture
def applied(tree):
    vacancy = make_vacancy(tree["A"], title="Bosh yuriskonsult")
    names = ["Aliyeva", "=HYPERLINK(\"http://x\")", "Botirov"]
    for name in names:
        application_submit(vacancy=vacancy, candidate=make_candidate(last_name=name), actor=None)
    return vacancy, names


def test_hr_exports_the_applicants_of_a_vacancy(client, hr_a, applied):
    vacancy, _names = applied
    client.force_login(hr_a)
    page = client.get(f"/vacancies/hr/{vacancy.pk}/").content.decode()
    assert f"/vacancies/hr/{vacancy.pk}/export/" in page
    response = client.get(f"/vacancies/hr/{vacancy.pk}/export/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 3
    full_names = [row[1] for row in rows[1:]]
    assert any(name.startswith("'=HYPERLINK") for name in full_names)  # never a live formula
    assert {name.split()[0] for name in full_names} == {"Aliyeva", "'=HYPERLINK(\"http://x\")", "Botirov"}


def test_the_export_is_scoped(client, hr_b, applied):
    vacancy, _names = applied
    client.force_login(hr_b)
    assert client.get(f"/vacancies/hr/{vacancy.pk}/export/").status_code == 404
    exporter = get_exporter("vacancies.applicants")
    with pytest.raises(ApplicationError) as error:  # also through the API's job path
        exporter.clean_params({"vacancy": vacancy.pk}, actor=hr_b)
    assert error.value.field == "vacancy"
    # Even with params validated elsewhere, rendering reads through hr_b's scope: no row.
    result = exporter.render(params={"vacancy": vacancy.pk, "format": "csv"}, actor=hr_b, progress=ExportProgress())
    assert result.rows == 0


def test_the_csv_export_and_its_query_count(client, hr_a, applied, django_assert_max_num_queries):
    vacancy, _names = applied
    exporter = get_exporter("vacancies.applicants")
    params = exporter.clean_params({"vacancy": vacancy.pk, "format": "csv"}, actor=hr_a)
    with django_assert_max_num_queries(8):
        result = exporter.render(params=params, actor=hr_a, progress=ExportProgress())
    text = result.open().read().decode("utf-8-sig")
    assert result.rows == 3 and text.count("\n") == 4 and "Aliyeva" in text
