"""History stays with the organisation (issue 6 §1): after a person moves on, the organisation
they left still reads the orders it issued and the time they worked there, but nothing of the
present (the new organisation, contacts, passport, later orders). The new organisation keeps the
record but does not read the old organisation's orders or sanction reasons."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import UserFactory, grant, make_employee, make_position
from workforce.models import Role
from workforce.selectors import employee_former_list, employee_list, employee_profile
from workforce.services import (
    DismissalReason,
    PersonIdentity,
    employee_dismiss,
    employee_hire,
    employee_sanction,
    employee_transfer,
)

D = datetime.date


@pytest.fixture
def moved_on(tree, hr_a, hr_b):
    """Rahimov: hired by A (2022), reprimanded by A, dismissed by A (30.06.2025), hired by B (2026)
    with a phone and passport A never had."""
    a_pos = make_position(tree["A-DEPT"], code="A-1", name="Bosh mutaxassis")
    b_pos = make_position(tree["B"], code="B-1", name="Yetakchi mutaxassis")
    person = make_employee(last_name="Rahimov", first_name="Botir", birth_date=D(1985, 9, 9),
                           organization=tree["A"])
    hired_a = employee_hire(employee=person, staff_position=a_pos, start_date=D(2022, 3, 1), actor=hr_a)
    sanction = employee_sanction(employee=person, kind="reprimand", reason="Hujjatlarni yoʻqotgan",
                                 imposed_on=D(2024, 5, 6), actor=hr_a)
    dismissed = employee_dismiss(employee=person, effective_date=D(2025, 6, 30),
                                 reason_code=DismissalReason.OWN_REQUEST, actor=hr_a)
    hired_b = employee_hire(employee=person, staff_position=b_pos, start_date=D(2026, 2, 2), actor=hr_b,
                            identity=PersonIdentity(last_name="Rahimov", birth_date=D(1985, 9, 9)))
    from workforce.models import Employee

    Employee.objects.filter(pk=person.pk).update(phone="+998907777777", passport="AC1112233")
    person.refresh_from_db()
    return {"person": person, "a_orders": [hired_a, sanction.order, dismissed], "b_order": hired_b,
            "a_pos": a_pos, "b_pos": b_pos}


@pytest.mark.django_db
def test_the_former_organisation_reads_its_own_past_with_the_person(client, moved_on, hr_a):
    person = moved_on["person"]
    assert not employee_list(user=hr_a).filter(pk=person.pk).exists()
    assert employee_former_list(user=hr_a).filter(pk=person.pk).exists()
    client.force_login(hr_a)
    response = client.get(reverse("workforce:employee_detail", args=[person.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="former-note"' in page
    for order in moved_on["a_orders"]:
        assert order.number in page
    assert "Bosh mutaxassis" in page and "30.06.2025" in page and "Hujjatlarni yoʻqotgan" in page
    for present in (moved_on["b_order"].number, "Yetakchi mutaxassis", "Vazirlik B", "+998907777777", "AC1112233"):
        assert present not in page, present
    # A's order documents stay open to A; B's is not A's to read.
    assert client.get(reverse("workforce:order_document", args=[moved_on["a_orders"][0].pk])).status_code == 200
    assert client.get(reverse("workforce:order_document", args=[moved_on["b_order"].pk])).status_code == 404
    # And A can no longer change anything.
    assert client.get(reverse("workforce:employee_edit", args=[person.pk])).status_code == 404
    assert client.get(reverse("workforce:employee_order", args=[person.pk, "transfer"])).status_code == 404


@pytest.mark.django_db
def test_the_new_organisation_keeps_the_record_but_not_the_old_ones_orders(client, moved_on, hr_b):
    person = moved_on["person"]
    client.force_login(hr_b)
    page = client.get(reverse("workforce:employee_detail", args=[person.pk])).content.decode()
    assert "+998907777777" in page and "AC1112233" in page and moved_on["b_order"].number in page
    assert "Bosh mutaxassis" in page  # the career: where and when
    for order in moved_on["a_orders"]:
        assert order.number not in page
    assert "Hujjatlarni yoʻqotgan" not in page  # A's sanction and its reason are A's documents
    profile = employee_profile(employee=person, user=hr_b)
    assert [o.pk for o in profile.orders] == [moved_on["b_order"].pk] and profile.sanctions == []
    assert client.get(reverse("workforce:order_document", args=[moved_on["a_orders"][0].pk])).status_code == 404


@pytest.mark.django_db
def test_an_organisation_the_person_never_worked_for_sees_nothing(client, moved_on, tree):
    outsider = UserFactory(username="hr_c")
    grant(outsider, Role.HR_OFFICER, tree["B-DEPT"])  # below B, where the person does not work
    client.force_login(outsider)
    assert client.get(reverse("workforce:employee_detail", args=[moved_on["person"].pk])).status_code == 404


@pytest.mark.django_db
def test_a_transfer_between_subtrees_leaves_each_side_its_own_part(moved_on, tree, admin_user, hr_a, hr_b):
    """A national administrator moves the person from B to A-DEPT again: now A keeps the record and
    B reads its own order only."""
    person = moved_on["person"]
    back = make_position(tree["A-DEPT"], code="A-2")
    transfer = employee_transfer(employee=person, staff_position=back, effective_date=D(2026, 6, 1),
                                 actor=admin_user)
    assert employee_list(user=hr_a).filter(pk=person.pk).exists()
    former = employee_profile(employee=employee_former_list(user=hr_b).get(pk=person.pk), user=hr_b, former=True)
    assert [o.pk for o in former.orders] == [moved_on["b_order"].pk]
    assert {a.organization.code for a in former.assignments} == {"B"}
    current = employee_profile(employee=person, user=hr_a)
    assert transfer.pk in {o.pk for o in current.orders} and moved_on["b_order"].pk not in {o.pk for o in
                                                                                             current.orders}
