"""Employees with their current assignment: checks and the bulk write.

Upsert by PINFL. For an existing employee only what the file changes is written (an empty cell
keeps the stored value); the same file imported twice writes nothing. A different position than
the current one closes the current assignment the day before the new one starts (a transfer); an
employee without an open assignment is hired (contract by ``workforce.services.policy``). The
denormalised fields of ``Employee`` (organisation, position, hired_on, status, education level,
search text) are kept in step as the services keep them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from ..models import (
    EDUCATION_RANK,
    Assignment,
    ContractType,
    Education,
    Employee,
    EmployeeStatus,
    OrderKind,
    Organization,
    StaffPosition,
)
from ..resources import EmployeeResource
from ..search import employee_search_text
from ..services import rules
from ..validators import pinfl_birth_date, pinfl_check_digit, pinfl_problems, pinfl_sex
from .base import ImportContext, Importer, ParsedRow
from .bulk import RecordWriter
from .employee_lookups import (
    ASSIGNMENT_FIELDS,
    EDUCATION_FIELDS,
    EMPLOYEE_FIELDS,
    NAME_FIELDS,
    PERSONAL,
    UNLOADED,
    A,
    E,
    EmployeeLookups,
    name_key,
    select_in,
)
from .errors import ImportErrorCode, ImportWarningCode


@dataclass(slots=True)
class Opening:
    staff_position_id: int
    organization_id: int
    rate: Decimal
    start_date: datetime.date
    start_kind: str
    contract_type: str
    contract_end_date: datetime.date | None


@dataclass(slots=True)
class Action:
    """What one valid row does."""

    number: int
    record: list[Any]  # the employee row after the change (EMPLOYEE_FIELDS order); id None when new
    created: bool
    changed: set[str] = field(default_factory=set)
    education: tuple[str, str, str, int | None] | None = None
    closing: list[Any] | None = None  # the open assignment (ASSIGNMENT_FIELDS order) to close
    opening: Opening | None = None


@dataclass
class EmployeePlan:
    actions: list[Action]

    @property
    def creates(self) -> list[Action]:
        return [a for a in self.actions if a.created]


_IDENTITY_INDEXES = frozenset(E[name] for name in ("last_name", "last_name_cyrl", "birth_date", "sex"))


def _search_text(record: list[Any]) -> str:
    """``workforce.search.employee_search_text`` of the record, computed from the folded name parts
    (cached: the same last names, first names and patronymics recur across a whole file).
    ``search_key`` folds character by character and then collapses spaces, so folding the parts and
    joining them gives exactly what folding the joined names gives (a test holds it to that)."""
    latin = " ".join(k for k in (name_key(record[E["last_name"]]), name_key(record[E["first_name"]]),
                                 name_key(record[E["middle_name"]])) if k)
    cyrillic = " ".join(k for k in (name_key(record[E["last_name_cyrl"]]), name_key(record[E["first_name_cyrl"]]),
                                    name_key(record[E["middle_name_cyrl"]])) if k)
    if cyrillic and cyrillic != latin:
        return f"{latin} | {cyrillic}"[:512]
    return latin[:512]


def reference_search_text(record: list[Any]) -> str:
    """The same through ``employee_search_text`` itself (for the test that keeps the two equal)."""
    return employee_search_text(**{name: record[E[name]] for name in NAME_FIELDS})


class EmployeeImporter(Importer):
    kind = "employees"
    resource_class = EmployeeResource

    def __init__(self) -> None:
        super().__init__()
        # (slot in a parsed row, position in an employee record) of the columns copied as they are
        self.personal_slots = [(self.row_class.index[name], E[name]) for name in PERSONAL]

    # --- locks ------------------------------------------------------------------------------------
    def lock(self, rows: list[ParsedRow], ctx: ImportContext) -> None:
        """Lock the staff positions the file fills (FOR UPDATE, as the HR orders lock them), so a
        concurrent order cannot overfill them between our occupancy check and our write. Employees
        are not locked: a concurrent order placing someone of the file breaks the one-open-primary
        constraint and the import rolls back with ``write_conflict``."""
        pairs = {(r.organization_code, r.staff_position_code) for r in rows
                 if r.organization_code and r.staff_position_code}
        if not pairs:
            return
        codes = {code for code, _sp in pairs}
        org_ids = dict(Organization.objects.filter(code__in=codes).values_list("code", "id"))
        wanted = Q(pk__in=[])
        by_org: dict[int, set[str]] = defaultdict(set)
        for org_code, sp_code in pairs:
            if org_code in org_ids:
                by_org[org_ids[org_code]].add(sp_code)
        for org_id, sp_codes in by_org.items():
            wanted |= Q(organization_id=org_id, code__in=sp_codes)
        list(StaffPosition.objects.select_for_update().filter(wanted).order_by("pk").values_list("pk", flat=True))

    # --- checks -----------------------------------------------------------------------------------
    def plan(self, rows: list[ParsedRow], ctx: ImportContext) -> EmployeePlan:
        lookups = EmployeeLookups.load(rows)
        seen: dict[str, int] = {}
        actions: list[Action] = []
        for row in rows:
            action = self._plan_row(row, ctx, lookups, seen)
            if action is not None:
                actions.append(action)
        actions = _check_occupancy(actions, ctx, lookups)
        return EmployeePlan(actions=actions)

    def _plan_row(
        self, row: ParsedRow, ctx: ImportContext, lookups: EmployeeLookups, seen: dict[str, int]
    ) -> Action | None:
        pinfl = row.pinfl
        if pinfl is None:
            return None
        self._check_pinfl(row, ctx, seen)
        existing = lookups.employees.get(pinfl)
        if existing is not None and not self._may_touch(row, ctx, lookups, existing):
            return None  # refused as a whole: nothing else about that record is looked at or reported
        rank_id = None
        if row.qualification_rank is not None:
            rank_id = lookups.rank(row.qualification_rank)
            if rank_id is None:
                ctx.error(row, "qualification_rank", row.qualification_rank, ImportErrorCode.RANK_UNKNOWN,
                          rank=row.qualification_rank)
            elif existing is not None:  # a new record may start with a rank; an existing one changes by order
                ctx.violation(row, "qualification_rank", row.qualification_rank, rules.rank_edit_violation(
                    current_rank_id=existing[E["qualification_rank_id"]], new_rank_id=rank_id))
        education = self._education(row, ctx)
        position = self._position(row, ctx, lookups)
        if position is not None:
            self._check_opening(row, ctx, lookups, existing, position)
        if existing is None and position is None and not ctx.scope.everything and ctx.is_valid(row):
            ctx.error(row, "organization_code", row.organization_code, ImportErrorCode.ASSIGNMENT_REQUIRED)
        if not ctx.is_valid(row):
            return None
        if existing is None:
            return self._create(row, ctx, lookups, rank_id, education, position)
        return self._update(row, ctx, lookups, existing, education, position)

    def _check_pinfl(self, row: ParsedRow, ctx: ImportContext, seen: dict[str, int]) -> None:
        pinfl = row.pinfl
        problems = [] if pinfl_looks_valid(pinfl, row.birth_date, row.sex) else pinfl_problems(
            pinfl, birth_date=row.birth_date, sex=row.sex)
        for code, _message in problems:
            if code == "pinfl_birth_mismatch":
                encoded = pinfl_birth_date(pinfl)
                ctx.error(row, "birth_date", row.birth_date, code, encoded=encoded.strftime("%d.%m.%Y"),
                          given=row.birth_date.strftime("%d.%m.%Y"))
            elif code == "pinfl_sex_mismatch":
                ctx.error(row, "sex", row.sex, code)
            elif code == "pinfl_check_digit":
                ctx.error(row, "pinfl", pinfl, code, expected=pinfl_check_digit(pinfl[:13]))
            else:
                ctx.error(row, "pinfl", pinfl, code)
        first = seen.setdefault(pinfl, row.number)
        if first != row.number:
            ctx.error(row, "pinfl", pinfl, ImportErrorCode.PINFL_DUPLICATE_IN_FILE, first_row=first)

    def _education(self, row: ParsedRow, ctx: ImportContext) -> tuple[str, str, str, int | None] | None:
        level, institution = row.education_level, row.education_institution
        if level is None and institution is None:
            return None
        if institution is None:  # what many lists keep: the level alone, recorded as the employee's level
            ctx.note(row, "education_level", ImportWarningCode.EDUCATION_WITHOUT_INSTITUTION)
            return level, None, "", None
        if level is None:
            ctx.error(row, "education_level", "", ImportErrorCode.EDUCATION_INSTITUTION_REQUIRED)
            return None
        return level, institution, row.education_specialty or "", row.education_year

    def _position(self, row: ParsedRow, ctx: ImportContext, lookups: EmployeeLookups) -> tuple[Any, ...] | None:
        """(staff position id, organisation id, units, code, position active, organisation active) of
        the row's assignment, or None."""
        org_code, sp_code, start = row.organization_code, row.staff_position_code, row.assignment_start
        if org_code is None and sp_code is None and start is None:
            return None
        missing = [key for key, value in (("organization_code", org_code), ("staff_position_code", sp_code),
                                          ("assignment_start", start)) if value is None]
        for key in missing:
            ctx.error(row, key, "", ImportErrorCode.ASSIGNMENT_INCOMPLETE)
        if org_code is None:
            return None
        organization = lookups.organizations.get(org_code)
        if organization is None or not ctx.covers_path(organization[1]):
            ctx.error(row, "organization_code", org_code, ImportErrorCode.ORGANIZATION_UNAVAILABLE, code=org_code)
            return None
        org_id, _path, org_active = organization
        if sp_code is None:
            return None
        position = lookups.positions.get((org_id, sp_code))
        if position is None:
            ctx.error(row, "staff_position_code", sp_code, ImportErrorCode.STAFF_POSITION_UNKNOWN,
                      organization=org_code, code=sp_code)
            return None
        sp_id, units, sp_active = position
        if row.contract_end is not None and start is not None and row.contract_end < start:
            ctx.error(row, "contract_end", row.contract_end, ImportErrorCode.CONTRACT_END_BEFORE_START)
        return sp_id, org_id, units, sp_code, sp_active, org_active

    def _check_opening(self, row: ParsedRow, ctx: ImportContext, lookups: EmployeeLookups, existing: list[Any] | None,
                       position: tuple[Any, ...]) -> None:
        """A new assignment may only be opened in an active organisation on an active position (the
        people already there stay: re-importing them is no new assignment)."""
        current = lookups.open_assignments.get(existing[E["id"]]) if existing is not None else None
        if current is not None and current[A["staff_position_id"]] == position[0]:
            return
        _sp_id, _org_id, _units, sp_code, sp_active, org_active = position
        ctx.violation(row, "organization_code", row.organization_code,
                      rules.organization_open_violation(code=row.organization_code, active=org_active))
        ctx.violation(row, "staff_position_code", sp_code, rules.position_open_violation(code=sp_code,
                                                                                          active=sp_active))

    def _may_touch(self, row: ParsedRow, ctx: ImportContext, lookups: EmployeeLookups, existing: list[Any]) -> bool:
        """The identity rule (``services.rules.claim_violation``), as the services apply it. A record
        kept by one of the importer's organisations is theirs to change. Any other is never changed,
        re-placed or described: a person employed elsewhere is refused; a person employed nowhere
        (never placed, or dismissed) may be hired into one of the importer's positions when the
        row's surname and date of birth match the record."""
        if ctx.scope.everything:
            return True
        org_id = existing[E["organization_id"]]
        if org_id is not None and ctx.covers_path(lookups.employee_org_paths.get(org_id)):
            return True
        employed = existing[E["id"]] in lookups.open_assignments
        hires = any(value is not None for value in (row.organization_code, row.staff_position_code,
                                                     row.assignment_start))
        if not employed and not hires:
            ctx.error(row, "pinfl", row.pinfl, ImportErrorCode.EMPLOYEE_OUT_OF_SCOPE)
            return False
        matches = rules.identity_matches(
            record_last_names=(existing[E["last_name"]], existing[E["last_name_cyrl"]]),
            record_birth_date=existing[E["birth_date"]], last_name=row.last_name,
            birth_date=row.birth_date or pinfl_birth_date(row.pinfl))
        violation = rules.claim_violation(employed=employed, identity_matches=matches)
        if violation is not None:
            ctx.violation(row, "pinfl", row.pinfl, violation)
            return False
        ctx.claimed_rows.add(row.number)
        return True

    # --- building the actions ------------------------------------------------------------------------
    def _create(self, row: ParsedRow, ctx: ImportContext, lookups: EmployeeLookups, rank_id: int | None,
                education: tuple[str, str, str, int | None] | None,
                position: tuple[Any, ...] | None) -> Action | None:
        record = lookups.new_record()
        for slot, index in self.personal_slots:
            value = row[slot]
            if value is not None:
                record[index] = value
        record[E["pinfl"]] = row.pinfl
        if record[E["birth_date"]] is None:
            record[E["birth_date"]] = pinfl_birth_date(row.pinfl)
        if not record[E["sex"]]:
            record[E["sex"]] = pinfl_sex(row.pinfl)
        record[E["qualification_rank_id"]] = rank_id
        record[E["search_text"]] = _search_text(record)
        action = Action(number=row.number, record=record, created=True)
        if education is not None:
            record[E["education_level"]] = education[0]
            if education[1] is not None:  # a level alone adds no education entry
                action.education = education
        if position is not None:
            if not self._old_enough(row, ctx, lookups, record[E["birth_date"]]):
                return None
            action.opening = self._opening(row, position, OrderKind.HIRE, None, lookups=lookups,
                                           first_time_entrant=_first_time(record, row.assignment_start))
            _apply_opening(record, action.opening, hire=True)
        return action

    @staticmethod
    def _old_enough(row: ParsedRow, ctx: ImportContext, lookups: EmployeeLookups, birth_date: datetime.date) -> bool:
        start = row.assignment_start
        violation = rules.hire_age_violation(birth_date=birth_date, start_date=start,
                                             minimum_age=lookups.minimum_hire_age(start))
        ctx.violation(row, "assignment_start", start, violation)
        return violation is None

    def _update(self, row: ParsedRow, ctx: ImportContext, lookups: EmployeeLookups, existing: list[Any],
                education: tuple[str, str, str, int | None] | None,
                position: tuple[Any, ...] | None) -> Action | None:
        record = list(existing)
        changed: set[str] = set()
        # A person taken on from another organisation's records keeps the name and birth date the
        # identity was checked against.
        kept = _IDENTITY_INDEXES if row.number in ctx.claimed_rows else ()
        for slot, index in self.personal_slots:
            value = row[slot]
            if value is not None and record[index] != value and index not in kept:
                record[index] = value
                changed.add(EMPLOYEE_FIELDS[index])
        if changed & set(NAME_FIELDS):
            record[E["search_text"]] = _search_text(record)
            changed.add("search_text")
        action = Action(number=row.number, record=record, created=False, changed=changed)
        employee_id = record[E["id"]]
        if education is not None and (education[1] is None
                                      or not lookups.has_education(employee_id, education[0], education[1])):
            if education[1] is not None:  # a level alone adds no education entry
                action.education = education
            highest = max([education[0], *lookups.education_levels.get(employee_id, ())], key=EDUCATION_RANK.get)
            if record[E["education_level"]] != highest:
                record[E["education_level"]] = highest
                changed.add("education_level")
        current = lookups.open_assignments.get(employee_id)
        if position is not None and (current is None or current[A["staff_position_id"]] != position[0]):
            start = row.assignment_start
            if current is not None and start <= current[A["start_date"]]:
                ctx.error(row, "assignment_start", start, ImportErrorCode.ASSIGNMENT_BEFORE_CURRENT,
                          current_start=current[A["start_date"]].strftime("%d.%m.%Y"))
                return None
            last_end = lookups.last_end.get(employee_id)
            if current is None and last_end is not None and start <= last_end:
                if row.number in ctx.claimed_rows:  # the earlier service was elsewhere: its dates are not ours
                    ctx.error(row, "assignment_start", start, ImportErrorCode.ASSIGNMENT_OVERLAPS_PAST)
                else:
                    ctx.error(row, "assignment_start", start, ImportErrorCode.ASSIGNMENT_BEFORE_PREVIOUS_END,
                              end=last_end.strftime("%d.%m.%Y"))
                return None
            if current is None and not self._old_enough(row, ctx, lookups, record[E["birth_date"]]):
                return None
            kind = OrderKind.HIRE if current is None else OrderKind.TRANSFER
            first_time = employee_id not in lookups.ever_assigned and _first_time(record, start)
            action.opening = self._opening(row, position, kind, current, first_time_entrant=first_time,
                                           lookups=lookups)
            if current is not None:
                action.closing = current
            changed |= _apply_opening(record, action.opening, hire=current is None)
        return action

    def _opening(self, row: ParsedRow, position: tuple[Any, ...], kind: str, current: list[Any] | None, *,
                 first_time_entrant: bool, lookups: EmployeeLookups) -> Opening:
        start = row.assignment_start
        contract_type, contract_end = row.contract_type, row.contract_end
        if contract_type is None:
            if current is not None:  # a transfer keeps the contract
                contract_type, contract_end = current[A["contract_type"]], current[A["contract_end_date"]]
            else:
                contract_type, contract_end = lookups.initial_contract(start, first_time_entrant)
        elif contract_type == ContractType.INDEFINITE:
            contract_end = None
        elif contract_end is None:
            contract_end = lookups.fixed_term_end(start)
        rate = row.rate
        if rate is None:  # a transfer keeps the current rate, a hire is full-time
            rate = current[A["rate"]] if current is not None else Decimal("1.00")
        return Opening(staff_position_id=position[0], organization_id=position[1], rate=rate, start_date=start,
                       start_kind=kind, contract_type=contract_type, contract_end_date=contract_end)

    # --- summary and write ----------------------------------------------------------------------------
    def summary(self, plan: EmployeePlan) -> dict[str, int]:
        created = updated = unchanged = opened = closed = educations = 0
        for action in plan.actions:
            if action.created:
                created += 1
            elif action.changed or action.education or action.opening:
                updated += 1
            else:
                unchanged += 1
            opened += action.opening is not None
            closed += action.closing is not None
            educations += action.education is not None
        return {"to_create": created, "to_update": updated, "unchanged": unchanged, "assignments_opened": opened,
                "assignments_closed": closed, "educations_added": educations}

    def write_size(self, plan: EmployeePlan) -> int:
        s = self.summary(plan)
        return 2 * (s["to_create"] + s["to_update"] + s["assignments_opened"] + s["assignments_closed"]
                    + s["educations_added"])

    def write(self, plan: EmployeePlan, ctx: ImportContext, writer: RecordWriter) -> None:
        now = writer.now
        creates = plan.creates
        for action, new_id in zip(creates, writer.allocate_ids(Employee, len(creates)), strict=True):
            action.record[E["id"]] = new_id
            action.record[E["created_at"]] = action.record[E["updated_at"]] = now
        writer.insert(Employee, EMPLOYEE_FIELDS, [a.record for a in creates])

        updated = [a.record for a in plan.actions if not a.created and a.changed]
        _complete(Employee, EMPLOYEE_FIELDS, updated, ["created_at", "user_id", "search_text"], writer)
        groups: dict[frozenset[str], list[list[Any]]] = defaultdict(list)
        for action in plan.actions:
            if not action.created and action.changed:
                action.record[E["updated_at"]] = now
                groups[frozenset(action.changed)].append(action.record)
        for fields, records in groups.items():
            writer.update(Employee, EMPLOYEE_FIELDS, records, sorted(fields | {"updated_at"}))

        with_education = [a for a in plan.actions if a.education is not None]
        education_ids = writer.allocate_ids(Education, len(with_education))
        writer.insert(Education, EDUCATION_FIELDS, [
            _education_row(new_id, now, a.record[E["id"]], a.education)
            for a, new_id in zip(with_education, education_ids, strict=True)
        ])

        _complete(Assignment, ASSIGNMENT_FIELDS, [a.closing for a in plan.actions if a.closing is not None],
                  ["created_at"], writer)
        closings = []
        for action in plan.actions:
            if action.closing is not None:
                closed = list(action.closing)
                closed[A["end_date"]] = action.opening.start_date - datetime.timedelta(days=1)
                closed[A["end_kind"]] = OrderKind.TRANSFER
                closed[A["end_reason"]] = ctx.change_reason[:255]
                closed[A["updated_at"]] = now
                closings.append(closed)
        writer.update(Assignment, ASSIGNMENT_FIELDS, closings, ["end_date", "end_kind", "end_reason", "updated_at"])

        openings = [a for a in plan.actions if a.opening is not None]
        assignment_ids = writer.allocate_ids(Assignment, len(openings))
        writer.insert(Assignment, ASSIGNMENT_FIELDS, [
            _assignment_row(new_id, now, a.record[E["id"]], a.opening)
            for a, new_id in zip(openings, assignment_ids, strict=True)
        ])


