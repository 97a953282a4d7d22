"""Pages of spreadsheet imports and exports: upload, the job (progress, preview of every invalid
row, import button, result), templates, and the exports of the scoped lists."""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.documents import document_download_url
from core.exceptions import ApplicationError
from core.exporters import export_respond
from core.mixins import RoleRequiredMixin

from ..access import HR_ROLES
from ..exporting import escape_formula, import_template
from ..importing.errors import error_column, error_message, is_file_error
from ..models import ImportJob, ImportKind, ImportStatus
from ..selectors import import_job_list
from ..services.imports import import_job_create, import_job_progress, import_job_start, may_start

ERRORS_PER_PAGE = 200
FINISHED = (ImportStatus.VALIDATED, ImportStatus.INVALID, ImportStatus.DONE, ImportStatus.FAILED)


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"), choices=ImportKind.choices,
                             initial=ImportKind.EMPLOYEES)
    file = forms.FileField(label=gettext_lazy("File (.xlsx, .xls, .ods or .csv)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.ods,.csv"}))
    skip_invalid = forms.BooleanField(
        label=gettext_lazy("Import the valid rows and skip the invalid ones"), required=False,
        help_text=gettext_lazy("By default nothing is imported while any row has an error."),
    )


def visible_jobs(user):
    """Jobs a user may open (``workforce.selectors.import_job_list``)."""
    return import_job_list(user=user)


class ImportUploadView(RoleRequiredMixin, TemplateView):
    required_roles = HR_ROLES
    template_name = "workforce/imports/upload.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportUploadForm(initial={"kind": self.request.GET.get("kind") or "employees"}))
        context["kinds"] = ImportKind.choices
        context["jobs"] = visible_jobs(self.request.user).filter(created_by=self.request.user)[:10]
        return context

    def post(self, request, *args, **kwargs):
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = import_job_create(kind=form.cleaned_data["kind"], uploaded_file=form.cleaned_data["file"],
                                        actor=request.user, skip_invalid=form.cleaned_data["skip_invalid"])
            except ApplicationError as error:
                form.add_error("file" if error.field == "file" else None, error.message)
            else:
                return HttpResponseRedirect(reverse("workforce:import_job", args=[job.pk]))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ImportJobMixin(RoleRequiredMixin):
    required_roles = HR_ROLES

    def get_job(self) -> ImportJob:
        return get_object_or_404(visible_jobs(self.request.user), pk=self.kwargs["pk"])


def job_context(request, job: ImportJob) -> dict:
    """What the job page and its polled fragment show; reasons in the viewer's language."""
    progress = import_job_progress(job)
    context = {"job": job, "progress": progress, "finished": job.status in FINISHED}
    if job.status in (ImportStatus.VALIDATED, ImportStatus.INVALID, ImportStatus.DONE):
        page = Paginator(job.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
        context["error_page"] = page
        context["errors"] = [{**error, "column": error_column(error), "reason": error_message(error)}
                             for error in page.object_list]
        # Problems of the file itself (no header row, a required column missing...): no row was
        # checked, so the page says what is wrong with the file, never "0 rows have errors".
        context["file_errors"] = [error_message(error) for error in job.errors if is_file_error(error)]
        context["only_file_errors"] = len(context["file_errors"]) == len(job.errors)
        context["warnings"] = [{**warning, "column": error_column(warning), "reason": error_message(warning)}
                               for warning in job.warnings[:ERRORS_PER_PAGE]]
        context["summary"] = job.summary or {}
        context["can_import"] = job.status == ImportStatus.VALIDATED and may_start(job, request.user)
    return context


class ImportJobView(ImportJobMixin, TemplateView):
    template_name = "workforce/imports/job.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.get_job()
        context.update(job_context(self.request, job))
        # The uploaded file, while it is kept: served by core.documents, which asks
        # workforce.selectors.import_file_can_view (the same people who may open this page).
        if job.document is not None and not job.document.is_expired:
            context["uploaded_file_url"] = document_download_url(job.document)
        return context


class ImportJobProgressView(ImportJobMixin, TemplateView):
    """The fragment the job page polls (htmx, every second) until the job has finished."""

    template_name = "workforce/imports/_status.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(job_context(self.request, self.get_job()))
        return context


class ImportJobStartView(ImportJobMixin, View):
    def post(self, request, *args, **kwargs):
        job = self.get_job()
        try:
            import_job_start(job=job, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(reverse("workforce:import_job", args=[job.pk]))


class ImportJobErrorsView(ImportJobMixin, View):
    """Every error of a job as CSV, reasons in the viewer's language."""

    def get(self, request, *args, **kwargs):
        job = self.get_job()
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow([_("Row"), _("Column"), _("Value"), _("Reason"), _("Code")])
        for error in job.errors:
            writer.writerow([error["row"] or "", escape_formula(error_column(error)), escape_formula(error["value"]),
                             escape_formula(error_message(error)), error["code"]])
        response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-errors.csv"'
        return response


class ImportTemplateView(RoleRequiredMixin, View):
    required_roles = HR_ROLES

    def get(self, request, kind: str, *args, **kwargs):
        if kind not in ImportKind.values:
            raise Http404
        template = import_template(kind, language=get_language())
        return FileResponse(template.content, as_attachment=True, filename=template.filename,
                            content_type=template.content_type)


# --- exports ---------------------------------------------------------------------------------------
# The lists' exports run through core.exporters (workforce.exporters): the file at once when small,
# a job with a progress page when big. Each exports the list as the user filtered it, in their scope.

class ExportListView(RoleRequiredMixin, View):
    required_roles = HR_ROLES
    identifier = ""

    def get(self, request, *args, **kwargs):
        return export_respond(request, self.identifier, request.GET)


class ExportEmployeesView(ExportListView):
    """The employee list as the user sees it (scope + the list's filters) with the current assignment."""

    identifier = "workforce.employees"


class ExportOrganizationsView(ExportListView):
    identifier = "workforce.organizations"


class ExportStaffPositionsView(ExportListView):
    identifier = "workforce.staff_positions"
