"""What the employee import reads from the database (in a handful of queries) and the column
layout of the records it plans and writes."""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models import Q

from core.text import search_key

from ..models import (
    Assignment,
    Education,
    Employee,
    EmployeeStatus,
    Organization,
    PolicyKey,
    QualificationRank,
    StaffPosition,
)
from ..selectors.staffing import holdings_by_position
from ..services.policy import PolicyTimeline, add_months, initial_contract, policy_value
from .base import ParsedRow
from .bulk import pg_type

EMPLOYEE_FIELDS = [f.attname for f in Employee._meta.concrete_fields]
ASSIGNMENT_FIELDS = [f.attname for f in Assignment._meta.concrete_fields]
EDUCATION_FIELDS = [f.attname for f in Education._meta.concrete_fields]
E = {name: i for i, name in enumerate(EMPLOYEE_FIELDS)}
A = {name: i for i, name in enumerate(ASSIGNMENT_FIELDS)}

# Columns copied to the record as they are (when the cell is not empty).
PERSONAL = ("last_name", "first_name", "middle_name", "last_name_cyrl", "first_name_cyrl", "middle_name_cyrl",
            "birth_date", "sex", "citizenship", "passport", "phone", "email", "address", "languages",
            "civil_service_start")
NAME_FIELDS = ("last_name", "first_name", "middle_name", "last_name_cyrl", "first_name_cyrl", "middle_name_cyrl")
PINFL_CHUNK = 2000  # keys per query under SQLite's limit on query parameters
# Columns read to compare and plan; the rest (timestamps, account, search text) are read only for
# the rows an import changes, when the history snapshot needs them.
UNLOADED = object()
EMPLOYEE_LOADED = [name for name in EMPLOYEE_FIELDS
                   if name not in ("created_at", "updated_at", "user_id", "search_text")]
EMPLOYEE_LOADED_POSITIONS = [E[name] for name in EMPLOYEE_LOADED]
ASSIGNMENT_LOADED = [name for name in ASSIGNMENT_FIELDS if name not in ("created_at", "updated_at")]
ASSIGNMENT_LOADED_POSITIONS = [A[name] for name in ASSIGNMENT_LOADED]



@lru_cache(maxsize=200_000)
def name_key(part: str) -> str:
    """Folded name (cached: the same first names and institutions repeat across a file)."""
    return search_key(part)


def select_in(model: type[Any], columns: list[str], key: str, keys: list[Any], *, where: str = "",
              q: Q | None = None, cursor: Callable[[], Any] | None = None) -> Iterator[tuple[Any, ...]]:
    """Rows (``columns``, as tuples) of ``model`` whose ``key`` is one of ``keys``: on PostgreSQL
    one ``= ANY(array)`` query per 50,000 keys (JSON comes back as text), elsewhere the ORM in
    chunks under SQLite's parameter limit. ``where``/``q``: the same extra condition in SQL / ORM."""
    if not keys:
        return
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
        condition = f" AND {where}" if where else ""
        key_field = model._meta.get_field(key)
        # A typed array: an untyped literal makes PostgreSQL test the keys one by one for every row.
        sql = (f"SELECT {names} FROM {quote(model._meta.db_table)} "  # noqa: S608 - names come from the model
               f"WHERE {quote(key_field.column)} = ANY(%s::{pg_type(key_field)}[]){condition}")
        with (cursor or connection.cursor)() as db:
            for start in range(0, len(keys), 50_000):
                db.execute(sql, [keys[start:start + 50_000]])
                yield from db.fetchall()
        return
    queryset = model._default_manager.filter(q) if q is not None else model._default_manager.all()
    for start in range(0, len(keys), PINFL_CHUNK):
        yield from queryset.filter(**{f"{key}__in": keys[start:start + PINFL_CHUNK]}).values_list(*columns)


