"""What people see in a real browser: no page trips the Content-Security-Policy, the phone layout
(390 px: menu button, filters folded, tables scrolling inside their cards), the desktop list with
every column, dates as dd.mm.yyyy and "All" instead of "---------". Screenshots of each page at
both widths land in tests/e2e/screenshots/."""

from __future__ import annotations

import datetime

import pytest

from tests.e2e.conftest import login, screenshot
from tests.factories import PASSWORD, UserFactory, grant, hire, make_employee, make_position
from workforce.models import Role

pytestmark = pytest.mark.e2e


@pytest.fixture
def office(tree):
    officer = UserFactory(username="kadrlar3", first_name="Dilnoza", last_name="Rahimova")
    grant(officer, Role.HR_OFFICER, tree["A"])
    admin = UserFactory(username="tizim", is_staff=True, is_superuser=True)
    grant(admin, Role.ADMIN, None)
    position = make_position(tree["A"], code="A-EKON-1", rate_units="5", name="Bosh iqtisodchi")
    people = []
    for n, (last, first) in enumerate([("Abdurahmonova", "Sanobar"), ("Gʻulomov", "Sardor"),
                                       ("Xoʻjayev", "Baxtiyor"), ("Qodirova", "Malika")]):
        employee = make_employee(last_name=last, first_name=first, middle_name="Anvarovich",
                                 birth_date=datetime.date(1980 + n, 3, 4), sex="M" if n % 2 else "F")
        people.append(employee)
        # New records with no history: hired as the seeder would (no actor), so no identity check applies.
        order = hire(employee, position, start=datetime.date(2024, 1, 10 + n)).start_order
    return {"officer": officer, "admin": admin, "people": people, "order": order, "position": position}


def pages_of(tree, office) -> list[tuple[str, str]]:
    employee = office["people"][0]
    return [
        ("home", "/"),
        ("employees", "/workforce/employees/"),
        ("employee-profile", f"/workforce/employees/{employee.pk}/"),
        ("employee-edit", f"/workforce/employees/{employee.pk}/edit/"),
        ("order-transfer", f"/workforce/employees/{employee.pk}/orders/transfer/"),
        ("order-dismissal", f"/workforce/employees/{employee.pk}/orders/dismissal/"),
        ("order-document", f"/workforce/orders/{office['order'].pk}/"),
        ("organisations", "/workforce/organizations/"),
        ("organisation", f"/workforce/organizations/{tree['A'].pk}/"),
        ("staffing", f"/workforce/organizations/{tree['A'].pk}/staffing/"),
        ("staff-position-form", f"/workforce/organizations/{tree['A'].pk}/staffing/new/"),
        ("reserve", "/workforce/reserve/"),
        ("reserve-form", "/workforce/reserve/new/"),
        ("imports", "/workforce/imports/"),
        ("password-change", "/accounts/password/change/"),
        ("not-found", "/workforce/no-such-page/"),
        ("api-docs", "/api/docs/"),
    ]


@pytest.mark.django_db(transaction=True)
def test_no_page_trips_the_content_security_policy(page, tree, office):
    page.goto("/accounts/login/")
    assert page.csp_violations() == []
    page.goto("/accounts/password/reset/")
    page.goto(f"/verify/{office['order'].verifiable.code}/")
    assert page.csp_violations() == []
    login(page, "kadrlar3", PASSWORD)
    page.wait_for_url("**/")
    for name, url in pages_of(tree, office):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.csp_violations() == [], (name, page.csp_violations())
    # Swagger UI started (its start-up script is a file of its own, allowed by 'self').
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .info", timeout=30_000)
    assert page.csp_violations() == []
    # htmx works under the policy: the organisation tree opens a level.
    page.goto("/workforce/organizations/")
    page.locator(".tree__toggle").first.click()
    page.wait_for_selector(f"text={tree['A-DEPT'].name}")
    assert page.csp_violations() == []
    assert not [e for e in page.console_errors if "Content Security Policy" in e], page.console_errors


