"""``python manage.py import_organizations FILE [--dry-run] [--skip-invalid]`` (see workforce.importing.command)."""

from workforce.importing.command import ImportCommand


class Command(ImportCommand):
    help = "Import organizations from an .xlsx or .csv file (all or nothing unless --skip-invalid)."
    kind = "organizations"
