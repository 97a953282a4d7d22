"""Journey of the reports issue: a leader opens the dashboard, filters by region, clicks a bar and
lands on the employee list of exactly that group (same count), then downloads the workbook; the
same dashboard on a phone; a leader without access to personal records sees "<5" and no links."""

from __future__ import annotations

import re

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login, open_page, screenshot
from tests.factories import PASSWORD, UserFactory, grant
from tests.reports.conftest import generate_service
from workforce.models import Role

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(transactional_db):
    return generate_service(31, people=160)


@pytest.mark.django_db(transaction=True)
def test_leader_filters_drills_into_a_bar_and_downloads_the_workbook(page, shot, world, tmp_path):
    # A regional leader who also keeps the records of the ministry: may open the lists behind the figures.
    leader = UserFactory(username="rahbar", first_name="Bahodir", last_name="Yusupov")
    grant(leader, Role.LEADERSHIP, world["root"])
    grant(leader, Role.HR_OFFICER, world["root"])
    login(page, "rahbar", PASSWORD)
    page.goto("/")
    page.click("text=Dashboards") if page.locator("text=Dashboards").count() else page.goto("/reports/")
    expect(page.locator("[data-testid=headcount]")).to_be_visible()
    region = world["regions"][1]
    page.select_option("[data-testid=filter-region]", region.pk)
    page.click("[data-testid=apply-filters]")
    page.wait_for_url(re.compile(r"region=" + region.pk))
    figure = page.locator("[data-figure=composition-by_sex]")
    expect(figure).to_have_attribute("data-ready", "1")
    shot("reports-dashboard")
    table = page.locator("[data-testid=table-composition-by_sex]")
    women = table.locator("tbody tr", has_text=re.compile("Ayol|Female|Женский"))
    expected = int(women.locator("td").nth(1).inner_text())
    assert expected > 0
    # Click the women's bar (the second of the chart): plotly finds the bar under the pointer.
    box = figure.locator(".bars .point path").nth(1).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    expect(figure.locator(".hoverlayer .hovertext")).to_have_count(1)
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/workforce/employees/\?.*sex=F"))
    expect(page.locator("[data-testid=result-count]")).to_have_text(re.compile(rf"^\s*{expected}\b"))
    shot("reports-drill-down")
    assert not page.csp_violations()

    page.go_back()
    page.goto(f"/reports/hr/?org={world['root'].code}&from=2024-01-01&to=2024-12-31")
    expect(page.locator("[data-figure=composition-flows]")).to_have_attribute("data-ready", "1")
    shot("reports-hr-dashboard")
    page.goto(f"/reports/?region={region.pk}")
    with page.expect_download() as download:
        page.click("[data-testid=workbook-link]")
    path = tmp_path / "report.xlsx"
    download.value.save_as(path)
    book = openpyxl.load_workbook(path)
    from reports.registry import reports_for

    assert len(book.worksheets) == 1 + len(reports_for(leader))  # the cover, then a sheet per report
    cover = [cell.value for row in book.worksheets[0].iter_rows() for cell in row if cell.value]
    assert region.name in cover


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_on_a_phone_for_a_leader_without_records(browser, live_server, world):
    leader = UserFactory(username="rahbar2")
    grant(leader, Role.LEADERSHIP, world["root"])
    context, phone = open_page(browser, live_server, width=390, height=844)
    try:
        login(phone, "rahbar2", PASSWORD)
        phone.goto(f"/reports/?org={world['root'].code}&region={world['regions'][2].pk}")
        expect(phone.locator("[data-figure=composition-by_sex]")).to_have_attribute("data-ready", "1")
        assert phone.locator("[data-testid=drill]").count() == 0
        expect(phone.locator("body")).to_contain_text("<5")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, width
        screenshot(phone, "reports-dashboard-phone")
        phone.goto("/reports/hr/")
        assert phone.locator("h1").inner_text()
        assert not phone.csp_violations()
    finally:
        context.close()
