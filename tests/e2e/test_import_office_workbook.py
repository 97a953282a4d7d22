"""Journey: an HR officer of a Russian-language office uploads the staff list the office keeps (a
title, its own headers, a notes column, Cyrillic names, numeric PINFLs, mixed dates, М/Ж), reads the
notes on what the import did on its own, and imports it. On a phone too."""

import pytest

from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory, grant, make_staff_position
from tests.workforce.import_factories import office_workbook
from workforce.models import Employee, Role

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_an_office_workbook_with_notes_then_import(page, shot, tree, tmp_path):
    officer = UserFactory(username="kadrlar_ru", first_name="Olga", last_name="Kim", preferred_language="ru")
    grant(officer, Role.HR_OFFICER, tree["A"])
    for code, units in (("P1", "2"), ("P2", "1"), ("P3", "1")):
        make_staff_position(tree["A"], code=code, rate_units=units)
    book = office_workbook()
    path = tmp_path / book.name
    path.write_bytes(book.content)

    login(page, "kadrlar_ru", PASSWORD)
    page.wait_for_url("**/")
    page.goto("/workforce/imports/")
    page.set_input_files("input[type=file]", str(path))
    page.click("[data-testid=import-submit]")
    page.wait_for_selector("[data-testid=import-warnings]", timeout=30_000)
    notes = page.inner_text("[data-testid=import-warnings]")
    assert "Примечание" in notes and "Каримова → Karimova" in notes
    assert page.locator("[data-testid=error-table]").count() == 0
    shot("import-office-workbook-notes")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("import-office-workbook-notes-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=import-confirm]")
    page.wait_for_selector("[data-testid=count-created]", timeout=30_000)
    assert page.inner_text("[data-testid=count-created]").strip() == "3"
    assert Employee.objects.get(last_name="Karimova").last_name_cyrl == "Каримова"


@pytest.mark.django_db(transaction=True)
def test_a_file_without_its_header_says_what_is_wrong(page, shot, tree, tmp_path):
    from tests.workforce.import_factories import xlsx_bytes

    officer = UserFactory(username="kadrlar_uz")
    grant(officer, Role.HR_OFFICER, tree["A"])
    path = tmp_path / "hisobot.xlsx"
    path.write_bytes(xlsx_bytes(["Familiya", "Ism", "Izoh"], [["Karimova", "Dilnoza", ""]]))
    login(page, "kadrlar_uz", PASSWORD)
    page.wait_for_url("**/")
    page.goto("/workforce/imports/")
    page.set_input_files("input[type=file]", str(path))
    page.click("[data-testid=import-submit]")
    page.wait_for_selector("[data-testid=file-errors]", timeout=30_000)
    text = page.inner_text("[data-testid=invalid-message]")
    assert "JShShIR" in text and "0" not in text
    shot("import-file-refused")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("import-file-refused-phone")
