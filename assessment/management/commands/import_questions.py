"""``python manage.py import_questions FILE [--format moodle|gift|xlsx] [--section CODE] [--dry-run]``

Exit 0 when the file was imported (or, with ``--dry-run``, would be). Exit 1 with one line per problem on
stderr (question, field, reason, code) when anything is invalid; then nothing is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from core.exceptions import ApplicationError

from ...interchange import FORMAT_NAMES
from ...models import Section
from ...services import questions_import


class Command(BaseCommand):
    help = "Import questions from a Moodle XML, GIFT or xlsx file into the question bank (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", choices=FORMAT_NAMES,
                            help="default: from the file name (.xml, .gift/.txt, .xlsx)")
        parser.add_argument("--section", help="put every question in this section (its code), ignoring categories")
        parser.add_argument("--organization", help="code of the organisation whose bank receives the questions "
                                                   "(default: the national bank)")
        parser.add_argument("--text-language", default="uz", choices=["uz", "ru", "uz_cyrl", "en"],
                            help="language of texts written without multilang spans (default uz)")
        parser.add_argument("--dry-run", action="store_true", help="check every question, write nothing")
        parser.add_argument("--language", default="", help="language of the report (uz, ru, en)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["language"]:
            translation.activate(options["language"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: file not found", returncode=1)
        section = None
        if options["section"]:
            section = Section.objects.filter(code=options["section"]).first()
            if section is None:
                codes = ", ".join(Section.objects.values_list("code", flat=True))
                raise CommandError(f"--section {options['section']}: no such section (one of: {codes})", returncode=1)
        organization = None
        if options["organization"]:
            from workforce.models import Organization

            organization = Organization.objects.filter(code=options["organization"]).first()
            if organization is None:
                raise CommandError(f"--organization {options['organization']}: no such organisation", returncode=1)
        try:
            report = questions_import(content=path.read_bytes(), filename=path.name, format=options["format"],
                                      owner_organization=organization, actor=None, section=section,
                                      dry_run=options["dry_run"], language=options["text_language"])
        except ApplicationError as error:
            raise CommandError(f"{path}: {error.message} [{error.code}]", returncode=1) from error
        for error in report.errors:
            field = f", {error['field']}" if error["field"] else ""
            self.stderr.write(f"{error['question']}{field}: {error['message']} [{error['code']}]")
        for ref, kind in report.skipped:
            self.stdout.write(f"skipped {ref}: type {kind} is not supported")
        for ref in report.duplicates:
            self.stdout.write(f"already in the bank: {ref}")
        if report.errors:
            raise CommandError(f"{len({e['question'] for e in report.errors})} of {report.total} questions are invalid;"
                               " nothing was written.", returncode=1)
        if options["dry_run"]:
            self.stdout.write(f"Checked {report.total} questions: {report.total - len(report.duplicates)} would be "
                              f"added, {len(report.duplicates)} already in the bank, {len(report.skipped)} skipped.")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Imported {report.created} questions ({len(report.duplicates)} already in the bank, "
            f"{len(report.skipped)} skipped)."))
