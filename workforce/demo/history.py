"""Two years of movements for the demo, issued through the HR services month by month (hires,
exits on every ground, transfers, rotations, promotions), so that the reports' flows, turnover,
trends and monthly snapshots show something real. Runs after ``workforce.demo.seed`` and once:
a second run finds its orders and does nothing."""

from __future__ import annotations

import calendar
import datetime
import random
from decimal import Decimal
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from ..errors import WorkforceError
from ..models import Assignment, Employee, HROrder, Organization, StaffPosition
from ..selectors import units_committed_by_position
from ..services import (
    employee_create,
    employee_dismiss,
    employee_hire,
    employee_promote,
    employee_rotate,
    employee_transfer,
)
from .employees import DISMISSAL_REASONS
from .organizations import ORGANIZATIONS
from .people import PinflAllocator, make_person

MONTHS = 24
REASON = "Namunaviy maʼlumotlar (demo)"
ORDER = ("P-1", "M-1", "M-2", "M-3", "M-4", "S-1", "S-2", "S-3", "S-4")


def month_starts(today: datetime.date, months: int = MONTHS) -> list[datetime.date]:
    """The first days of the ``months`` months before ``today``'s, oldest first."""
    day, starts = today.replace(day=1), []
    for _ in range(months):
        day = (day - datetime.timedelta(days=1)).replace(day=1)
        starts.append(day)
    return starts[::-1]


def seed_history(*, rng: random.Random, employees: int, stdout: TextIO) -> str:
    organizations = list(Organization.objects.filter(code__in=[row[0] for row in ORGANIZATIONS]))
    if employees <= 0 or not organizations:
        return "no employees requested"
    if HROrder.objects.filter(organization__in=organizations, reason=REASON).exists():
        return "history already present (kept as it is)"
    per_month = max(1, round(employees * 0.002))
    counts = {"hires": 0, "exits": 0, "transfers": 0, "rotations": 0, "promotions": 0}
    allocator = PinflAllocator(taken=set(Employee.objects.values_list("pinfl", flat=True)))
    positions = list(StaffPosition.objects.filter(organization__in=organizations, is_active=True)
                     .select_related("category", "organization").order_by("pk"))
    for start in month_starts(timezone.localdate()):
        with transaction.atomic():
            _month(rng, start, per_month, positions, allocator, counts, organizations)
    return ", ".join(f"{n} {kind}" for kind, n in counts.items()) + f" over {MONTHS} months"


def _month(rng, start, per_month, positions, allocator, counts, organizations) -> None:
    days = calendar.monthrange(start.year, start.month)[1]

    def some_day() -> datetime.date:
        return start + datetime.timedelta(days=rng.randrange(days))

    # People with a demo login (the civil servant) keep their post: other demos are built on it.
    holders = list(Assignment.objects.filter(is_primary=True, end_date__isnull=True, start_date__lt=start,
                                             organization__in=organizations, employee__user__isnull=True)
                   .select_related("employee", "staff_position__category").order_by("pk"))
    rng.shuffle(holders)
    committed = units_committed_by_position([p.pk for p in positions], from_date=start)
    free = {p.pk: p.rate_units - committed.get(p.pk, Decimal("0")) for p in positions}

    def target(rate: Decimal, *, senior_to: str | None = None, other_than: int | None = None):
        choices = [p for p in positions if free[p.pk] >= rate and p.pk != other_than
                   and (senior_to is None or ORDER.index(p.category.code) < ORDER.index(senior_to))]
        return rng.choice(choices) if choices else None

    for _ in range(per_month):
        if holders:
            held = holders.pop()
            try:
                employee_dismiss(employee=held.employee, effective_date=some_day(),
                                 reason_code=rng.choice(DISMISSAL_REASONS), reason=REASON, actor=None)
                counts["exits"] += 1
            except WorkforceError:
                pass
    for kind, service in (("transfers", employee_transfer), ("rotations", employee_rotate),
                          ("promotions", employee_promote)):
        for _ in range(per_month):
            if not holders:
                break
            held = holders.pop()
            senior = held.staff_position.category.code if kind == "promotions" else None
            position = target(held.rate, senior_to=senior, other_than=held.staff_position_id)
            if position is None:
                continue
            try:
                service(employee=held.employee, staff_position=position, effective_date=some_day(), reason=REASON,
                        actor=None)
            except WorkforceError:
                continue
            free[position.pk] -= held.rate
            counts[kind] += 1
    for _ in range(per_month):
        position = target(Decimal("1.00"))
        if position is None:
            break
        day = some_day()
        person = make_person(rng, category=position.category.code, as_of=day)
        try:
            employee = employee_create(
                pinfl=allocator.allocate(person.birth_date, person.sex, 100 + position.organization_id % 800),
                birth_date=person.birth_date, sex=person.sex, languages=person.languages, civil_service_start=day,
                organization=position.organization, actor=None, **person.names)
            employee_hire(employee=employee, staff_position=position, start_date=day, reason=REASON, actor=None)
        except WorkforceError:
            continue
        free[position.pk] -= Decimal("1.00")
        counts["hires"] += 1


def seed(*, rng: random.Random, employees: int, stdout: TextIO) -> str:
    return seed_history(rng=rng, employees=employees, stdout=stdout)
