"""Certificates: issued as verifiable documents for a pass (not for a fail), the PDF drawn from what was
stored at issue, the public check, revocation, and who may download it."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from assessment.errors import AssessmentErrorCode
from assessment.models import Certificate, CertificateStatus
from assessment.pdf import certificate_pdf
from assessment.services import (
    attempt_finish,
    attempt_save_answer,
    attempt_start,
    campaign_create,
    certificate_revoke,
    certificates_issue_pending,
)
from core.exceptions import ApplicationError
from core.verification import VerifiableDocument
from tests.assessment.factories import make_bank, make_test
from tests.factories import UserFactory, make_staffed_employee
from workforce.models import Employee
from workforce.services import employee_link_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def servant(tree):
    employee = make_staffed_employee(tree["A-DEPT"], last_name="Gʻulomov", first_name="Sardor",
                                     middle_name="Anvarovich", birth_date=datetime.date(1990, 7, 21))
    user = UserFactory(username="sardor", first_name="Sardor", last_name="Gʻulomov", email="sardor@example.uz")
    employee_link_user(employee=employee, user=user, actor=None)
    user.pinfl = employee.pinfl
    return user


@pytest.fixture
def assignment(tree, hr_a, servant):
    make_bank("legislation", 4)
    test = make_test(lines=[("legislation", 4)], name_uz="Davlat xizmati toʻgʻrisidagi qonun",
                     name_ru="Закон о государственной службе", time_limit_minutes=30)
    campaign = campaign_create(name="Attestatsiya 2026", test=test, organization=tree["A"], actor=hr_a,
                               deadline=timezone.now() + datetime.timedelta(days=10))
    return campaign.assignments.get(user=servant)


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def sit(assignment, user, right: int):
    """Start, answer ``right`` of the questions correctly and finish."""
    attempt = attempt_start(assignment=assignment, user=user)
    for number, slot in enumerate(attempt.slots.order_by("position")):
        correct = [int(k) for k, v in slot.key.items() if Decimal(v) > 0]
        wrong = [o for o in slot.option_ids if o not in correct]
        attempt_save_answer(attempt_id=attempt.pk, question_id=slot.question_id, user=user,
                            choices=correct if number < right else wrong[:1], sequence=1)
    return attempt_finish(attempt=attempt, actor=user)


def test_a_pass_gets_an_issued_verifiable_certificate_without_identifiers(assignment, servant, tree, client):
    attempt = sit(assignment, servant, right=3)
    certificate = Certificate.objects.get(attempt=attempt)
    assert certificate.status == CertificateStatus.ISSUED
    document = certificate.document
    assert (document.kind, document.code) == ("assessment.certificate", certificate.verification_code)
    assert document.subject_summary == "Gʻulomov S. A."
    assert document.title == "Davlat xizmati toʻgʻrisidagi qonun"
    assert document.result.startswith("75,00 / 100, ")  # ", passed" in the language the test was sat in
    assert document.issuer == tree["A"].name

    page = client.get(f"/verify/{document.code}/")
    assert page.status_code == 200
    html = page.content.decode()
    for shown in ("Gʻulomov S. A.", "Davlat xizmati toʻgʻrisidagi qonun", "75,00 / 100",
                  timezone.localdate(attempt.finished_at).strftime("%d.%m.%Y"), 'data-testid="verify-ok"'):
        assert shown in html
    for hidden in (servant.pinfl, "21.07.1990", "1990-07-21", "Sardor", "sardor@example.uz"):
        assert hidden not in html


def test_a_fail_gets_no_certificate(assignment, servant):
    sit(assignment, servant, right=1)
    assert not Certificate.objects.exists()
    assert not VerifiableDocument.objects.exists()


def test_the_pdf_is_a_pdf_with_the_verification_code(assignment, servant):
    certificate = Certificate.objects.get(attempt=sit(assignment, servant, right=4))
    pdf = certificate_pdf(certificate)
    assert pdf.startswith(b"%PDF")
    assert certificate.verification_code.encode() in pdf
    text = pdf_text(pdf)
    assert certificate.number in text and certificate.verification_code in text and "100,00" in text


def test_renaming_the_test_or_the_person_does_not_change_an_issued_certificate(assignment, servant, client):
    attempt = sit(assignment, servant, right=4)
    certificate = Certificate.objects.get(attempt=attempt)
    before = (certificate.facts, certificate.document.title, certificate.document.subject_summary)
    test = attempt.test
    test.name_uz, test.name_ru = "Yangi nom", "Новое название"
    test.save()
    servant.last_name = "Boshqa"
    servant.save()
    Employee.objects.filter(user=servant).update(last_name="Boshqa")  # a change of surname, later
    certificate.refresh_from_db()
    assert (certificate.facts, certificate.document.title, certificate.document.subject_summary) == before
    client.force_login(servant)
    pdf = client.get(reverse("assessment:certificate_pdf", args=[certificate.pk]))
    assert pdf.status_code == 200
    text = pdf_text(pdf.content)
    assert "Davlat xizmati toʻgʻrisidagi qonun" in text and "Gʻulomov Sardor Anvarovich" in text
    assert "Yangi nom" not in text and "Boshqa" not in text
    assert "Yangi nom" not in client.get(f"/verify/{certificate.verification_code}/").content.decode()


def test_download_for_the_holder_and_hr_in_scope_and_a_404_for_anyone_else(assignment, servant, tree, hr_a, hr_b,
                                                                           client):
    certificate = Certificate.objects.get(attempt=sit(assignment, servant, right=4))
    url = reverse("assessment:certificate_pdf", args=[certificate.pk])
    result_page = reverse("assessment:attempt_result", args=[certificate.attempt_id])
    client.force_login(servant)
    assert url in client.get(result_page).content.decode()
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert certificate.number in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    client.force_login(hr_a)
    assert client.get(url).status_code == 200
    for stranger in (UserFactory(username="other"), hr_b):
        client.force_login(stranger)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_revocation_is_shown_on_the_check_page_with_its_reason(assignment, servant, hr_a, hr_b, client):
    certificate = Certificate.objects.get(attempt=sit(assignment, servant, right=4))
    with pytest.raises(ApplicationError) as error:
        certificate_revoke(certificate=certificate, reason="Qoidabuzarlik", actor=hr_b)
    assert error.value.code == AssessmentErrorCode.CERTIFICATE_NOT_FOUND
    with pytest.raises(ApplicationError):
        certificate_revoke(certificate=certificate, reason="  ", actor=hr_a)

    client.force_login(hr_a)
    response = client.post(reverse("assessment:certificate_revoke", args=[certificate.pk]),
                           {"reason": "Test paytida boshqa odam yordam bergan"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.document.revoked_reason == "Test paytida boshqa odam yordam bergan"
    html = client.get(f"/verify/{certificate.verification_code}/").content.decode()
    assert 'data-testid="verify-revoked"' in html and "Test paytida boshqa odam yordam bergan" in html
    assert "Test paytida boshqa odam yordam bergan" in pdf_text(certificate_pdf(certificate))  # marked revoked
    with pytest.raises(ApplicationError):
        certificate_revoke(certificate=certificate, reason="Yana", actor=hr_a)
    client.force_login(hr_b)
    assert client.post(reverse("assessment:certificate_revoke", args=[certificate.pk]),
                       {"reason": "x"}).status_code == 404


def test_pending_certificates_are_issued_by_the_backfill_command(assignment, servant):
    attempt = sit(assignment, servant, right=4)
    certificate = Certificate.objects.get(attempt=attempt)
    document = certificate.document
    # As wave 1 left it: a pending row with its facts and no document.
    wave_1_facts = {**certificate.facts, "sections": [{"code": row["code"], "score": row["score"]}
                                                      for row in certificate.facts["sections"]]}
    del wave_1_facts["language"], wave_1_facts["issuer"]
    Certificate.objects.filter(pk=certificate.pk).update(status=CertificateStatus.PENDING, document=None,
                                                         verification_code="", facts=wave_1_facts)
    document.delete()
    out = io.StringIO()
    call_command("certificates_issue_pending", stdout=out)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.ISSUED and certificate.document is not None
    assert certificate.document.title == "Davlat xizmati toʻgʻrisidagi qonun"
    assert "Yangi qonunchilik" in pdf_text(certificate_pdf(certificate))  # the section's name, filled in at issue
    assert "1" in out.getvalue()
    assert certificates_issue_pending() == 0  # nothing left: safe to run again


def test_the_result_api_names_the_certificate(assignment, servant, client):
    attempt = sit(assignment, servant, right=4)
    certificate = Certificate.objects.get(attempt=attempt)
    client.force_login(servant)
    body = client.get(f"/api/v1/assessment/attempts/{attempt.pk}/result/").json()
    assert body["certificate"] == {
        "number": certificate.number, "status": "issued", "issued_on": certificate.issued_on.isoformat(),
        "pdf_url": reverse("assessment:certificate_pdf", args=[certificate.pk]),
        "verification_url": f"http://127.0.0.1:8000/verify/{certificate.verification_code}/",
    }
