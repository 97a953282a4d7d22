"""One rule book (issue 6 §2): one table of cases, each run through the service path (the HR order,
record and staffing services the pages and the API call) and through the bulk import path, with the
same verdict and the same error code expected from both."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from core.exceptions import ApplicationError
from tests.factories import make_employee, make_register_position
from tests.workforce.import_factories import employee_row, new_pinfl, positions, write_file
from workforce.errors import WorkforceErrorCode as Code
from workforce.models import Employee, QualificationRank, StaffPosition
from workforce.services import (
    DismissalReason,
    PersonIdentity,
    employee_create,
    employee_dismiss,
    employee_hire,
    employee_update,
    staff_position_create,
    staff_position_update,
)
from workforce.services.imports import import_path

__all__ = ["positions"]

D = datetime.date
START = D(2026, 2, 2)


@dataclass
class World:
    positions: dict[str, StaffPosition]
    hr_a: Any
    hr_b: Any
    tree: dict
    people: dict[str, Employee] = field(default_factory=dict)
    register: Any = None


@dataclass(frozen=True)
class Case:
    name: str
    code: str | None  # None: both paths accept
    service: Callable[[World], Any]
    import_kind: str
    rows: Callable[[World], list[dict]]
    keys: list[str] | None = None
    setup: Callable[[World], None] = lambda world: None


def kept_by_a(world, **fields) -> Employee:
    return make_employee(organization=world.tree["A"], **fields)


def serving_in(world, position: str, **fields) -> Employee:
    person = make_employee(organization=world.positions[position].organization, **fields)
    employee_hire(employee=person, staff_position=world.positions[position], start_date=D(2023, 1, 10), actor=None)
    return person


def person_row(person: Employee, **values) -> dict:
    values = {"last_name": person.last_name, "first_name": person.first_name, "middle_name": None, **values}
    return employee_row(pinfl=person.pinfl, birth_date=person.birth_date, sex=person.sex, start=START, **values)


# --- the cases -------------------------------------------------------------------------------------------

def _rank_setup(world):
    world.people["ranked"] = serving_in(world, "P1", rank_code="R-02")


def _full_setup(world):
    serving_in(world, "P2")
    world.people["newcomer"] = kept_by_a(world)


def _inactive_setup(world):
    StaffPosition.objects.filter(pk=world.positions["P3"].pk).update(is_active=False)
    world.people["newcomer"] = kept_by_a(world)


def _held_setup(world):
    serving_in(world, "P1")
    serving_in(world, "P1")


def _young_setup(world):
    world.people["young"] = kept_by_a(world, birth_date=D(2010, 6, 1))


def _elsewhere_setup(world):
    world.people["elsewhere"] = serving_in(world, "Q1", last_name="Begonayev")


def _dismissed_setup(world):
    person = serving_in(world, "Q1", last_name="Rahimov")
    employee_dismiss(employee=person, effective_date=D(2025, 6, 30), reason_code=DismissalReason.OWN_REQUEST,
                     actor=None)
    world.people["dismissed"] = person


def _register_setup(world):
    world.register = make_register_position(category_code="M-4", code="RP-M4")  # a management position


def _hire(world, who, position):
    return employee_hire(employee=world.people[who], staff_position=world.positions[position], start_date=START,
                         actor=world.hr_a)


CASES = [
    Case("rank change on an existing employee", Code.RANK_CHANGE_NEEDS_ORDER, setup=_rank_setup,
         service=lambda w: employee_update(employee=w.people["ranked"], qualification_rank=QualificationRank.objects.get(
             code="R-03"), actor=w.hr_a),
         import_kind="employees",
         rows=lambda w: [{**person_row(w.people["ranked"]), "qualification_rank": "R-03"}],
         keys=["pinfl", "last_name", "first_name", "qualification_rank"]),
    Case("register group differs from the category's", Code.STAFF_POSITION_GROUP_MISMATCH, setup=_register_setup,
         service=lambda w: staff_position_create(
             organization=w.tree["A"], code="NEW", name_uz="Yangi", group="specialist",
             category=w.positions["P1"].category, register_position=w.register, rate_units=Decimal(1), actor=w.hr_a),
         import_kind="staff_positions",
         rows=lambda w: [{"organization_code": "A", "code": "NEW", "name_uz": "Yangi",
                          "category": w.positions["P1"].category.code, "register_position": "RP-M4"}]),
    Case("position full", Code.STAFF_POSITION_FULL, setup=_full_setup,
         service=lambda w: _hire(w, "newcomer", "P2"),
         import_kind="employees", rows=lambda w: [employee_row(position="P2", start=START)]),
    Case("position inactive", Code.STAFF_POSITION_INACTIVE, setup=_inactive_setup,
         service=lambda w: _hire(w, "newcomer", "P3"),
         import_kind="employees", rows=lambda w: [employee_row(position="P3", start=START)]),
    Case("units cut below occupancy", Code.STAFF_POSITION_BELOW_OCCUPANCY, setup=_held_setup,
         service=lambda w: staff_position_update(staff_position=w.positions["P1"], rate_units=Decimal(1),
                                                 actor=w.hr_a),
         import_kind="staff_positions", rows=lambda w: [{"organization_code": "A", "code": "P1", "rate_units": "1"}]),
    Case("a held position closed", Code.STAFF_POSITION_OCCUPIED, setup=_held_setup,
         service=lambda w: staff_position_update(staff_position=w.positions["P1"], is_active=False, actor=w.hr_a),
         import_kind="staff_positions",
         rows=lambda w: [{"organization_code": "A", "code": "P1", "is_active": "yoʻq"}]),
    Case("hire under the minimum age", Code.HIRE_UNDER_MINIMUM_AGE, setup=_young_setup,
         service=lambda w: _hire(w, "young", "P1"),
         import_kind="employees",
         rows=lambda w: [employee_row(position="P1", start=START, birth_date=D(2010, 6, 1),
                                      pinfl=new_pinfl(D(2010, 6, 1)))]),
    Case("PINFL of a person employed elsewhere", Code.EMPLOYEE_EMPLOYED_ELSEWHERE, setup=_elsewhere_setup,
         service=lambda w: employee_create(
             pinfl=w.people["elsewhere"].pinfl, last_name="Begonayev", first_name="Olim",
             birth_date=w.people["elsewhere"].birth_date, sex="M", organization=w.tree["A"], actor=w.hr_a),
         import_kind="employees", rows=lambda w: [person_row(w.people["elsewhere"], position="P1")]),
    Case("re-hire with matching identity", None, setup=_dismissed_setup,
         service=lambda w: employee_hire(
             employee=w.people["dismissed"], staff_position=w.positions["P1"], start_date=START, actor=w.hr_a,
             identity=PersonIdentity(last_name="RAHIMOV", birth_date=w.people["dismissed"].birth_date)),
         import_kind="employees",
         rows=lambda w: [person_row(w.people["dismissed"], position="P1", last_name="RAHIMOV")]),
    Case("re-hire with a different surname", Code.IDENTITY_MISMATCH, setup=_dismissed_setup,
         service=lambda w: employee_hire(
             employee=w.people["dismissed"], staff_position=w.positions["P1"], start_date=START, actor=w.hr_a,
             identity=PersonIdentity(last_name="Rahimova", birth_date=w.people["dismissed"].birth_date)),
         import_kind="employees",
         rows=lambda w: [person_row(w.people["dismissed"], position="P1", last_name="Rahimova")]),
    Case("organisation outside the scope", Code.ORGANIZATION_OUT_OF_SCOPE,
         setup=lambda w: w.people.update(newcomer=kept_by_a(w)),
         service=lambda w: _hire(w, "newcomer", "Q1"),
         import_kind="employees", rows=lambda w: [employee_row(org="B", position="Q1", start=START)]),
]


@pytest.fixture
def world(positions, tree, hr_a, hr_b):
    return World(positions=positions, hr_a=hr_a, hr_b=hr_b, tree=tree)


def through_services(case: Case, world: World) -> str | None:
    try:
        case.service(world)
    except ApplicationError as error:
        return error.code
    return None


def through_import(case: Case, world: World, tmp_path) -> str | None:
    path = write_file(tmp_path, case.import_kind, case.rows(world), keys=case.keys)
    result = import_path(path, kind=case.import_kind, dry_run=False, actor=world.hr_a)
    codes = {error["code"] for error in result.errors}
    assert len(codes) <= 1, result.errors  # one rule, one refusal
    assert result.written == (not codes)
    return codes.pop() if codes else None


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["service", "import"])
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_same_rule_gives_the_same_verdict_on_every_path(case, path, world, tmp_path):
    case.setup(world)
    verdict = through_services(case, world) if path == "service" else through_import(case, world, tmp_path)
    assert verdict == case.code
