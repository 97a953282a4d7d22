"""``python manage.py import_employees FILE [--dry-run] [--skip-invalid]`` (see workforce.importing.command)."""

from workforce.importing.command import ImportCommand


class Command(ImportCommand):
    help = "Import employees with their current assignment from .xlsx or .csv (all or nothing unless --skip-invalid)."
    kind = "employees"
