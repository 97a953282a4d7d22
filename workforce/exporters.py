"""The workforce lists as exporters (``core.exporters``): employees, organisations, staff positions.

Each exports exactly what its list shows the requester: their scope (``actor``, who asked, even
when a Celery worker does the work) narrowed by the list's FilterSet, with the formula-injection
escaping of ``workforce.exporting``. Small exports are sent at once; big ones (and every API
export) run as a job whose file is kept through ``core.documents``."""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.exporters import Exporter, ExportFile, ExportProgress, as_querydict, count_up_to

from .access import HR_ROLES, organizations_for, scope_queryset
from .auditing import audited_filters
from .exporting import export_employees, export_queryset
from .filters import EmployeeFilter, OrganizationFilter, StaffPositionFilter
from .models import StaffPosition
from .selectors import employee_list

FORMATS = (("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (semicolon-separated, UTF-8)")))
NOT_FILTERS = ("format", "page", "page_size")


class FilteredExportForm(forms.Form):
    """The file format, plus the list's filters checked by the list's own FilterSet."""

    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, required=False)

    def __init__(self, data=None, *, exporter: ListExporter, actor: Any, **kwargs):
        super().__init__(data, **kwargs)
        self.exporter, self.actor = exporter, actor
        self.filterset = exporter.filterset(data if data is not None else QueryDict(), actor=actor)

    def clean(self):
        cleaned = super().clean()
        filterset = self.filterset
        if filterset.is_bound and not filterset.is_valid():
            for name, messages in filterset.errors.items():
                label = filterset.form.fields[name].label if name in filterset.form.fields else ""
                for message in messages:
                    self.add_error(None, f"{label}: {message}" if label else message)
        cleaned["format"] = cleaned.get("format") or "xlsx"
        return cleaned


class ListExporter(Exporter):
    """An exporter of one of the workforce lists; subclasses name the FilterSet and the queryset."""

    required_roles = HR_ROLES
    file_format = "xlsx"
    filterset_class: type = EmployeeFilter
    kind = ""

    def scoped_queryset(self, actor: Any) -> QuerySet:
        raise NotImplementedError

    def filterset(self, data: Mapping[str, Any] | QueryDict, *, actor: Any):
        data = as_querydict(data)
        filters = data.copy()
        for key in NOT_FILTERS:
            filters.pop(key, None)
        return self.filterset_class(filters or None, queryset=self.scoped_queryset(actor),
                                    request=SimpleNamespace(user=actor))

    def get_form(self, data=None, *, actor):
        return FilteredExportForm(data, exporter=self, actor=actor)

    def params_from_form(self, form: FilteredExportForm) -> dict[str, Any]:
        """The format and the list's filters as they were written (the FilterSet reads them again)."""
        data = form.data
        filters: dict[str, Any] = {}
        for key in data:
            if key in NOT_FILTERS or key not in form.filterset.filters:
                continue
            values = [value for value in data.getlist(key) if value not in ("", None)]
            if values:
                filters[key] = values[0] if len(values) == 1 else values
        return {"format": form.cleaned_data["format"], "filters": filters}

    def queryset(self, params: Mapping[str, Any], actor: Any) -> QuerySet:
        filterset = self.filterset(params.get("filters") or {}, actor=actor)
        return filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset

    def estimate(self, *, params, actor) -> int:
        return count_up_to(self.queryset(params, actor), settings.EXPORT_STREAM_MAX_ROWS + 1)

    def write(self, queryset: QuerySet, *, params, actor, progress: ExportProgress):
        return export_queryset(self.kind, queryset, fmt=params["format"], language=get_language(), progress=progress)

    def render(self, *, params, actor, progress: ExportProgress) -> ExportFile:
        queryset = self.queryset(params, actor)
        if progress.job_progress is not None:  # a job shows "n of N rows"; a direct download needs no count
            progress.set_total(queryset.count())
        export = self.write(queryset, params=params, actor=actor, progress=progress)
        return ExportFile(filename=export.filename, content_type=export.content_type, file=export.content,
                          rows=export.rows)


class EmployeeExporter(ListExporter):
    identifier = "workforce.employees"
    verbose_name = _("Employees with their current assignment")
    description = _("The employee list as you filtered it, with personal data and the current assignment.")
    filterset_class = EmployeeFilter
    kind = "employees"

    def scoped_queryset(self, actor):
        return employee_list(user=actor)

    def queryset(self, params, actor):
        queryset = super().queryset(params, actor)
        if not (params.get("filters") or {}).get("ordering"):
            queryset = queryset.order_by("last_name", "first_name", "id")
        return queryset

    def audit_params(self, params):
        # A PINFL or passport searched for goes under a key the audit log masks.
        return {"format": params.get("format"), "filters": audited_filters(_flat(params.get("filters") or {}))}

    def write(self, queryset, *, params, actor, progress):
        return export_employees(queryset=queryset, fmt=params["format"], actor=actor,
                                filters=audited_filters(_flat(params.get("filters") or {})),
                                language=get_language(), progress=progress)


class OrganizationExporter(ListExporter):
    identifier = "workforce.organizations"
    verbose_name = _("Organisations")
    description = _("The organisations in your scope, as the import reads them.")
    filterset_class = OrganizationFilter
    kind = "organizations"

    def scoped_queryset(self, actor):
        return organizations_for(actor)


class StaffPositionExporter(ListExporter):
    identifier = "workforce.staff_positions"
    verbose_name = _("Staff positions")
    description = _("The staffing tables of the organisations in your scope, as the import reads them.")
    filterset_class = StaffPositionFilter
    kind = "staff_positions"

    def scoped_queryset(self, actor):
        return scope_queryset(StaffPosition.objects.all(), user=actor)


def _flat(filters: Mapping[str, Any]) -> dict[str, str]:
    return {key: ",".join(value) if isinstance(value, list) else str(value) for key, value in filters.items()}


EXPORTERS = (EmployeeExporter, OrganizationExporter, StaffPositionExporter)
