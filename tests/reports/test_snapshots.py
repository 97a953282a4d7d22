"""Monthly snapshots: idempotent, agreeing with the composition computed live on the same date, and
the 24-month trend read from them; the beat task is scheduled."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.conf import settings

from reports.models import CompositionSnapshot
from reports.services import composition_payload, snapshot_month, snapshots_take_due
from reports.tasks import snapshots_take_due_task
from tests.factories import UserFactory, grant
from workforce.models import Organization, Role
from workforce.selectors import CompositionScope, composition_on

from .conftest import generate_service

D = datetime.date


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [7, 8])
def test_a_snapshot_agrees_with_the_live_composition_of_the_same_date(seed):
    world = generate_service(seed)
    admin = UserFactory(is_superuser=True)
    on = D(2024, 8, 31)
    snapshot_month(day=D(2024, 8, 10))
    for organization in [None, world["root"], *world["units"][1:]]:
        stored = CompositionSnapshot.objects.get(organization=organization, month_end=on)
        live = composition_on(CompositionScope(user=admin, organization=organization), on=on)
        assert stored.payload == composition_payload(live), organization
        assert stored.headcount == live.headcount


@pytest.mark.django_db
def test_running_a_month_again_replaces_it(tree):
    generate_service(9, people=30)
    first = snapshot_month(day=D(2024, 3, 1))
    again = snapshot_month(day=D(2024, 3, 31))
    assert first == again == Organization.objects.count() + 1
    assert CompositionSnapshot.objects.filter(month_end=D(2024, 3, 31)).count() == again


@pytest.mark.django_db
def test_the_task_fills_the_last_24_months_and_then_only_redoes_the_last(tree):
    generate_service(10, people=20)
    assert snapshots_take_due(today=D(2025, 3, 5))[0] == D(2025, 2, 28)
    months = set(CompositionSnapshot.objects.filter(organization=None).values_list("month_end", flat=True))
    assert len(months) == 24 and min(months) == D(2023, 3, 31)
    assert snapshots_take_due(today=D(2025, 3, 6)) == [D(2025, 2, 28)]
    assert "reports.snapshots_take_due" in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert isinstance(snapshots_take_due_task(), int)


@pytest.mark.django_db
def test_the_trend_comes_from_the_snapshots(client, tree):
    world = generate_service(11, people=60)
    snapshots_take_due(today=D(2025, 1, 15))
    leader = UserFactory()
    grant(leader, Role.LEADERSHIP, world["root"])
    client.force_login(leader)
    rows = client.get(f"/api/v1/reports/composition.trend/?org={world['root'].code}&on=2024-12-31").json()["rows"]
    assert len(rows) == 24 and rows[-1]["month_end"] == "2024-12-31"
    admin = UserFactory(is_superuser=True)
    for row in rows[::6]:
        live = composition_on(CompositionScope(user=admin, organization=world["root"]),
                              on=D.fromisoformat(row["month_end"]))
        assert row["headcount"] in (live.headcount, None)
        assert row["staff_units_planned"] == float(live.staff_units_planned)
    assert dataclasses.is_dataclass(live)