def _complete(model: type[Any], fields: list[str], records: list[list[Any]], missing: list[str],
              writer: RecordWriter) -> None:
    """Fill the columns the checks did not read into ``records`` (for their history snapshots)."""
    if not records:
        return
    index = {name: i for i, name in enumerate(fields)}
    by_id = {record[index["id"]]: record for record in records}
    for values in select_in(model, ["id", *missing], "id", list(by_id), cursor=writer.cursor):
        record = by_id[values[0]]
        for name, value in zip(missing, values[1:], strict=True):
            if record[index[name]] is UNLOADED:
                record[index[name]] = value


_BIRTH_CENTURY = {"3": 1900, "4": 1900, "5": 2000, "6": 2000}
_PINFL_WEIGHTS = (7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7)


def pinfl_looks_valid(pinfl: str, birth_date: datetime.date | None, sex: str | None) -> bool:
    """A fast check that lets the common, valid PINFL through; anything it does not accept goes
    to ``workforce.validators.pinfl_problems``, which alone decides and words the errors (a test
    holds the two together)."""
    if len(pinfl) != 14 or not pinfl.isdigit() or not pinfl.isascii():
        return False
    century = _BIRTH_CENTURY.get(pinfl[0])
    if century is None:
        return False
    digits = [ord(c) - 48 for c in pinfl]
    if sum(d * w for d, w in zip(digits, _PINFL_WEIGHTS)) % 10 != digits[13]:  # noqa: B905 - 13 weights
        return False
    try:
        encoded = datetime.date(century + digits[5] * 10 + digits[6], digits[3] * 10 + digits[4],
                                digits[1] * 10 + digits[2])
    except ValueError:
        return False
    if birth_date is not None and birth_date != encoded:
        return False
    return sex is None or sex == ("M" if digits[0] % 2 else "F")