class EmployeeLookups:
    """Everything the checks read from the database, fetched in a handful of queries."""

    def __init__(self) -> None:
        self.organizations: dict[str, tuple[int, str, bool]] = {}
        self.positions: dict[tuple[int, str], tuple[int, Decimal, bool]] = {}
        self.units: dict[int, Decimal] = {}
        self.position_codes: dict[int, str] = {}
        self.position_assignments: dict[int, list[tuple[int, Decimal, datetime.date | None]]] = defaultdict(list)
        self.last_end: dict[int, datetime.date] = {}
        self.ranks: dict[str, int] = {}
        self._rank_cache: dict[str, int | None] = {}
        self.employees: dict[str, list[Any]] = {}
        self.employee_org_paths: dict[int, str] = {}
        self.open_assignments: dict[int, list[Any]] = {}
        self.ever_assigned: set[int] = set()
        self.educations: dict[int, set[tuple[str, str]]] = defaultdict(set)
        self.education_levels: dict[int, list[str]] = defaultdict(list)
        self._contracts: dict[tuple[datetime.date, bool], tuple[str, datetime.date | None]] = {}
        self._fixed_ends: dict[datetime.date, datetime.date] = {}
        self._minimum_age: PolicyTimeline | None = None
        self._template: list[Any] | None = None
        self.earliest_start = datetime.date.min

    @classmethod
    def load(cls, rows: list[ParsedRow]) -> EmployeeLookups:
        self = cls()
        org_codes = {r.organization_code for r in rows if r.organization_code}
        for pk, code, path, active in Organization.objects.filter(code__in=org_codes).values_list(
                "pk", "code", "path", "is_active"):
            self.organizations[code] = (pk, path, active)
        org_ids = [value[0] for value in self.organizations.values()]
        self.earliest_start = min((r.assignment_start for r in rows if r.assignment_start), default=datetime.date.min)
        sp_codes = {r.staff_position_code for r in rows if r.staff_position_code}
        for pk, org_id, code, units, active in StaffPosition.objects.filter(
                organization_id__in=org_ids, code__in=sp_codes).values_list(
                "pk", "organization_id", "code", "rate_units", "is_active"):
            self.positions[(org_id, code)] = (pk, units, active)
            self.units[pk] = units
            self.position_codes[pk] = code
        for key, names in ((r.pk, (r.code, r.name_uz, r.name_uz_cyrl, r.name_ru, r.name_en))
                           for r in QualificationRank.objects.all()):
            for name in names:
                if name:
                    self.ranks.setdefault(search_key(name), key)
        pinfls = list({r.pinfl for r in rows if r.pinfl})
        for values in select_in(Employee, EMPLOYEE_LOADED, "pinfl", pinfls):
            record = [UNLOADED] * len(EMPLOYEE_FIELDS)
            for position, value in zip(EMPLOYEE_LOADED_POSITIONS, values, strict=True):
                record[position] = value
            if isinstance(record[E["languages"]], str):  # a raw PostgreSQL row
                record[E["languages"]] = json.loads(record[E["languages"]])
            self.employees[record[E["pinfl"]]] = record
        self._load_employee_context()
        self._load_occupancy()
        return self

    def _load_employee_context(self) -> None:
        employee_ids = [record[E["id"]] for record in self.employees.values()]
        org_ids = {record[E["organization_id"]] for record in self.employees.values()} - {None}
        self.employee_org_paths = dict(Organization.objects.filter(pk__in=org_ids).values_list("pk", "path"))
        for values in select_in(Assignment, ASSIGNMENT_LOADED, "employee_id", employee_ids,
                                where="is_primary AND end_date IS NULL", q=Q(is_primary=True, end_date__isnull=True)):
            record = [UNLOADED] * len(ASSIGNMENT_FIELDS)
            for position, value in zip(ASSIGNMENT_LOADED_POSITIONS, values, strict=True):
                record[position] = value
            self.open_assignments[record[A["employee_id"]]] = record
            self.ever_assigned.add(record[A["employee_id"]])
        without_open = [pk for pk in employee_ids if pk not in self.ever_assigned]
        for employee_id, end in select_in(Assignment, ["employee_id", "end_date"], "employee_id", without_open):
            self.ever_assigned.add(employee_id)
            if end is not None and (employee_id not in self.last_end or end > self.last_end[employee_id]):
                self.last_end[employee_id] = end
        for employee_id, level, institution in select_in(Education, ["employee_id", "level", "institution"],
                                                         "employee_id", employee_ids):
            self.educations[employee_id].add((level, name_key(institution)))
            self.education_levels[employee_id].append(level)
        # Positions left by transfers count in the occupancy check (their units are freed).
        for current in self.open_assignments.values():
            sp_id = current[A["staff_position_id"]]
            if sp_id not in self.units:
                self.units[sp_id] = Decimal(0)  # filled in by _load_occupancy

    def _load_occupancy(self) -> None:
        sp_ids = list(self.units)
        if not sp_ids:
            return
        for pk, units, code in StaffPosition.objects.filter(pk__in=sp_ids).values_list("pk", "rate_units", "code"):
            self.units[pk] = units
            self.position_codes[pk] = code
        # Everything committed from the earliest start in the file on is enough to count the units
        # held from any start date of the file.
        self.position_assignments = holdings_by_position(sp_ids, from_date=self.earliest_start)

    def rank(self, text: str) -> int | None:
        try:
            return self._rank_cache[text]
        except KeyError:
            self._rank_cache[text] = self.ranks.get(search_key(text))
            return self._rank_cache[text]

    def has_education(self, employee_id: int, level: str, institution: str) -> bool:
        return (level, name_key(institution)) in self.educations.get(employee_id, ())

    def new_record(self) -> list[Any]:
        if self._template is None:
            defaults = {f.attname: f.get_default() for f in Employee._meta.concrete_fields}
            defaults.update(id=None, languages=[], status=EmployeeStatus.NOT_EMPLOYED, citizenship="UZ")
            self._template = [defaults[name] for name in EMPLOYEE_FIELDS]
        record = self._template.copy()
        record[E["languages"]] = []
        return record

    def initial_contract(self, start: datetime.date, first_time_entrant: bool) -> tuple[str, datetime.date | None]:
        key = (start, first_time_entrant)
        if key not in self._contracts:
            self._contracts[key] = initial_contract(start_date=start, first_time_entrant=first_time_entrant)
        return self._contracts[key]

    def minimum_hire_age(self, start: datetime.date) -> int:
        """The policy's minimum age in force on ``start`` (its whole timeline is read once)."""
        if self._minimum_age is None:
            self._minimum_age = PolicyTimeline(PolicyKey.MINIMUM_HIRE_AGE)
        return int(self._minimum_age.on(start))

    def fixed_term_end(self, start: datetime.date) -> datetime.date:
        if start not in self._fixed_ends:
            months = int(policy_value(PolicyKey.FIRST_CONTRACT_MONTHS, on=start))
            self._fixed_ends[start] = add_months(start, months) - datetime.timedelta(days=1)
        return self._fixed_ends[start]
