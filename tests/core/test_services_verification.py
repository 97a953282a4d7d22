"""Verifiable documents: issue, check (valid / expired / revoked), never personal identifiers; the
PDF helper prints the verification address and its QR code."""

import datetime
import io

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from core.errors import CoreErrorCode
from core.exceptions import ApplicationError, ConflictError
from core.models import AuditEvent, VerifiableDocument
from core.verification import (
    register_document_kind,
    unregister_document_kind,
    verifiable_issue,
    verifiable_revoke,
    verification_url,
    verify,
)
from tests.factories import UserFactory

KIND = "tests.certificate"
PINFL = "30101851234567"


@pytest.fixture(autouse=True)
def certificate_kind():
    register_document_kind(KIND, "Test certificate")
    yield
    unregister_document_kind(KIND)


def issue(**overrides):
    fields = {
        "kind": KIND, "subject_summary": "Karimov A. A.", "title": "Davlat tili boʻyicha test sertifikati",
        "issuer": "Davlat xizmatini rivojlantirish agentligi", "result": "82 / 100, oʻtdi",
        "facts": [("Test sanasi", datetime.date(2026, 11, 3)), ("Boʻlimlar", "4")],
        "source_app": "assessment", "source_id": 17,
    }
    return verifiable_issue(**{**fields, **overrides})


@pytest.mark.django_db
def test_issue_then_verify_valid(client):
    actor = UserFactory()
    document = issue(actor=actor)
    assert len(document.code) >= 16 and document.facts == [["Test sanasi", "03.11.2026"], ["Boʻlimlar", "4"]]
    response = client.get(reverse("verify", args=[document.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="verify-ok"' in page
    for text in ("Karimov A. A.", "82 / 100, oʻtdi", "Davlat tili boʻyicha test sertifikati", "03.11.2026",
                 "Test certificate"):
        assert text in page
    assert response["X-Robots-Tag"] == "noindex"
    assert AuditEvent.objects.filter(action="core.verification.issued", actor=actor).exists()


@pytest.mark.django_db
def test_expired(client):
    document = issue(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    page = client.get(reverse("verify", args=[document.code])).content.decode()
    assert 'data-testid="verify-expired"' in page and 'data-testid="verify-ok"' not in page
    assert verify(document.code).status == "expired"
    still_valid = issue(valid_until=timezone.localdate())
    assert verify(still_valid.code).status == "valid"


@pytest.mark.django_db
def test_revoked_shows_revoked_with_the_reason_and_date(client):
    actor = UserFactory()
    document = issue()
    verifiable_revoke(document=document, reason="Test natijasi bekor qilindi (qoidabuzarlik)", actor=actor)
    response = client.get(reverse("verify", args=[document.code]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="verify-revoked"' in page and 'data-testid="verify-ok"' not in page
    assert "Test natijasi bekor qilindi (qoidabuzarlik)" in page
    assert timezone.localdate().strftime("%d.%m.%Y") in page
    assert AuditEvent.objects.filter(action="core.verification.revoked", actor=actor).exists()
    with pytest.raises(ConflictError) as caught:
        verifiable_revoke(document=document, reason="again", actor=actor)
    assert caught.value.code == CoreErrorCode.VERIFICATION_ALREADY_REVOKED


@pytest.mark.django_db
def test_revocation_needs_a_reason():
    document = issue()
    with pytest.raises(ApplicationError) as caught:
        verifiable_revoke(document=document, reason="  ", actor=None)
    assert caught.value.code == CoreErrorCode.VERIFICATION_REASON_REQUIRED
    # The database refuses it too, whatever path writes.
    with pytest.raises(IntegrityError):
        VerifiableDocument.objects.filter(pk=document.pk).update(revoked_at=timezone.now())


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["subject_summary", "result", "facts"])
@pytest.mark.parametrize("identifier", [PINFL, "AC1234567", "+998 90 123 45 67", "karimov@example.uz"])
def test_personal_identifiers_are_refused(field, identifier):
    value = [("JShShIR", identifier)] if field == "facts" else f"Karimov A. A. {identifier}"
    with pytest.raises(ApplicationError) as caught:
        issue(**{field: value})
    assert caught.value.code == CoreErrorCode.VERIFICATION_PERSONAL_IDENTIFIER
    assert not VerifiableDocument.objects.exists()


@pytest.mark.django_db
def test_no_identifiers_in_the_page_even_for_a_full_record(client):
    document = issue(facts=[("Lavozim", "Bosh mutaxassis")])
    page = client.get(reverse("verify", args=[document.code])).content.decode()
    assert PINFL not in page and "@" not in page.split("<main", 1)[1].split("</main>")[0]


@pytest.mark.django_db
def test_an_existing_code_can_be_kept_and_is_unique():
    document = issue(code="oldOrderCode_123")
    assert document.code == "oldOrderCode_123" and verify("oldOrderCode_123").title == document.title
    with pytest.raises(ConflictError) as caught:
        issue(code="oldOrderCode_123")
    assert caught.value.code == CoreErrorCode.VERIFICATION_CODE_TAKEN
    with pytest.raises(ApplicationError) as caught:
        issue(code="bad code!")
    assert caught.value.code == CoreErrorCode.VERIFICATION_CODE_INVALID


@pytest.mark.django_db
def test_unregistered_kind_is_a_programming_error():
    with pytest.raises(ValueError, match="not registered"):
        issue(kind="tests.nothing")


@pytest.mark.django_db
def test_unknown_code_is_404_and_resolvers_still_answer(client):
    assert client.get(reverse("verify", args=["no-such-code-at-all"])).status_code == 404
    assert verify("x" * 65) is None


# --- PDF ----------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_pdf_carries_the_verification_url_and_its_qr_code(settings):
    from PIL import Image
    from pypdf import PdfReader
    from reportlab.platypus import Paragraph

    from core.pdf import pdf_styles, qr_png, render_pdf, verification_block

    settings.PUBLIC_BASE_URL = "https://hr.gov.uz"
    document = issue()
    url = verification_url(document.code)
    assert url == f"https://hr.gov.uz/verify/{document.code}/"
    styles = pdf_styles()
    pdf = render_pdf([Paragraph("Sertifikat: Gʻulomov Oʻ. — Ғуломов", styles["Title"]),
                      verification_block(document.code)], title="Sertifikat")
    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert url in text
    assert "Gʻulomov" in text and "Ғуломов" in text  # the fonts carry Uzbek ʻ and Cyrillic
    images = reader.pages[0].images
    assert len(images) == 1
    printed = images[0].image.convert("1")
    expected = Image.open(io.BytesIO(qr_png(url))).convert("1").resize(printed.size)
    assert printed.tobytes() == expected.tobytes()  # the QR code encodes exactly that address


def test_fonts_are_dejavu():
    from core.pdf import register_fonts

    assert register_fonts() == ("DejaVuSans", "DejaVuSans-Bold")
