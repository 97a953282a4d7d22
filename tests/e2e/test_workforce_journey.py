"""Journey of the workforce issue: an HR officer downloads the template, uploads a file with one bad
row, sees the error, fixes it, imports, finds the employee by a Cyrillic search, opens the profile
and transfers them."""

import datetime
from pathlib import Path

import openpyxl
import pytest

from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory, grant, make_position
from workforce.models import Assignment, Employee, Role
from workforce.validators import make_pinfl

pytestmark = pytest.mark.e2e

GOOD_PINFL = make_pinfl(datetime.date(1988, 5, 14), "M", 350, 21)
OTHER_PINFL = make_pinfl(datetime.date(1993, 11, 2), "F", 351, 22)
TYPO_PINFL = OTHER_PINFL[:-1] + str((int(OTHER_PINFL[-1]) + 1) % 10)  # wrong check digit


def fill(template: Path, target: Path, rows: list[dict]) -> None:
    """Write ``rows`` (keyed by the template's Uzbek headers) under the template's header row."""
    workbook = openpyxl.load_workbook(template)
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    sheet.delete_rows(2, sheet.max_row)  # drop the example row
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    workbook.save(target)


@pytest.mark.django_db(transaction=True)
def test_import_fix_search_profile_transfer(page, shot, tree, tmp_path):
    officer = UserFactory(username="kadrlar", first_name="Dilnoza", last_name="Rahimova")
    grant(officer, Role.HR_OFFICER, tree["A"])
    make_position(tree["A"], code="A-EKON", rate_units="3", name="Bosh iqtisodchi")
    make_position(tree["A-DEPT"], code="AD-BUX", rate_units="1", name="Yetakchi buxgalter")

    login(page, "kadrlar", PASSWORD)
    page.wait_for_url("**/")
    page.click("text=Xodimlar")
    page.click("[data-testid=import-link]")
    shot("import-upload")

    with page.expect_download() as download_info:
        page.click("[data-testid=template-employees]")
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)

    rows = [
        {"JShShIR": GOOD_PINFL, "Familiya": "Toshkentov", "Ism": "Bobur", "Otasining ismi": "Akmalovich",
         "Familiya (kirill)": "Тошкентов", "Ism (kirill)": "Бобур", "Tugʻilgan sana": "14.05.1988", "Jinsi": "Erkak",
         "Tashkilot kodi": "A", "Lavozim kodi": "A-EKON", "Lavozimga tayinlangan sana": datetime.date(2024, 3, 1),
         "Stavka": "1"},
        {"JShShIR": TYPO_PINFL, "Familiya": "Qodirova", "Ism": "Malika", "Tugʻilgan sana": datetime.date(1993, 11, 2),
         "Jinsi": "Ayol", "Tashkilot kodi": "A", "Lavozim kodi": "A-EKON",
         "Lavozimga tayinlangan sana": datetime.date(2024, 3, 1), "Stavka": "1"},
    ]
    bad_file = tmp_path / "xodimlar.xlsx"
    fill(template, bad_file, rows)

    page.set_input_files("input[type=file]", str(bad_file))
    page.click("[data-testid=import-submit]")
    page.wait_for_selector("[data-testid=error-table]", timeout=30_000)
    errors = page.inner_text("[data-testid=error-table]")
    assert "3" in errors and "JShShIR" in errors and TYPO_PINFL in errors
    assert page.locator("[data-testid=import-confirm]").count() == 0
    shot("import-preview-errors")
    assert not Employee.objects.exists(), "nothing may be written while a row is invalid"

    rows[1]["JShShIR"] = OTHER_PINFL
    good_file = tmp_path / "xodimlar-tuzatilgan.xlsx"
    fill(template, good_file, rows)
    page.click("text=Xodimlar")
    page.click("[data-testid=import-link]")
    page.set_input_files("input[type=file]", str(good_file))
    page.click("[data-testid=import-submit]")
    page.wait_for_selector("[data-testid=import-confirm]", timeout=30_000)
    shot("import-preview-valid")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=import-confirm]")
    page.wait_for_selector("[data-testid=count-created]", timeout=30_000)
    assert page.inner_text("[data-testid=count-created]").strip() == "2"
    shot("import-done")

    page.click("text=Xodimlar")
    page.fill("[data-testid=employee-search]", "Тошкентов")
    page.press("[data-testid=employee-search]", "Enter")
    page.wait_for_selector("[data-testid=employee-table]")
    table = page.inner_text("[data-testid=employee-table]")
    assert "Toshkentov Bobur" in table and "Qodirova" not in table
    shot("employee-search-cyrillic")

    page.click("text=Toshkentov Bobur Akmalovich")
    page.wait_for_selector("[data-testid=profile-name]")
    assert page.inner_text("[data-testid=profile-pinfl]").strip() == GOOD_PINFL
    shot("employee-profile")

    page.click("[data-testid=order-transfer]")
    page.select_option("#id_organization", label=f"— {tree['A-DEPT'].name} (A-DEPT)")
    # (no wait_for_function: it evaluates a string, which the page's CSP rightly forbids)
    page.locator("#id_staff_position option").nth(1).wait_for(state="attached")
    page.select_option("#id_staff_position", label="AD-BUX — Yetakchi buxgalter")
    page.fill("#id_effective_date", "01.02.2026")  # dd.mm.yyyy, as people write dates
    page.fill("#id_reason", "Xizmat zaruriyati")
    shot("order-transfer-form")
    page.click("[data-testid=issue-order]")
    page.wait_for_selector("[data-testid=profile-name]")
    assert "Yetakchi buxgalter" in page.inner_text("[data-testid=current-position]")
    shot("employee-after-transfer")

    employee = Employee.objects.get(pinfl=GOOD_PINFL)
    assert employee.staff_position.code == "AD-BUX"
    assert list(Assignment.objects.filter(employee=employee).order_by("start_date").values_list(
        "staff_position__code", "end_date")) == [("A-EKON", datetime.date(2026, 1, 31)), ("AD-BUX", None)]
