"""The applicants of one vacancy as an export (``core.exporters``): exactly the rows of
``selectors.applicant_rows`` for the requester's HR scope (``actor`` is whoever asked, also in a
Celery job), with the formula-injection escaping of the workforce exports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exporters import CONTENT_TYPES, Exporter, ExportFile, ExportProgress, count_up_to
from core.exporters.tables import table_csv, table_xlsx
from workforce.access import HR_ROLES
from workforce.exporting import escape_formula

from .selectors import applicant_rows, hr_applications, hr_vacancies

FORMATS = (("xlsx", gettext_lazy("Excel (.xlsx)")), ("csv", gettext_lazy("CSV (semicolon-separated, UTF-8)")))


def applicant_columns() -> list[tuple[str, str]]:
    """(row key, heading in the active language), in the order of the file."""
    return [
        ("application", _("Application No.")), ("full_name", _("Full name")), ("email", _("E-mail")),
        ("phone", _("Phone")), ("submitted_at", _("Submitted")), ("stage", _("Stage")),
        ("highest_education", _("Education")), ("experience_years", _("Years of experience")),
        ("check_passed", _("Meets the requirements")), ("check_reasons", _("Unmet requirements")),
        ("test_score", _("Test score")), ("interview_score", _("Interview score")),
        ("final_score", _("Final score")), ("rank", _("Place")),
    ]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        return float(value)
    return escape_formula(value)


class ApplicantExportForm(forms.Form):
    vacancy = forms.ModelChoiceField(label=gettext_lazy("Vacancy"), queryset=None)
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=FORMATS, required=False)

    def __init__(self, data=None, *, actor: Any, **kwargs):
        super().__init__(data, **kwargs)
        # Only vacancies in the requester's HR scope: another organisation's id is "not a valid choice".
        self.fields["vacancy"].queryset = hr_vacancies(user=actor).order_by()

    def clean_format(self) -> str:
        return self.cleaned_data.get("format") or "xlsx"


class ApplicantExporter(Exporter):
    identifier = "vacancies.applicants"
    verbose_name = gettext_lazy("Applicants of a vacancy")
    description = gettext_lazy("Every application to the vacancy: stage, automatic check, scores and place.")
    required_roles = HR_ROLES
    file_format = "xlsx"

    def get_form(self, data=None, *, actor):
        return ApplicantExportForm(data, actor=actor)

    def _vacancy(self, params, actor):
        return hr_vacancies(user=actor).filter(pk=params["vacancy"]).first()

    def estimate(self, *, params, actor) -> int:
        return count_up_to(hr_applications(user=actor).filter(vacancy_id=params["vacancy"]),
                           settings.EXPORT_STREAM_MAX_ROWS + 1)

    def render(self, *, params, actor, progress: ExportProgress) -> ExportFile:
        vacancy = self._vacancy(params, actor)
        columns = applicant_columns()
        rows = ([_cell(row[key]) for key, _heading in columns]
                for row in (applicant_rows(vacancy=vacancy, user=actor) if vacancy is not None else ()))
        if progress.job_progress is not None:
            progress.set_total(hr_applications(user=actor).filter(vacancy=vacancy).count() if vacancy else 0)
        headings = [escape_formula(heading) for _key, heading in columns]
        stem = f"applicants-{vacancy.pk if vacancy else 'none'}"
        if params.get("format") == "csv":
            output, count = table_csv(headings, rows, progress)
            return ExportFile(filename=f"{stem}.csv", content_type=CONTENT_TYPES["csv"], file=output, rows=count)
        output, count = table_xlsx(headings, rows, progress, title=_("Applicants"))
        return ExportFile(filename=f"{stem}.xlsx", content_type=CONTENT_TYPES["xlsx"], file=output, rows=count)

    def audit_params(self, params):
        return {"vacancy": params.get("vacancy"), "format": params.get("format")}
