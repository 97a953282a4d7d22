"""A printed HR order states the facts as of its issue (issue 6 §2): after the organisation and the
position are renamed, the person renamed and given another rank, the document and /verify/ still
say what the order said."""

import datetime
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from tests.factories import make_employee, make_position
from workforce.documents import OrderDocument
from workforce.models import HROrder, Organization, QualificationRank, StaffPosition
from workforce.services import (
    DismissalReason,
    employee_dismiss,
    employee_hire,
    employee_sanction,
    employee_transfer,
    employee_update,
    organization_update,
    staff_position_update,
)

D = datetime.date


@pytest.fixture
def transfer(tree, hr_a):
    old = make_position(tree["A"], code="OLD", name="Katta mutaxassis")
    new = make_position(tree["A-DEPT"], code="NEW", name="Bosh mutaxassis")
    person = make_employee(last_name="Karimova", first_name="Dilnoza", middle_name="Anvarovna", sex="F",
                           birth_date=D(1991, 4, 2), organization=tree["A"], rank_code="R-03")
    employee_hire(employee=person, staff_position=old, start_date=D(2023, 1, 10), actor=hr_a)
    order = employee_transfer(employee=person, staff_position=new, effective_date=D(2025, 3, 1), actor=hr_a)
    return {"order": order, "person": person, "old": old, "new": new}


def change_everything(tree, transfer, hr_a):
    organization_update(organization=Organization.objects.get(pk=tree["A-DEPT"].pk), actor=hr_a,
                        name_uz="Qayta nomlangan boshqarma", name_ru="Переименованное управление")
    staff_position_update(staff_position=StaffPosition.objects.get(pk=transfer["new"].pk), actor=hr_a,
                          name_uz="Yetakchi mutaxassis", name_ru="Ведущий специалист")
    employee_update(employee=transfer["person"], actor=hr_a, last_name="Rahimova")
    from workforce.models import Employee

    Employee.objects.filter(pk=transfer["person"].pk).update(qualification_rank=QualificationRank.objects.get(
        code="R-05"))


@pytest.mark.django_db
def test_the_document_says_what_the_order_said(client, tree, hr_a, transfer):
    change_everything(tree, transfer, hr_a)
    client.force_login(hr_a)
    page = client.get(reverse("workforce:order_document", args=[transfer["order"].pk])).content.decode()
    for then in ("Karimova Dilnoza Anvarovna", "1-darajali referent", "Bosh mutaxassis", "A boshqarmasi",
                 "Katta mutaxassis", "28.02.2025", "01.03.2025"):
        assert then in page, then
    for now in ("Rahimova", "Qayta nomlangan", "Yetakchi mutaxassis", "2-darajali maslahatchi"):
        assert now not in page, now
    client.cookies["hr_language"] = "ru"
    page = client.get(reverse("workforce:order_document", args=[transfer["order"].pk])).content.decode()
    assert "Организация A-DEPT" in page and "Переименованное" not in page


@pytest.mark.django_db
def test_the_public_check_says_what_the_order_said(client, tree, hr_a, transfer):
    change_everything(tree, transfer, hr_a)
    page = client.get(reverse("verify", args=[transfer["order"].verifiable.code])).content.decode()
    assert "Karimova D. A." in page and "A boshqarmasi" in page
    assert "Rahimova" not in page and "Qayta nomlangan" not in page


@pytest.mark.django_db
def test_every_order_service_stores_what_its_order_states(tree, hr_a, transfer):
    person = transfer["person"]
    sanction = employee_sanction(employee=person, kind="fine", fine_amount=Decimal("500000"), reason="Kechikish",
                                 imposed_on=D(2025, 4, 1), actor=hr_a)
    dismissal = employee_dismiss(employee=person, effective_date=D(2025, 9, 30),
                                 reason_code=DismissalReason.OWN_REQUEST, actor=hr_a)
    hire = HROrder.objects.get(employee=person, kind="hire")
    assert hire.snapshot["appointed"]["code"] == "OLD" and hire.snapshot["appointed"]["from"] == "2023-01-10"
    assert sanction.order.snapshot["sanction"] == {"kind": "fine", "fine_amount": "500000",
                                                   "in_force_until": "2026-04-01"}
    assert dismissal.snapshot["released"]["last_day"] == "2025-09-30"
    assert dismissal.snapshot["dismissal_reason"] == DismissalReason.OWN_REQUEST
    with translation.override("en"):
        document = OrderDocument(dismissal)
        assert document.employee_name == "Karimova Dilnoza Anvarovna"
        assert document.released.position.startswith("Position ")  # the English name, as issued
        assert document.dismissal_reason == "At own request"


@pytest.mark.django_db
def test_orders_issued_before_snapshots_are_filled_from_history(tree, hr_a, transfer):
    order = transfer["order"]
    HROrder.objects.filter(pk=order.pk).update(snapshot={})
    change_everything(tree, transfer, hr_a)
    import_module("workforce.migrations.0015_backfill_order_snapshots").backfill(apps, None)
    order.refresh_from_db()
    document = OrderDocument(order)
    assert order.snapshot["backfilled"] is True
    assert document.employee_name == "Karimova Dilnoza Anvarovna"
    assert (document.appointed.position, document.appointed.organization) == ("Bosh mutaxassis", "A boshqarmasi")
    assert document.released.position == "Katta mutaxassis" and document.released.day == D(2025, 2, 28)
    assert document.employee_rank == "1-darajali referent"
