"""Generate the Uzbek Cyrillic catalogs from the Uzbek Latin ones (see core/cyrillic_catalogs.py)."""

from django.core.management.base import BaseCommand, CommandError

from core.cyrillic_catalogs import COMMAND, catalog_jobs, check_project, write_catalogs


class Command(BaseCommand):
    help = ("Write every app's locale/uz_Cyrl catalog (and the project-level one for Django's own strings) "
            "by transliterating the Uzbek Latin catalog, and compile them. --check only compares.")

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true",
                            help="Write nothing; exit 1 when a committed uz_Cyrl catalog differs from what "
                                 "the generator gives.")

    def handle(self, *args, check: bool = False, **options):
        if check:
            result = check_project()
            for note in result.notes:
                self.stdout.write(self.style.WARNING(note))
            if not result.ok:
                raise CommandError(
                    "Uzbek Cyrillic catalogs are out of date:\n  " + "\n  ".join(result.problems)
                    + f"\nRun `{COMMAND}` (or `make messages`) and commit the result.")
            self.stdout.write(self.style.SUCCESS("Uzbek Cyrillic catalogs are up to date."))
            return
        for path, count in write_catalogs(catalog_jobs()):
            self.stdout.write(f"{path} ({count} messages)")
