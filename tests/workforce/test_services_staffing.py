import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.exceptions import ApplicationError
from core.models import AuditEvent
from tests.factories import hire, make_employee, make_position, make_register_position
from workforce.errors import WorkforceErrorCode
from workforce.models import PositionCategory, StaffPosition
from workforce.selectors import staff_position_occupancy, staffing_table
from workforce.services import (
    DismissalReason,
    employee_dismiss,
    employee_hire,
    staff_position_create,
    staff_position_update,
)

D = datetime.date


def create(organization, actor=None, **overrides):
    category = PositionCategory.objects.get(code="S-1")
    values = {"organization": organization, "code": "SP-1", "name_uz": "Bosh mutaxassis", "group": category.group,
              "category": category, "rate_units": Decimal("2.00"), "actor": actor}
    return staff_position_create(**{**values, **overrides})


# --- staff_position_create --------------------------------------------------------------------------

@pytest.mark.django_db
def test_create_adds_a_line_to_the_staffing_table(tree, hr_a):
    register_position = make_register_position(category_code="S-1")
    position = create(tree["A"], hr_a, code=" SP-1 ", name_ru="Главный специалист", salary_grade=12,
                      register_position=register_position)
    position.refresh_from_db()
    assert (position.code, position.rate_units, position.salary_grade) == ("SP-1", Decimal("2.00"), 12)
    assert position.register_position == register_position
    assert AuditEvent.objects.filter(action="workforce.staff_position.created", actor=hr_a).exists()
    assert position.history.get().history_user == hr_a


@pytest.mark.django_db
def test_code_is_unique_within_an_organisation_only(tree):
    create(tree["A"])
    with pytest.raises(ApplicationError) as error:
        create(tree["A"], name_uz="Boshqa")
    assert error.value.code == WorkforceErrorCode.STAFF_POSITION_CODE_TAKEN
    assert error.value.field == "code"
    create(tree["B"])
    assert StaffPosition.objects.filter(code="SP-1").count() == 2


@pytest.mark.django_db
def test_category_must_belong_to_the_positions_group(tree):
    with pytest.raises(ApplicationError) as error:
        create(tree["A"], group="management")
    assert error.value.code == WorkforceErrorCode.STAFF_POSITION_GROUP_MISMATCH
    assert error.value.field == "category"
    with pytest.raises(ApplicationError) as error:
        create(tree["A"], register_position=make_register_position(category_code="M-3"))
    assert error.value.code == WorkforceErrorCode.STAFF_POSITION_GROUP_MISMATCH
    assert error.value.field == "register_position"
    assert not StaffPosition.objects.exists()


@pytest.mark.django_db
def test_create_checks_units_and_scope(tree, hr_b):
    with pytest.raises(ApplicationError) as error:
        create(tree["A"], rate_units=Decimal("0.10"))
    assert error.value.field == "rate_units"
    with pytest.raises(ApplicationError) as error:
        create(tree["A"], hr_b)
    assert error.value.code == WorkforceErrorCode.ORGANIZATION_OUT_OF_SCOPE


# --- staff_position_update --------------------------------------------------------------------------

@pytest.mark.django_db
def test_units_cannot_go_below_occupancy(tree, hr_a):
    position = create(tree["A"], rate_units=Decimal("3.00"))
    hire(make_employee(), position)
    hire(make_employee(), position, rate="0.50")
    with pytest.raises(ApplicationError) as error:
        staff_position_update(staff_position=position, rate_units=Decimal("1.25"), actor=hr_a)
    assert error.value.code == WorkforceErrorCode.STAFF_POSITION_BELOW_OCCUPANCY
    assert error.value.extra["held"] == "1.50"
    assert StaffPosition.objects.get(pk=position.pk).rate_units == Decimal("3.00")
    staff_position_update(staff_position=position, rate_units=Decimal("1.50"), name_uz="Yetakchi", actor=hr_a)
    position.refresh_from_db()
    assert (position.rate_units, position.name_uz) == (Decimal("1.50"), "Yetakchi")
    assert AuditEvent.objects.get(action="workforce.staff_position.updated").data["rate_units"] == "1.50"


