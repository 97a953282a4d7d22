import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from core.exceptions import ApplicationError
from core.models import AuditEvent
from tests.factories import hire, make_employee, make_position, place
from workforce.access import scope_queryset
from workforce.errors import WorkforceErrorCode
from workforce.models import (
    Assignment,
    CircumstanceKind,
    ContractType,
    Employee,
    EmployeeStatus,
    HROrder,
    OrderKind,
    QualificationRank,
    Sanction,
    SanctionKind,
    StaffPosition,
)
from workforce.services import (
    DismissalReason,
    circumstance_add,
    employee_change_rank,
    employee_dismiss,
    employee_hire,
    employee_promote,
    employee_rotate,
    employee_sanction,
    employee_transfer,
)

D = datetime.date
THIS_YEAR = timezone.localdate().year


def code_of(call, **kwargs):
    with pytest.raises(ApplicationError) as error:
        call(**kwargs)
    return error.value.code


def open_primary(employee):
    return Assignment.objects.get(employee=employee, is_primary=True, end_date__isnull=True)


# --- hire -------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_hire_issues_a_numbered_order_and_places_the_employee(tree, hr_a):
    employee = make_employee(organization=tree["A"])  # put on record by A's HR service
    position = make_position(tree["A-DEPT"])
    order = employee_hire(employee=employee, staff_position=position, start_date=D(2025, 3, 1),
                          order_date=D(2025, 2, 25), reason="Tanlov gʻolibi", actor=hr_a)
    assert order.number == "A-DEPT/2025/00001"
    assert (order.kind, order.organization, order.effective_date, order.created_by) == (
        OrderKind.HIRE, tree["A-DEPT"], D(2025, 3, 1), hr_a)
    assignment = open_primary(employee)
    assert (assignment.staff_position, assignment.start_order, assignment.start_kind) == (position, order,
                                                                                          OrderKind.HIRE)
    employee.refresh_from_db()
    assert (employee.status, employee.organization, employee.staff_position) == (
        EmployeeStatus.ACTIVE, tree["A-DEPT"], position)
    assert employee.hired_on == employee.civil_service_start == D(2025, 3, 1)
    event = AuditEvent.objects.get(action="workforce.employee.hired")
    assert event.actor == hr_a
    assert event.data["order"] == order.number
    assert event.data["to"] == {"organization": "A-DEPT", "staff_position": position.code}
    latest = employee.history.first()
    assert latest.history_user == hr_a
    assert order.number in latest.history_change_reason
    assert assignment.history.get().history_user == hr_a


@pytest.mark.django_db
def test_first_time_entrant_from_2026_gets_a_one_year_contract(tree):
    newcomer, veteran = make_employee(), make_employee(civil_service_start=D(2015, 9, 1))
    early = make_employee()
    hire(newcomer, make_position(tree["A"]), start=D(2026, 2, 1))
    hire(veteran, make_position(tree["A"]), start=D(2026, 2, 1))
    hire(early, make_position(tree["A"]), start=D(2025, 12, 31))
    fixed = open_primary(newcomer)
    assert (fixed.contract_type, fixed.contract_end_date) == (ContractType.FIXED_TERM, D(2027, 1, 31))
    assert open_primary(veteran).contract_type == ContractType.INDEFINITE
    assert open_primary(early).contract_type == ContractType.INDEFINITE


@pytest.mark.django_db
def test_rehire_after_dismissal_is_not_a_first_time_entry(tree):
    employee = make_employee()
    hire(employee, make_position(tree["A"]), start=D(2024, 1, 1))
    employee_dismiss(employee=employee, effective_date=D(2025, 12, 31), reason_code=DismissalReason.OWN_REQUEST,
                     actor=None)
    assert code_of(employee_hire, employee=employee, staff_position=make_position(tree["A"]),
                   start_date=D(2025, 12, 31), actor=None) == WorkforceErrorCode.EFFECTIVE_DATE_TOO_EARLY
    hire(employee, make_position(tree["B"]), start=D(2026, 3, 1))
    assert open_primary(employee).contract_type == ContractType.INDEFINITE
    assert Employee.objects.get(pk=employee.pk).organization == tree["B"]


