import datetime

import pytest
from django.utils import timezone

from core.exceptions import ApplicationError
from core.models import AuditEvent
from tests.factories import make_employee, make_register_position
from workforce.errors import WorkforceErrorCode
from workforce.models import PositionCategory, ReserveEntry, ReserveSource, ReserveStatus
from workforce.services import (
    reserve_entry_add,
    reserve_entry_mark_appointed,
    reserve_entry_withdraw,
    reserve_expire_due,
)
from workforce.validators import make_pinfl

D = datetime.date
EXTERNAL_PINFL = make_pinfl(D(1988, 8, 20), "M", 412, 33)


def add(organization, actor=None, **overrides):
    values = {"organization": organization, "category": PositionCategory.objects.get(code="M-4"),
              "source": ReserveSource.COMPETITION, "included_on": D(2025, 2, 1), "actor": actor}
    return reserve_entry_add(**{**values, **overrides})


def code_of(call, **kwargs):
    with pytest.raises(ApplicationError) as error:
        call(**kwargs)
    return error.value.code


@pytest.mark.django_db
def test_add_an_employee_for_the_default_term(tree, hr_a):
    employee = make_employee()
    entry = add(tree["A"], hr_a, employee=employee)
    assert (entry.status, entry.expires_on) == (ReserveStatus.ACTIVE, D(2028, 2, 1))
    assert entry.person_name == employee.full_name
    assert AuditEvent.objects.filter(action="workforce.reserve.added", actor=hr_a).exists()
    assert entry.history.get().history_user == hr_a


@pytest.mark.django_db
def test_add_an_external_candidate(tree):
    entry = add(tree["A"], external_full_name="  Toʻxtayev  Sardor ", external_pinfl=EXTERNAL_PINFL,
                expires_on=D(2026, 2, 1), register_position=make_register_position(category_code="M-4"))
    entry.refresh_from_db()
    assert entry.external_full_name == "Toʻxtayev Sardor"
    assert entry.expires_on == D(2026, 2, 1)


@pytest.mark.django_db
def test_an_external_pinfl_is_validated(tree):
    broken = EXTERNAL_PINFL[:13] + str((int(EXTERNAL_PINFL[13]) + 1) % 10)
    with pytest.raises(ApplicationError) as error:
        add(tree["A"], external_full_name="Toʻxtayev Sardor", external_pinfl=broken)
    assert (error.value.code, error.value.field) == ("pinfl_check_digit", "external_pinfl")
    assert not ReserveEntry.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "code"), [
    ({}, WorkforceErrorCode.RESERVE_PERSON_REQUIRED),
    ({"external_full_name": "X Y", "category_code": "S-1"}, WorkforceErrorCode.RESERVE_CATEGORY_NOT_MANAGEMENT),
    ({"external_full_name": "X Y", "expires_on": D(2025, 1, 31)}, WorkforceErrorCode.DATE_RANGE_INVALID),
    ({"external_full_name": "X Y", "register_code": "M-2"}, WorkforceErrorCode.RESERVE_POSITION_CATEGORY_MISMATCH),
])
def test_add_refusals(tree, overrides, code):
    if "category_code" in overrides:
        overrides["category"] = PositionCategory.objects.get(code=overrides.pop("category_code"))
    if "register_code" in overrides:
        overrides["register_position"] = make_register_position(category_code=overrides.pop("register_code"))
    assert code_of(add, organization=tree["A"], **overrides) == code
    assert not ReserveEntry.objects.exists()


@pytest.mark.django_db
def test_an_employee_entry_carries_no_external_fields(tree):
    assert code_of(add, organization=tree["A"], employee=make_employee(), external_full_name="Boshqa odam") == \
        WorkforceErrorCode.RESERVE_PERSON_AMBIGUOUS


@pytest.mark.django_db
def test_add_is_scoped(tree, hr_b):
    assert code_of(add, organization=tree["A-DEPT"], actor=hr_b, external_full_name="X Y") == \
        WorkforceErrorCode.ORGANIZATION_OUT_OF_SCOPE


