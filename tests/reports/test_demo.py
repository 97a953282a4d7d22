"""seed_demo's history and snapshots: two years of movements issued through the services, and a
snapshot for each of the last 24 month ends, so the trends and flows show something."""

from __future__ import annotations

import datetime
import io
import time

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from reports.models import CompositionSnapshot
from workforce.demo.history import REASON
from workforce.models import HROrder, OrderKind

SEEDERS = override_settings(DEMO_SEEDERS=["workforce.demo.seed", "workforce.demo.history.seed", "reports.demo.seed"])


@pytest.mark.django_db
def test_seed_demo_gives_two_years_of_movements_and_snapshots():
    started = time.monotonic()
    with SEEDERS:
        call_command("seed_demo", "--employees", "500", "--seed", "3", stdout=io.StringIO())
    seconds = time.monotonic() - started
    orders = HROrder.objects.filter(reason=REASON)
    kinds = set(orders.values_list("kind", flat=True))
    assert {OrderKind.HIRE, OrderKind.DISMISSAL, OrderKind.TRANSFER, OrderKind.ROTATION, OrderKind.PROMOTION} <= kinds
    first = timezone.localdate().replace(day=1)
    months = {(d.year, d.month) for d in orders.values_list("effective_date", flat=True)}
    assert len(months) == 24 and max(months) < (first.year, first.month)
    ends = set(CompositionSnapshot.objects.filter(organization=None).values_list("month_end", flat=True))
    assert len(ends) == 24 and max(ends) == first - datetime.timedelta(days=1)
    headcounts = list(CompositionSnapshot.objects.filter(organization=None).order_by("month_end")
                      .values_list("headcount", flat=True))
    assert len(set(headcounts)) > 1  # the trend moves
    with SEEDERS:  # again: nothing doubles
        call_command("seed_demo", "--employees", "500", "--seed", "3", stdout=io.StringIO())
    assert HROrder.objects.filter(reason=REASON).count() == orders.count()
    assert seconds < 120
