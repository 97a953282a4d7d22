"""Journey of the assessment issue: a civil servant starts the test an attestation campaign assigned,
answers, loses the network for the answer saves and reloads mid-test (every answer is still there),
gets the network back (the queued answer is sent), flags a question, finishes, sees the result and
downloads the certificate; an anonymous visitor then checks it at the address of its QR code.

(Waits use Playwright's expect(): wait_for_function evaluates a string, which the page's CSP forbids.)"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessment.models import Attempt, AttemptSlot, AttemptState, Certificate
from assessment.services import campaign_create
from tests.assessment.factories import make_bank, make_test
from tests.e2e.conftest import login, open_page, screenshot
from tests.factories import PASSWORD, UserFactory, grant, make_staffed_employee
from workforce.models import Role
from workforce.services import employee_link_user

pytestmark = pytest.mark.e2e

SAVED = "Barcha javoblar saqlandi"


def correct_of(slot: AttemptSlot) -> list[int]:
    return [int(k) for k, v in slot.key.items() if Decimal(v) > 0]


def wrong_of(slot: AttemptSlot) -> int:
    return next(o for o in slot.option_ids if o not in correct_of(slot))


def option(page, question_id: int, option_id: int):
    return page.locator(f'input[name="q-{question_id}"][value="{option_id}"]')


@pytest.mark.django_db(transaction=True)
def test_take_an_assigned_test_through_a_reload_and_a_lost_network(page, shot, tree, browser, live_server):
    officer = UserFactory(username="kadrlar")
    grant(officer, Role.HR_OFFICER, tree["A"])
    servant = UserFactory(username="xizmatchi", first_name="Sardor", last_name="Gʻulomov")
    employee_link_user(employee=make_staffed_employee(tree["A-DEPT"], last_name="Gʻulomov", first_name="Sardor",
                                                      middle_name="Anvarovich"), user=servant, actor=None)
    make_bank("legislation", 4)
    make_bank("logic", 3)
    test = make_test(lines=[("legislation", 3), ("logic", 2)], name_uz="Attestatsiya testi", time_limit_minutes=30,
                     answers_shown="after_finish")
    campaign_create(name="2026 attestatsiyasi", test=test, organization=tree["A"], actor=officer,
                    deadline=timezone.now() + datetime.timedelta(days=10))

    login(page, "xizmatchi", PASSWORD)
    page.wait_for_url("**/")
    page.click("text=Mening testlarim")
    page.wait_for_selector("[data-testid=my-tests]")
    shot("assessment-my-tests")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=start]")
    page.wait_for_selector("[data-question]")
    attempt = Attempt.objects.get(user=servant)
    slots = list(AttemptSlot.objects.filter(attempt=attempt).order_by("position"))
    assert page.locator("[data-question]").count() == 5
    assert ":" in page.inner_text("[data-timer]")

    # Two answers while the network is fine.
    option(page, slots[0].question_id, correct_of(slots[0])[0]).check()
    option(page, slots[1].question_id, wrong_of(slots[1])).check()
    expect(page.locator("[data-save-state]")).to_contain_text(SAVED)
    shot("assessment-attempt")

    # The answer saves stop reaching the server; the third answer waits on this device.
    page.route("**/answers/**", lambda route: route.abort())
    option(page, slots[2].question_id, correct_of(slots[2])[0]).check()
    expect(page.locator("[data-save-state]")).to_have_attribute("data-state", "offline")
    slots[2].refresh_from_db()
    assert slots[2].selected == []

    # Reload mid-test: the two saved answers come from the server, the queued one from this browser.
    page.reload()
    page.wait_for_selector("[data-question]")
    assert option(page, slots[0].question_id, correct_of(slots[0])[0]).is_checked()
    assert option(page, slots[1].question_id, wrong_of(slots[1])).is_checked()
    assert option(page, slots[2].question_id, correct_of(slots[2])[0]).is_checked()
    assert page.inner_text("[data-answered]") == "3"

    # The network comes back: the queued answer is sent (the retry), with its sequence number.
    page.unroute("**/answers/**")
    expect(page.locator("[data-save-state]")).to_contain_text(SAVED, timeout=40_000)
    slots[2].refresh_from_db()
    assert slots[2].selected == correct_of(slots[2]) and slots[2].sequence == 1

    # Change an answer, flag a question for review.
    option(page, slots[1].question_id, correct_of(slots[1])[0]).check()
    page.locator(f'#q-{slots[3].question_id} [data-flag]').check()
    expect(page.locator("[data-save-state]")).to_contain_text(SAVED)
    assert "is-flagged" in page.get_attribute(f'[data-nav="{slots[3].question_id}"]', "class")
    slots[1].refresh_from_db()
    slots[3].refresh_from_db()
    assert (slots[1].selected, slots[1].sequence, slots[3].flagged) == (correct_of(slots[1]), 2, True)

    page.set_viewport_size({"width": 390, "height": 844})
    shot("assessment-attempt-phone")
    page.set_viewport_size({"width": 1366, "height": 900})

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-testid=finish]")
    page.wait_for_selector("[data-testid=result]")
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.FINISHED
    assert attempt.score == Decimal("60.00")  # 3 of 5 right
    assert page.inner_text("[data-testid=score]").strip() in ("60.00", "60,00")
    assert "Oʻtdi" in page.inner_text("[data-testid=result]")
    shot("assessment-result")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("assessment-result-phone")
    page.set_viewport_size({"width": 1366, "height": 900})

    # The certificate, from the result page.
    certificate = Certificate.objects.get(attempt=attempt)
    expect(page.locator("[data-testid=certificate]")).to_contain_text(certificate.number)
    assert page.csp_violations() == []
    with page.expect_download() as download_info:
        page.click("[data-testid=certificate-download]")
    download = download_info.value
    assert download.suggested_filename == f"{certificate.number}.pdf"
    with open(download.path(), "rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF") and certificate.verification_code.encode() in pdf

    # Anyone holding the paper checks it through the QR address, without an account.
    context, visitor = open_page(browser, live_server)
    try:
        visitor.goto(f"/verify/{certificate.verification_code}/")
        expect(visitor.locator("[data-testid=verify-ok]")).to_be_visible()
        facts = visitor.inner_text("[data-testid=verify-facts]")
        assert "Gʻulomov S. A." in facts and "Attestatsiya testi" in facts and "60,00 / 100" in facts
        assert "Sardor" not in facts
        screenshot(visitor, "assessment-certificate-verify")
        visitor.set_viewport_size({"width": 390, "height": 844})
        screenshot(visitor, "assessment-certificate-verify-phone")
        assert visitor.csp_violations() == []
    finally:
        context.close()
