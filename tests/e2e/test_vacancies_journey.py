"""Journey of the vacancies issue: a visitor finds a vacancy with the filters, signs up, confirms the
e-mail, fills the profile, applies and follows the stage in the cabinet; the HR officer runs the
competition (admit, test, interview), a commission member declares and scores, HR ranks and appoints
the winner; the new employee appears in workforce.

Wave 2: the candidate uploads a diploma in the profile, takes the vacancy's test from the cabinet on
the assessment engine (its result moves the stage through the ``attempt_finished`` signal), sees the
result in the cabinet and the stage notifications in the inbox. (The HR order citing the competition
as its basis comes with ``employee_appoint``.)"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from playwright.sync_api import expect

from assessment.models import Attempt, AttemptSlot
from tests.assessment.factories import make_bank, make_test
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory, grant, make_organization, make_vacancy
from vacancies.models import Application, CandidateDocument, Stage
from workforce.models import Employee, HROrder, Region, Role
from workforce.validators import make_pinfl

pytestmark = pytest.mark.e2e

PINFL = make_pinfl(datetime.date(1996, 12, 7), "F", 635, 2)
EMAIL = "dilnoza.gulomova@example.uz"


def widths(page, shot, name: str, *, reload: bool = True) -> None:
    """Screenshots at desktop and phone width (people look at them); the phone one is loaded at that
    width, so panels fold as they do on a phone."""
    shot(f"{name}-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    if reload:
        page.reload()
    shot(f"{name}-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    if reload:
        page.reload()


@pytest.mark.django_db(transaction=True)
def test_find_sign_up_apply_compete_and_get_appointed(browser, live_server, page, shot, tree):
    page.on("dialog", lambda dialog: dialog.accept())
    samarqand = Region.objects.get(soato="1718")
    justice = make_organization(code="SAM-ADL", parent=tree["A"], level="territorial", region=samarqand,
                                name="Samarqand viloyati adliya boshqarmasi")
    officer = UserFactory(username="kadrlar", first_name="Jasur", last_name="Toshmatov")
    grant(officer, Role.HR_OFFICER, tree["A"])
    member = UserFactory(username="komissiya", first_name="Malika", last_name="Ergasheva")
    grant(member, Role.COMMISSION, tree["A"])
    make_bank("legislation", 5)
    test = make_test(lines=[("legislation", 5)], name_uz="Yuriskonsultlar uchun test", time_limit_minutes=20)
    vacancy = make_vacancy(justice, title="Bosh yuriskonsult", specialty="Huquqshunoslik", category_code="S-1",
                           test=test,
                           min_education="bachelor", min_experience_years=2, salary_min=9_000_000,
                           salary_max=11_000_000, description_uz="<p>Huquqiy ekspertiza va sudda vakillik.</p>")
    make_vacancy(tree["B"], title="Katta inspektor")
    make_vacancy(tree["A"], title="Boʻlim boshligʻi", category_code="M-4")

    # 1. A visitor finds the vacancy: region filter and a keyword typed in Cyrillic.
    page.goto("/vacancies/")
    widths(page, shot, "vacancies-portal")
    page.select_option("#id_region", "1718")
    page.click("[data-testid=filters-apply]")
    page.fill("[data-testid=vacancy-search]", "юрисконсульт")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*q=.*"))
    assert page.locator(".vacancy-card").count() == 1
    page.click("text=Bosh yuriskonsult")
    assert page.locator("[data-testid=vacancy-title]").inner_text() == "Bosh yuriskonsult"
    assert page.locator("script[type='application/ld+json']").count() == 1
    widths(page, shot, "vacancies-detail")

    # 2. Sign-up, the letter, activation, the profile.
    page.click("[data-testid=signup-link]")
    page.fill("#id_pinfl", PINFL)
    page.fill("#id_passport", "AD1234567")
    page.fill("#id_last_name", "Gʻulomova")
    page.fill("#id_first_name", "Dilnoza")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", "Kitob-qalam-2026")
    page.fill("#id_password2", "Kitob-qalam-2026")
    widths(page, shot, "vacancies-signup", reload=False)
    page.click("[data-testid=signup-submit]")
    page.wait_for_selector("[data-testid=signup-sent]")
    link = re.search(r"https?://\S+/cabinet/activate/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.wait_for_url("**/cabinet/profile/")
    page.locator("details:has([data-testid=education-form]) > summary").click()
    page.select_option("#id_education-level", "master")
    page.fill("#id_education-institution", "Toshkent davlat yuridik universiteti")
    page.fill("#id_education-specialty", "Huquqshunoslik")
    page.fill("#id_education-graduation_year", "2019")
    page.click("[data-testid=education-submit]")
    page.locator("details:has([data-testid=experience-form]) > summary").click()
    page.fill("#id_experience-employer", "“Adolat” advokatlik byurosi")
    page.fill("#id_experience-position", "Yurist")
    page.fill("#id_experience-start_date", "2019-09-01")
    page.click("[data-testid=experience-submit]")
    page.locator("details:has([data-testid=document-form]) > summary").click()
    page.select_option("#id_document-kind", "diploma")
    page.fill("#id_document-title", "Magistr diplomi, 2019")
    page.set_input_files("#id_document-file", files=[{"name": "diplom.pdf", "mimeType": "application/pdf",
                                                      "buffer": b"%PDF-1.4\n%%EOF\n"}])
    page.click("[data-testid=document-submit]")
    expect(page.locator("[data-testid=document-link]")).to_have_count(1)
    assert CandidateDocument.objects.filter(candidate__pinfl=PINFL, kind="diploma").count() == 1
    widths(page, shot, "vacancies-profile")

    # 3. Apply: the automatic check is shown first; the cabinet follows the stage.
    page.goto(f"/vacancies/{vacancy.pk}/")
    page.click("[data-testid=apply-link]")
    page.wait_for_selector("[data-testid=check-ok]")
    page.click("[data-testid=apply-submit]")
    page.wait_for_url("**/cabinet/")
    assert "Yuborilgan" in page.locator(f"[data-testid=application-{vacancy.pk}] [data-testid=stage]").inner_text()
    widths(page, shot, "vacancies-cabinet", reload=False)
    application = Application.objects.get(vacancy=vacancy, candidate__pinfl=PINFL)

    # 4. HR: close, start, admit, invite to the test.
    hr = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    hr_page = hr.new_page()
    hr_page.on("dialog", lambda dialog: dialog.accept())
    login(hr_page, "kadrlar", PASSWORD)
    hr_page.goto(f"/vacancies/hr/{vacancy.pk}/")
    hr_page.click("[data-testid=close]")
    hr_page.click("[data-testid=start]")
    hr_page.check(f"input[name=application][value='{application.pk}']")
    hr_page.click("[data-testid=bulk-admit]")
    hr_page.check(f"input[name=application][value='{application.pk}']")
    hr_page.click("[data-testid=bulk-test]")
    expect(hr_page.locator("[data-testid=applicant-row] .badge").first).to_have_text("Test")

    # 4b. The candidate (not a civil servant) takes the test from the cabinet: 4 of 5 right.
    page.goto("/cabinet/")
    expect(page.locator("[data-testid=take-test]")).to_be_visible()
    widths(page, shot, "vacancies-cabinet-invited")
    page.click("[data-testid=take-test]")
    page.wait_for_url("**/assessment/attempts/**")
    attempt = Attempt.objects.get(user__email=EMAIL)
    for number, slot in enumerate(AttemptSlot.objects.filter(attempt=attempt).order_by("position")):
        correct = [int(k) for k, v in slot.key.items() if Decimal(v) > 0]
        chosen = correct[0] if number < 4 else next(o for o in slot.option_ids if o not in correct)
        page.locator(f'input[name="q-{slot.question_id}"][value="{chosen}"]').check()
    expect(page.locator("[data-save-state]")).to_contain_text("Barcha javoblar saqlandi")
    page.click("[data-testid=finish]")
    page.wait_for_selector("[data-testid=result]")
    page.goto("/cabinet/")
    card = page.locator(f"[data-testid=application-{vacancy.pk}]")
    expect(card.locator("[data-testid=stage]")).to_contain_text("Testdan oʻtgan")
    expect(card.locator("[data-testid=next-step]")).to_contain_text("80")
    expect(card.locator("[data-testid=test-result]")).to_be_visible()
    widths(page, shot, "vacancies-cabinet-tested")
    assert Application.objects.get(pk=application.pk).test_score == Decimal("80.00")

    # 4c. The inbox holds a notification for each stage, newest first, linking to the cabinet.
    page.goto("/notifications/")
    stage_notes = page.locator("[data-testid=notification][data-event='vacancies.stage_changed']")
    expect(stage_notes).to_have_count(4)  # submitted, admitted, testing, test passed
    expect(stage_notes.first).to_contain_text("Bosh yuriskonsult")
    expect(stage_notes.first).to_contain_text("Testdan oʻtgan")
    widths(page, shot, "vacancies-inbox")
    stage_notes.first.locator("[data-testid=notification-open]").click()
    page.wait_for_url(f"**/cabinet/#application-{application.pk}")
    hr_page.goto(f"/vacancies/hr/{vacancy.pk}/")
    hr_page.check(f"input[name=application][value='{application.pk}']")
    hr_page.click("[data-testid=bulk-interview]")
    hr_page.select_option("#id_user", str(member.pk))
    hr_page.click("[data-testid=member-form] button")
    _shot(hr_page, "vacancies-hr-detail-1366")
    hr_page.set_viewport_size({"width": 390, "height": 844})
    _shot(hr_page, "vacancies-hr-detail-390")
    hr_page.set_viewport_size({"width": 1366, "height": 900})

    # 5. The commission member declares no conflict and scores.
    jury = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    jury_page = jury.new_page()
    login(jury_page, "komissiya", PASSWORD)
    jury_page.goto(f"/vacancies/commission/{vacancy.pk}/")
    jury_page.check("input[name=has_conflict][value='0']")
    jury_page.click("[data-testid=declare-submit]")
    for field in jury_page.locator("[data-testid=score-form] input[type=number]").all():
        field.fill("8")
    _shot(jury_page, "vacancies-commission-1366")
    jury_page.click("[data-testid=score-submit]")
    assert jury_page.locator("text=baholandi").count() >= 1
    jury.close()

    # 6. HR ranks and appoints the winner; the employee appears in workforce.
    hr_page.goto(f"/vacancies/hr/{vacancy.pk}/")
    hr_page.click("[data-testid=rank]")
    hr_page.wait_for_selector("[data-testid=winner]")
    hr_page.click("[data-testid=winner] a")
    start = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    hr_page.fill("#id_start_date", start)
    hr_page.click("[data-testid=appoint-submit]")
    hr_page.wait_for_selector("text=Tayinlangan")
    employee = Employee.objects.get(pinfl=PINFL)
    assert employee.staff_position_id == vacancy.staff_position_id
    hr_page.goto("/workforce/employees/?q=Гуломова")
    assert "Gʻulomova" in hr_page.locator("[data-testid=employee-table]").inner_text()
    # The HR order cites the competition as its basis (employee_appoint).
    order = HROrder.objects.get(employee=employee)
    hr_page.goto(f"/workforce/orders/{order.pk}/")
    expect(hr_page.get_by_test_id("order-basis")).to_contain_text(str(vacancy.pk))
    hr_page.goto("/vacancies/hr/funnel/")
    _shot(hr_page, "vacancies-funnel-1366")
    hr.close()

    page.goto("/cabinet/")
    assert "Tayinlangan" in page.locator(f"[data-testid=application-{vacancy.pk}] [data-testid=stage]").inner_text()
    assert Application.objects.get(pk=application.pk).stage == Stage.APPOINTED
    # The winner, now an employee with their account linked, finds the hire order in the inbox (the
    # order's own notice; the "appointed" stage notice names the order number too).
    page.goto("/notifications/")
    expect(page.get_by_test_id("notification").filter(has_text=f"{order.number}-son kadrlar")).to_have_count(1)


def _shot(page, name: str) -> None:
    from tests.e2e.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
