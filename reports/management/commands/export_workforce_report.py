"""``python manage.py export_workforce_report --out FILE.xlsx [--org CODE] [--as-of YYYY-MM-DD] [--user NAME]``.

The same workbook as the dashboards' download (``reports.workforce`` exporter). Without ``--user``
it is written for the whole civil service by the operator running the command (who reads the
database anyway), so no cell is suppressed; with ``--user`` it has exactly that user's scope."""

from __future__ import annotations

import datetime
from pathlib import Path
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.exceptions import ApplicationError
from core.exporters import ExportProgress, get_exporter

OPERATOR = SimpleNamespace(pk=None, is_authenticated=True, is_active=True, is_superuser=True, _wf_role_grants=[])


class Command(BaseCommand):
    help = "Write the workforce report (composition on a date, every breakdown, flows, trend) as an Excel workbook."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="The .xlsx file to write.")
        parser.add_argument("--org", default="", help="Organisation code: its subtree (default: the whole service).")
        parser.add_argument("--as-of", dest="as_of", default="", help="As-of date YYYY-MM-DD (default today).")
        parser.add_argument("--user", default="", help="Write it with this user's scope and small-cell rule.")

    def handle(self, *args, **options):
        if options["as_of"]:
            try:
                datetime.date.fromisoformat(options["as_of"])
            except ValueError as exc:
                raise CommandError(f"--as-of: {options['as_of']!r} is not a date YYYY-MM-DD") from exc
        actor = OPERATOR
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"--user: no user {options['user']!r}")
        exporter = get_exporter("reports.workforce")
        try:
            params = exporter.clean_params({"org": options["org"], "on": options["as_of"]}, actor=actor)
            result = exporter.render(params=params, actor=actor, progress=ExportProgress())
        except ApplicationError as error:
            raise CommandError(error.message) from error
        out = Path(options["out"])
        with out.open("wb") as handle:
            handle.write(result.open().read())
        self.stdout.write(f"{out}: {result.rows} rows")
