"""The ``import_*`` management commands: check a file and import it, or report every bad row."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from .errors import FILE_ROW, UploadRejected, error_column, error_message


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
        parser.add_argument("--language", default="", help="language of the report (uz, ru, en)")

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
        for warning in result.warnings:
            self.stderr.write(_("warning: %(line)s") % {"line": _line(warning)})
        for error in result.errors:
            self.stderr.write(f"{_line(error)} [{error['code']}]")
        if result.file_errors:  # no row was checked: say what is wrong with the file, not "0 rows"
            reasons = " ".join(error_message(error) for error in result.file_errors)
            message = _("The file cannot be imported: %(reasons)s Nothing was written.") % {"reasons": reasons}
            raise CommandError(message, returncode=1)
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


def _line(error: dict[str, Any]) -> str:
    """One error or warning: where (row, column, value) and why, in the active language."""
    if error["row"] == FILE_ROW:
        return error_message(error)
    where = f"row {error['row']}"
    column = error_column(error)
    if column:
        where += f", column «{column}»"
    if error.get("value"):
        where += f", value «{error['value']}»"
    return f"{where}: {error_message(error)}"
