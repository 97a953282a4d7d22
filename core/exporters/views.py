from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.views.generic import TemplateView

from core.documents import document_download_url

from .models import ExportStatus
from .registry import registered_exporters
from .selectors import export_job_of, export_job_progress, export_jobs_of

PAGE_SIZE = 20


def exporter_labels() -> dict[str, str]:
    return {exporter.identifier: str(exporter) for exporter in registered_exporters()}


def job_context(request, pk) -> dict:
    job = export_job_of(user=request.user, pk=pk)
    if job is None:
        raise Http404
    ready = job.status == ExportStatus.DONE and job.result_id is not None and not job.result.is_expired
    return {
        "job": job, "label": exporter_labels().get(job.identifier, job.identifier),
        "progress": export_job_progress(job), "finished": job.is_finished, "ready": ready,
        "expired": job.status == ExportStatus.DONE and not ready,
        "download_url": document_download_url(job.result) if ready else "",
    }


class ExportListView(LoginRequiredMixin, TemplateView):
    """My exports: every job the user asked for, newest first."""

    template_name = "core/exports/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(export_jobs_of(user=self.request.user), PAGE_SIZE).get_page(self.request.GET.get("page"))
        labels = exporter_labels()
        context.update(page_obj=page, jobs=[(job, labels.get(job.identifier, job.identifier)) for job in page])
        return context


class ExportJobView(LoginRequiredMixin, TemplateView):
    template_name = "core/exports/job.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **job_context(self.request, kwargs["pk"])}


class ExportJobStatusView(ExportJobView):
    """The fragment the job page polls (htmx, every second) until the job has finished."""

    template_name = "core/exports/_status.html"
