"""Journey: log in -> home -> switch language -> logout."""

import pytest

from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory, grant
from workforce.models import Role

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_login_home_language_switch_logout(page, shot, tree):
    user = UserFactory(username="dilnoza", first_name="Dilnoza", last_name="Rahimova")
    grant(user, Role.HR_OFFICER, tree["A"])

    page.goto("/")
    assert "/accounts/login/" in page.url
    shot("login-uz")
    login(page, "dilnoza", PASSWORD)
    page.wait_for_url("**/")
    assert page.locator("html").get_attribute("lang") == "uz"
    assert page.get_by_test_id("access-panel").is_visible()
    assert "Vazirlik A" in page.get_by_test_id("access-panel").inner_text()
    shot("home-uz")

    page.click("[data-testid=lang-ru]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_test_id("logout").inner_text().strip() == "Выйти"
    shot("home-ru")

    # The organisation tree opens one level at a time.
    page.click("text=Организации")
    page.get_by_label("Показать подразделения").first.click()
    page.wait_for_selector("text=Организация A-DEPT")
    shot("org-tree-ru")

    page.click("[data-testid=lang-en]")
    page.wait_for_load_state()
    assert page.get_by_test_id("logout").inner_text().strip() == "Log out"

    page.click("[data-testid=logout]")
    page.wait_for_url("**/accounts/login/**")
    page.goto("/")
    assert "/accounts/login/" in page.url
