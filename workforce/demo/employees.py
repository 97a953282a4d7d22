"""Demo staffing tables and employees: written in bulk, with a creation history row for every record
(django-simple-history's bulk helpers), and every derived field of ``Employee`` set the way the
services keep it (organisation, position, hire date, status, education level, search text).

Deterministic: the same random generator gives the same rows. Dates are anchored to the first day
of the current month, so a seed gives the same data all month and ages stay realistic over the years.
"""

from __future__ import annotations

import bisect
import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from ..models import (
    EDUCATION_RANK,
    Assignment,
    CircumstanceKind,
    ContractType,
    Education,
    Employee,
    EmployeeCircumstance,
    EmployeeStatus,
    OrderKind,
    Organization,
    OrganizationLevel,
    PositionCategory,
    QualificationRank,
    ReserveEntry,
    ReserveSource,
    ReserveStatus,
    StaffPosition,
)
from ..search import employee_search_text
from .names import to_cyrillic
from .people import Person, PinflAllocator, make_person, staffing_plan, vacant_units, years_before

BATCH = 2000
CHANGE_REASON = "seed_demo"
SERVANT = ("servant", "IMV")  # the demo civil servant and the organisation of their record
FIRST_CONTRACT_FROM = datetime.date(2026, 1, 1)  # ZRU-788: first-time entrants get a 1-year contract

# Share of the demo headcount per kind of organisation.
WEIGHTS = {"root": 6.0, "ministry": 8.0, "committee": 4.0, OrganizationLevel.TERRITORIAL: 3.0,
           OrganizationLevel.DISTRICT: 1.2}
DISMISSAL_REASONS = ("own_request", "own_request", "agreement", "contract_end", "retirement", "reorganisation",
                     "disciplinary", "health")


def as_of_date() -> datetime.date:
    return timezone.localdate().replace(day=1)


@dataclass
class Slot:
    """A post held today (or, for the dismissed, the last one held) in an organisation."""

    organization: Organization
    position: StaffPosition
    category: str
    person: Person
    dismissed_on: datetime.date | None = None
    dismissal_reason: str = ""
    rate: Decimal = Decimal("1.00")
    starts: list[datetime.date] = field(default_factory=list)
    history: list[tuple[StaffPosition, datetime.date, datetime.date | None, str]] = field(default_factory=list)

    @property
    def dismissed(self) -> bool:
        return self.dismissed_on is not None


def _kind(organization: Organization) -> str:
    if organization.parent_id is None:
        return "root"
    if organization.level == OrganizationLevel.REPUBLICAN:
        return "ministry" if organization.depth == 1 else "committee"
    return organization.level


def headcounts(organizations: list[Organization], total: int) -> dict[int, int]:
    weights = {o.pk: WEIGHTS.get(_kind(o), 1.0) for o in organizations}
    scale = total / sum(weights.values())
    counts = {pk: int(weight * scale) for pk, weight in weights.items()}
    for pk in sorted(weights, key=lambda k: (-weights[k], k))[: total - sum(counts.values())]:
        counts[pk] += 1
    return counts


def demo_employees_present(organizations: list[Organization]) -> int:
    return Employee.objects.filter(organization__in=organizations).count()