def _first_time(record: list[Any], start: datetime.date) -> bool:
    """A first-time entrant has no assignment here and no earlier civil service on record."""
    since = record[E["civil_service_start"]]
    return since is None or since >= start


def _apply_opening(record: list[Any], opening: Opening, *, hire: bool) -> set[str]:
    """Keep the employee's denormalised fields in step with the new current assignment, as the HR
    orders do: a hire sets organisation, position, hired_on, status (in service) and, when empty,
    the civil-service start; a transfer changes organisation and position only."""
    changes: dict[str, Any] = {
        "organization_id": opening.organization_id,
        "staff_position_id": opening.staff_position_id,
    }
    if hire:
        changes["hired_on"] = opening.start_date
        changes["status"] = EmployeeStatus.ACTIVE
        if record[E["civil_service_start"]] is None:
            changes["civil_service_start"] = opening.start_date
    changed = set()
    for name, value in changes.items():
        if record[E[name]] != value:
            record[E[name]] = value
            changed.add(name)
    return changed


def _education_row(new_id: int, now: Any, employee_id: int, education: tuple[Any, ...]) -> list[Any]:
    values = {"id": new_id, "created_at": now, "updated_at": now, "employee_id": employee_id,
              "level": education[0], "institution": education[1], "specialty": education[2],
              "graduation_year": education[3]}
    return [values[name] for name in EDUCATION_FIELDS]


