"""Workforce through ``core.notifications`` (issue 7 §2): the employee is told of every HR order
about them (in-app, and an e-mail after commit in their own language), once per order, from the one
path that issues orders; HR is told when an import ends."""

import datetime

import pytest
from django.core import mail
from django.db import transaction

from core.exceptions import ApplicationError
from core.models import EmailStatus, Notification
from core.notifications import render_part
from tests.factories import UserFactory, grant, make_employee, make_position
from tests.workforce.import_factories import employee_row, positions, table, upload, xlsx_bytes
from workforce.models import ImportStatus, Role
from workforce.services import (
    DismissalReason,
    PersonDetails,
    employee_appoint,
    employee_dismiss,
    employee_hire,
    employee_link_user,
    employee_sanction,
    employee_transfer,
)
from workforce.services.imports import import_job_create, import_job_start

__all__ = ["positions"]

D = datetime.date
ORDER_ISSUED = "workforce.order_issued"


@pytest.fixture
def linked(tree):
    """Karimov, on record in A, with an account whose language is Russian."""
    user = UserFactory(username="karimov", email="karimov@example.uz", preferred_language="ru",
                       first_name="Aziz", last_name="Karimov")
    employee = make_employee(organization=tree["A"], user=user)
    return employee, user


@pytest.mark.django_db
def test_every_order_about_the_employee_notifies_them_once(tree, hr_a, linked, django_capture_on_commit_callbacks):
    employee, user = linked
    first, second = make_position(tree["A"], code="A-1"), make_position(tree["A-DEPT"], code="A-2")
    with django_capture_on_commit_callbacks(execute=True):
        hired = employee_hire(employee=employee, staff_position=first, start_date=D(2025, 1, 6), actor=hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        moved = employee_transfer(employee=employee, staff_position=second, effective_date=D(2025, 9, 1), actor=hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        sanction = employee_sanction(employee=employee, kind="reprimand", reason="Kechikish",
                                     imposed_on=D(2026, 1, 12), actor=hr_a)
    with django_capture_on_commit_callbacks(execute=True):
        dismissed = employee_dismiss(employee=employee, effective_date=D(2026, 5, 29),
                                     reason_code=DismissalReason.OWN_REQUEST, actor=hr_a)
    notices = list(Notification.objects.filter(recipient=user, event=ORDER_ISSUED).order_by("id"))
    assert [n.context["number"] for n in notices] == [o.number for o in (hired, moved, sanction.order, dismissed)]
    assert [n.context["kind"]["en"] for n in notices] == ["Hire", "Transfer", "Disciplinary sanction", "Dismissal"]
    assert all(n.link == "/workforce/me/" and n.actor == hr_a for n in notices)
    # Each e-mail in the recipient's language (Russian), whatever the HR officer's.
    assert len(mail.outbox) == 4 and all(m.to == ["karimov@example.uz"] for m in mail.outbox)
    assert mail.outbox[0].subject == f"Кадровый приказ {hired.number}: Приём на работу"
    assert "Организация A" in mail.outbox[0].body and "06.01.2025" in mail.outbox[0].body
    assert all(n.email_status == EmailStatus.SENT for n in Notification.objects.filter(recipient=user))
    # The inbox line follows the reader's language.
    headline = render_part(notices[0], "inapp", language="uz").splitlines()[0]
    assert hired.number in headline and "Ishga qabul" in headline


@pytest.mark.django_db
def test_nothing_before_commit_and_nothing_when_the_order_is_rolled_back(tree, hr_a, linked,
                                                                         django_capture_on_commit_callbacks):
    employee, user = linked
    position = make_position(tree["A"], code="A-1")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        employee_hire(employee=employee, staff_position=position, start_date=D(2025, 1, 6), actor=hr_a)
        assert not Notification.objects.filter(recipient=user).exists()
    assert callbacks  # the notification waits for the commit
    other = make_employee(organization=tree["A"], user=UserFactory(username="ikkinchi"))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError), transaction.atomic():
        employee_hire(employee=other, staff_position=position, start_date=D(2025, 1, 6), actor=hr_a)
    assert not Notification.objects.filter(recipient=other.user).exists() and mail.outbox == []


@pytest.mark.django_db
def test_an_employee_without_an_account_is_not_notified(tree, hr_a, django_capture_on_commit_callbacks):
    employee = make_employee(organization=tree["A"])
    with django_capture_on_commit_callbacks(execute=True):
        employee_hire(employee=employee, staff_position=make_position(tree["A"]), start_date=D(2025, 1, 6),
                      actor=hr_a)
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_an_account_linked_in_the_same_transaction_is_notified(tree, hr_a, django_capture_on_commit_callbacks):
    """A competition's winner: put on record, hired, then linked to their account in one transaction."""
    winner = UserFactory(username="golib", preferred_language="uz")
    person = PersonDetails(pinfl="40712966350029", last_name="Saidova", first_name="Nilufar",
                           birth_date=D(1996, 12, 7), sex="F")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        order = employee_appoint(actor=hr_a, person=person, staff_position=make_position(tree["A"]),
                                 start_date=D(2026, 12, 1), basis=("vacancies", "3", "Tanlov № 3"))
        employee_link_user(employee=order.employee, user=winner, actor=hr_a)
    notice = Notification.objects.get(recipient=winner, event=ORDER_ISSUED)
    assert notice.context["number"] == order.number and notice.context["basis"] == "Tanlov № 3"
    assert "Tanlov № 3" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_move_across_organisations_tells_the_employee_of_both_orders(tree, hr_a, hr_b,
                                                                       django_capture_on_commit_callbacks):
    user = UserFactory(username="rahimov", preferred_language="uz")
    person = make_employee(last_name="Rahimov", birth_date=D(1985, 9, 9), organization=tree["B"], user=user)
    employee_hire(employee=person, staff_position=make_position(tree["B"]), start_date=D(2021, 2, 1), actor=hr_b)
    with django_capture_on_commit_callbacks(execute=True):
        order = employee_appoint(actor=hr_a, person=PersonDetails(pinfl=person.pinfl, last_name="Rahimov",
                                                                  first_name="Botir", birth_date=D(1985, 9, 9),
                                                                  sex="M"),
                                 staff_position=make_position(tree["A"]), start_date=D(2026, 3, 2),
                                 basis=("vacancies", "9", "Tanlov № 9"))
    numbers = list(Notification.objects.filter(recipient=user, event=ORDER_ISSUED).order_by("id")
                   .values_list("context__number", flat=True))
    assert numbers[-1] == order.number and numbers[-2].startswith("B/") and len(numbers) == 2
    assert Notification.objects.filter(recipient=hr_b, event="workforce.employee_left_by_appointment").exists()
    left = Notification.objects.get(recipient=hr_b, event="workforce.employee_left_by_appointment")
    headline, detail = render_part(left, "inapp", language="uz").strip().splitlines()
    assert "Rahimov" in headline and numbers[-2] in detail and "01.03.2026" in detail


@pytest.mark.django_db
def test_a_finished_import_notifies_the_uploader_and_their_hr_colleagues(tree, hr_a, positions,
                                                                         django_capture_on_commit_callbacks):
    colleague = UserFactory(username="hr_a2", preferred_language="ru")
    grant(colleague, Role.HR_OFFICER, tree["A"])
    stranger = UserFactory(username="hr_b_other")
    grant(stranger, Role.HR_OFFICER, tree["B"])
    headers, values = table("employees", [employee_row(position="P1", last_name="Avvalov")])
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(kind="employees", uploaded_file=upload(xlsx_bytes(headers, values), "oktabr.xlsx"),
                                actor=hr_a)
    job.refresh_from_db()
    assert job.status == ImportStatus.VALIDATED
    checked = Notification.objects.get(event="workforce.import_finished")
    assert checked.recipient == hr_a and checked.link == f"/workforce/imports/{job.pk}/"
    assert checked.context["status"]["en"] == "Checked, ready to import"

    with django_capture_on_commit_callbacks(execute=True):
        import_job_start(job=job, actor=hr_a)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    done = Notification.objects.filter(event="workforce.import_finished", context__status__en="Imported")
    assert {n.recipient_id for n in done} == {hr_a.pk, colleague.pk}
    to_colleague = done.get(recipient=colleague)
    assert to_colleague.link == "" and to_colleague.context["created"] == 1 and to_colleague.context["uploaded_by"]
    assert not Notification.objects.filter(recipient=stranger).exists()
    russian = next(m for m in mail.outbox if m.to == [colleague.email])
    assert russian.subject == "Импорт «oktabr.xlsx» завершён"


@pytest.mark.django_db
def test_an_import_with_errors_tells_the_uploader_only(tree, hr_a, positions, django_capture_on_commit_callbacks):
    colleague = UserFactory(username="hr_a2")
    grant(colleague, Role.HR_OFFICER, tree["A"])
    headers, values = table("employees", [employee_row(position="NO-SUCH", last_name="Xatoyev")])
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(kind="employees", uploaded_file=upload(xlsx_bytes(headers, values)), actor=hr_a)
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    notice = Notification.objects.get(event="workforce.import_finished")
    assert notice.recipient == hr_a and notice.context["errors"] == 1
