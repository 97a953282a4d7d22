"""Staff positions (the staffing table): upsert by organisation code + position code.

The group follows from the category and must be the register position's too; units may not be cut
below what is held from today on, nor a held position closed (``workforce.services.rules``, as
``staff_position_create``/``staff_position_update`` check them).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from core.text import search_key

from ..models import Organization, PositionCategory, RegisterPosition, StaffPosition
from ..resources import StaffPositionResource
from ..selectors.staffing import units_committed_by_position
from ..services import rules
from .base import ImportContext, Importer, ParsedRow
from .bulk import RecordWriter
from .errors import ImportErrorCode

SP_FIELDS = [f.attname for f in StaffPosition._meta.concrete_fields]
S = {name: i for i, name in enumerate(SP_FIELDS)}
PLAIN = ("name_uz", "name_uz_cyrl", "name_ru", "name_en", "rate_units", "salary_grade", "is_active")


@dataclass(slots=True)
class PositionAction:
    number: int
    record: list[Any]
    created: bool
    changed: set[str] = field(default_factory=set)


@dataclass
class StaffPositionPlan:
    actions: list[PositionAction]


class StaffPositionImporter(Importer):
    kind = "staff_positions"
    resource_class = StaffPositionResource

    def lock(self, rows: list[ParsedRow], ctx: ImportContext) -> None:
        org_codes = {r.organization_code for r in rows if r.organization_code}
        codes = {r.code for r in rows if r.code}
        list(StaffPosition.objects.select_for_update().filter(organization__code__in=org_codes, code__in=codes)
             .order_by("pk").values_list("pk"))

    def plan(self, rows: list[ParsedRow], ctx: ImportContext) -> StaffPositionPlan:
        org_codes = {r.organization_code for r in rows if r.organization_code}
        organizations = {code: (pk, path) for code, pk, path in Organization.objects.filter(
            code__in=org_codes).values_list("code", "pk", "path")}
        codes = {r.code for r in rows if r.code}
        existing = {(values[S["organization_id"]], values[S["code"]]): list(values)
                    for values in StaffPosition.objects.filter(
                        organization_id__in=[pk for pk, _p in organizations.values()], code__in=codes
                    ).values_list(*SP_FIELDS)}
        today = datetime.date.today()
        held = units_committed_by_position([record[S["id"]] for record in existing.values()], from_date=today)
        categories, category_of = {}, {}
        for pk, code, group in PositionCategory.objects.values_list("pk", "code", "group"):
            categories[search_key(code)] = (pk, group)
            category_of[pk] = (code, group)
        register, register_of = {}, {}
        for pk, code, group in RegisterPosition.objects.values_list("pk", "code", "group"):
            register[search_key(code)] = pk
            register_of[pk] = (code, group)
        seen: dict[tuple[int, str], int] = {}
        actions: list[PositionAction] = []
        for row in rows:
            if row.organization_code is None or row.code is None:
                continue
            organization = organizations.get(row.organization_code)
            if organization is None or not ctx.covers_path(organization[1]):
                ctx.error(row, "organization_code", row.organization_code, ImportErrorCode.ORGANIZATION_UNAVAILABLE,
                          code=row.organization_code)
                continue
            key = (organization[0], row.code)
            first = seen.setdefault(key, row.number)
            if first != row.number:
                ctx.error(row, "code", row.code, ImportErrorCode.CODE_DUPLICATE_IN_FILE, first_row=first)
                continue
            category = None
            if row.category is not None:
                category = categories.get(search_key(row.category))
                if category is None:
                    ctx.error(row, "category", row.category, ImportErrorCode.CATEGORY_UNKNOWN, category=row.category)
            register_id = None
            if row.register_position is not None:
                register_id = register.get(search_key(row.register_position))
                if register_id is None:
                    ctx.error(row, "register_position", row.register_position,
                              ImportErrorCode.REGISTER_POSITION_UNKNOWN, code=row.register_position)
            current = existing.get(key)
            if current is None:
                for key in ("name_uz", "category"):  # what a new one cannot do without
                    ctx.missing(row, key)
                action = self._create(row, organization[0], category, register_id)
            else:
                action = self._update(row, current, category, register_id)
                record = action.record
                violation = rules.staffing_change_violation(
                    code=row.code, rate_units=record[S["rate_units"]], units_changed="rate_units" in action.changed,
                    closing="is_active" in action.changed and not record[S["is_active"]],
                    held=held.get(current[S["id"]], Decimal(0)), day=today)
                if violation is not None:
                    ctx.violation(row, violation.field, getattr(row, violation.field), violation)
            record = action.record
            if ctx.is_valid(row) and record[S["category_id"]] is not None:
                category_code, category_group = category_of[record[S["category_id"]]]
                register_code, register_group = register_of.get(record[S["register_position_id"]], (None, None))
                violation = rules.group_violation(
                    group=record[S["group"]], category_code=category_code, category_group=category_group,
                    register_code=register_code, register_group=register_group)
                if violation is not None:
                    ctx.violation(row, violation.field, getattr(row, violation.field), violation)
            if ctx.is_valid(row):
                actions.append(action)
        return StaffPositionPlan(actions=actions)

    def _create(self, row: ParsedRow, organization_id: int, category: tuple[int, str] | None,
                register_id: int | None) -> PositionAction:
        defaults = {f.attname: f.get_default() for f in StaffPosition._meta.concrete_fields}
        record = [defaults[name] for name in SP_FIELDS]
        record[S["organization_id"]] = organization_id
        record[S["code"]] = row.code
        for name in PLAIN:
            value = getattr(row, name)
            if value is not None:
                record[S[name]] = value
        if category is not None:
            record[S["category_id"]], record[S["group"]] = category
        record[S["register_position_id"]] = register_id
        return PositionAction(number=row.number, record=record, created=True)

    def _update(self, row: ParsedRow, current: list[Any], category: tuple[int, str] | None,
                register_id: int | None) -> PositionAction:
        record = list(current)
        changed: set[str] = set()
        updates: dict[str, Any] = {name: getattr(row, name) for name in PLAIN}
        if category is not None:
            updates["category_id"], updates["group"] = category
        if register_id is not None:
            updates["register_position_id"] = register_id
        for name, value in updates.items():
            if value is not None and record[S[name]] != value:
                record[S[name]] = value
                changed.add(name)
        return PositionAction(number=row.number, record=record, created=False, changed=changed)

    def summary(self, plan: StaffPositionPlan) -> dict[str, int]:
        created = sum(a.created for a in plan.actions)
        updated = sum(1 for a in plan.actions if not a.created and a.changed)
        return {"to_create": created, "to_update": updated, "unchanged": len(plan.actions) - created - updated}

    def write_size(self, plan: StaffPositionPlan) -> int:
        return 2 * len(plan.actions)

    def write(self, plan: StaffPositionPlan, ctx: ImportContext, writer: RecordWriter) -> None:
        creates = [a for a in plan.actions if a.created]
        for action, new_id in zip(creates, writer.allocate_ids(StaffPosition, len(creates)), strict=True):
            action.record[S["id"]] = new_id
            action.record[S["created_at"]] = action.record[S["updated_at"]] = writer.now
        writer.insert(StaffPosition, SP_FIELDS, [a.record for a in creates])
        groups: dict[frozenset[str], list[list[Any]]] = defaultdict(list)
        for action in plan.actions:
            if not action.created and action.changed:
                action.record[S["updated_at"]] = writer.now
                groups[frozenset(action.changed)].append(action.record)
        for fields, records in groups.items():
            writer.update(StaffPosition, SP_FIELDS, records, sorted(fields | {"updated_at"}))
