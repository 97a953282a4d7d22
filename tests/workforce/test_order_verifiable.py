"""Every HR order is a ``core.verification`` document: issued with the order, checked at /verify/,
revocable, printed with its QR code."""

import datetime

import pytest
from django.urls import reverse

from core.verification import VerifiableDocument, verifiable_revoke
from tests.factories import hire, make_employee, make_position
from workforce.models import HROrder, OrderKind, QualificationRank, SanctionKind
from workforce.services import (
    DismissalReason,
    employee_change_rank,
    employee_dismiss,
    employee_promote,
    employee_rotate,
    employee_sanction,
    employee_transfer,
)

D = datetime.date


def _issue_every_kind(tree, actor):
    """One order of each kind, about the same person."""
    employee = make_employee(last_name="Karimov", first_name="Aziz", middle_name="Anvarovich", rank_code="R-02",
                             organization=tree["A"])
    hire(employee, make_position(tree["A"], category_code="S-3"), start=D(2024, 1, 1), actor=actor)
    employee_transfer(employee=employee, staff_position=make_position(tree["A-DEPT"], category_code="S-3"),
                      effective_date=D(2024, 3, 1), actor=actor)
    employee_rotate(employee=employee, staff_position=make_position(tree["A"], category_code="S-3"),
                    effective_date=D(2024, 6, 1), actor=actor)
    employee_promote(employee=employee, staff_position=make_position(tree["A"], category_code="S-1"),
                     effective_date=D(2024, 9, 1), actor=actor)
    employee_change_rank(employee=employee, rank=QualificationRank.objects.get(code="R-03"),
                         effective_date=D(2025, 1, 2), reason="Attestatsiya", actor=actor)
    employee_sanction(employee=employee, kind=SanctionKind.REPRIMAND, reason="Kechikish",
                      imposed_on=D(2025, 1, 10), actor=actor)
    employee_dismiss(employee=employee, effective_date=D(2025, 3, 31), reason_code=DismissalReason.OWN_REQUEST,
                     actor=actor)
    return employee


@pytest.mark.django_db
def test_every_kind_of_order_gets_its_verifiable_document(tree, hr_a, client):
    employee = _issue_every_kind(tree, hr_a)
    orders = list(HROrder.objects.filter(employee=employee).select_related("verifiable", "organization"))
    assert {order.kind for order in orders} == set(OrderKind.values)
    for order in orders:
        document = order.verifiable
        assert document is not None, order.kind
        assert (document.kind, document.source_app, document.source_id) == ("workforce.hr_order", "workforce",
                                                                            str(order.pk))
        assert document.subject_summary == "Karimov A. A."
        assert order.number in document.title and order.order_date.strftime("%d.%m.%Y") in document.title
        assert document.issuer == order.organization.name_uz
        assert document.issued_by == hr_a
        page = client.get(reverse("verify", args=[document.code])).content.decode()
        assert 'data-testid="verify-ok"' in page and order.number in page
        # Never a personal identifier on the public page.
        assert employee.pinfl not in page
        assert employee.birth_date.strftime("%d.%m.%Y") not in page
        assert "Anvarovich" not in page and "Aziz" not in page


@pytest.mark.django_db
def test_order_codes_are_distinct_and_unguessable(tree):
    employee = _issue_every_kind(tree, None)
    codes = list(VerifiableDocument.objects.filter(hr_order__employee=employee).values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == len(OrderKind.values)
    assert all(len(code) >= 16 for code in codes)


@pytest.mark.django_db
def test_a_revoked_order_shows_revoked_with_its_reason(tree, hr_a, client):
    order = hire(make_employee(organization=tree["A"]), make_position(tree["A"]), actor=hr_a).start_order
    verifiable_revoke(document=order.verifiable, reason="Buyruq bekor qilindi", actor=hr_a)
    page = client.get(reverse("verify", args=[order.verifiable.code])).content.decode()
    assert 'data-testid="verify-revoked"' in page and "Buyruq bekor qilindi" in page
    assert 'data-testid="verify-ok"' not in page


@pytest.mark.django_db
def test_order_pdf_is_scoped_and_carries_the_verification_address(tree, hr_a, hr_b, client, settings):
    settings.PUBLIC_BASE_URL = "https://hr.example.uz"
    order = hire(make_employee(organization=tree["A"]), make_position(tree["A"]), actor=hr_a).start_order
    client.force_login(hr_a)
    response = client.get(reverse("workforce:order_pdf", args=[order.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    # reportlab keeps link targets readable: the QR's address is the public check of this order.
    assert f"https://hr.example.uz/verify/{order.verifiable.code}/".encode() in response.content
    client.force_login(hr_b)
    assert client.get(reverse("workforce:order_pdf", args=[order.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("workforce:order_pdf", args=[order.pk])).status_code in (302, 403)


@pytest.mark.django_db
def test_order_pdf_says_what_the_order_said_when_issued(tree, hr_a):
    """Built from the snapshot: a later rename of the person does not rewrite the PDF."""
    from workforce.order_pdf import order_pdf_lines

    employee = make_employee(last_name="Karimov", organization=tree["A"])
    order = hire(employee, make_position(tree["A"]), actor=hr_a).start_order
    type(employee).objects.filter(pk=employee.pk).update(last_name="Boshqa")
    order = HROrder.objects.select_related("verifiable").get(pk=order.pk)
    assert order_pdf_lines(order)[0].startswith("Karimov ")


@pytest.mark.django_db
def test_order_page_links_its_pdf(tree, hr_a, client):
    order = hire(make_employee(organization=tree["A"]), make_position(tree["A"]), actor=hr_a).start_order
    client.force_login(hr_a)
    page = client.get(reverse("workforce:order_document", args=[order.pk])).content.decode()
    assert reverse("workforce:order_pdf", args=[order.pk]) in page
    assert order.verifiable.code in page
