"""The test author's and the HR officer's assessment pages in a real browser, at desktop and phone
widths: a question is written in the form, a blueprint is published, a campaign opened and followed,
an attempt proctored (a passed one's certificate revoked) and the item analysis read. Screenshots land
in tests/e2e/screenshots/."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessment.models import Certificate, Question, Test
from assessment.services import attempt_finish, attempt_save_answer, attempt_start
from tests.assessment.factories import make_bank
from tests.e2e.conftest import login
from tests.factories import PASSWORD, UserFactory, grant, make_staffed_employee
from workforce.models import Role
from workforce.services import employee_link_user

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def both_widths(page, shot, name: str) -> None:
    assert "---------" not in page.content()
    shot(name)
    page.set_viewport_size(PHONE)
    shot(f"{name}-phone")
    # nothing wider than the phone: tables scroll inside their cards
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    page.set_viewport_size(DESKTOP)


@pytest.mark.django_db(transaction=True)
def test_author_and_hr_pages(page, shot, tree):
    author = UserFactory(username="muallif", first_name="Shahnoza", last_name="Mirzayeva")
    grant(author, "test_author", tree["A"])
    officer = UserFactory(username="kadrlar3")
    grant(officer, Role.HR_OFFICER, tree["A"])
    make_bank("legislation", 3, owner=tree["A"])
    for n in range(3):
        user = UserFactory(username=f"xodim{n}", first_name="Ism", last_name=f"Familiya{n}")
        employee_link_user(employee=make_staffed_employee(tree["A-DEPT"]), user=user, actor=None)

    login(page, "muallif", PASSWORD)
    page.wait_for_url("**/")
    page.click("text=Savollar bazasi")
    page.wait_for_selector("[data-testid=question-table]")
    both_widths(page, shot, "assessment-bank")

    page.click("[data-testid=question-new]")
    page.select_option("#id_owner", value=str(tree["A"].pk))
    page.select_option("#id_section", label="Yangi qonunchilik")
    page.fill("#id_text_uz", "Yillik taʼtil kamida necha kun?")
    page.fill("#id_text_ru", "Сколько дней длится ежегодный отпуск как минимум?")
    page.fill("#id_choice_1_uz", "27 kun")
    page.fill("#id_choice_1_ru", "27 дней")
    page.fill("#id_choice_1_credit", "100")
    page.fill("#id_choice_2_uz", "15 kun")
    page.fill("#id_choice_2_ru", "15 дней")
    both_widths(page, shot, "assessment-question-form")
    page.click("[data-testid=question-save]")
    page.wait_for_selector("[data-testid=question-table]")
    assert Question.objects.filter(text_uz__startswith="Yillik taʼtil").exists()

    page.click("[data-testid=question-import]")
    both_widths(page, shot, "assessment-import")

    page.goto("/assessment/tests/new/")
    page.select_option("#id_owner", value=str(tree["A"].pk))
    page.fill("#id_code", "a-attestatsiya")
    page.fill("#id_name_uz", "A vazirligi attestatsiya testi")
    page.fill("#id_name_ru", "Аттестационный тест министерства A")
    page.select_option("#id_lines-0-section", label="Yangi qonunchilik")
    page.fill("#id_lines-0-question_count", "4")
    both_widths(page, shot, "assessment-test-form")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=publish]")
    page.click("[data-testid=publish]")
    page.wait_for_selector(".message--success")
    assert Test.objects.get(code="a-attestatsiya").status == "published"
    both_widths(page, shot, "assessment-test-detail")

    page.click("text=Chiqish")
    login(page, "kadrlar3", PASSWORD)
    page.wait_for_url("**/")
    page.click("text=Attestatsiya")
    page.click("[data-testid=campaign-new]")
    page.fill("#id_name", "A vazirligi — 2026")
    page.select_option("#id_test", label="A vazirligi attestatsiya testi")
    page.select_option("#id_organization", index=1)
    deadline = (timezone.localtime() + datetime.timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    page.fill("#id_deadline", deadline)
    both_widths(page, shot, "assessment-campaign-form")
    page.click("[data-testid=campaign-submit]")
    page.wait_for_selector("[data-testid=campaign-progress]")
    assert re.search(r"\b3\b", page.inner_text("[data-testid=campaign-totals]"))

    from assessment.models import Campaign

    campaign = Campaign.objects.get()
    for number, assignment in enumerate(campaign.assignments.order_by("pk")[:2]):
        attempt = attempt_start(assignment=assignment, user=assignment.user, ip_address="10.20.30.40")
        if number == 0:  # this one answers everything right: it passes and gets a certificate
            for slot in attempt.slots.all():
                attempt_save_answer(attempt_id=attempt.pk, question_id=slot.question_id, user=assignment.user,
                                    choices=[int(k) for k, v in slot.key.items() if Decimal(v) > 0], sequence=1)
        attempt_finish(attempt=attempt, actor=assignment.user)
    page.reload()
    both_widths(page, shot, "assessment-campaign")
    page.click("[data-testid=participants] >> text=Urinish")
    page.wait_for_selector("[data-testid=proctor-events]")
    assert "10.20.30.40" in page.inner_text("[data-testid=proctor-summary]")
    both_widths(page, shot, "assessment-proctor")

    # The passed attempt's certificate: HR revokes it, and its public check says so.
    certificate = Certificate.objects.get()
    page.goto(f"/assessment/proctor/attempts/{certificate.attempt_id}/")
    card = page.locator("[data-testid=proctor-certificate]")
    expect(card).to_contain_text(certificate.number)
    page.fill("#revoke-reason", "Natija bekor qilindi: test boshqa odam tomonidan topshirilgan")
    both_widths(page, shot, "assessment-proctor-certificate")
    page.click("[data-testid=certificate-revoke] button")
    expect(card).to_contain_text("Natija bekor qilindi")
    page.goto(f"/verify/{certificate.verification_code}/")
    expect(page.locator("[data-testid=verify-revoked]")).to_be_visible()
    assert "test boshqa odam" in page.inner_text("[data-testid=verify-reason]")
    both_widths(page, shot, "assessment-certificate-revoked")
    page.go_back()

    page.click("text=Chiqish")
    login(page, "muallif", PASSWORD)
    page.wait_for_url("**/")
    page.click("text=Savollar tahlili")
    page.wait_for_selector("[data-testid=item-table]")
    both_widths(page, shot, "assessment-item-analysis")
