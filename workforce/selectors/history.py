"""Change history of personal and HR data, read from django-simple-history tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from ..models import Education, Employee, OrderKind

__all__ = ["HistoryEntry", "employee_change_history"]

HIDDEN_FIELDS = {"search_text", "updated_at", "created_at", "id"}


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str  # "+", "~", "-"
    subject: str
    reason: str = ""
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def readable_reason(reason: str, visible_orders: set[str] | None = None) -> str:
    """Change reasons are written as ``"<order kind> <number>"`` or ``"import #<job>"``; show them
    in the reader's language. An order number not in ``visible_orders`` (when given) is left out:
    another organisation's orders are its documents."""
    kind, _sep, rest = (reason or "").partition(" ")
    if kind in OrderKind.values and rest:
        if visible_orders is not None and rest not in visible_orders:
            return str(OrderKind(kind).label)
        return f"{OrderKind(kind).label} № {rest}"
    if kind == "import" and rest:
        return _("Import %(job)s") % {"job": rest}
    if reason == "claim":
        return _("Record taken on by another organisation")
    return reason or ""


def _entries_for(records, model, subject, visible_orders: set[str] | None = None) -> list[HistoryEntry]:
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:  # oldest first, so each is diffed against the one before it in memory
        entry = HistoryEntry(
            when=record.history_date, who=str(record.history_user or "—"), kind=record.history_type,
            subject=subject(record), reason=readable_reason(record.history_change_reason, visible_orders),
        )
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
            entry.changes = [(c.field, c.old, c.new) for c in delta.changes]
        entries.append(entry)
        previous = record
    return entries


def _readable_changes(entries: list[HistoryEntry], model) -> None:
    """Replace field names by labels and ids of related rows (organisation, position, rank) by their
    names, with one query per related model whatever the number of changes."""
    wanted: dict[Any, set] = {}
    for entry in entries:
        for name, old, new in entry.changes:
            field_ = _field(model, name)
            if field_ is not None and field_.is_relation:
                wanted.setdefault(field_.related_model, set()).update(v for v in (old, new) if v is not None)
    names = {related: {pk: str(obj) for pk, obj in related._default_manager.in_bulk(list(ids)).items()}
             for related, ids in wanted.items()}
    for entry in entries:
        readable = []
        for name, old, new in entry.changes:
            field_ = _field(model, name)
            if field_ is not None and field_.is_relation:
                lookup = names.get(field_.related_model, {})
                old, new = lookup.get(old, old), lookup.get(new, new)
            elif field_ is not None and field_.choices:
                display = dict(field_.flatchoices)
                old, new = display.get(old, old), display.get(new, new)
            readable.append((_label(model, name), old, new))
        entry.changes = readable


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def employee_change_history(employee: Employee, *, limit: int = 200,
                            visible_orders: set[str] | None = None) -> list[HistoryEntry]:
    """Newest first: creation and every change of the personal record and its education entries.
    ``visible_orders``: the order numbers the reader may see (others are named by kind only)."""
    employee_records = list(employee.history.select_related("history_user").order_by("history_date", "history_id"))
    entries = _entries_for(employee_records, Employee, lambda r: str(Employee._meta.verbose_name), visible_orders)
    _readable_changes(entries, Employee)
    education_records = list(
        Education.history.filter(employee_id=employee.pk).select_related("history_user").order_by("id", "history_date")
    )
    by_education: dict[int, list] = {}
    for record in education_records:
        by_education.setdefault(record.id, []).append(record)
    for records in by_education.values():
        education_entries = _entries_for(records, Education,
                                         lambda r: f"{Education._meta.verbose_name}: {r.institution}")
        _readable_changes(education_entries, Education)
        entries += education_entries
    entries = [e for e in entries if e.kind != "~" or e.changes]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
