"""The ``import_*`` management commands: check a file and import it, or report every bad row."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from .errors import UploadRejected, error_message


class ImportCommand(BaseCommand):
    """Exit 0 when the file was imported (or, with ``--dry-run``, would be); exit 1 with one line
    per error on stderr (row, column, value, reason) when not, and then nothing is written."""

    kind = ""
    requires_migrations_checks = True

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="an .xlsx or .csv file")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument("--skip-invalid", action="store_true",
                            help="import the valid rows and report the invalid ones (default: all or nothing)")
        parser.add_argument("--language", default="", help="language of the report (uz, uz-cyrl, ru, en)")

    def handle(self, *args: Any, **options: Any) -> None:
        from ..services.imports import import_path

        if options["language"]:
            translation.activate(options["language"])
        try:
            result = import_path(options["file"], kind=self.kind, dry_run=options["dry_run"],
                                 skip_invalid=options["skip_invalid"])
        except UploadRejected as exc:
            raise CommandError(f"{options['file']}: {exc.message}", returncode=1) from exc
        except FileNotFoundError as exc:
            raise CommandError(f"{options['file']}: file not found", returncode=1) from exc
        for error in result.errors:
            self.stderr.write(
                f"row {error['row']}, column «{error['column']}», value «{error['value']}»: {error_message(error)}"
                f" [{error['code']}]"
            )
        summary = ", ".join(f"{key} {value}" for key, value in result.summary.items())
        if options["dry_run"]:
            if not result.importable:
                raise CommandError(f"{result.error_rows} of {result.total_rows} rows have errors. {summary}",
                                   returncode=1)
            skipped = f" ({result.error_rows} invalid rows would be skipped)" if result.errors else ""
            self.stdout.write(f"Checked {result.total_rows} rows{skipped}. Would import: {summary}")
            return
        if not result.written:
            raise CommandError(
                f"{result.error_rows} of {result.total_rows} rows have errors; nothing was written. {summary}",
                returncode=1,
            )
        skipped = f" ({result.error_rows} invalid rows skipped)" if result.errors else ""
        self.stdout.write(self.style.SUCCESS(f"Imported {result.total_rows} rows{skipped}: {summary}"))
