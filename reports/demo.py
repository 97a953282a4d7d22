"""Demo data of the reports: the monthly snapshots of the last 24 months (after every other
seeder, so they show the demo's history)."""

from __future__ import annotations

import random
from typing import TextIO

from django.utils import timezone

from .services import snapshots_take_due


def seed(*, rng: random.Random, employees: int, stdout: TextIO) -> str:
    written = snapshots_take_due(today=timezone.localdate())
    return f"composition snapshots of {len(written)} month ends"
