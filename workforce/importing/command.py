"""The ``import_*`` management commands: check a file and import it, or report every bad row."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from .errors import FILE_ROW, UploadRejected, error_column, error_message

SUMMARY_LABELS = {
    "to_create": pgettext_lazy("import summary", "new"), "to_update": pgettext_lazy("import summary", "changed"),
    "unchanged": pgettext_lazy("import summary", "unchanged"),
    "assignments_opened": gettext_lazy("assignments opened"), "assignments_closed": gettext_lazy("assignments closed"),
    "educations_added": gettext_lazy("education entries added"),
}


def summary_text(summary: dict[str, int]) -> str:
    """"new: 2, changed: 0, unchanged: 1" in the active language."""
    return ", ".join(f"{SUMMARY_LABELS.get(key, key)}: {value}" for key, value in summary.items())


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
        parser.add_argument("--language", default="", help="language of the report (uz, uz-cyrl, ru, en; default uz)")

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
            message = _("file not found")
            raise CommandError(f"{options['file']}: {message}", returncode=1) from exc
        for warning in result.warnings:
            self.stderr.write(_("warning: %(line)s") % {"line": _line(warning)})
        for error in result.errors:
            self.stderr.write(f"{_line(error)} [{error['code']}]")
        if result.file_errors:  # no row was checked: say what is wrong with the file, not "0 rows"
            reasons = " ".join(error_message(error) for error in result.file_errors)
            message = _("The file cannot be imported: %(reasons)s Nothing was written.") % {"reasons": reasons}
            raise CommandError(message, returncode=1)
        summary = summary_text(result.summary)
        counts = {"errors": result.error_rows, "total": result.total_rows, "summary": summary}
        if options["dry_run"]:
            if not result.importable:
                raise CommandError(ngettext(
                    "%(errors)d of %(total)d rows has errors. %(summary)s",
                    "%(errors)d of %(total)d rows have errors. %(summary)s", result.error_rows) % counts,
                    returncode=1)
            message = ngettext("Checked %(total)d row.", "Checked %(total)d rows.", result.total_rows) % counts
            if result.errors:
                message += " " + _("%(errors)d invalid rows would be skipped.") % counts
            would = _("Would import: %(summary)s") % counts
            self.stdout.write(f"{message} {would}")
            return
        if not result.written:
            raise CommandError(ngettext(
                "%(errors)d of %(total)d rows has errors; nothing was written. %(summary)s",
                "%(errors)d of %(total)d rows have errors; nothing was written. %(summary)s", result.error_rows,
            ) % counts, returncode=1)
        message = ngettext("Imported %(total)d row.", "Imported %(total)d rows.", result.total_rows) % counts
        if result.errors:
            message += " " + _("%(errors)d invalid rows skipped.") % counts
        self.stdout.write(self.style.SUCCESS(f"{message} {summary}"))


def _line(error: dict[str, Any]) -> str:
    """One error or warning: where (row, column, value) and why, in the active language."""
    if error["row"] == FILE_ROW:
        return error_message(error)
    column = error_column(error)
    if column and error.get("value"):
        where = _("row %(row)s, column «%(column)s», value «%(value)s»") % {
            "row": error["row"], "column": column, "value": error["value"]}
    elif column:
        where = _("row %(row)s, column «%(column)s»") % {"row": error["row"], "column": column}
    else:
        where = _("row %(row)s") % {"row": error["row"]}
    return f"{where}: {error_message(error)}"
