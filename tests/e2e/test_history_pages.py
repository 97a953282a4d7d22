"""In a real browser, at desktop and phone widths: the read-only profile an organisation keeps of a
person who left, and an order document printed as issued after the organisation was renamed."""

import datetime

import pytest

from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory, grant, make_employee, make_position
from workforce.models import Role
from workforce.services import (
    DismissalReason,
    PersonIdentity,
    employee_dismiss,
    employee_hire,
    employee_sanction,
    organization_update,
)

pytestmark = pytest.mark.e2e
D = datetime.date


@pytest.mark.django_db(transaction=True)
def test_former_profile_and_order_as_issued(page, shot, tree):
    officer = UserFactory(username="kadrlar_a")
    grant(officer, Role.HR_OFFICER, tree["A"])
    a_pos = make_position(tree["A-DEPT"], code="A-EKON", name="Bosh iqtisodchi")
    b_pos = make_position(tree["B"], code="B-YUR", name="Yetakchi yurist")
    person = make_employee(last_name="Rahimov", first_name="Botir", middle_name="Aliyevich", birth_date=D(1985, 9, 9),
                           organization=tree["A"], phone="+998901112233")
    hired = employee_hire(employee=person, staff_position=a_pos, start_date=D(2022, 3, 1), actor=None)
    employee_sanction(employee=person, kind="reprimand", reason="Hujjatlar muddatida topshirilmagan",
                      imposed_on=D(2024, 5, 6), actor=None)
    employee_dismiss(employee=person, effective_date=D(2025, 6, 30), reason_code=DismissalReason.OWN_REQUEST,
                     actor=None)
    employee_hire(employee=person, staff_position=b_pos, start_date=D(2026, 2, 2), actor=None,
                  identity=PersonIdentity(last_name="Rahimov", birth_date=D(1985, 9, 9)))
    organization_update(organization=tree["A-DEPT"], name_uz="Iqtisodiyot boshqarmasi (yangi nom)", actor=None)

    login(page, "kadrlar_a", PASSWORD)
    page.wait_for_url("**/")
    for width, suffix in ((1366, "desktop"), (390, "phone")):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/workforce/employees/{person.pk}/")
        assert page.locator("[data-testid=former-note]").is_visible()
        text = page.inner_text("main")
        assert hired.number in text and "Bosh iqtisodchi" in text
        assert "Yetakchi yurist" not in text and "+998901112233" not in text
        shot(f"employee-former-profile-{suffix}")
        page.goto(f"/workforce/orders/{hired.pk}/")
        document = page.inner_text("[data-testid=order-document]")
        assert "A boshqarmasi" in document and "yangi nom" not in document
        shot(f"order-document-as-issued-{suffix}")