@pytest.mark.django_db
def test_hire_refuses_someone_already_employed(tree):
    employee = make_employee()
    hire(employee, make_position(tree["A"]))
    assert code_of(employee_hire, employee=employee, staff_position=make_position(tree["A"]),
                   start_date=D(2025, 1, 1), actor=None) == WorkforceErrorCode.EMPLOYEE_ALREADY_EMPLOYED
    assert Assignment.objects.filter(employee=employee).count() == 1


@pytest.mark.django_db
def test_hire_is_limited_to_the_actors_scope(tree, hr_b):
    employee = make_employee()
    assert code_of(employee_hire, employee=employee, staff_position=make_position(tree["A-DIST"]),
                   start_date=D(2025, 1, 1), actor=hr_b) == WorkforceErrorCode.ORGANIZATION_OUT_OF_SCOPE
    assert not HROrder.objects.exists()


@pytest.mark.django_db
def test_a_position_is_never_filled_beyond_its_units(tree):
    position = make_position(tree["A"], rate_units="1.00", name="Bosh mutaxassis")
    first, second, third = make_employee(), make_employee(), make_employee()
    hire(first, position, rate="0.50")
    hire(second, position, rate="0.50", start=D(2024, 2, 1))
    with pytest.raises(ApplicationError) as error:
        employee_hire(employee=third, staff_position=position, start_date=D(2026, 3, 1), rate=Decimal("0.25"),
                      actor=None)
    assert error.value.code == WorkforceErrorCode.STAFF_POSITION_FULL
    assert error.value.http_status == 409
    assert error.value.extra["units"] == "1.00"
    assert error.value.extra["held"] == "1.00"
    assert "Bosh mutaxassis" in error.value.message and position.code in error.value.message
    assert not Assignment.objects.filter(employee=third).exists()
    assert Employee.objects.get(pk=third.pk).status == EmployeeStatus.NOT_EMPLOYED


@pytest.mark.django_db
def test_a_position_vacated_from_a_date_can_be_filled_from_the_next_day(tree):
    position = make_position(tree["A"])
    leaving, coming = make_employee(), make_employee()
    hire(leaving, position)
    employee_dismiss(employee=leaving, effective_date=D(2026, 3, 31), reason_code=DismissalReason.RETIREMENT,
                     actor=None)
    assert code_of(employee_hire, employee=coming, staff_position=position, start_date=D(2026, 3, 31),
                   actor=None) == WorkforceErrorCode.STAFF_POSITION_FULL
    hire(coming, position, start=D(2026, 4, 1))
    assert open_primary(coming).staff_position == position


@pytest.mark.django_db
def test_closed_positions_take_nobody(tree):
    position = make_position(tree["A"])
    StaffPosition.objects.filter(pk=position.pk).update(is_active=False)
    assert code_of(employee_hire, employee=make_employee(), staff_position=position, start_date=D(2025, 1, 1),
                   actor=None) == WorkforceErrorCode.STAFF_POSITION_INACTIVE


@pytest.mark.django_db
def test_hire_rate_must_be_a_valid_share(tree):
    with pytest.raises(ApplicationError) as error:
        employee_hire(employee=make_employee(), staff_position=make_position(tree["A"], rate_units="2.00"),
                      start_date=D(2025, 1, 1), rate=Decimal("1.50"), actor=None)
    assert error.value.field == "rate"
    assert not HROrder.objects.exists()


