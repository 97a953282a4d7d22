import datetime

import pytest
from django.urls import reverse

from tests.factories import hire, make_employee, make_position


@pytest.fixture
def order(tree):
    employee = make_employee(last_name="Karimov", first_name="Aziz", middle_name="Anvarovich")
    assignment = hire(employee, make_position(tree["A"], code="A-1"), start=datetime.date(2026, 3, 2))
    return assignment.start_order


@pytest.mark.django_db
def test_public_verification_shows_order_without_personal_identifiers(client, order):
    response = client.get(reverse("verify", args=[order.verifiable.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert order.number in page
    assert "Karimov A. A." in page
    assert order.employee.pinfl not in page


@pytest.mark.django_db
def test_unknown_code_is_404(client, order):
    response = client.get(reverse("verify", args=["no-such-code"]))
    assert response.status_code == 404
    assert 'data-testid="verify-unknown"' in response.content.decode()


@pytest.mark.django_db
def test_printable_order_has_qr_and_is_scoped(client, order, hr_a, hr_b):
    client.force_login(hr_a)
    response = client.get(reverse("workforce:order_document", args=[order.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page and order.verifiable.code in page
    client.force_login(hr_b)
    assert client.get(reverse("workforce:order_document", args=[order.pk])).status_code == 404
