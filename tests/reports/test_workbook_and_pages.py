"""The dashboards render every figure with its table and drill-down links, load plotly.js from our
static files without inline scripts; the workbook has a cover and one styled sheet per report,
from the page, the exporter and the CLI."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from tests.factories import UserFactory, grant
from workforce.models import Role

from .conftest import generate_service


@pytest.fixture
def world(db):
    return generate_service(21, people=80)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/reports/", "/reports/hr/"])
def test_dashboards_show_figures_as_tables_with_drill_downs_for_hr(client, world, url):
    hr = UserFactory()
    grant(hr, Role.HR_OFFICER, world["root"])
    client.force_login(hr)
    response = client.get(url, {"org": world["root"].code, "on": "2025-06-30"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/reports/vendor/plotly.min.js" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert 'style="' not in html
    assert html.count('type="application/json"') >= 5
    assert html.count('data-testid="drill"') >= 5
    assert "/workforce/employees/?on=2025-06-30" in html.replace("&amp;", "&")


@pytest.mark.django_db
def test_leadership_gets_no_links_to_records_and_small_cells_hidden(client, world):
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, world["root"])
    client.force_login(leader)
    html = client.get("/reports/", {"org": world["root"].code, "region": world["regions"][2].pk}).content.decode()
    assert 'data-testid="drill"' not in html
    assert "&lt;5" in html


@pytest.mark.django_db
def test_people_without_an_analytics_role_are_refused(client, world):
    client.force_login(UserFactory())
    assert client.get("/reports/").status_code == 403


@pytest.mark.django_db
def test_the_workbook_has_a_cover_and_a_styled_sheet_per_report(client, world):
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, None)
    client.force_login(leader)
    response = client.get("/reports/workbook.xlsx", {"org": world["root"].code, "on": "2025-06-30"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming
                                    else response.content))
    assert book.sheetnames[0] == "Parameters" or len(book.sheetnames) > 10
    cover = book.worksheets[0]
    values = [cell.value for row in cover.iter_rows() for cell in row if cell.value]
    assert world["root"].code in " ".join(map(str, values)) and "2025-06-30" in values
    sexes = next(sheet for sheet in book.worksheets[1:] if sheet["A2"].value in ("Erkak", "Male", "Мужской"))
    assert sexes.freeze_panes == "B2"
    assert sexes["A1"].font.bold and sexes["A1"].fill.fgColor.rgb.endswith("1F5FA8")
    last = sexes.max_row
    assert sexes.cell(row=last, column=1).font.bold  # the totals row
    assert sexes["B2"].number_format == "#,##0"
    from reports.registry import reports_for

    assert len(book.worksheets) == 1 + len(reports_for(leader))  # a sheet per report the leader may read
    headline = book.worksheets[1]
    formats = {headline.cell(row=row, column=1).value: headline.cell(row=row, column=2).number_format
               for row in range(2, headline.max_row + 1)}
    assert "0.0%" in formats.values() and "#,##0" in formats.values()


@pytest.mark.django_db
def test_the_cli_writes_the_same_workbook(tmp_path, world):
    out = tmp_path / "report.xlsx"
    call_command("export_workforce_report", "--out", str(out), "--org", world["root"].code, "--as-of", "2024-12-31")
    book = load_workbook(out)
    from reports.registry import registered_reports

    # the cover, then a sheet per registered report (the operator reads them all; other apps add theirs)
    assert len(book.worksheets) == 1 + len(registered_reports())
    cover_values = [cell.value for row in book.worksheets[0].iter_rows() for cell in row]
    assert "2024-12-31" in cover_values


@pytest.mark.django_db
def test_a_leader_logging_in_lands_on_the_dashboard_others_on_home(client, world):
    from tests.factories import PASSWORD

    leader = UserFactory(username="rahbar")
    grant(leader, Role.LEADERSHIP, None)
    response = client.post("/accounts/login/", {"username": "rahbar", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/reports/"
    client.logout()
    both = UserFactory(username="rahbar_kadr")
    grant(both, Role.LEADERSHIP, world["root"])
    grant(both, Role.HR_OFFICER, world["root"])
    response = client.post("/accounts/login/", {"username": "rahbar_kadr", "password": PASSWORD})
    assert response["Location"] == "/"
    client.logout()
    response = client.post("/accounts/login/?next=/workforce/organizations/", {"username": "rahbar",
                                                                                 "password": PASSWORD})
    assert response["Location"] == "/workforce/organizations/"


@pytest.mark.django_db
def test_the_workbook_runs_as_an_export_job_through_the_api(client, world, django_capture_on_commit_callbacks):
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, world["root"])
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/exports/", {"identifier": "reports.workforce",
                                                    "params": {"org": world["root"].code, "on": "2025-01-31"}},
                               content_type="application/json")
    assert response.status_code == 201, response.content
    job = client.get(f"/api/v1/exports/{response.json()['id']}/").json()
    assert job["status"] == "done", job
    assert job["download_url"]


@pytest.mark.django_db
@pytest.mark.parametrize("people", [20, 120])
def test_the_dashboard_reads_a_fixed_number_of_queries_whatever_the_size(client, people, django_assert_max_num_queries):
    world = generate_service(40 + people, people=people)
    hr = UserFactory()
    grant(hr, Role.HR_OFFICER, world["root"])
    client.force_login(hr)
    client.get("/reports/")  # warm the caches of the organisation choices
    with django_assert_max_num_queries(30):
        assert client.get("/reports/", {"org": world["root"].code}).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get("/reports/hr/", {"org": world["root"].code}).status_code == 200