@pytest.mark.django_db(transaction=True)
def test_the_admin_runs_under_the_policy(page, tree, office):
    login(page, "tizim", PASSWORD)
    page.wait_for_url("**/")
    for url in ("/admin/", "/admin/workforce/employee/", f"/admin/workforce/employee/{office['people'][0].pk}/change/",
                "/admin/workforce/rolegrant/add/", "/admin/core/user/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.csp_violations() == [], (url, page.csp_violations())
    assert "Qoʻshish" in page.inner_text("body") or "qoʻshish" in page.inner_text("body")
    screenshot(page, "admin-users-uz")
    page.goto("/api/v1/employees/")  # DRF's browsable API: inline styles allowed there, scripts not
    page.wait_for_load_state("networkidle")
    assert page.csp_violations() == [], page.csp_violations()


@pytest.mark.django_db(transaction=True)
def test_every_page_fits_a_phone_and_a_desktop(browser, live_server, tree, office):
    from tests.e2e.conftest import open_page

    for width in (1366, 390):
        context, page = open_page(browser, live_server, width=width, height=900)
        login(page, "kadrlar3", PASSWORD)
        page.wait_for_url("**/")
        for name, url in pages_of(tree, office):
            if name == "api-docs":
                continue
            page.goto(url)
            page.wait_for_load_state("networkidle")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} is {overflow}px wider than the {width}px screen"
            screenshot(page, f"{name}-{width}")
        context.close()


@pytest.mark.django_db(transaction=True)
def test_phone_menu_filters_and_table_scroll(phone, tree, office):
    login(phone, "kadrlar3", PASSWORD)
    phone.wait_for_url("**/")
    toggle = phone.get_by_test_id("menu-toggle")
    assert toggle.is_visible()
    assert not phone.locator("#mainnav").is_visible()  # folded behind the menu button
    toggle.click()
    assert phone.locator("#mainnav").is_visible() and toggle.get_attribute("aria-expanded") == "true"
    screenshot(phone, "phone-menu-open")
    phone.locator("#mainnav").get_by_text("Xodimlar").click()
    phone.wait_for_selector("[data-testid=employee-table]")

    filters = phone.locator("details.filters-fold")
    assert filters.get_attribute("open") is None  # folded away
    assert not phone.locator("#id_region").is_visible()
    screenshot(phone, "phone-employees")
    phone.get_by_test_id("filters-toggle").click()
    assert phone.locator("#id_region").is_visible()
    screenshot(phone, "phone-employees-filters-open")

    wrap = phone.locator(".table-wrap").first
    inner, outer = wrap.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert inner > outer, "the table scrolls inside its card"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.django_db(transaction=True)
def test_desktop_list_shows_every_column_and_filters_read_all(page, tree, office):
    login(page, "kadrlar3", PASSWORD)
    page.wait_for_url("**/")
    page.goto("/workforce/employees/")
    page.wait_for_selector("[data-testid=employee-table]")
    assert not page.get_by_test_id("filters-toggle").is_visible()  # filters are simply there
    wrap = page.locator(".table-wrap").first
    inner, outer = wrap.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert inner <= outer, f"the employee table needs {inner - outer}px of sideways scrolling at 1366px"
    html = page.content()
    assert "---------" not in html
    assert page.locator("#id_region option").first.inner_text() == "Barchasi"
    assert page.locator("#id_organization option").first.inner_text() == "Barchasi"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["uz", "ru", "en"])
def test_dates_are_typed_and_shown_as_dd_mm_yyyy_in_every_language(page, tree, office, language):
    login(page, "kadrlar3", PASSWORD)
    page.wait_for_url("**/")
    page.click(f"[data-testid=lang-{language}]")
    page.wait_for_load_state()
    page.goto("/workforce/employees/")
    field = page.locator("#id_hired_from")
    assert field.get_attribute("type") == "text"
    assert field.get_attribute("placeholder") == {"uz": "kk.oo.yyyy", "ru": "дд.мм.гггг", "en": "dd.mm.yyyy"}[language]
    field.fill("12.01.2024")
    page.locator("#employee-filters button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#id_hired_from").input_value() == "12.01.2024"
    table = page.inner_text("[data-testid=employee-table]")
    assert "Abdurahmonova" not in table and "Xoʻjayev" in table  # hired 10.01 and 12.01.2024
    assert "12.01.2024" in table

    # A form: the order's date comes pre-filled as dd.mm.yyyy and is read back as such.
    page.goto(f"/workforce/employees/{office['people'][0].pk}/orders/dismissal/")
    today = datetime.date.today().strftime("%d.%m.%Y")
    assert page.locator("#id_effective_date").input_value() == today
    assert "---------" not in page.content()
    screenshot(page, f"order-dismissal-{language}")
