"""Deterministic demo data: every app registers a seeder in ``settings.DEMO_SEEDERS``.

Same ``--seed`` -> same data; running it again updates in place instead of duplicating.
"""

from __future__ import annotations

import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Create deterministic demo data (organisations, demo users for every role, employees)."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=2000, help="How many employees (default 2000).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed: the same seed gives the same data.")

    def handle(self, *args, employees: int, seed: int, **options):
        if employees < 0:
            self.stderr.write("--employees must be 0 or more")
            raise SystemExit(2)
        for dotted in settings.DEMO_SEEDERS:
            started = time.monotonic()
            seeder = import_string(dotted)
            summary = seeder(rng=random.Random(f"{seed}:{dotted}"), employees=employees, stdout=self.stdout)
            self.stdout.write(f"{dotted}: {summary} ({time.monotonic() - started:.1f} s)")
        self.stdout.write(self.style.SUCCESS("Demo data ready. Logins are listed in README.md."))
