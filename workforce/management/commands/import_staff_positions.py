"""``python manage.py import_staff_positions FILE [--dry-run] [--skip-invalid]`` (see workforce.importing.command)."""

from workforce.importing.command import ImportCommand


class Command(ImportCommand):
    help = "Import staff positions from an .xlsx or .csv file (all or nothing unless --skip-invalid)."
    kind = "staff_positions"