@pytest.mark.django_db
def test_a_held_position_cannot_be_closed_but_a_vacated_one_can(tree):
    position = create(tree["A"])
    employee = make_employee()
    hire(employee, position)
    with pytest.raises(ApplicationError) as error:
        staff_position_update(staff_position=position, is_active=False, actor=None)
    assert error.value.code == WorkforceErrorCode.STAFF_POSITION_OCCUPIED
    employee_dismiss(employee=employee, effective_date=D(2025, 1, 31), reason_code=DismissalReason.OTHER, actor=None)
    staff_position_update(staff_position=position, is_active=False, actor=None)
    with pytest.raises(ApplicationError) as error:
        employee_hire(employee=make_employee(), staff_position=position, start_date=D(2025, 3, 1), actor=None)
    assert error.value.code == WorkforceErrorCode.STAFF_POSITION_INACTIVE


@pytest.mark.django_db
def test_update_refuses_a_taken_code_and_writes_nothing_when_unchanged(tree):
    create(tree["A"], code="SP-1")
    second = create(tree["A"], code="SP-2")
    with pytest.raises(ApplicationError) as error:
        staff_position_update(staff_position=second, code="SP-1", actor=None)
    assert error.value.code == WorkforceErrorCode.STAFF_POSITION_CODE_TAKEN
    second = StaffPosition.objects.get(code="SP-2")
    staff_position_update(staff_position=second, code="SP-2", name_uz="Bosh mutaxassis", actor=None)
    assert second.history.count() == 1
    with pytest.raises(ValueError):
        staff_position_update(staff_position=second, organization=tree["B"], actor=None)


# --- selectors ------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_occupancy_on_a_date(tree):
    position = make_position(tree["A"], rate_units="2.00")
    first, second = make_employee(), make_employee()
    hire(first, position, start=D(2024, 1, 1))
    hire(second, position, start=D(2024, 6, 1), rate="0.50")
    employee_dismiss(employee=first, effective_date=D(2024, 12, 31), reason_code=DismissalReason.OTHER, actor=None)
    assert staff_position_occupancy(position, on=D(2023, 12, 31)) == Decimal("0.00")
    assert staff_position_occupancy(position, on=D(2024, 3, 1)) == Decimal("1.00")
    assert staff_position_occupancy(position, on=D(2024, 12, 31)) == Decimal("1.50")
    assert staff_position_occupancy(position, on=D(2025, 1, 1)) == Decimal("0.50")


@pytest.mark.django_db
def test_staffing_table_rows(tree, hr_a, hr_b):
    full = make_position(tree["A"], rate_units="1.00", category_code="M-4")
    partly = make_position(tree["A"], rate_units="2.00")
    closed = make_position(tree["A"])
    StaffPosition.objects.filter(pk=closed.pk).update(is_active=False)
    make_position(tree["A-DEPT"])  # a unit's positions are in the unit's own table
    boss, clerk = make_employee(last_name="Rahimov"), make_employee(last_name="Aliyeva")
    hire(boss, full)
    hire(clerk, partly, rate="0.50")

    rows = staffing_table(organization=tree["A"], user=hr_a, on=D(2025, 1, 1))
    assert [row.staff_position for row in rows] == [full, partly]
    assert [(row.planned, row.filled, row.vacant) for row in rows] == [
        (Decimal("1.00"), Decimal("1.00"), Decimal("0.00")),
        (Decimal("2.00"), Decimal("0.50"), Decimal("1.50")),
    ]
    assert [[h.employee for h in row.holders] for row in rows] == [[boss], [clerk]]
    assert staffing_table(organization=tree["A"], user=hr_a, on=D(2023, 1, 1))[0].filled == Decimal("0.00")
    assert staffing_table(organization=tree["A"], user=hr_b) == []


def _queries(organization, user):
    with CaptureQueriesContext(connection) as captured:
        rows = staffing_table(organization=organization, user=user, on=D(2025, 1, 1))
        for row in rows:
            [holder.employee.full_name for holder in row.holders]
            str(row.staff_position.category)
    return len(captured), len(rows)


@pytest.mark.django_db
def test_staffing_table_needs_the_same_queries_for_any_size(tree, hr_a):
    for _ in range(2):
        hire(make_employee(), make_position(tree["A"]))
    staffing_table(organization=tree["A"], user=hr_a)  # the user's grants are read once per request
    small, small_rows = _queries(tree["A"], hr_a)
    for _ in range(6):
        position = make_position(tree["A"], rate_units="2.00", category_code="S-1")
        hire(make_employee(), position, rate="0.50")
        hire(make_employee(), position, rate="0.50")
    large, large_rows = _queries(tree["A"], hr_a)
    assert (small_rows, large_rows) == (2, 8)
    assert small == large == 2
