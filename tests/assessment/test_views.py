"""The assessment pages: who may open them, what they show, what they write (through the services),
scope (another organisation's rows are 404) and no N+1 on the lists."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment.interchange.moodle import write_moodle
from assessment.models import Attempt, AttemptSlot, AttemptState, Campaign, Question, QuestionKind, Test, TestAssignment
from assessment.services import attempt_finish, attempt_start, campaign_create
from tests.assessment.factories import assign, make_bank, make_question, make_test, section
from tests.factories import UserFactory, grant, make_staffed_employee
from workforce.services import employee_link_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def author_a(tree):
    user = UserFactory(username="author_a")
    grant(user, "test_author", tree["A"])
    return user


@pytest.fixture
def author_b(tree):
    user = UserFactory(username="author_b")
    grant(user, "test_author", tree["B"])
    return user


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(captured)


# --- taker ---------------------------------------------------------------------------------------

def test_taker_pages_and_the_no_script_finish(client):
    make_bank("legislation", 3)
    test = make_test(lines=[("legislation", 3)], answers_shown="after_finish")
    taker = UserFactory()
    assignment = assign(test, taker)
    client.force_login(taker)
    assert "Mening testlarim" in client.get(reverse("assessment:my_tests")).content.decode()
    response = client.post(reverse("assessment:attempt_start", args=[assignment.pk]))
    attempt = Attempt.objects.get(user=taker)
    assert response.url == reverse("assessment:attempt", args=[attempt.pk])
    page = client.get(response.url)
    assert page.status_code == 200 and 'id="attempt-config"' in page.content.decode()
    assert attempt.events.filter(kind="page_opened").exists()
    # Not finished yet: the result page sends the taker back to the attempt.
    assert client.get(reverse("assessment:attempt_result", args=[attempt.pk])).status_code == 302
    slots = list(AttemptSlot.objects.filter(attempt=attempt).order_by("position"))
    right = next(int(k) for k, v in slots[0].key.items() if Decimal(v) > 0)
    form = {"with_answers": "1", f"q-{slots[0].question_id}": str(right), f"seq-{slots[0].question_id}": "0",
            f"seq-{slots[1].question_id}": "0", f"q-{slots[1].question_id}": str(slots[1].option_ids[0])}
    finished = client.post(reverse("assessment:attempt_finish", args=[attempt.pk]), form)
    assert finished.url == reverse("assessment:attempt_result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.FINISHED
    assert AttemptSlot.objects.get(pk=slots[0].pk).selected == [right]
    result = client.get(finished.url).content.decode()
    assert 'data-testid="score"' in result and "Sizning javoblaringiz" in result


def test_the_form_never_overwrites_an_answer_saved_since_the_page_was_rendered(client):
    make_bank("legislation", 2)
    test = make_test(lines=[("legislation", 2)])
    taker = UserFactory()
    attempt = attempt_start(assignment=assign(test, taker), user=taker)
    slot = attempt.slots.first()
    from assessment.services import attempt_save_answer

    attempt_save_answer(attempt_id=attempt.pk, question_id=slot.question_id, user=taker,
                        choices=[slot.option_ids[1]], sequence=3)
    client.force_login(taker)
    client.post(reverse("assessment:attempt_finish", args=[attempt.pk]),
                {"with_answers": "1", f"q-{slot.question_id}": str(slot.option_ids[0]), f"seq-{slot.question_id}": "0"})
    slot.refresh_from_db()
    assert slot.selected == [slot.option_ids[1]]


def test_another_persons_attempt_pages_are_404(client):
    make_bank("legislation", 3)
    test = make_test(lines=[("legislation", 3)])
    owner = UserFactory()
    attempt = attempt_start(assignment=assign(test, owner), user=owner)
    other = UserFactory()
    client.force_login(other)
    for name in ("assessment:attempt", "assessment:attempt_result"):
        assert client.get(reverse(name, args=[attempt.pk])).status_code == 404
    assert client.post(reverse("assessment:attempt_finish", args=[attempt.pk])).status_code == 404
    assert client.post(reverse("assessment:attempt_start", args=[attempt.assignment_id])).status_code == 404
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.IN_PROGRESS


def test_my_tests_has_no_n_plus_one(client):
    make_bank("legislation", 3)
    taker = UserFactory()
    tests = [make_test(lines=[("legislation", 3)]) for _ in range(4)]
    assign(tests[0], taker)
    client.force_login(taker)
    few = queries(client, reverse("assessment:my_tests"))
    for test in tests[1:]:
        assign(test, taker)
    assert queries(client, reverse("assessment:my_tests")) == few


# --- authors -------------------------------------------------------------------------------------

def test_only_authors_open_the_bank(client, tree, author_a, hr_a):
    client.force_login(hr_a)
    assert client.get(reverse("assessment:question_list")).status_code == 403
    client.force_login(author_a)
    assert client.get(reverse("assessment:question_list")).status_code == 200


def test_the_bank_list_is_scoped_and_has_no_n_plus_one(client, tree, author_a):
    mine = make_question(owner=tree["A-DEPT"], text="Bizning savol")
    theirs = make_question(owner=tree["B"], text="Begona savol")
    client.force_login(author_a)
    body = client.get(reverse("assessment:question_list")).content.decode()
    assert "Bizning savol" in body and "Begona savol" not in body
    assert client.get(reverse("assessment:question_edit", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("assessment:question_toggle", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("assessment:question_edit", args=[mine.pk])).status_code == 200
    few = queries(client, reverse("assessment:question_list"))
    for _ in range(6):
        make_question(owner=tree["A"])
    assert queries(client, reverse("assessment:question_list")) == few


def test_create_a_question_through_the_form(client, tree, author_a):
    client.force_login(author_a)
    url = reverse("assessment:question_create")
    data = {"owner": str(tree["A"].pk), "section": section("computer").pk, "kind": QuestionKind.SINGLE,
            "scoring": "fractions", "difficulty": "2", "marks": "1", "tags": "Excel", "is_active": "on",
            "text_uz": "Excelda yigʻindi qaysi funksiya bilan hisoblanadi?", "text_ru": "",
            "choice_1_uz": "SUM", "choice_1_ru": "SUM", "choice_1_credit": "100",
            "choice_2_uz": "COUNT", "choice_2_ru": "COUNT", "choice_2_credit": "0"}
    invalid = client.post(url, data)
    assert invalid.status_code == 200
    assert "Savolning rus tilidagi matni yoʻq." in invalid.content.decode()
    assert not Question.objects.exists()
    data["text_ru"] = "Какой функцией Excel считается сумма?"
    created = client.post(url, data)
    assert created.status_code == 302
    question = Question.objects.get()
    assert (question.owner_organization, question.created_by, question.choices.count()) == (tree["A"], author_a, 2)
    data["owner"] = str(tree["B"].pk)
    assert client.post(url, data).status_code == 200  # not one of the author's banks: the form refuses it
    assert Question.objects.count() == 1


def test_import_page_checks_then_imports_all_or_nothing(client, tree, author_a):
    make_bank("legislation", 2, owner=tree["A"])
    exported = write_moodle(list(Question.objects.all()))
    Question.objects.all().update(is_active=False)
    client.force_login(author_a)
    from django.core.files.uploadedfile import SimpleUploadedFile

    def upload(content, **extra):
        return client.post(reverse("assessment:question_import"), {
            "file": SimpleUploadedFile("savollar.xml", content, content_type="application/xml"),
            "format": "", "owner": str(tree["A-DEPT"].pk), **extra})

    checked = upload(exported)
    assert "Tekshirildi" in checked.content.decode()
    assert Question.objects.filter(owner_organization=tree["A-DEPT"]).count() == 0
    imported = upload(exported, import_now="1")
    assert "Import qilindi" in imported.content.decode()
    assert Question.objects.filter(owner_organization=tree["A-DEPT"]).count() == 2
    broken = exported.replace(b'fraction="100"', b'fraction="0"', 1)
    failed = upload(broken, import_now="1", owner=str(tree["A"].pk))
    assert 'data-testid="import-errors"' in failed.content.decode()
    assert Question.objects.filter(owner_organization=tree["A"]).count() == 2  # the two made above, no more


def test_export_of_what_is_filtered(client, tree, author_a):
    make_question(owner=tree["A"], section_code="history", text="Tarix savoli")
    make_question(owner=tree["A"], section_code="logic", text="Mantiq savoli")
    client.force_login(author_a)
    response = client.get(reverse("assessment:question_export") + f"?format=moodle&section={section('history').pk}")
    assert response["Content-Type"] == "application/xml"
    body = response.content.decode()
    assert "Tarix savoli" in body and "Mantiq savoli" not in body


def test_blueprint_pages(client, tree, author_a, author_b):
    make_bank("legislation", 3, owner=tree["A"])
    client.force_login(author_a)
    response = client.post(reverse("assessment:test_create"), {
        "owner": str(tree["A"].pk), "code": "a-test", "name_uz": "A testi", "name_ru": "Тест A",
        "time_limit_minutes": "30", "attempts_allowed": "1", "results_shown": "after_finish",
        "answers_shown": "never", "shuffle_questions": "on",
        "lines-TOTAL_FORMS": "2", "lines-INITIAL_FORMS": "0", "lines-MIN_NUM_FORMS": "0", "lines-MAX_NUM_FORMS": "20",
        "lines-0-section": section("legislation").pk, "lines-0-question_count": "4", "lines-0-difficulty": "",
        "lines-1-section": "", "lines-1-question_count": "", "lines-1-difficulty": ""})
    test = Test.objects.get(code="a-test")
    assert response.url == reverse("assessment:test_detail", args=[test.pk])
    assert list(test.sections.values_list("section__code", "question_count")) == [("legislation", 4)]
    client.post(reverse("assessment:test_publish", args=[test.pk]))
    test.refresh_from_db()
    assert test.status == "draft"  # 4 drawn, 3 available: refused with a message
    client.force_login(author_b)
    assert client.get(reverse("assessment:test_detail", args=[test.pk])).status_code == 404
    assert client.post(reverse("assessment:test_publish", args=[test.pk])).status_code == 404


# --- campaigns, proctoring, analysis --------------------------------------------------------------

@pytest.fixture
def campaign(tree, hr_a):
    make_bank("legislation", 3)
    test = make_test(lines=[("legislation", 3)])
    for n, organization in enumerate((tree["A"], tree["A-DEPT"], tree["A-DIST"])):
        user = UserFactory(username=f"xodim{n}", first_name="Ism", last_name=f"Familiya{n}")
        employee_link_user(employee=make_staffed_employee(organization), user=user, actor=None)
    return campaign_create(name="Attestatsiya", test=test, organization=tree["A"], actor=hr_a,
                           deadline=timezone.now() + datetime.timedelta(days=5))


def test_campaign_pages_are_scoped(client, tree, hr_a, hr_b, campaign):
    client.force_login(hr_b)
    assert client.get(reverse("assessment:campaign_detail", args=[campaign.pk])).status_code == 404
    assert client.post(reverse("assessment:campaign_action", args=[campaign.pk]), {"action": "close"}).status_code == 404
    client.force_login(hr_a)
    body = client.get(reverse("assessment:campaign_detail", args=[campaign.pk])).content.decode()
    assert "Familiya0" in body and "Familiya2" in body


def test_campaign_detail_has_no_n_plus_one(client, tree, hr_a, campaign):
    client.force_login(hr_a)
    url = reverse("assessment:campaign_detail", args=[campaign.pk])
    few = queries(client, url)
    for n in range(5):
        user = UserFactory(username=f"yangi{n}")
        employee_link_user(employee=make_staffed_employee(tree["A-DEPT"]), user=user, actor=None)
    client.post(reverse("assessment:campaign_action", args=[campaign.pk]))
    assert campaign.assignments.count() == 8
    for assignment in campaign.assignments.all()[:4]:
        attempt_finish(attempt=attempt_start(assignment=assignment, user=assignment.user), actor=assignment.user)
    assert queries(client, url) == few


def test_create_a_campaign_through_the_form(client, tree, hr_a, hr_b):
    make_bank("legislation", 3)
    test = make_test(lines=[("legislation", 3)])
    user = UserFactory(username="xizmatchi")
    employee_link_user(employee=make_staffed_employee(tree["A"]), user=user, actor=None)
    client.force_login(hr_a)
    deadline = (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("assessment:campaign_create"), {
        "name": "Kuzgi attestatsiya", "test": test.pk, "organization": tree["A"].pk, "deadline": deadline})
    campaign = Campaign.objects.get()
    assert response.url == reverse("assessment:campaign_detail", args=[campaign.pk])
    assert list(campaign.assignments.values_list("user__username", flat=True)) == ["xizmatchi"]
    client.force_login(hr_b)
    refused = client.post(reverse("assessment:campaign_create"), {
        "name": "Begona", "test": test.pk, "organization": tree["A"].pk, "deadline": deadline})
    assert refused.status_code == 200 and Campaign.objects.count() == 1


def test_proctor_view_is_for_hr_of_the_takers_organisation(client, tree, hr_a, hr_b, campaign):
    assignment = campaign.assignments.first()
    attempt = attempt_start(assignment=assignment, user=assignment.user, ip_address="10.0.0.7")
    client.force_login(hr_b)
    assert client.get(reverse("assessment:proctor_attempt", args=[attempt.pk])).status_code == 404
    author = UserFactory()
    grant(author, "test_author", tree["A"])
    client.force_login(author)
    assert client.get(reverse("assessment:proctor_attempt", args=[attempt.pk])).status_code == 403
    client.force_login(hr_a)
    body = client.get(reverse("assessment:proctor_attempt", args=[attempt.pk])).content.decode()
    assert "10.0.0.7" in body


def test_candidate_attempts_are_not_on_hr_pages(client, tree, hr_a, admin_user):
    make_bank("legislation", 3)
    test = make_test(lines=[("legislation", 3)])
    candidate = UserFactory()
    attempt = attempt_start(assignment=assign(test, candidate), user=candidate)
    client.force_login(admin_user)
    assert client.get(reverse("assessment:proctor_attempt", args=[attempt.pk])).status_code == 404


def test_item_analysis_page(client, tree, author_a, campaign):
    for assignment in TestAssignment.objects.filter(campaign=campaign):
        attempt_finish(attempt=attempt_start(assignment=assignment, user=assignment.user), actor=assignment.user)
    author = UserFactory()
    grant(author, "test_author", None)
    client.force_login(author)
    body = client.get(reverse("assessment:item_analysis")).content.decode()
    assert 'data-testid="item-table"' in body and 'data-testid="org-averages"' in body
    client.force_login(UserFactory())
    assert client.get(reverse("assessment:item_analysis")).status_code == 403


def test_export_has_no_n_plus_one(client, tree, author_a):
    for _ in range(2):
        make_question(owner=tree["A"])
    client.force_login(author_a)
    url = reverse("assessment:question_export") + "?format=xlsx"
    few = queries(client, url)
    for _ in range(5):
        make_question(owner=tree["A"], kind=QuestionKind.MULTIPLE, correct=(0, 1))
    assert queries(client, url) == few
