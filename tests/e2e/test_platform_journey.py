"""Journeys of the platform pieces: an HR officer exports 20,000 employees as a job and downloads
the file; a user sees a notification in the bell and inbox and marks it read; a stranger checks
a verifiable document's address (valid, then revoked)."""

import datetime

import openpyxl
import pytest
from playwright.sync_api import expect

from core.exporters import export_run
from core.models import ExportJob
from core.notifications import in_every_language, notify
from core.verification import register_document_kind, verifiable_issue, verifiable_revoke
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory, grant, make_staff_position
from workforce.models import Assignment, Employee, EmployeeStatus, OrderKind, Role
from workforce.search import employee_search_text
from workforce.validators import make_pinfl

pytestmark = pytest.mark.e2e

FIRST = ["Aziz", "Sardor", "Jasur", "Bahodir", "Dilnoza", "Malika", "Nilufar", "Gulnora"]
LAST = ["Karimov", "Gʻulomov", "Toshmatov", "Yusupov", "Rahimova", "Ergasheva", "Saidova", "Oʻrinova"]


def bulk_employees(organization, n: int, *, first: int = 0) -> None:
    """``n`` employees, 100 to a staff position, written with bulk_create (seconds, not minutes)."""
    positions = [make_staff_position(organization, rate_units="100.00") for _ in range((n + 99) // 100)]
    start = datetime.date(2020, 1, 1)
    people = []
    for i in range(first, first + n):
        birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=(i * 37) % 12000)
        sex = "M" if i % 2 else "F"
        last, given = LAST[i % len(LAST)], FIRST[(i // 8) % len(FIRST)]
        people.append(Employee(
            pinfl=make_pinfl(birth, sex, (i // 1000) % 1000, i % 1000), last_name=last, first_name=given,
            middle_name="", birth_date=birth, sex=sex, organization=organization, staff_position=positions[(i - first) // 100],
            hired_on=start, civil_service_start=start, status=EmployeeStatus.ACTIVE,
            search_text=employee_search_text(last_name=last, first_name=given, middle_name="", last_name_cyrl="",
                                             first_name_cyrl=""),
        ))
    Employee.objects.bulk_create(people, batch_size=2000)
    Assignment.objects.bulk_create(
        [Assignment(employee_id=pk, staff_position_id=position_id, organization=organization, rate="1.00",
                    start_date=start)
         for pk, position_id in Employee.objects.filter(organization=organization).values_list("pk", "staff_position")],
        batch_size=2000)


@pytest.mark.django_db(transaction=True)
def test_hr_officer_exports_20000_employees_and_downloads_the_file(page, shot, tree, tmp_path):
    officer = UserFactory(username="kadrlar", first_name="Dilnoza", last_name="Rahimova")
    grant(officer, Role.HR_OFFICER, tree["A"])
    bulk_employees(tree["A-DEPT"], 20_000)
    bulk_employees(tree["B"], 50, first=20_000)  # another ministry's people: never in the file

    login(page, "kadrlar", PASSWORD)
    page.wait_for_url("**/")
    page.goto("/workforce/employees/")
    export_link = page.get_by_test_id("export-xlsx")
    assert export_link.is_visible()
    # Following the link takes as long as the export (Celery is eager on the live server).
    page.goto(export_link.get_attribute("href"), timeout=300_000)
    # Over EXPORT_STREAM_MAX_ROWS: a job, and its page. (Celery is eager on the live server, so the job
    # has finished by the time the page opens; the polling is shown with a queued job below.)
    assert "/exports/" in page.url
    status = page.get_by_test_id("export-status")
    assert status.get_attribute("data-status") == "done"
    assert "20" in page.get_by_test_id("export-status").inner_text()
    shot("export-job-done-desktop")
    with page.expect_download() as download_info:
        page.click("[data-testid=export-download]")
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = openpyxl.load_workbook(saved, read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 20_001
    outsiders = set(Employee.objects.filter(organization=tree["B"]).values_list("pinfl", flat=True))
    assert not outsiders & {row[0] for row in rows}

    # A job still waiting for a worker: the page polls and shows the file when it is ready.
    job = ExportJob.objects.create(identifier="workforce.employees", requested_by=officer, language="uz",
                                   params={"format": "csv", "filters": {"q": "Gʻulomov Aziz"}})
    page.goto(f"/exports/{job.pk}/")
    assert page.get_by_test_id("export-status").get_attribute("data-status") == "pending"
    assert page.get_by_test_id("export-progress-text").is_visible()
    shot("export-job-waiting-desktop")
    export_run(job_id=job.pk)  # what the worker does
    page.wait_for_selector("[data-testid=export-download]", timeout=15_000)
    page.goto("/exports/")
    assert page.get_by_test_id("export-list").locator("tbody tr").count() == 2
    shot("exports-list-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("exports-list-phone")
    page.goto(f"/exports/{job.pk}/")
    shot("export-job-done-phone")


@pytest.mark.django_db(transaction=True)
def test_a_user_sees_a_notification_in_the_bell_and_marks_it_read(page, shot):
    user = UserFactory(username="sardor", first_name="Sardor", last_name="Gʻulomov")
    other = UserFactory(username="begona")
    for number, kind in (("IMV/2026/00412", OrderKind.TRANSFER), ("IMV/2026/00413", OrderKind.RANK_CHANGE)):
        notify([user], "workforce.order_issued",
               {"number": number, "kind": in_every_language(kind.label), "order_date": "2026-11-02",
                "effective_date": "2026-11-09", "organization": "Iqtisodiyot va moliya vazirligi"},
               link="/notifications/settings/")
    notify([other], "workforce.order_issued",
           {"number": "SECRET/1", "kind": in_every_language(OrderKind.HIRE.label), "order_date": "2026-11-02",
            "effective_date": "2026-11-02", "organization": "B"})

    login(page, "sardor", PASSWORD)
    page.wait_for_url("**/")
    assert page.get_by_test_id("bell-count").inner_text() == "2"
    page.click("[data-testid=bell]")
    page.wait_for_url("**/notifications/")
    items = page.get_by_test_id("notification")
    assert items.count() == 2
    assert "SECRET/1" not in page.content()
    assert "kadrlar boʻyicha buyruq" in items.first.inner_text()
    shot("inbox-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("inbox-phone")
    page.set_viewport_size({"width": 1366, "height": 900})

    items.first.get_by_test_id("mark-read").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("bell-count").inner_text() == "1"
    # Opening the other one follows its link and marks it read: the bell is empty.
    page.locator(".inbox__item--unread [data-testid=notification-open]").click()
    page.wait_for_url("**/notifications/settings/")
    assert page.get_by_test_id("bell-count").count() == 0
    shot("notification-settings-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("notification-settings-phone")
    page.set_viewport_size({"width": 1366, "height": 900})

    page.click("[data-testid=lang-ru]")
    page.wait_for_load_state()
    page.goto("/notifications/")
    assert "Кадровый приказ № IMV/2026/00412" in page.content()


@pytest.mark.django_db(transaction=True)
def test_a_stranger_checks_a_verifiable_document(page, shot):
    register_document_kind("tests.certificate", "Test certificate")
    document = verifiable_issue(kind="tests.certificate", subject_summary="Karimov A. A.",
                                title="Davlat tili boʻyicha test sertifikati",
                                issuer="Davlat xizmatini rivojlantirish agentligi", result="82 / 100, oʻtdi",
                                facts=[("Test sanasi", datetime.date(2026, 11, 3))])
    page.goto(f"/verify/{document.code}/")
    assert page.get_by_test_id("verify-ok").is_visible()
    assert "Karimov A. A." in page.get_by_test_id("verify-facts").inner_text()
    shot("verify-valid-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("verify-valid-phone")

    verifiable_revoke(document=document, reason="Natija qoidabuzarlik sababli bekor qilindi", actor=None)
    page.reload()
    assert page.get_by_test_id("verify-revoked").is_visible()
    assert page.get_by_test_id("verify-reason").inner_text() == "Natija qoidabuzarlik sababli bekor qilindi"
    shot("verify-revoked-phone")
    page.goto("/verify/not-a-real-code-000/")
    assert page.get_by_test_id("verify-unknown").is_visible()


@pytest.mark.django_db(transaction=True)
def test_an_appointed_servant_sees_the_order_in_the_inbox_and_a_stranger_checks_it(page, shot, tree):
    """Another ministry appoints a civil servant of B after its competition: the servant finds both
    orders (B's release, A's appointment) in the bell and inbox, B's HR officer is told, and a
    stranger opens the appointment order's verification address and sees it genuine."""
    from workforce.services import PersonDetails, employee_appoint, employee_hire

    hr_a = UserFactory(username="kadrlar.a", first_name="Dilnoza", last_name="Rahimova")
    grant(hr_a, Role.HR_OFFICER, tree["A"])
    hr_b = UserFactory(username="kadrlar.b", first_name="Jasur", last_name="Toshmatov")
    grant(hr_b, Role.HR_OFFICER, tree["B"])
    servant = UserFactory(username="botir", first_name="Botir", last_name="Rahimov", preferred_language="uz")
    birth = datetime.date(1985, 9, 9)
    person = Employee.objects.create(
        pinfl=make_pinfl(birth, "M", 321, 7), last_name="Rahimov", first_name="Botir", middle_name="", birth_date=birth,
        sex="M", organization=tree["B"], user=servant,
        search_text=employee_search_text(last_name="Rahimov", first_name="Botir", middle_name="", last_name_cyrl="",
                                         first_name_cyrl=""))
    employee_hire(employee=person, staff_position=make_staff_position(tree["B"], name="Bosh hisobchi"),
                  start_date=datetime.date(2021, 2, 1), actor=hr_b)
    order = employee_appoint(
        actor=hr_a, person=PersonDetails(pinfl=person.pinfl, last_name="Rahimov", first_name="Botir", birth_date=birth,
                                         sex="M"),
        staff_position=make_staff_position(tree["A"], name="Bosh yurist"), start_date=datetime.date(2026, 12, 14),
        basis=("vacancies", "17", "17-sonli tanlov, “Bosh yurist” vakansiyasi"))

    login(page, "botir", PASSWORD)
    page.wait_for_url("**/")
    expect(page.get_by_test_id("bell-count")).to_have_text("3")  # the hire in B, B's release, A's appointment
    page.click("[data-testid=bell]")
    page.wait_for_url("**/notifications/")
    expect(page.get_by_test_id("notification")).to_have_count(3)
    appointed = page.get_by_test_id("notification").filter(has_text=order.number)
    expect(appointed).to_have_count(1)
    expect(appointed).to_contain_text("Vazirlik A")
    shot("inbox-appointed-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("inbox-appointed-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.context.clear_cookies()

    login(page, "kadrlar.b", PASSWORD)
    page.wait_for_url("**/")
    expect(page.get_by_test_id("bell-count")).to_have_text("1")
    page.goto("/notifications/")
    left = page.get_by_test_id("notification").first
    expect(left).to_contain_text("Rahimov")
    assert "Vazirlik A" not in left.inner_text() and "Bosh yurist" not in page.content()
    shot("inbox-source-hr-desktop")
    page.context.clear_cookies()

    login(page, "kadrlar.a", PASSWORD)
    page.wait_for_url("**/")
    page.goto(f"/workforce/orders/{order.pk}/")
    expect(page.get_by_test_id("order-basis")).to_contain_text("17-sonli tanlov")
    shot("order-appointment-desktop")
    verify_url = page.locator(".doc .qr .mono").inner_text().strip()
    assert "/verify/" in verify_url
    page.context.clear_cookies()  # a stranger, not logged in

    page.goto("/verify/" + verify_url.split("/verify/", 1)[1])
    expect(page.get_by_test_id("verify-ok")).to_be_visible()
    facts = page.get_by_test_id("verify-facts").inner_text()
    assert "Rahimov B." in facts and person.pinfl not in page.content()
    shot("verify-order-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("verify-order-phone")