def seed_employees(*, rng: random.Random, organizations: dict[str, Organization], employees: int) -> str:
    """Staffing tables for every demo organisation and ``employees`` people in them (with careers,
    education, some dismissed, some on leave, some in the personnel reserve). Does nothing when the
    demo organisations already have employees."""
    orgs = sorted(organizations.values(), key=lambda o: o.code)
    present = demo_employees_present(orgs)
    if present:
        return f"{present} demo employees already present (kept as they are)"
    if employees <= 0:
        return "no employees requested"
    as_of = as_of_date()
    categories = {c.code: c for c in PositionCategory.objects.all()}
    ranks = {r.ordering: r for r in QualificationRank.objects.all()}
    allocator = PinflAllocator(taken=set(Employee.objects.values_list("pinfl", flat=True)))
    counts = headcounts(orgs, employees)

    positions_by_org, slots = _plan(rng, orgs, counts, categories, as_of)
    _careers(rng, slots, positions_by_org, as_of)
    all_positions = [p for positions in positions_by_org.values() for p in positions]
    taken = set(StaffPosition.objects.filter(organization__in=orgs).values_list("organization_id", "code"))
    for position in all_positions:  # lines an HR officer already added keep their codes
        while (position.organization.pk, position.code) in taken:
            position.code = f"{position.code}D"
    bulk_create_with_history(all_positions, StaffPosition, batch_size=BATCH, default_change_reason=CHANGE_REASON)

    people = [_employee(rng, slot, allocator, ranks, as_of) for slot in slots]
    servant = _link_servant(slots, people, organizations)
    bulk_create_with_history(people, Employee, batch_size=BATCH, default_change_reason=CHANGE_REASON)

    educations, assignments, circumstances = [], [], []
    for slot, employee in zip(slots, people, strict=True):
        educations += [Education(employee=employee, level=level, institution=institution, specialty=specialty,
                                 graduation_year=year) for level, institution, specialty, year in slot.person.educations]
        assignments += _assignments(slot, employee, as_of)
        if employee.status == EmployeeStatus.ON_LEAVE:
            circumstances.append(_leave(rng, employee, as_of))
    bulk_create_with_history(educations, Education, batch_size=BATCH, default_change_reason=CHANGE_REASON)
    bulk_create_with_history(assignments, Assignment, batch_size=BATCH, default_change_reason=CHANGE_REASON)
    bulk_create_with_history(circumstances, EmployeeCircumstance, batch_size=BATCH,
                             default_change_reason=CHANGE_REASON)
    reserve = _reserve(rng, slots, people, categories, as_of)
    bulk_create_with_history(reserve, ReserveEntry, batch_size=BATCH, default_change_reason=CHANGE_REASON)
    dismissed = sum(slot.dismissed for slot in slots)
    linked = f"; {SERVANT[0]} is {servant.full_name}" if servant else ""
    return (f"{len(all_positions)} staff positions, {len(people)} employees ({dismissed} dismissed), "
            f"{len(assignments)} assignments, {len(educations)} education entries, {len(reserve)} in the "
            f"reserve{linked}")


def _plan(rng, orgs, counts, categories, as_of):
    """Staffing tables and who holds what today (or held last, for the dismissed)."""
    positions_by_org: dict[int, list[StaffPosition]] = {}
    slots: list[Slot] = []
    for org in orgs:
        political = org.parent_id is None or _kind(org) == "ministry"
        positions = []
        for spec in staffing_plan(rng, headcount=counts[org.pk], political_head=political):
            position = StaffPosition(
                organization=org, code=spec.code, name_uz=spec.name_uz, name_uz_cyrl=spec.name_uz_cyrl,
                name_ru=spec.name_ru, name_en=spec.name_en, group=spec.group, category=categories[spec.category],
                salary_grade=spec.salary_grade,
            )
            holding = 0
            for _ in range(spec.holders):
                person = make_person(rng, category=spec.category, as_of=as_of)
                slot = Slot(organization=org, position=position, category=spec.category, person=person)
                if rng.random() < 0.03:
                    left = as_of - datetime.timedelta(days=rng.randint(20, 900))
                    if left > person.civil_service_start + datetime.timedelta(days=90):
                        slot.dismissed_on = left
                        slot.dismissal_reason = rng.choice(DISMISSAL_REASONS)
                slot.rate = Decimal("0.50") if rng.random() < 0.02 else Decimal("1.00")
                holding += not slot.dismissed
                slots.append(slot)
            position.vacant_units = vacant_units(rng, holding)
            positions.append(position)
        positions_by_org[org.pk] = positions
    return positions_by_org, slots


ORDER = ("P-1", "M-1", "M-2", "M-3", "M-4", "S-1", "S-2", "S-3", "S-4")


@dataclass
class Unit:
    """One staff unit of a line over time: free before ``free_until`` (when today's holder took it;
    ``None`` for a unit vacant today) except for the past holders in ``held``."""

    free_until: datetime.date | None
    held: list[tuple[datetime.date, datetime.date]] = field(default_factory=list)

    def fits(self, began: datetime.date, ended: datetime.date) -> bool:
        if self.free_until is not None and ended >= self.free_until:
            return False
        return all(ended < a or began > b for a, b in self.held)


