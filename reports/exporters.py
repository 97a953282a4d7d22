"""The workforce report workbook as a platform exporter (``core.exporters``): a page's link sends
it at once, the API runs it as a Celery job with progress; the CLI calls the same code."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.exceptions import ApplicationError
from core.exporters import CONTENT_TYPES, Exporter, ExportFile, ExportProgress
from core.reporting import Report, ReportParams, year_before
from workforce.access import ANALYTICS_ROLES

from .errors import ReportErrorCode
from .registry import reports_for
from .workbook import build_workbook


class WorkbookForm(forms.Form):
    org = forms.CharField(label=_("Organisation (code)"), required=False, max_length=32)
    on = forms.DateField(label=_("As of"), required=False)
    region = forms.CharField(label=_("Region"), required=False, max_length=10)
    group = forms.CharField(label=_("Position group"), required=False, max_length=16)


def workbook_reports(actor: Any) -> list[Report]:
    """Every registered report the requester may read, the headline first."""
    return reports_for(actor)


def workbook_params(params: Mapping[str, Any], *, actor: Any) -> tuple[ReportParams, list[tuple[str, str]]]:
    """The reports' params (checked by the headline report's form, in the requester's scope) and
    the parameter lines of the cover sheet."""
    from .registry import get_report

    query = {key: value for key, value in params.items() if value not in (None, "")}
    form = get_report("composition").get_form(query, actor=actor)
    if not form.is_valid():
        field, messages = next(iter(form.errors.items()))
        raise ApplicationError(messages[0], code=ReportErrorCode.INVALID_PARAMS, field=field)
    report_params = form.params()
    organization = report_params.organization
    lines = [
        (str(_("Organisation")), f"{organization.code} — {organization.name}" if organization else str(
            _("Everything in your scope"))),
        (str(_("As of")), report_params.on.isoformat()),
        (str(_("Region")), dict(form.fields["region"].choices).get(report_params.region, "—")
         if report_params.region else "—"),
        (str(_("Position group")), dict(form.fields["group"].choices).get(report_params.group, "—")
         if report_params.group else "—"),
    ]
    # A period report covers the year up to the as-of date.
    report_params.date_to = report_params.on
    report_params.date_from = year_before(report_params.on)
    lines.append((str(_("Period")), f"{report_params.date_from.isoformat()} – {report_params.date_to.isoformat()}"))
    return report_params, lines


class WorkforceWorkbookExporter(Exporter):
    identifier = "reports.workforce"
    verbose_name = _("Workforce report (Excel workbook)")
    description = _("The composition on a date and every breakdown, one sheet each, with a cover sheet.")
    required_roles = ANALYTICS_ROLES
    form_class = WorkbookForm
    file_format = "xlsx"

    def estimate(self, *, params, actor) -> int:
        return len(workbook_reports(actor))  # small: one sheet per report, aggregated rows only

    def render(self, *, params, actor, progress: ExportProgress) -> ExportFile:
        report_params, lines = workbook_params(params, actor=actor)
        reports = workbook_reports(actor)
        progress.set_total(len(reports))
        content, rows = build_workbook(reports, report_params, parameters=lines, progress=progress)
        return ExportFile(filename=self.filename("xlsx"), content_type=CONTENT_TYPES["xlsx"], file=content, rows=rows)
