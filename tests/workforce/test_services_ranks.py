"""Rank changes follow the ladder and dated policy data, and a change dated in the future takes
effect on its effective date (issue 6 §2)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.exceptions import ApplicationError
from core.models import AuditEvent
from tests.factories import hire, make_employee, make_position
from workforce.errors import WorkforceErrorCode
from workforce.models import Employee, HROrder, PolicyParameter, QualificationRank, SanctionKind
from workforce.services import employee_change_rank, employee_sanction, rank_changes_apply_due
from workforce.tasks import rank_changes_apply_due_task

D = datetime.date
TODAY = timezone.localdate()


def rank(code):
    return QualificationRank.objects.get(code=code)


@pytest.fixture
def serving(tree):
    """R-02 since the hire on 01.01.2024 (the rank came with the record)."""
    employee = make_employee(rank_code="R-02", organization=tree["A"])
    hire(employee, make_position(tree["A"]), start=D(2024, 1, 1))
    return employee


def refused(employee, code, effective_date, actor=None):
    with pytest.raises(ApplicationError) as error:
        employee_change_rank(employee=employee, rank=rank(code), effective_date=effective_date, reason="Attestatsiya",
                             actor=actor)
    return error.value


@pytest.mark.django_db
def test_ranks_go_up_one_step_at_a_time(serving):
    error = refused(serving, "R-04", D(2025, 6, 1))
    assert error.code == WorkforceErrorCode.RANK_STEP_SKIPPED
    assert "1-darajali referent" in error.message  # the step that comes next is named
    error = refused(serving, "R-01", D(2025, 6, 1))
    assert error.code == WorkforceErrorCode.RANK_LOWERING_NEEDS_SANCTION
    assert employee_change_rank(employee=serving, rank=rank("R-03"), effective_date=D(2025, 6, 1),
                                reason="Attestatsiya", actor=None).kind == "rank_change"


@pytest.mark.django_db
def test_a_rank_is_held_for_the_minimum_time_before_the_next(serving, hr_a):
    error = refused(serving, "R-03", D(2024, 12, 31), actor=hr_a)
    assert error.code == WorkforceErrorCode.RANK_TIME_IN_RANK and error.field == "effective_date"
    assert "01.01.2024" in error.message and "01.01.2025" in error.message
    employee_change_rank(employee=serving, rank=rank("R-03"), effective_date=D(2025, 1, 1), reason="", actor=hr_a)
    # Counted from the order that gave the rank now, and the policy is dated data.
    PolicyParameter.objects.create(key="rank_minimum_months", value=Decimal(24), effective_from=D(2025, 6, 1))
    error = refused(serving, "R-04", D(2026, 6, 1), actor=hr_a)
    assert error.code == WorkforceErrorCode.RANK_TIME_IN_RANK and "01.01.2027" in error.message
    assert employee_change_rank(employee=serving, rank=rank("R-04"), effective_date=D(2027, 1, 1), reason="",
                                actor=hr_a).pending  # after today: it waits


@pytest.mark.django_db
def test_a_rank_change_dated_in_the_future_waits_for_its_day(client, serving, hr_a, tree):
    day = TODAY + datetime.timedelta(days=10)
    order = employee_change_rank(employee=serving, rank=rank("R-03"), effective_date=day, reason="Attestatsiya",
                                 actor=hr_a)
    assert order.pending
    assert Employee.objects.get(pk=serving.pk).qualification_rank.code == "R-02"
    assert AuditEvent.objects.filter(action="workforce.employee.rank_change_scheduled").count() == 1
    client.force_login(hr_a)
    page = client.get(reverse("workforce:employee_detail", args=[serving.pk])).content.decode()
    assert 'data-testid="rank-waiting"' in page and day.strftime("%d.%m.%Y") in page
    # One change waits at a time, and a rank-lowering sanction waits for it too.
    assert refused(serving, "R-03", day, actor=hr_a).code == WorkforceErrorCode.RANK_CHANGE_PENDING
    with pytest.raises(ApplicationError) as error:
        employee_sanction(employee=serving, kind=SanctionKind.RANK_LOWERING, reason="Sabab", imposed_on=TODAY,
                          actor=hr_a)
    assert error.value.code == WorkforceErrorCode.RANK_CHANGE_PENDING

    assert rank_changes_apply_due(today=day - datetime.timedelta(days=1)) == 0
    assert Employee.objects.get(pk=serving.pk).qualification_rank.code == "R-02"
    assert rank_changes_apply_due(today=day) == 1
    assert rank_changes_apply_due(today=day) == 0  # idempotent
    serving.refresh_from_db()
    assert serving.qualification_rank.code == "R-03"
    assert not HROrder.objects.get(pk=order.pk).pending
    latest = serving.history.first()
    assert latest.qualification_rank_id == rank("R-03").pk and order.number in latest.history_change_reason
    assert AuditEvent.objects.get(action="workforce.employee.rank_changed").data["applied_on"] == day.isoformat()


@pytest.mark.django_db
def test_the_daily_task_applies_what_is_due(serving, hr_a):
    order = employee_change_rank(employee=serving, rank=rank("R-03"), effective_date=TODAY + datetime.timedelta(days=1),
                                 reason="", actor=hr_a)
    HROrder.objects.filter(pk=order.pk).update(effective_date=TODAY)  # the day has come
    assert rank_changes_apply_due_task.delay().get() == 1
    assert Employee.objects.get(pk=serving.pk).qualification_rank.code == "R-03"


@pytest.mark.django_db
def test_a_service_applies_a_due_change_the_daily_task_has_not_yet(serving, hr_a):
    order = employee_change_rank(employee=serving, rank=rank("R-03"), effective_date=TODAY + datetime.timedelta(days=1),
                                 reason="", actor=hr_a)
    HROrder.objects.filter(pk=order.pk).update(effective_date=D(2025, 1, 1))  # due, the beat has not run
    employee_sanction(employee=serving, kind=SanctionKind.RANK_LOWERING, reason="Sabab", imposed_on=TODAY,
                      actor=hr_a)
    serving.refresh_from_db()
    assert serving.qualification_rank.code == "R-02"  # R-03 applied first, then lowered one step
    assert not HROrder.objects.get(pk=order.pk).pending