def _careers(rng, slots, positions_by_org, as_of) -> None:
    """1-3 assignments each: earlier posts (as junior or equal, sometimes in another organisation)
    closed the day before the next began; the dismissed have their last post closed too. Past posts
    are placed on staff units free at the time (before today's holder came, or a unit vacant today),
    so no line is ever held beyond its planned units; a line gets one more (now vacant) unit when no
    free one is found."""
    for slot in slots:
        start = slot.person.civil_service_start
        end_of_service = slot.dismissed_on or as_of
        span = (end_of_service - start).days
        moves = 0 if span < 3 * 365 else rng.choice((0, 1, 1, 2, 2))
        if moves:
            # The record keeps the last posts: earlier service (other bodies, before the register
            # went digital) shows only in ``civil_service_start``.
            recorded = min(span, rng.randint(2 * 365, 9 * 365))
            start = end_of_service - datetime.timedelta(days=recorded)
            span = recorded
        cuts = sorted({rng.randint(180, span - 60) for _ in range(moves)})
        slot.starts = [start] + [start + datetime.timedelta(days=d) for d in cuts]
    units: dict[int, list[Unit]] = defaultdict(list)
    for slot in slots:
        if not slot.dismissed:
            units[id(slot.position)].append(Unit(free_until=slot.starts[-1]))
    for positions in positions_by_org.values():
        for position in positions:
            units[id(position)] += [Unit(free_until=None) for _ in range(position.vacant_units)]
    keys: dict[int, list[datetime.date]] = {}
    for line, line_units in units.items():  # earliest taken first: _place looks for the first that fits
        line_units.sort(key=lambda unit: unit.free_until or datetime.date.max)
        keys[line] = [unit.free_until or datetime.date.max for unit in line_units]
    org_ids = list(positions_by_org)
    for slot in slots:
        rank = ORDER.index(slot.category)
        for i, began in enumerate(slot.starts):
            last = i == len(slot.starts) - 1
            ended = slot.dismissed_on if last else slot.starts[i + 1] - datetime.timedelta(days=1)
            start_kind = OrderKind.HIRE if i == 0 else rng.choice((OrderKind.TRANSFER, OrderKind.PROMOTION,
                                                                   OrderKind.ROTATION))
            if last:
                position = slot.position
                if ended is not None:  # the dismissed held a unit of their line until they left
                    _place(units, keys, position, began, ended)
            else:
                org_id = slot.organization.pk if rng.random() < 0.7 else rng.choice(org_ids)
                # At the level of today's post or one below (a transfer, rotation or promotion).
                lines = [p for p in positions_by_org[org_id] if rank <= ORDER.index(p.category.code) <= rank + 1] \
                    or positions_by_org[org_id] or [slot.position]
                position = _place_on_one_of(rng.sample(lines, min(8, len(lines))), units, keys, began, ended)
            slot.history.append((position, began, ended, start_kind))
    for positions in positions_by_org.values():
        for position in positions:
            position.rate_units = Decimal(max(1, len(units[id(position)])))


def _place(units, keys, position: StaffPosition, began: datetime.date, ended: datetime.date, *,
           add: bool = True) -> bool:
    """Put a past holder on the unit of the line that became taken soonest after ``ended`` and was free
    over [began, ended]; with ``add``, on a new unit (vacant today) when none is."""
    line_units, line_keys = units[id(position)], keys[id(position)]
    start = bisect.bisect_right(line_keys, ended)
    for unit in line_units[start : start + 40]:
        if unit.fits(began, ended):
            unit.held.append((began, ended))
            return True
    if add:
        line_units.append(Unit(free_until=None, held=[(began, ended)]))
        line_keys.append(datetime.date.max)
    return add


def _place_on_one_of(lines: list[StaffPosition], units, keys, began, ended) -> StaffPosition:
    for position in lines:
        if _place(units, keys, position, began, ended, add=False):
            return position
    _place(units, keys, lines[0], began, ended)
    return lines[0]


def _employee(rng, slot: Slot, allocator: PinflAllocator, ranks, as_of) -> Employee:
    person = slot.person
    names = person.names
    hired_on = slot.history[0][1]
    age = (as_of - person.birth_date).days / 365.25
    # Long-term leave: mostly young mothers (childcare), a few others.
    leave_chance = 0.07 if person.sex == "F" and age < 40 else 0.005
    status = EmployeeStatus.DISMISSED if slot.dismissed else EmployeeStatus.ACTIVE
    if not slot.dismissed and rng.random() < leave_chance:
        status = EmployeeStatus.ON_LEAVE
    district = 100 + slot.organization.pk % 800
    serial_seed = rng.randint(0, 10**6)
    level = max((e[0] for e in person.educations), key=lambda lv: EDUCATION_RANK[lv], default="")
    return Employee(
        pinfl=allocator.allocate(person.birth_date, person.sex, district),
        **names,
        birth_date=person.birth_date, sex=person.sex,
        passport=f"{rng.choice('ABCDFK')}{rng.choice('ABCDEFHK')}{serial_seed:07d}",
        phone=f"+99890{rng.randint(0, 9_999_999):07d}",
        email=f"{_ascii(names['first_name'])}.{_ascii(names['last_name'])}{serial_seed % 1000}@demo.gov.uz",
        address=f"{rng.choice(('Toshkent', 'Samarqand', 'Andijon', 'Buxoro', 'Namangan', 'Fargʻona'))} sh., "
                f"{rng.randint(1, 120)}-uy",
        languages=person.languages,
        qualification_rank=ranks.get(person.rank_order) if person.rank_order else None,
        civil_service_start=person.civil_service_start,
        status=status,
        organization=slot.organization,
        staff_position=None if slot.dismissed else slot.position,
        hired_on=hired_on,
        education_level=level,
        search_text=employee_search_text(**names),
    )


