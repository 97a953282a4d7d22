"""What an HR order states when it is issued. Every order service stores this snapshot in
``HROrder.snapshot``; the printed document and the public check read it (``workforce.documents``),
so a later rename, transfer or rank change never rewrites an order already issued.

Names are kept in every language the record has, so the document reads in the reader's language
but says what was true on the day of issue."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from ...models import Assignment, Employee, Organization, QualificationRank, StaffPosition

SNAPSHOT_VERSION = 1


def _names(obj: Any) -> dict[str, str]:
    return {"uz": obj.name_uz, "uz_cyrl": obj.name_uz_cyrl, "ru": obj.name_ru, "en": obj.name_en}


def _day(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def organization_facts(organization: Organization) -> dict[str, Any]:
    return {"code": organization.code, "name": _names(organization)}


def position_facts(staff_position: StaffPosition) -> dict[str, Any]:
    return {"code": staff_position.code, "name": _names(staff_position),
            "organization": organization_facts(staff_position.organization)}


def rank_facts(rank: QualificationRank | None) -> dict[str, Any] | None:
    return {"code": rank.code, "name": _names(rank)} if rank is not None else None


def employee_facts(employee: Employee) -> dict[str, Any]:
    return {name: getattr(employee, name) for name in ("last_name", "first_name", "middle_name", "last_name_cyrl",
                                                         "first_name_cyrl", "middle_name_cyrl")} | {
        "rank": rank_facts(employee.qualification_rank)}


def order_snapshot(
    *,
    organization: Organization,
    employee: Employee,
    released: Assignment | None = None,
    released_last_day: datetime.date | None = None,
    appointed: Assignment | None = None,
    rank_from: QualificationRank | None = None,
    rank_to: QualificationRank | None = None,
    sanction: dict[str, Any] | None = None,
    dismissal_reason: str | None = None,
) -> dict[str, Any]:
    """The facts of one order. ``employee`` is read as it stands before the order changes it (the
    rank it held when the order was issued); ``appointed`` may be unsaved."""
    snapshot: dict[str, Any] = {
        "version": SNAPSHOT_VERSION, "organization": organization_facts(organization),
        "employee": employee_facts(employee),
    }
    if released is not None:
        snapshot["released"] = {**position_facts(released.staff_position), "last_day": _day(released_last_day)}
    if appointed is not None:
        snapshot["appointed"] = {
            **position_facts(appointed.staff_position), "rate": f"{Decimal(appointed.rate):.2f}",
            "from": _day(appointed.start_date), "contract_type": appointed.contract_type,
            "contract_end": _day(appointed.contract_end_date)}
    if rank_to is not None:
        snapshot["rank"] = {"from": rank_facts(rank_from), "to": rank_facts(rank_to)}
    if sanction is not None:
        snapshot["sanction"] = sanction
    if dismissal_reason is not None:
        snapshot["dismissal_reason"] = dismissal_reason
    return snapshot
