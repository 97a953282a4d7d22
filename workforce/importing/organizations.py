"""Organisations: upsert by code, placed in the tree under their parent's code.

New organisations may hang under organisations of the same file (any row order). An HR officer
may add and change organisations inside their subtrees only; top-level bodies need a grant on the
whole civil service. A different parent moves the organisation with its units through
``workforce.services.organization_move`` (which rewrites the subtree's paths).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from core.text import search_key

from ..models import Organization, Region
from ..resources import OrganizationResource
from ..services.organizations import _organization_search_text, organization_move
from .base import ImportContext, Importer, ParsedRow
from .bulk import RecordWriter
from .errors import ImportErrorCode

ORG_FIELDS = [f.attname for f in Organization._meta.concrete_fields]
OF = {name: i for i, name in enumerate(ORG_FIELDS)}
PLAIN = ("name_uz", "name_uz_cyrl", "name_ru", "name_en", "level", "is_active")
NAMES = ("code", "name_uz", "name_uz_cyrl", "name_ru", "name_en")


@dataclass(slots=True)
class OrgAction:
    number: int
    code: str
    record: list[Any]
    created: bool
    parent_code: str | None = None  # set when the parent changes (or for every new organisation)
    changed: set[str] = field(default_factory=set)


@dataclass
class OrganizationPlan:
    actions: list[OrgAction]


def _search_text(record: list[Any]) -> str:
    return _organization_search_text(Organization(**{name: record[OF[name]] for name in NAMES}))


class OrganizationImporter(Importer):
    kind = "organizations"
    resource_class = OrganizationResource

    def lock(self, rows: list[ParsedRow], ctx: ImportContext) -> None:
        codes = {r.code for r in rows if r.code} | {r.parent_code for r in rows if r.parent_code}
        list(Organization.objects.select_for_update().filter(code__in=codes).order_by("pk").values_list("pk"))

    def plan(self, rows: list[ParsedRow], ctx: ImportContext) -> OrganizationPlan:
        codes = {r.code for r in rows if r.code} | {r.parent_code for r in rows if r.parent_code}
        existing = {values[OF["code"]]: list(values)
                    for values in Organization.objects.filter(code__in=codes).values_list(*ORG_FIELDS)}
        regions = _region_table()
        file_rows: dict[str, ParsedRow] = {}
        actions: dict[str, OrgAction] = {}
        for row in rows:
            if row.code is None:
                continue
            first = file_rows.setdefault(row.code, row)
            if first is not row:
                ctx.error(row, "code", row.code, ImportErrorCode.CODE_DUPLICATE_IN_FILE, first_row=first.number)
                continue
            region = None
            if row.region is not None:
                region = regions.get(search_key(row.region))
                if region is None:
                    ctx.error(row, "region", row.region, ImportErrorCode.REGION_UNKNOWN, region=row.region)
            current = existing.get(row.code)
            if current is not None:
                if not ctx.covers_path(current[OF["path"]]):
                    ctx.error(row, "code", row.code, ImportErrorCode.ORGANIZATION_UNAVAILABLE, code=row.code)
                    continue
                actions[row.code] = self._update(row, current, region)
            else:
                for key in ("name_uz", "level"):  # what a new one cannot do without
                    ctx.missing(row, key)
                actions[row.code] = self._create(row, region)
        self._check_parents(actions, existing, file_rows, ctx)
        return OrganizationPlan(actions=[a for a in actions.values() if ctx.invalid_rows.isdisjoint({a.number})])

    def _create(self, row: ParsedRow, region: str | None) -> OrgAction:
        defaults = {f.attname: f.get_default() for f in Organization._meta.concrete_fields}
        record = [defaults[name] for name in ORG_FIELDS]
        record[OF["code"]] = row.code
        for name in PLAIN:
            value = getattr(row, name)
            if value is not None:
                record[OF[name]] = value
        record[OF["region_id"]] = region
        record[OF["search_text"]] = _search_text(record)
        return OrgAction(number=row.number, code=row.code, record=record, created=True, parent_code=row.parent_code)

    def _update(self, row: ParsedRow, current: list[Any], region: str | None) -> OrgAction:
        record = list(current)
        changed: set[str] = set()
        for name in PLAIN:
            value = getattr(row, name)
            if value is not None and record[OF[name]] != value:
                record[OF[name]] = value
                changed.add(name)
        if region is not None and record[OF["region_id"]] != region:
            record[OF["region_id"]] = region
            changed.add("region_id")
        if changed & set(NAMES):
            record[OF["search_text"]] = _search_text(record)
            changed.add("search_text")
        action = OrgAction(number=row.number, code=row.code, record=record, created=False, changed=changed)
        if row.parent_code is not None:
            action.parent_code = row.parent_code  # compared with the current parent in _check_parents
        return action

    def _check_parents(self, actions: dict[str, OrgAction], existing: dict[str, list[Any]],
                       file_rows: dict[str, ParsedRow], ctx: ImportContext) -> None:
        parent_ids = {a.record[OF["parent_id"]] for a in actions.values() if not a.created} - {None}
        code_of = dict(Organization.objects.filter(pk__in=parent_ids).values_list("pk", "code"))
        for code, action in actions.items():
            row = file_rows[code]
            parent_code = action.parent_code
            if not action.created and (parent_code is None
                                       or parent_code == code_of.get(action.record[OF["parent_id"]])):
                action.parent_code = None  # no move
                continue
            if parent_code is None:
                if not ctx.scope.everything:
                    ctx.error(row, "parent_code", "", ImportErrorCode.ORGANIZATION_ROOT_FORBIDDEN)
                continue
            if parent_code == code or self._is_below(parent_code, code, actions, existing):
                ctx.error(row, "parent_code", parent_code, ImportErrorCode.ORGANIZATION_CYCLE, code=code)
                continue
            if parent_code in existing and parent_code not in actions:
                if not ctx.covers_path(existing[parent_code][OF["path"]]):
                    ctx.error(row, "parent_code", parent_code, ImportErrorCode.PARENT_UNAVAILABLE, code=parent_code)
            elif parent_code in actions:
                parent = actions[parent_code]
                if not parent.created and not ctx.covers_path(parent.record[OF["path"]]):
                    ctx.error(row, "parent_code", parent_code, ImportErrorCode.PARENT_UNAVAILABLE, code=parent_code)
            else:
                ctx.error(row, "parent_code", parent_code, ImportErrorCode.PARENT_UNAVAILABLE, code=parent_code)
        # A new organisation under a rejected one cannot be placed either.
        changed = True
        while changed:
            changed = False
            for code, action in actions.items():
                parent = actions.get(action.parent_code or "")
                if parent is not None and parent.number in ctx.invalid_rows and action.number not in ctx.invalid_rows:
                    ctx.error(file_rows[code], "parent_code", action.parent_code, ImportErrorCode.PARENT_UNAVAILABLE,
                              code=action.parent_code)
                    changed = True

    @staticmethod
    def _is_below(candidate: str, code: str, actions: dict[str, OrgAction], existing: dict[str, list[Any]]) -> bool:
        """Whether ``candidate`` would end up inside ``code``'s subtree (a cycle if made its parent)."""
        seen: set[str] = set()
        current: str | None = candidate
        while current and current not in seen:
            if current == code:
                return True
            seen.add(current)
            action = actions.get(current)
            if action is not None and action.parent_code:
                current = action.parent_code
                continue
            record = existing.get(current)
            if record is None:
                return False
            own = existing.get(code)
            return bool(own and own[OF["path"]] and record[OF["path"]].startswith(own[OF["path"]]))
        return False

    def summary(self, plan: OrganizationPlan) -> dict[str, int]:
        created = sum(a.created for a in plan.actions)
        updated = sum(1 for a in plan.actions if not a.created and (a.changed or a.parent_code))
        return {"to_create": created, "to_update": updated,
                "unchanged": len(plan.actions) - created - updated}

    def write_size(self, plan: OrganizationPlan) -> int:
        return 2 * len(plan.actions)

    def write(self, plan: OrganizationPlan, ctx: ImportContext, writer: RecordWriter) -> None:
        actions = {a.code: a for a in plan.actions}
        creates = [a for a in plan.actions if a.created]
        for action, new_id in zip(creates, writer.allocate_ids(Organization, len(creates)), strict=True):
            action.record[OF["id"]] = new_id
            action.record[OF["created_at"]] = action.record[OF["updated_at"]] = writer.now
        parent_codes = {a.parent_code for a in plan.actions if a.parent_code} - set(actions)
        placed = {code: (pk, path, depth) for code, pk, path, depth in Organization.objects.filter(
            code__in=parent_codes).values_list("code", "pk", "path", "depth")}
        for action in plan.actions:
            if not action.created:
                placed[action.code] = (action.record[OF["id"]], action.record[OF["path"]], action.record[OF["depth"]])

        def place(action: OrgAction) -> tuple[int, str, int]:
            if action.code in placed:
                return placed[action.code]
            parent = None
            if action.parent_code:
                parent = placed.get(action.parent_code) or place(actions[action.parent_code])
            record = action.record
            record[OF["parent_id"]] = parent[0] if parent else None
            record[OF["path"]] = f"{parent[1] if parent else '/'}{record[OF['id']]}/"
            record[OF["depth"]] = parent[2] + 1 if parent else 0
            placed[action.code] = (record[OF["id"]], record[OF["path"]], record[OF["depth"]])
            return placed[action.code]

        for action in creates:
            place(action)
        # Parents first, so the parent foreign key always points at an existing row.
        writer.insert(Organization, ORG_FIELDS, sorted((a.record for a in creates), key=lambda r: r[OF["depth"]]))
        groups: dict[frozenset[str], list[list[Any]]] = defaultdict(list)
        for action in plan.actions:
            if not action.created and action.changed:
                action.record[OF["updated_at"]] = writer.now
                groups[frozenset(action.changed)].append(action.record)
        for fields, records in groups.items():
            writer.update(Organization, ORG_FIELDS, records, sorted(fields | {"updated_at"}))
        for action in plan.actions:
            if not action.created and action.parent_code:
                organization = Organization.objects.get(pk=action.record[OF["id"]])
                new_parent = Organization.objects.get(code=action.parent_code)
                organization_move(organization=organization, new_parent=new_parent, actor=ctx.user)


def _region_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for region in Region.objects.all():
        for value in (region.soato, region.iso_code, region.name_uz, region.name_uz_cyrl, region.name_ru,
                      region.name_en):
            if value:
                table.setdefault(search_key(value), region.soato)
    return table