@pytest.mark.django_db
def test_order_numbers_run_per_organisation_and_year(tree):
    a_numbers = [
        employee_hire(employee=make_employee(), staff_position=make_position(tree["A"]), start_date=D(2025, 1, 1),
                      order_date=day, actor=None).number
        for day in (D(2024, 12, 30), D(2025, 1, 2), D(2025, 1, 3))
    ]
    b_number = employee_hire(employee=make_employee(), staff_position=make_position(tree["B"]),
                             start_date=D(2025, 1, 1), order_date=D(2025, 1, 2), actor=None).number
    assert a_numbers == ["A/2024/00001", "A/2025/00001", "A/2025/00002"]
    assert b_number == "B/2025/00001"


# --- transfer ---------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_transfer_closes_the_old_placement_and_opens_a_new_one(tree, hr_a):
    employee = make_employee()
    old_position, new_position = make_position(tree["A"]), make_position(tree["A-DIST"])
    old = hire(employee, old_position, rate="0.75")
    order = employee_transfer(employee=employee, staff_position=new_position, effective_date=D(2025, 7, 1),
                              reason="Ariza", actor=hr_a)
    old.refresh_from_db()
    assert (old.end_date, old.end_kind, old.end_order) == (D(2025, 6, 30), OrderKind.TRANSFER, order)
    new = open_primary(employee)
    assert (new.staff_position, new.start_date, new.rate, new.start_order) == (new_position, D(2025, 7, 1),
                                                                              Decimal("0.75"), order)
    assert order.number == f"A-DIST/{THIS_YEAR}/00001"
    employee.refresh_from_db()
    assert (employee.organization, employee.staff_position, employee.hired_on) == (tree["A-DIST"], new_position,
                                                                                D(2024, 1, 1))
    event = AuditEvent.objects.get(action="workforce.employee.transferred")
    assert event.data["from"]["staff_position"] == old_position.code
    assert event.data["to"]["staff_position"] == new_position.code
    assert old.history.first().history_change_reason == f"transfer {order.number}"


@pytest.mark.django_db
def test_transfer_refusals(tree, hr_a):
    employee = make_employee()
    position = make_position(tree["A"])
    other = make_position(tree["A"])
    kwargs = {"employee": employee, "staff_position": other, "effective_date": D(2025, 1, 1), "actor": hr_a}
    assert code_of(employee_transfer, **kwargs) == WorkforceErrorCode.EMPLOYEE_NOT_EMPLOYED
    hire(employee, position, start=D(2024, 5, 1))
    assert code_of(employee_transfer, **{**kwargs, "staff_position": position}) == \
        WorkforceErrorCode.STAFF_POSITION_SAME
    assert code_of(employee_transfer, **{**kwargs, "effective_date": D(2024, 5, 1)}) == \
        WorkforceErrorCode.EFFECTIVE_DATE_TOO_EARLY
    assert code_of(employee_transfer, **{**kwargs, "staff_position": make_position(tree["B"])}) == \
        WorkforceErrorCode.ORGANIZATION_OUT_OF_SCOPE
    assert Assignment.objects.filter(employee=employee).count() == 1


@pytest.mark.django_db
def test_transfer_out_of_someone_elses_organisation_is_refused(tree, hr_b, admin_user):
    employee = make_employee()
    hire(employee, make_position(tree["A"]))
    assert code_of(employee_transfer, employee=employee, staff_position=make_position(tree["B"]),
                   effective_date=D(2025, 1, 1), actor=hr_b) == WorkforceErrorCode.ORGANIZATION_OUT_OF_SCOPE
    employee_transfer(employee=employee, staff_position=make_position(tree["B"]), effective_date=D(2025, 1, 1),
                      actor=admin_user)
    assert Employee.objects.get(pk=employee.pk).organization == tree["B"]


@pytest.mark.django_db
def test_transfer_into_a_full_position_changes_nothing(tree):
    holder, mover = make_employee(), make_employee()
    full = make_position(tree["A"])
    hire(holder, full)
    start = hire(mover, make_position(tree["A"]))
    assert code_of(employee_transfer, employee=mover, staff_position=full, effective_date=D(2025, 1, 1),
                   actor=None) == WorkforceErrorCode.STAFF_POSITION_FULL
    start.refresh_from_db()
    assert start.end_date is None


