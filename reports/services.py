"""Writes of the reports app: the monthly composition snapshots."""

from __future__ import annotations

import calendar
import dataclasses
import datetime
from decimal import Decimal
from typing import Any

import pandas as pd
from django.db import transaction

from workforce.selectors import (
    Composition,
    CompositionScope,
    composition_cube,
    composition_from,
    composition_organizations,
    composition_references,
    composition_units_by_organization,
    compositions_by_subtree,
    organization_ancestry,
)

from .models import CompositionSnapshot


def month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def previous_month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=1) - datetime.timedelta(days=1)


def composition_payload(composition: Composition) -> dict[str, Any]:
    """A composition as the JSON a snapshot stores (counts unsuppressed: suppression is applied
    when a snapshot is shown, for whoever looks)."""
    return {
        "headcount": composition.headcount,
        "staff_units_planned": str(composition.staff_units_planned),
        "staff_units_filled": str(composition.staff_units_filled),
        "vacancy_rate": composition.vacancy_rate,
        "management": composition.management,
        "women_in_management": composition.women_in_management,
        "average_age": composition.average_age,
        "breakdowns": {name: [dataclasses.asdict(cell) for cell in cells]
                       for name, cells in composition.breakdowns.items()},
    }


@transaction.atomic
def snapshot_month(*, day: datetime.date) -> int:
    """Store the composition on the last day of ``day``'s month for every organisation's subtree and
    for the whole civil service, replacing what that month had (idempotent). Four aggregate queries
    for the whole service, then pandas rolls the aggregated rows up each subtree. Returns the
    number of snapshots written."""
    on = month_end(day)
    scope = CompositionScope(user=None, everything=True)
    cube = composition_cube(scope, on=on, by_organization=True)
    orgs = composition_organizations(scope, on=on, by_organization=True)
    units = composition_units_by_organization(on=on)
    references = composition_references()
    ancestry = organization_ancestry()
    whole = composition_from(cube, orgs, planned=_total(units, "planned"), filled=_total(units, "filled"), on=on,
                             references=references)
    snapshots = [_snapshot(None, whole)]
    for pk, composition in compositions_by_subtree(cube, orgs, units, on=on, ancestry=ancestry,
                                                   references=references).items():
        snapshots.append(_snapshot(pk, composition))
    CompositionSnapshot.objects.filter(month_end=on).delete()
    CompositionSnapshot.objects.bulk_create(snapshots, batch_size=500)
    return len(snapshots)


def _total(units: pd.DataFrame, column: str) -> Decimal:
    return Decimal(sum(units[column], Decimal("0")) if not units.empty else 0).quantize(Decimal("0.01"))


def _snapshot(organization_id: int | None, composition: Composition) -> CompositionSnapshot:
    return CompositionSnapshot(organization_id=organization_id, month_end=composition.on,
                               headcount=composition.headcount, payload=composition_payload(composition))


def snapshots_take_due(*, today: datetime.date, months: int = 24) -> list[datetime.date]:
    """Snapshot the last month end before ``today`` again (the month is closed: its figures are
    final) and every earlier month end of the last ``months`` that has no snapshot yet. Returns
    the month ends written."""
    last = previous_month_end(today)
    wanted = [last]
    day = last
    for _ in range(months - 1):
        day = previous_month_end(day)
        wanted.append(day)
    have = set(CompositionSnapshot.objects.filter(organization__isnull=True, month_end__in=wanted)
               .values_list("month_end", flat=True))
    due = [last, *(day for day in wanted[1:] if day not in have)]
    for day in due:
        snapshot_month(day=day)
    return due
