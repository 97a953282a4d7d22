"""``employee_appoint``: the one call other apps make to appoint a person by PINFL (issue 7 §1).
A new person is put on record and hired; someone employed nowhere is re-hired only when the surname
and date of birth match; a civil servant of another organisation is moved across with the source's
own release order, the source's HR is notified and keeps its history, and nothing of the source
reaches the actor."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from core.exceptions import ApplicationError
from core.models import Notification
from tests.factories import UserFactory, grant, make_employee, make_position, make_staffed_employee
from workforce.errors import WorkforceErrorCode
from workforce.models import Assignment, Employee, HROrder, OrderKind, Role
from workforce.selectors import employee_former_list, employee_list, employee_profile
from workforce.services import (
    DismissalReason,
    OrderBasis,
    PersonDetails,
    employee_appoint,
    employee_dismiss,
    employee_hire,
)
from workforce.validators import make_pinfl

D = datetime.date
BASIS = ("vacancies", "17", "Competition No. 17 for the vacancy «Bosh yurist»")
START = D(2026, 3, 2)


def details(employee=None, **overrides):
    if employee is not None:
        values = {"pinfl": employee.pinfl, "last_name": employee.last_name, "first_name": employee.first_name,
                  "birth_date": employee.birth_date, "sex": employee.sex}
    else:
        values = {"pinfl": make_pinfl(D(1991, 7, 14), "F", 123, 45), "last_name": "Yoʻldosheva",
                  "first_name": "Madina", "birth_date": D(1991, 7, 14), "sex": "F"}
    return PersonDetails(**{**values, **overrides})


def refused(call) -> ApplicationError:
    with pytest.raises(ApplicationError) as error:
        call()
    return error.value


@pytest.fixture
def target(tree):
    return make_position(tree["A"], code="A-LAW", name="Bosh yurist", category_code="M-4", rate_units="2.00")


@pytest.fixture
def servant_of_b(tree):
    """Rahimov serves in ministry B (since 2021) as its chief accountant."""
    position = make_position(tree["B"], code="B-ACC", name="Bosh hisobchi")
    person = make_employee(last_name="Rahimov", first_name="Botir", birth_date=D(1985, 9, 9),
                           organization=tree["B"], phone="+998901112233")
    employee_hire(employee=person, staff_position=position, start_date=D(2021, 2, 1), actor=None)
    person.refresh_from_db()
    return person


@pytest.fixture
def officers_of_b(tree, hr_b):
    """B's HR officers: hr_b on the ministry, another on its department (not B's own people)."""
    dept = UserFactory(username="hr_b_dept")
    grant(dept, Role.HR_OFFICER, tree["B-DEPT"])
    return {"ministry": hr_b, "dept": dept}


@pytest.mark.django_db
def test_a_person_not_on_record_is_created_and_hired_with_the_basis_on_the_order(target, hr_a, client):
    order = employee_appoint(actor=hr_a, person=details(passport="AC1234567", phone="+998907654321"),
                             staff_position=target, start_date=START, basis=BASIS)
    employee = Employee.objects.get(pinfl=details().pinfl)
    assert order.kind == OrderKind.HIRE and order.employee == employee and order.organization.code == "A"
    assert employee.organization.code == "A" and employee.staff_position == target
    assert employee.passport == "AC1234567" and employee.last_name == "Yoʻldosheva"
    assert (order.basis_app, order.basis_object_id, order.basis_label) == BASIS
    assert order.snapshot["basis"] == OrderBasis(*BASIS)._asdict()
    assert order.reason == BASIS[2]
    client.force_login(hr_a)
    page = client.get(reverse("workforce:order_document", args=[order.pk])).content.decode()
    assert 'data-testid="order-basis"' in page and "Competition No. 17" in page


@pytest.mark.django_db
def test_the_basis_is_required(target, hr_a):
    error = refused(lambda: employee_appoint(actor=hr_a, person=details(), staff_position=target, start_date=START,
                                             basis=("vacancies", "17", "  ")))
    assert error.code == WorkforceErrorCode.APPOINTMENT_BASIS_REQUIRED
    assert not Employee.objects.exists()


@pytest.mark.django_db
def test_the_actor_needs_scope_over_the_target_only_and_is_told_not_found(tree, target, hr_b):
    error = refused(lambda: employee_appoint(actor=hr_b, person=details(), staff_position=target,
                                             start_date=START, basis=BASIS))
    assert error.code == WorkforceErrorCode.STAFF_POSITION_NOT_FOUND and error.http_status == 404
    assert "Vazirlik A" not in error.message and "Bosh yurist" not in error.message
    assert not Employee.objects.exists() and not HROrder.objects.exists()


@pytest.mark.django_db
def test_someone_employed_nowhere_is_rehired_when_the_identity_matches(tree, target, hr_a, hr_b):
    person = make_employee(last_name="Gʻulomov", first_name="Sardor", birth_date=D(1990, 1, 5), organization=tree["B"],
                           phone="+998900000001")
    b_pos = make_position(tree["B"], code="B-1")
    employee_hire(employee=person, staff_position=b_pos, start_date=D(2020, 1, 1), actor=hr_b)
    employee_dismiss(employee=person, effective_date=D(2025, 6, 30), reason_code=DismissalReason.OWN_REQUEST,
                     actor=hr_b)
    # The surname in another apostrophe and in capitals is the same surname; the other data given are
    # not written over the record.
    order = employee_appoint(actor=hr_a, person=details(person, last_name="G'ULOMOV", first_name="Sanjar",
                                                        phone="+998909999999"),
                             staff_position=target, start_date=START, basis=BASIS)
    person.refresh_from_db()
    assert order.kind == OrderKind.HIRE and person.organization == tree["A"] and person.staff_position == target
    assert person.first_name == "Sardor" and person.phone == "+998900000001" and person.last_name == "Gʻulomov"
    assert employee_former_list(user=hr_b).filter(pk=person.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("wrong", [{"last_name": "Karimov"}, {"birth_date": D(1990, 1, 6)}])
def test_an_identity_mismatch_is_refused_without_saying_which_field(tree, target, hr_a, servant_of_b, wrong):
    error = refused(lambda: employee_appoint(actor=hr_a, person=details(servant_of_b, **wrong),
                                             staff_position=target, start_date=START, basis=BASIS))
    assert error.code == WorkforceErrorCode.IDENTITY_MISMATCH and error.field == "pinfl"
    # One message for both cases: it cannot tell which of the two differs.
    other = {"last_name": "Karimov"} if "birth_date" in wrong else {"birth_date": D(1990, 1, 6)}
    second = refused(lambda: employee_appoint(actor=hr_a, person=details(servant_of_b, **other),
                                              staff_position=target, start_date=START, basis=BASIS))
    assert second.message == error.message and second.extra == error.extra
    for secret in ("Rahimov", "09.09.1985", "1985", "Vazirlik B", "Bosh hisobchi"):
        assert secret not in error.message
    servant_of_b.refresh_from_db()
    assert servant_of_b.organization == tree["B"] and HROrder.objects.count() == 1


@pytest.mark.django_db
def test_a_servant_of_another_organisation_is_moved_across(tree, target, hr_a, servant_of_b, officers_of_b,
                                                           django_capture_on_commit_callbacks):
    old = Assignment.objects.get(employee=servant_of_b)
    with django_capture_on_commit_callbacks(execute=True):
        order = employee_appoint(actor=hr_a, person=details(servant_of_b), staff_position=target,
                                 start_date=START, basis=BASIS, rate=Decimal("1.00"))
    servant_of_b.refresh_from_db()
    old.refresh_from_db()
    release = HROrder.objects.get(organization=tree["B"], kind=OrderKind.TRANSFER)
    # The source closes the placement with its own order, numbered in its own series.
    assert release.number.startswith("B/2") and release.created_by is None
    assert old.end_date == START - datetime.timedelta(days=1) and old.end_order == release
    assert release.snapshot["released"]["code"] == "B-ACC" and "appointed" not in release.snapshot
    assert "Vazirlik A" not in str(release.snapshot) and "A-LAW" not in str(release.details)
    # The target opens the new one with the appointment order, which cites the basis.
    assert order.organization == tree["A"] and order.number.startswith("A/2") and order.created_by == hr_a
    assert order.kind == OrderKind.TRANSFER and order.basis_label == BASIS[2]
    new = Assignment.objects.get(employee=servant_of_b, end_date__isnull=True)
    assert new.staff_position == target and new.start_order == order and new.start_kind == OrderKind.TRANSFER
    assert servant_of_b.organization == tree["A"] and servant_of_b.staff_position == target
    assert "Bosh hisobchi" not in str(order.snapshot) and "Vazirlik B" not in str(order.snapshot)
    assert employee_list(user=hr_a).filter(pk=servant_of_b.pk).exists()

    # B's HR officers (the ministry's; not those of a department below it) are told, without A named.
    told = Notification.objects.filter(event="workforce.employee_left_by_appointment")
    assert {n.recipient_id for n in told} == {officers_of_b["ministry"].pk}
    notice = told.get()
    assert notice.context["number"] == release.number and notice.actor is None
    assert notice.context["last_day"] == "2026-03-01"
    assert "Vazirlik A" not in str(notice.context) and "Bosh yurist" not in str(notice.context)
    assert not Notification.objects.filter(recipient=hr_a).exists()


@pytest.mark.django_db
def test_the_source_keeps_its_history_and_learns_nothing_of_the_target(tree, target, hr_a, hr_b, servant_of_b,
                                                                       client):
    order = employee_appoint(actor=hr_a, person=details(servant_of_b), staff_position=target,
                             start_date=START, basis=BASIS)
    release = HROrder.objects.get(organization=tree["B"], kind=OrderKind.TRANSFER)
    hired_in_b = HROrder.objects.get(organization=tree["B"], kind=OrderKind.HIRE)
    assert not employee_list(user=hr_b).filter(pk=servant_of_b.pk).exists()
    former = employee_profile(employee=employee_former_list(user=hr_b).get(pk=servant_of_b.pk), user=hr_b,
                              former=True)
    assert {o.pk for o in former.orders} == {hired_in_b.pk, release.pk}
    assert [(a.organization.code, a.start_date, a.end_date) for a in former.assignments] == [
        ("B", D(2021, 2, 1), D(2026, 3, 1))]
    client.force_login(hr_b)
    page = client.get(reverse("workforce:employee_detail", args=[servant_of_b.pk])).content.decode()
    assert release.number in page and "Bosh hisobchi" in page and "01.03.2026" in page
    for present in (order.number, "Bosh yurist", "Vazirlik A", "Competition No. 17"):
        assert present not in page, present
    document = client.get(reverse("workforce:order_document", args=[release.pk])).content.decode()
    assert 'data-testid="order-released-by-appointment"' in document and "Bosh hisobchi" in document
    assert "Vazirlik A" not in document and "Competition" not in document
    assert client.get(reverse("workforce:order_document", args=[order.pk])).status_code == 404
    # A reads its own order, with the basis, and not B's.
    client.force_login(hr_a)
    assert "Competition No. 17" in client.get(reverse("workforce:order_document", args=[order.pk])).content.decode()
    assert client.get(reverse("workforce:order_document", args=[release.pk])).status_code == 404


@pytest.mark.django_db
def test_refusals_of_a_move_across_name_nothing_of_the_source(tree, target, hr_a, servant_of_b):
    too_early = refused(lambda: employee_appoint(actor=hr_a, person=details(servant_of_b), staff_position=target,
                                                 start_date=D(2020, 6, 1), basis=BASIS))
    assert too_early.code == WorkforceErrorCode.EFFECTIVE_DATE_TOO_EARLY
    for secret in ("Vazirlik B", "Bosh hisobchi", "B-ACC", "01.02.2021", "Rahimov"):
        assert secret not in too_early.message
    assert "01.06.2020" in too_early.message  # only the day the actor asked for
    full = make_position(tree["A"], code="A-FULL", rate_units="1.00")
    make_staffed_employee(tree["A"], staff_position=full)
    no_room = refused(lambda: employee_appoint(actor=hr_a, person=details(servant_of_b), staff_position=full,
                                               start_date=START, basis=BASIS))
    assert no_room.code == WorkforceErrorCode.STAFF_POSITION_FULL
    assert "Vazirlik B" not in no_room.message and "Bosh hisobchi" not in no_room.message
    servant_of_b.refresh_from_db()
    assert servant_of_b.organization == tree["B"]
    assert HROrder.objects.filter(organization=tree["B"]).count() == 1  # the rolled-back release is gone


@pytest.mark.django_db
def test_a_rehire_too_early_after_service_elsewhere_does_not_give_the_last_day(tree, target, hr_a, hr_b):
    person = make_employee(last_name="Nazarov", birth_date=D(1988, 2, 2), organization=tree["B"])
    employee_hire(employee=person, staff_position=make_position(tree["B"]), start_date=D(2020, 1, 1), actor=hr_b)
    employee_dismiss(employee=person, effective_date=D(2026, 4, 17), reason_code=DismissalReason.OWN_REQUEST,
                     actor=hr_b)
    error = refused(lambda: employee_appoint(actor=hr_a, person=details(person), staff_position=target,
                                             start_date=START, basis=BASIS))
    assert error.code == WorkforceErrorCode.EFFECTIVE_DATE_TOO_EARLY and "17.04.2026" not in error.message


@pytest.mark.django_db
def test_a_servant_in_the_actors_own_scope_is_transferred_with_one_order(tree, target, hr_a):
    person = make_staffed_employee(tree["A-DEPT"])
    order = employee_appoint(actor=hr_a, person=details(person), staff_position=target, start_date=START,
                             basis=BASIS)
    assert order.kind == OrderKind.TRANSFER and order.basis_label == BASIS[2]
    assert order.snapshot["released"]["organization"]["code"] == "A-DEPT"
    assert HROrder.objects.count() == 1
    assert not Notification.objects.filter(event="workforce.employee_left_by_appointment").exists()


@pytest.mark.django_db
def test_a_national_administrator_moving_someone_between_ministries_still_gives_the_source_its_order(
        tree, target, admin_user, servant_of_b, hr_b):
    order = employee_appoint(actor=admin_user, person=details(servant_of_b), staff_position=target,
                             start_date=START, basis=BASIS)
    release = HROrder.objects.get(organization=tree["B"], kind=OrderKind.TRANSFER)
    assert order.organization == tree["A"] and release.number.startswith("B/")
    assert Notification.objects.filter(recipient=hr_b, event="workforce.employee_left_by_appointment").exists()


@pytest.mark.django_db
def test_the_api_gives_the_basis_of_an_order(target, hr_a, client):
    order = employee_appoint(actor=hr_a, person=details(), staff_position=target, start_date=START, basis=BASIS)
    client.force_login(hr_a)
    body = client.get(f"/api/v1/orders/{order.pk}/").json()
    assert body["basis"] == {"app": "vacancies", "object_id": "17", "label": BASIS[2]}