# --- rotation and promotion -------------------------------------------------------------------------

@pytest.mark.django_db
def test_rotation_is_refused_with_every_exemption(tree):
    employee = make_employee(sex="M", birth_date=D(1967, 1, 10))  # 57 in January 2024
    hire(employee, make_position(tree["A"]))
    circumstance_add(employee=employee, kind=CircumstanceKind.TRAINING, start_date=D(2024, 9, 1), actor=None)
    with pytest.raises(ApplicationError) as error:
        employee_rotate(employee=employee, staff_position=make_position(tree["A-DEPT"]),
                        effective_date=D(2024, 10, 1), actor=None)
    assert error.value.code == WorkforceErrorCode.ROTATION_EXEMPT
    assert [reason["code"] for reason in error.value.extra["reasons"]] == ["training", "pre_pension"]
    assert open_primary(employee).start_date == D(2024, 1, 1)


@pytest.mark.django_db
def test_rotation_of_someone_not_exempt(tree):
    employee = make_employee()
    hire(employee, make_position(tree["A"]))
    order = employee_rotate(employee=employee, staff_position=make_position(tree["A-DEPT"]),
                            effective_date=D(2025, 1, 1), actor=None)
    assert order.kind == OrderKind.ROTATION
    assert open_primary(employee).start_kind == OrderKind.ROTATION
    assert AuditEvent.objects.filter(action="workforce.employee.rotated").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "target", "allowed"), [
    (("S-3", None), ("S-1", None), True),    # a more senior category
    (("S-1", 5), ("S-1", 6), True),          # same category, higher salary grade
    (("S-1", 5), ("S-1", 5), False),         # same category, same grade
    (("S-1", None), ("S-3", 9), False),      # a less senior category, whatever the grade
])
def test_promotion_must_go_up(tree, current, target, allowed):
    employee = make_employee()
    hire(employee, make_position(tree["A"], category_code=current[0], salary_grade=current[1]))
    to = make_position(tree["A"], category_code=target[0], salary_grade=target[1])
    if allowed:
        assert employee_promote(employee=employee, staff_position=to, effective_date=D(2025, 1, 1),
                                actor=None).kind == OrderKind.PROMOTION
        assert open_primary(employee).staff_position == to
    else:
        assert code_of(employee_promote, employee=employee, staff_position=to, effective_date=D(2025, 1, 1),
                       actor=None) == WorkforceErrorCode.PROMOTION_NOT_HIGHER


# --- rank ------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_change_rank(tree, hr_a):
    employee = make_employee(rank_code="R-02")
    assert code_of(employee_change_rank, employee=employee, rank=QualificationRank.objects.get(code="R-03"),
                   effective_date=D(2025, 1, 1), reason="", actor=None) == WorkforceErrorCode.EMPLOYEE_NOT_EMPLOYED
    hire(employee, make_position(tree["A"]))
    order = employee_change_rank(employee=employee, rank=QualificationRank.objects.get(code="R-03"),
                                 effective_date=D(2025, 1, 1), reason="Attestatsiya", actor=hr_a)
    assert order.details == {"from": "R-02", "to": "R-03"}
    assert Employee.objects.get(pk=employee.pk).qualification_rank.code == "R-03"
    assert code_of(employee_change_rank, employee=employee, rank=QualificationRank.objects.get(code="R-03"),
                   effective_date=D(2025, 2, 1), reason="", actor=hr_a) == WorkforceErrorCode.RANK_UNCHANGED
    assert AuditEvent.objects.get(action="workforce.employee.rank_changed").data["to"] == "R-03"


# --- sanctions ----------------------------------------------------------------------------------------

@pytest.fixture
def serving(tree):
    employee = make_employee(rank_code="R-03")
    hire(employee, make_position(tree["A"], category_code="S-1"))
    return employee