@pytest.mark.django_db
def test_one_active_entry_per_person_organisation_and_category(tree):
    employee = make_employee()
    first = add(tree["A"], employee=employee)
    assert code_of(add, organization=tree["A"], employee=employee) == WorkforceErrorCode.RESERVE_DUPLICATE
    # The same person under their PINFL as an "external" candidate is still the same person.
    assert code_of(add, organization=tree["A"], external_full_name=employee.full_name,
                   external_pinfl=employee.pinfl) == WorkforceErrorCode.RESERVE_DUPLICATE
    add(tree["A"], employee=employee, category=PositionCategory.objects.get(code="M-3"))
    add(tree["B"], employee=employee)
    reserve_entry_withdraw(entry=first, reason="Oʻz arizasi", actor=None)
    add(tree["A"], employee=employee)
    assert ReserveEntry.objects.filter(employee=employee, status=ReserveStatus.ACTIVE).count() == 3


@pytest.mark.django_db
def test_external_candidates_without_pinfl_are_matched_by_name(tree):
    add(tree["A"], external_full_name="Toʻxtayev Sardor")
    assert code_of(add, organization=tree["A"], external_full_name="TOʻXTAYEV  sardor") == \
        WorkforceErrorCode.RESERVE_DUPLICATE


@pytest.mark.django_db
def test_withdraw_needs_a_reason_and_an_active_entry(tree, hr_a):
    entry = add(tree["A"], external_full_name="X Y")
    assert code_of(reserve_entry_withdraw, entry=entry, reason=" ", actor=hr_a) == \
        WorkforceErrorCode.RESERVE_REASON_REQUIRED
    reserve_entry_withdraw(entry=entry, reason="Boshqa ishga oʻtdi", actor=hr_a)
    entry.refresh_from_db()
    assert entry.status == ReserveStatus.WITHDRAWN
    assert entry.history.first().history_change_reason == "Boshqa ishga oʻtdi"
    assert code_of(reserve_entry_withdraw, entry=entry, reason="Yana", actor=hr_a) == \
        WorkforceErrorCode.RESERVE_NOT_ACTIVE
    assert code_of(reserve_entry_mark_appointed, entry=entry, actor=hr_a) == WorkforceErrorCode.RESERVE_NOT_ACTIVE


@pytest.mark.django_db
def test_mark_appointed(tree, hr_a, hr_b):
    today = timezone.localdate()
    entry = add(tree["A"], external_full_name="X Y", included_on=today)
    assert code_of(reserve_entry_mark_appointed, entry=entry, actor=hr_b) == \
        WorkforceErrorCode.ORGANIZATION_OUT_OF_SCOPE
    reserve_entry_mark_appointed(entry=entry, actor=hr_a)
    assert ReserveEntry.objects.get(pk=entry.pk).status == ReserveStatus.APPOINTED
    lapsed = add(tree["A"], external_full_name="Z W", included_on=D(2020, 1, 1), expires_on=D(2021, 1, 1))
    assert code_of(reserve_entry_mark_appointed, entry=lapsed, actor=hr_a) == WorkforceErrorCode.RESERVE_EXPIRED


@pytest.mark.django_db
def test_expire_due_is_idempotent_and_keeps_history(tree):
    due = add(tree["A"], external_full_name="A A", expires_on=D(2025, 6, 30))
    last_day = add(tree["A"], external_full_name="B B", expires_on=D(2025, 7, 1))
    withdrawn = add(tree["A"], external_full_name="C C", expires_on=D(2025, 3, 1))
    reserve_entry_withdraw(entry=withdrawn, reason="Sabab", actor=None)

    assert reserve_expire_due(today=D(2025, 7, 1)) == 1
    assert reserve_expire_due(today=D(2025, 7, 1)) == 0
    statuses = dict(ReserveEntry.objects.values_list("pk", "status"))
    assert statuses == {due.pk: ReserveStatus.EXPIRED, last_day.pk: ReserveStatus.ACTIVE,
                        withdrawn.pk: ReserveStatus.WITHDRAWN}
    assert due.history.first().status == ReserveStatus.EXPIRED
    assert due.history.count() == 2
