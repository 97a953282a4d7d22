"""Staff positions (the staffing table): upsert by organisation code + position code.

The group follows from the category. Units may not be cut below what open assignments fill.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum

from core.text import search_key

from ..models import Assignment, Organization, PositionCategory, RegisterPosition, StaffPosition
from ..resources import StaffPositionResource
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
        filled = self._occupancy([record[S["id"]] for record in existing.values()])
        categories = {}
        for pk, code, group in PositionCategory.objects.values_list("pk", "code", "group"):
            categories[search_key(code)] = (pk, group)
        register = {search_key(code): pk for pk, code in RegisterPosition.objects.values_list("pk", "code")}
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
                units = action.record[S["rate_units"]]
                used = filled.get(current[S["id"]], Decimal(0))
                if "rate_units" in action.changed and units < used:
                    ctx.error(row, "rate_units", units, ImportErrorCode.RATE_UNITS_BELOW_OCCUPANCY,
                              filled=f"{used:.2f}", units=f"{units:.2f}")
            if ctx.is_valid(row):
                actions.append(action)
        return StaffPositionPlan(actions=actions)

    @staticmethod
    def _occupancy(position_ids: list[int]) -> dict[int, Decimal]:
        if not position_ids:
            return {}
        return dict(
            Assignment.objects.filter(staff_position_id__in=position_ids)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=datetime.date.today()))
            .values_list("staff_position_id").annotate(total=Sum("rate")).values_list("staff_position_id", "total")
        )

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