@pytest.mark.django_db
def test_reprimand_is_in_force_for_the_policy_term(serving, hr_a):
    sanction = employee_sanction(employee=serving, kind=SanctionKind.REPRIMAND, reason="Kechikish",
                                 imposed_on=D(2025, 3, 15), actor=hr_a)
    assert sanction.expires_on == D(2026, 3, 15)
    assert (sanction.order.kind, sanction.order.details["sanction"]) == (OrderKind.SANCTION, SanctionKind.REPRIMAND)
    assert AuditEvent.objects.get(action="workforce.employee.sanctioned").data["sanction"] == SanctionKind.REPRIMAND


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "fine_amount", "code"), [
    (SanctionKind.FINE, None, WorkforceErrorCode.SANCTION_FINE_AMOUNT_INVALID),
    (SanctionKind.FINE, Decimal(0), WorkforceErrorCode.SANCTION_FINE_AMOUNT_INVALID),
    (SanctionKind.REPRIMAND, Decimal(100000), WorkforceErrorCode.SANCTION_FINE_AMOUNT_INVALID),
    (SanctionKind.DEMOTION, None, WorkforceErrorCode.DEMOTION_POSITION_REQUIRED),
    ("exile", None, "invalid_choice"),
])
def test_sanction_inputs_are_checked(serving, kind, fine_amount, code):
    assert code_of(employee_sanction, employee=serving, kind=kind, reason="Sabab", imposed_on=D(2025, 3, 15),
                   fine_amount=fine_amount, actor=None) == code
    assert not Sanction.objects.exists()
    assert not HROrder.objects.filter(kind=OrderKind.SANCTION).exists()


@pytest.mark.django_db
def test_sanction_needs_a_reason(serving):
    with pytest.raises(ApplicationError) as error:
        employee_sanction(employee=serving, kind=SanctionKind.REPRIMAND, reason="  ", imposed_on=D(2025, 3, 15),
                          actor=None)
    assert error.value.field == "reason"


@pytest.mark.django_db
def test_fine(serving):
    sanction = employee_sanction(employee=serving, kind=SanctionKind.FINE, reason="Sabab", imposed_on=D(2025, 3, 15),
                                 fine_amount=Decimal("375000.00"), actor=None)
    assert sanction.fine_amount == Decimal("375000.00")
    assert sanction.order.details["fine_amount"] == "375000"


@pytest.mark.django_db
def test_rank_lowering_moves_one_step_down(serving, tree):
    employee_sanction(employee=serving, kind=SanctionKind.RANK_LOWERING, reason="Sabab", imposed_on=D(2025, 3, 15),
                      actor=None)
    assert Employee.objects.get(pk=serving.pk).qualification_rank.code == "R-02"

    lowest = make_employee(rank_code="R-01")
    hire(lowest, make_position(tree["A"]))
    assert code_of(employee_sanction, employee=lowest, kind=SanctionKind.RANK_LOWERING, reason="Sabab",
                   imposed_on=D(2025, 3, 15), actor=None) == WorkforceErrorCode.SANCTION_RANK_LOWEST
    unranked = make_employee()
    hire(unranked, make_position(tree["A"]))
    assert code_of(employee_sanction, employee=unranked, kind=SanctionKind.RANK_LOWERING, reason="Sabab",
                   imposed_on=D(2025, 3, 15), actor=None) == WorkforceErrorCode.SANCTION_NO_RANK


@pytest.mark.django_db
def test_demotion_moves_to_a_less_senior_position(serving, tree):
    higher = make_position(tree["A"], category_code="M-4")
    assert code_of(employee_sanction, employee=serving, kind=SanctionKind.DEMOTION, reason="Sabab",
                   imposed_on=D(2025, 3, 15), new_staff_position=higher, actor=None) == \
        WorkforceErrorCode.DEMOTION_NOT_LOWER
    lower = make_position(tree["A"], category_code="S-3")
    sanction = employee_sanction(employee=serving, kind=SanctionKind.DEMOTION, reason="Sabab",
                                 imposed_on=D(2025, 3, 15), new_staff_position=lower, actor=None)
    new = open_primary(serving)
    assert (new.staff_position, new.start_date, new.start_order) == (lower, D(2025, 3, 15), sanction.order)
    assert Assignment.objects.get(employee=serving, end_date=D(2025, 3, 14)).end_kind == OrderKind.SANCTION
    assert Employee.objects.get(pk=serving.pk).staff_position == lower