def _ascii(name: str) -> str:
    return "".join(c for c in name.lower() if c.isascii() and c.isalpha())


def _assignments(slot: Slot, employee: Employee, as_of: datetime.date) -> list[Assignment]:
    rows = []
    for i, (position, began, ended, start_kind) in enumerate(slot.history):
        last = i == len(slot.history) - 1
        contract, contract_end = ContractType.INDEFINITE, None
        if i == 0 and began >= FIRST_CONTRACT_FROM:
            contract, contract_end = ContractType.FIXED_TERM, _add_year(began)
        if ended is None:
            end_kind = ""
        elif last:
            end_kind = OrderKind.DISMISSAL
        else:
            end_kind = slot.history[i + 1][3]
        rows.append(Assignment(
            employee=employee, staff_position=position, organization=position.organization,
            rate=slot.rate if last else Decimal("1.00"), is_primary=True, start_date=began, end_date=ended,
            start_kind=start_kind, end_kind=end_kind, contract_type=contract, contract_end_date=contract_end,
            end_reason=slot.dismissal_reason if end_kind == OrderKind.DISMISSAL else "",
        ))
    return rows


def _add_year(day: datetime.date) -> datetime.date:
    return years_before(day, -1)


def _leave(rng, employee: Employee, as_of: datetime.date) -> EmployeeCircumstance:
    child = as_of - datetime.timedelta(days=rng.randint(30, 900))
    return EmployeeCircumstance(employee=employee, kind=CircumstanceKind.CHILDCARE, start_date=child,
                                child_birth_date=child, note="Bolani parvarishlash taʼtili")


def _reserve(rng, slots, people, categories, as_of) -> list[ReserveEntry]:
    """About one in seventy specialists and division heads is kept for the next management level."""
    step_up = {"M-4": "M-3", "S-1": "M-4", "S-2": "M-4"}
    entries = []
    for slot, employee in zip(slots, people, strict=True):
        target = step_up.get(slot.category)
        if not target or slot.dismissed or rng.random() > 0.015:
            continue
        included = as_of - datetime.timedelta(days=rng.randint(10, 1300))
        expires = _add_year(_add_year(_add_year(included)))
        entries.append(ReserveEntry(
            organization=slot.organization, category=categories[target], employee=employee,
            source=rng.choice(ReserveSource.values), included_on=included, expires_on=expires,
            status=ReserveStatus.ACTIVE if expires >= as_of else ReserveStatus.EXPIRED,
        ))
    return entries


def _link_servant(slots, people, organizations) -> Employee | None:
    """The demo login ``servant`` is one specialist of the Ministry of Economy and Finance, with the
    login's name (a male record, so the PINFL stays consistent)."""
    username, org_code = SERVANT
    user = get_user_model().objects.filter(username=username).first()
    organization = organizations.get(org_code)
    if user is None or organization is None or Employee.objects.filter(user=user).exists():
        return None
    for slot, employee in zip(slots, people, strict=True):
        if slot.organization == organization and slot.category.startswith("S") and employee.sex == "M" \
                and employee.status == EmployeeStatus.ACTIVE:
            names = {"last_name": user.last_name, "first_name": user.first_name,
                     "last_name_cyrl": to_cyrillic(user.last_name), "first_name_cyrl": to_cyrillic(user.first_name),
                     "middle_name_cyrl": to_cyrillic(employee.middle_name)}
            for name, value in names.items():
                setattr(employee, name, value)
            employee.search_text = employee_search_text(
                last_name=employee.last_name, first_name=employee.first_name, middle_name=employee.middle_name,
                last_name_cyrl=employee.last_name_cyrl, first_name_cyrl=employee.first_name_cyrl,
                middle_name_cyrl=employee.middle_name_cyrl)
            employee.user = user
            return employee
    return None


__all__ = ["seed_employees"]
