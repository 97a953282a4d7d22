"""Generated services for the report tests: organisations in several regions, staff positions of
every category, people of every age, sex, education and rank, and primary assignments that start
and end (by dismissals of every ground, transfers, rotations, promotions) over two years."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pandas as pd
import pytest

from tests.factories import make_organization
from workforce.models import (
    Assignment,
    EducationLevel,
    Employee,
    EmployeeStatus,
    OrderKind,
    PositionCategory,
    QualificationRank,
    Region,
    StaffPosition,
)
from workforce.services import DismissalReason
from workforce.validators import make_pinfl

D = datetime.date
START = D(2023, 1, 1)
END = D(2025, 12, 31)
_serial = iter(range(10_000, 10**9))


def _random_date(rng: random.Random, low: datetime.date, high: datetime.date) -> datetime.date:
    return low + datetime.timedelta(days=rng.randrange((high - low).days + 1))


def generate_service(seed: int, *, people: int = 120) -> dict:
    """A small civil service drawn from ``seed``: a ministry ``ROOT-<seed>`` with units in three
    regions (and a district under one), ~4 staff positions per unit, ``people`` employees."""
    rng = random.Random(seed)
    regions = list(Region.objects.order_by("soato")[:3])
    root = make_organization(code=f"ROOT-{seed}", region=regions[0])
    units = [root]
    for i, region in enumerate(regions):
        unit = make_organization(code=f"U{seed}-{i}", parent=root, level="territorial", region=region)
        units.append(unit)
    units.append(make_organization(code=f"U{seed}-D", parent=units[1], level="district", region=regions[0]))
    categories = list(PositionCategory.objects.all())
    ranks = list(QualificationRank.objects.all())
    positions = []
    for unit in units:
        for _ in range(4):
            category = rng.choice(categories)
            n = next(_serial)
            positions.append(StaffPosition.objects.create(
                organization=unit, code=f"P{n}", name_uz=f"Lavozim {n}", group=category.group, category=category,
                rate_units=Decimal(rng.choice(["1.00", "2.00", "5.00", "20.00"])),
                is_active=rng.random() > 0.05))
    employees = []
    for _ in range(people):
        n = next(_serial)
        sex = rng.choice("MF")
        birth = _random_date(rng, D(1960, 1, 1), D(2005, 6, 30))
        if rng.random() < 0.05:
            birth = D(1984, 2, 29)  # leap-day birthdays
        employees.append(Employee(
            pinfl=make_pinfl(birth, sex, n // 1000, n), last_name=f"Familiya{n}", first_name="Ism", birth_date=birth,
            sex=sex, education_level=rng.choice([*EducationLevel.values, ""]),
            qualification_rank=rng.choice([*ranks, None]),
            civil_service_start=None if rng.random() < 0.1 else _random_date(rng, D(1995, 1, 1), D(2025, 6, 1)),
            status=EmployeeStatus.ACTIVE))
    Employee.objects.bulk_create(employees)
    assignments = []
    reasons = DismissalReason.values
    for employee in employees:
        day = _random_date(rng, D(2022, 1, 1), D(2025, 6, 1))
        kind = OrderKind.HIRE
        while day <= END:
            position = rng.choice(positions)
            end = None if rng.random() < 0.4 else day + datetime.timedelta(days=rng.randrange(0, 500))
            assignment = Assignment(employee=employee, staff_position=position, organization=position.organization,
                                    rate=Decimal(rng.choice(["1.00", "0.50"])), start_date=day, start_kind=kind)
            if rng.random() < 0.1:  # a secondary post beside the primary one: never counted as a person
                assignments.append(Assignment(employee=employee, staff_position=rng.choice(positions),
                                              organization=position.organization, rate=Decimal("0.25"),
                                              is_primary=False, start_date=day, end_date=end))
            if end is None or end > END:
                assignments.append(assignment)
                break
            assignment.end_date = end
            if rng.random() < 0.5:
                assignment.end_kind = rng.choice([OrderKind.DISMISSAL, OrderKind.DISMISSAL, OrderKind.SANCTION])
                assignment.end_reason = (DismissalReason.DISCIPLINARY if assignment.end_kind == OrderKind.SANCTION
                                         else rng.choice(reasons))
                assignments.append(assignment)
                if rng.random() < 0.7:
                    break
                day, kind = end + datetime.timedelta(days=rng.randrange(1, 200)), OrderKind.HIRE
            else:
                kind = rng.choice([OrderKind.TRANSFER, OrderKind.ROTATION, OrderKind.PROMOTION])
                assignment.end_kind = kind
                assignments.append(assignment)
                day = end + datetime.timedelta(days=1)
    Assignment.objects.bulk_create(assignments)
    # As the services keep them: the record sits with the organisation of the last primary post.
    for assignment in assignments:
        if assignment.is_primary:
            employee = assignment.employee
            employee.organization = assignment.organization
            employee.staff_position = assignment.staff_position if assignment.end_date is None else None
            employee.status = EmployeeStatus.ACTIVE if assignment.end_date is None else EmployeeStatus.DISMISSED
    Employee.objects.bulk_update(employees, ["organization", "staff_position", "status"])
    return {"root": root, "units": units, "regions": regions, "positions": positions}


def raw_frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Every assignment, employee and staff position as plain rows, for figures computed
    independently of the selectors."""
    assignments = pd.DataFrame.from_records(list(Assignment.objects.values(
        "employee_id", "staff_position_id", "rate", "is_primary", "start_date", "end_date", "start_kind",
        "end_kind", "end_reason", "organization__path", "organization__region_id", "organization__level",
        "staff_position__group", "staff_position__category_id")))
    employees = pd.DataFrame.from_records(list(Employee.objects.values(
        "id", "sex", "birth_date", "education_level", "qualification_rank_id", "civil_service_start")))
    positions = pd.DataFrame.from_records(list(StaffPosition.objects.values(
        "id", "rate_units", "is_active", "group", "organization__path", "organization__region_id")))
    return assignments, employees, positions


@pytest.fixture
def service(db, request):
    return generate_service(getattr(request, "param", 1))
