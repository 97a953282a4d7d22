from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class ImportKind(models.TextChoices):
    EMPLOYEES = "employees", _("Employees with their current assignment")
    ORGANIZATIONS = "organizations", _("Organisations")
    STAFF_POSITIONS = "staff_positions", _("Staff positions")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    VALIDATING = "validating", _("Checking")
    INVALID = "invalid", _("Has errors")
    VALIDATED = "validated", _("Checked, ready to import")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Failed")


class ImportJob(TimeStampedModel):
    """One uploaded file on its way in: checked (dry run), then imported. Progress and the per-row
    report live here so the page (and the CLI) can show them whatever process did the work."""

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    # The uploaded file, kept privately through core.documents (use "workforce.import_file", sniffed,
    # expires after IMPORT_FILE_RETENTION_DAYS); empty once purged.
    document = models.ForeignKey("core.StoredDocument", verbose_name=_("file"), null=True, blank=True,
                                 editable=False, on_delete=models.SET_NULL, related_name="+")
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    skip_invalid = models.BooleanField(_("import valid rows, skip invalid ones"), default=False)
    start_when_validated = models.BooleanField(_("import as soon as the check passes"), default=False)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    failure = models.TextField(_("failure"), blank=True, default="")
    # The rows are checked and written with the uploader's scope, whoever presses "start".
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
