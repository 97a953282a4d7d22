"""After a year of hires, transfers and dismissals, the composition on any past date is right and
every change left a history row naming who made it and by which order."""

import datetime

import pytest

from tests.factories import make_employee, make_position
from workforce.models import Assignment, Employee, EmployeeStatus, HROrder, OrderKind
from workforce.selectors import assignments_on, employee_assignments, employee_orders, staffing_table
from workforce.services import (
    DismissalReason,
    employee_dismiss,
    employee_hire,
    employee_promote,
    employee_transfer,
)

D = datetime.date


@pytest.fixture
def year_of_orders(tree, hr_a):
    """A: a head (M-4, 1 unit) and specialists (S-3, 2 units); A-DEPT: a chief specialist (S-1).

    2024-01-10 Karimov hired as an A specialist, 2024-02-01 Aliyeva too, 2024-03-01 Rahimov as the
    A head; 2024-06-01 Karimov transferred to A-DEPT; 2024-09-30 Rahimov retires (last day);
    2024-11-01 Karimov promoted to the vacant A head position."""
    head = make_position(tree["A"], category_code="M-4", name="Boʻlim boshligʻi")
    specialist = make_position(tree["A"], rate_units="2.00", name="Katta mutaxassis")
    chief = make_position(tree["A-DEPT"], category_code="S-1", name="Bosh mutaxassis")
    karimov, aliyeva, rahimov = (make_employee(last_name=name, organization=tree["A"])
                                 for name in ("Karimov", "Aliyeva", "Rahimov"))
    employee_hire(employee=karimov, staff_position=specialist, start_date=D(2024, 1, 10), actor=hr_a)
    employee_hire(employee=aliyeva, staff_position=specialist, start_date=D(2024, 2, 1), actor=hr_a)
    employee_hire(employee=rahimov, staff_position=head, start_date=D(2024, 3, 1), actor=hr_a)
    employee_transfer(employee=karimov, staff_position=chief, effective_date=D(2024, 6, 1), actor=hr_a)
    employee_dismiss(employee=rahimov, effective_date=D(2024, 9, 30), reason_code=DismissalReason.RETIREMENT,
                     actor=hr_a)
    employee_promote(employee=karimov, staff_position=head, effective_date=D(2024, 11, 1), actor=hr_a)
    return {"head": head, "specialist": specialist, "chief": chief, "karimov": karimov, "aliyeva": aliyeva,
            "rahimov": rahimov}


def composition(user, on):
    return sorted((a.employee.last_name, a.staff_position.code) for a in assignments_on(on=on, user=user))


@pytest.mark.django_db
def test_composition_on_past_dates(year_of_orders, hr_a):
    w = year_of_orders
    head, specialist, chief = w["head"].code, w["specialist"].code, w["chief"].code
    assert composition(hr_a, D(2024, 1, 9)) == []
    assert composition(hr_a, D(2024, 1, 10)) == [("Karimov", specialist)]
    assert composition(hr_a, D(2024, 3, 1)) == [("Aliyeva", specialist), ("Karimov", specialist),
                                                ("Rahimov", head)]
    assert composition(hr_a, D(2024, 5, 31)) == [("Aliyeva", specialist), ("Karimov", specialist),
                                                 ("Rahimov", head)]
    assert composition(hr_a, D(2024, 6, 1)) == [("Aliyeva", specialist), ("Karimov", chief), ("Rahimov", head)]
    assert composition(hr_a, D(2024, 9, 30)) == [("Aliyeva", specialist), ("Karimov", chief), ("Rahimov", head)]
    assert composition(hr_a, D(2024, 10, 1)) == [("Aliyeva", specialist), ("Karimov", chief)]
    assert composition(hr_a, D(2024, 11, 1)) == [("Aliyeva", specialist), ("Karimov", head)]


@pytest.mark.django_db
def test_composition_is_scoped(year_of_orders, hr_b):
    assert composition(hr_b, D(2024, 6, 1)) == []


@pytest.mark.django_db
def test_staffing_table_on_past_dates(year_of_orders, tree, hr_a):
    def filled(organization, on):
        return {row.staff_position.code: str(row.filled) for row in staffing_table(organization=organization,
                                                                                   user=hr_a, on=on)}

    w = year_of_orders
    assert filled(tree["A"], D(2024, 3, 1)) == {w["head"].code: "1.00", w["specialist"].code: "2.00"}
    assert filled(tree["A"], D(2024, 10, 1)) == {w["head"].code: "0.00", w["specialist"].code: "1.00"}
    assert filled(tree["A-DEPT"], D(2024, 7, 1)) == {w["chief"].code: "1.00"}
    assert filled(tree["A-DEPT"], D(2024, 11, 1)) == {w["chief"].code: "0.00"}


@pytest.mark.django_db
def test_history_is_never_overwritten(year_of_orders, tree):
    w = year_of_orders
    karimov = Employee.objects.get(pk=w["karimov"].pk)
    placements = [(a.staff_position.code, a.start_date, a.end_date, a.start_kind, a.end_kind)
                  for a in employee_assignments(employee=karimov)]
    assert placements == [
        (w["head"].code, D(2024, 11, 1), None, OrderKind.PROMOTION, ""),
        (w["chief"].code, D(2024, 6, 1), D(2024, 10, 31), OrderKind.TRANSFER, OrderKind.PROMOTION),
        (w["specialist"].code, D(2024, 1, 10), D(2024, 5, 31), OrderKind.HIRE, OrderKind.TRANSFER),
    ]
    assert [order.kind for order in employee_orders(employee=karimov)] == [
        OrderKind.PROMOTION, OrderKind.TRANSFER, OrderKind.HIRE]
    assert (karimov.organization, karimov.staff_position, karimov.hired_on) == (tree["A"], w["head"], D(2024, 1, 10))

    rahimov = Employee.objects.get(pk=w["rahimov"].pk)
    assert (rahimov.status, rahimov.organization, rahimov.staff_position) == (
        EmployeeStatus.DISMISSED, tree["A"], None)


@pytest.mark.django_db
def test_history_rows_name_the_actor_and_the_order(year_of_orders, hr_a):
    karimov = year_of_orders["karimov"]
    reasons = list(karimov.history.order_by("history_date", "history_id").values_list("history_change_reason",
                                                                                       flat=True))
    numbers = list(HROrder.objects.filter(employee=karimov).order_by("id").values_list("kind", "number"))
    assert reasons == [None, *(f"{kind} {number}" for kind, number in numbers)]
    assert set(karimov.history.exclude(history_change_reason=None).values_list("history_user", flat=True)) == {
        hr_a.pk}
    snapshot = karimov.history.as_of(datetime.datetime.now(datetime.UTC))
    assert snapshot.staff_position_id == year_of_orders["head"].pk

    first = Assignment.objects.get(employee=karimov, start_date=D(2024, 1, 10))
    assert [(h.history_type, h.end_date) for h in first.history.order_by("history_id")] == [
        ("+", None), ("~", D(2024, 5, 31))]
    assert all(h.history_user_id == hr_a.pk for h in first.history.all())
