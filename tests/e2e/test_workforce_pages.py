"""The other HR pages in a real browser: staffing table, reserve, printable order and its public
check, a civil servant's own profile. Screenshots land in tests/e2e/screenshots/."""

import datetime

import pytest

from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory, grant, hire, make_employee, make_position
from workforce.models import Employee, Role

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_staffing_reserve_order_document_and_verification(page, shot, tree):
    officer = UserFactory(username="kadrlar2")
    grant(officer, Role.HR_OFFICER, tree["A"])
    economist = make_position(tree["A"], code="A-EKON", rate_units="2", name="Bosh iqtisodchi")
    make_position(tree["A"], code="A-BOSH", rate_units="1", name="Boʻlim boshligʻi", category_code="M-4")
    employee = make_employee(last_name="Karimova", first_name="Dilnoza", middle_name="Anvarovna", sex="F",
                             birth_date=datetime.date(1990, 4, 2))
    order = hire(employee, economist, start=datetime.date(2026, 1, 12)).start_order

    login(page, "kadrlar2", PASSWORD)
    page.wait_for_url("**/")
    page.goto(f"/workforce/organizations/{tree['A'].pk}/")
    page.click("[data-testid=staffing-link]")
    page.wait_for_selector("[data-testid=staffing-table]")
    assert page.inner_text("[data-testid=planned-total]").strip() in ("3", "3,00", "3.00")
    shot("staffing-table")

    page.goto("/workforce/reserve/new/")
    page.select_option("#id_organization", index=1)
    page.select_option("#id_category", index=1)
    page.select_option("#id_source", value="nomination")
    page.fill("#id_employee_pinfl", employee.pinfl)
    shot("reserve-form")
    page.click("main button[type=submit]")
    page.wait_for_url("**/workforce/reserve/")
    assert "Karimova Dilnoza" in page.inner_text("main")
    shot("reserve-list")

    page.goto(f"/workforce/orders/{order.pk}/")
    document = page.inner_text("[data-testid=order-document]")
    assert order.number in document and "Karimova Dilnoza" in document
    assert page.locator("[data-testid=order-document] svg").count() == 1
    pdf_link = page.locator("[data-testid=order-pdf]")
    assert pdf_link.is_visible()
    pdf = page.request.get(pdf_link.get_attribute("href"))  # the session's cookies: scoped like the page
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    shot("order-document")

    page.goto(f"/verify/{order.verifiable.code}/")
    assert page.locator("[data-testid=verify-ok]").is_visible()
    assert employee.pinfl not in page.content()
    shot("verify-order")

    page.goto("/workforce/employees/new/")
    shot("employee-create-form")


@pytest.mark.django_db(transaction=True)
def test_civil_servant_sees_own_profile_only(page, shot, tree):
    servant = UserFactory(username="xodim")
    employee = make_employee(last_name="Gʻulomov", first_name="Sardor")
    hire(employee, make_position(tree["A-DEPT"], code="AD-1", name="Yetakchi mutaxassis"))
    Employee.objects.filter(pk=employee.pk).update(user=servant)

    login(page, "xodim", PASSWORD)
    page.wait_for_url("**/")
    shot("home-civil-servant")
    page.click("[data-testid=lang-ru]")
    page.wait_for_load_state()
    page.click("text=Мой профиль")
    page.wait_for_selector("[data-testid=current-position]")
    assert "AD-1" in page.inner_text("[data-testid=current-position]")
    assert page.locator("[data-testid=order-actions]").count() == 0
    shot("my-profile-ru")
    response = page.goto(f"/workforce/employees/{employee.pk}/")
    assert response.status == 403
