"""Uzbek Cyrillic in a real browser: the fourth button of the language switch turns the pages,
the names of organisations and people into Cyrillic, on a desktop and on a phone."""

import datetime

import pytest

from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory, grant, hire, make_employee, make_organization, make_position
from workforce.models import Role

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_switching_to_uzbek_cyrillic(page, shot, tree):
    officer = UserFactory(username="kadrlar.kirill")
    grant(officer, Role.HR_OFFICER, tree["A"])
    dept = make_organization(code="A-MOL", parent=tree["A"], name="Moliya va buxgalteriya hisobi boʻlimi")
    position = make_position(dept, code="A-MOL-1", rate_units="3", name="Yetakchi mutaxassis")
    for last, first, middle, sex, born in (("Yoʻldosheva", "Shahnoza", "Ergash qizi", "F", 1991),
                                           ("Ergashev", "Elbek", "Shavkatovich", "M", 1984)):
        hire(make_employee(last_name=last, first_name=first, middle_name=middle, sex=sex,
                           birth_date=datetime.date(born, 3, 14)), position)

    login(page, "kadrlar.kirill", PASSWORD)
    page.wait_for_url("**/")
    page.click("[data-testid=lang-uz-cyrl]")
    page.wait_for_selector("[data-testid=lang-uz-cyrl][aria-current=true]")
    assert page.get_attribute("html", "lang") == "uz-cyrl"
    assert "Чиқиш" in page.inner_text("[data-testid=logout]")
    shot("uz-cyrl-home")

    page.goto("/workforce/employees/")
    table = page.inner_text("main")
    assert "Йўлдошева Шаҳноза Эргаш қизи" in table and "Эргашев Элбек Шавкатович" in table
    assert "Молия ва бухгалтерия ҳисоби бўлими" in page.content()
    shot("uz-cyrl-employee-list")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/workforce/employees/")
    page.click(".menu-toggle")  # on a phone the language switch sits in the folded menu
    switch = page.locator(".langswitch").bounding_box()
    assert switch is not None and switch["x"] + switch["width"] <= 390
    shot("uz-cyrl-employee-list-phone")
    page.goto("/")
    shot("uz-cyrl-home-phone")
