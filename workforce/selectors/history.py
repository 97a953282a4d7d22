"""Change history of personal and HR data, read from django-simple-history tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..models import Education, Employee

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


def _entries_for(records, model, subject) -> list[HistoryEntry]:
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:  # oldest first, so each is diffed against the one before it in memory
        entry = HistoryEntry(
            when=record.history_date, who=str(record.history_user or "—"), kind=record.history_type,
            subject=subject(record), reason=record.history_change_reason or "",
        )
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
            entry.changes = [(_label(model, c.field), c.old, c.new) for c in delta.changes]
        entries.append(entry)
        previous = record
    return entries


def employee_change_history(employee: Employee, *, limit: int = 200) -> list[HistoryEntry]:
    """Newest first: creation and every change of the personal record and its education entries."""
    employee_records = list(employee.history.select_related("history_user").order_by("history_date", "history_id"))
    entries = _entries_for(employee_records, Employee, lambda r: str(Employee._meta.verbose_name))
    education_records = list(
        Education.history.filter(employee_id=employee.pk).select_related("history_user").order_by("id", "history_date")
    )
    by_education: dict[int, list] = {}
    for record in education_records:
        by_education.setdefault(record.id, []).append(record)
    for records in by_education.values():
        entries += _entries_for(records, Education, lambda r: f"{Education._meta.verbose_name}: {r.institution}")
    entries = [e for e in entries if e.kind != "~" or e.changes]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