@pytest.mark.django_db
def test_dismissal_as_a_sanction(serving):
    sanction = employee_sanction(employee=serving, kind=SanctionKind.DISMISSAL, reason="Sabab",
                                 imposed_on=D(2025, 3, 15), actor=None)
    employee = Employee.objects.get(pk=serving.pk)
    assert employee.status == EmployeeStatus.DISMISSED
    assert not Assignment.objects.filter(employee=serving, end_date__isnull=True).exists()
    assert sanction.order.details["reason_code"] == DismissalReason.DISCIPLINARY
    assert AuditEvent.objects.filter(action="workforce.employee.dismissed").exists()


# --- dismissal ------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_dismissal_closes_every_placement_and_keeps_the_record_with_the_organisation(tree, hr_a):
    employee = make_employee()
    primary = hire(employee, make_position(tree["A-DEPT"]))
    secondary = Assignment.objects.create(employee=employee, staff_position=make_position(tree["A"]),
                                          organization=tree["A"], rate=Decimal("0.25"), is_primary=False,
                                          start_date=D(2024, 6, 1))
    order = employee_dismiss(employee=employee, effective_date=D(2025, 5, 31), reason_code=DismissalReason.AGREEMENT,
                             reason="Ikki tomon kelishuvi", actor=hr_a)
    for assignment in (primary, secondary):
        assignment.refresh_from_db()
        assert (assignment.end_date, assignment.end_kind, assignment.end_order) == (D(2025, 5, 31),
                                                                                  OrderKind.DISMISSAL, order)
    employee.refresh_from_db()
    assert (employee.status, employee.organization, employee.staff_position) == (
        EmployeeStatus.DISMISSED, tree["A-DEPT"], None)
    assert employee in scope_queryset(Employee.objects.all(), user=hr_a)
    assert AuditEvent.objects.get(action="workforce.employee.dismissed").data["reason_code"] == "agreement"


@pytest.mark.django_db
def test_dismissal_refusals(tree, hr_b):
    employee = make_employee()
    kwargs = {"employee": employee, "effective_date": D(2025, 1, 1), "reason_code": DismissalReason.OWN_REQUEST,
              "actor": None}
    assert code_of(employee_dismiss, **kwargs) == WorkforceErrorCode.EMPLOYEE_NOT_EMPLOYED
    place(employee, make_position(tree["A"]), start=D(2024, 6, 1))
    assert code_of(employee_dismiss, **{**kwargs, "reason_code": "bored"}) == \
        WorkforceErrorCode.DISMISSAL_REASON_INVALID
    assert code_of(employee_dismiss, **{**kwargs, "effective_date": D(2024, 5, 31)}) == \
        WorkforceErrorCode.EFFECTIVE_DATE_TOO_EARLY
    assert code_of(employee_dismiss, **{**kwargs, "actor": hr_b}) == WorkforceErrorCode.ORGANIZATION_OUT_OF_SCOPE
    assert Employee.objects.get(pk=employee.pk).status == EmployeeStatus.ACTIVE


@pytest.mark.django_db
def test_dismissal_labels_are_translatable():
    from django.utils import translation

    with translation.override("en"):
        english = str(DismissalReason.REORGANISATION.label)
    assert english == "Reorganisation or staff reduction"
    assert set(DismissalReason.values) >= {"own_request", "agreement", "contract_end", "disciplinary", "retirement",
                                           "health", "reorganisation", "death", "other"}