def _assignment_row(new_id: int, now: Any, employee_id: int, opening: Opening) -> list[Any]:
    values = {
        "id": new_id, "created_at": now, "updated_at": now, "employee_id": employee_id,
        "staff_position_id": opening.staff_position_id, "organization_id": opening.organization_id,
        "rate": opening.rate, "is_primary": True, "start_date": opening.start_date, "end_date": None,
        "start_kind": opening.start_kind, "end_kind": "", "contract_type": opening.contract_type,
        "contract_end_date": opening.contract_end_date, "start_order_id": None, "end_order_id": None,
        "end_reason": "",
    }
    return [values[name] for name in ASSIGNMENT_FIELDS]


def _check_occupancy(actions: list[Action], ctx: ImportContext, lookups: EmployeeLookups) -> list[Action]:
    """A position may not be filled beyond its units (``services.rules.capacity_violation``, as the
    HR orders check it). For a new assignment from day D: the units held on D or later (counted as
    ``selectors.staffing`` counts them), minus what the file's transfers free on that position,
    plus the file's earlier new assignments on it (in file order: the rows past the limit are
    reported). Repeated until stable, because a rejected transfer frees nothing."""
    while True:
        closed_ids = {action.closing[A["id"]] for action in actions if action.closing is not None}
        added: dict[int, Decimal] = defaultdict(Decimal)
        rejected: set[int] = set()
        held_from: dict[tuple[int, datetime.date], Decimal] = {}
        for action in actions:
            opening = action.opening
            if opening is None:
                continue
            sp_id = opening.staff_position_id
            key = (sp_id, opening.start_date)
            held = held_from.get(key)
            if held is None:
                held = held_from[key] = sum(
                    (rate for pk, rate, end in lookups.position_assignments.get(sp_id, ())
                     if pk not in closed_ids and (end is None or end >= opening.start_date)), Decimal(0))
            violation = rules.capacity_violation(
                code=lookups.position_codes[sp_id], rate_units=lookups.units[sp_id], held=held + added[sp_id],
                requested=opening.rate, day=opening.start_date)
            if violation is not None:
                rejected.add(action.number)
                ctx.violation(action.number, "staff_position_code", lookups.position_codes[sp_id], violation)
            else:
                added[sp_id] += opening.rate
        if not rejected:
            return actions
        actions = [a for a in actions if a.number not in rejected]
