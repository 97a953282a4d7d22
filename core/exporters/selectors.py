from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from core.progress import progress_read

from .models import ExportJob, ExportStatus


def export_jobs_of(*, user: Any) -> QuerySet[ExportJob]:
    """The user's own export jobs, newest first."""
    return ExportJob.objects.filter(requested_by=user).select_related("result").order_by("-created_at", "-id")


def export_job_of(*, user: Any, pk: Any) -> ExportJob | None:
    """The job if ``user`` asked for it, else ``None`` (a 404 for anyone else)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return export_jobs_of(user=user).filter(pk=pk).first()


def export_job_progress(job: ExportJob) -> dict[str, Any]:
    """``{"status", "processed", "total", "percent"}``: live from the cache while it runs."""
    if job.status == ExportStatus.RUNNING:
        live = progress_read(job.progress_key)
        if live:
            return {**live, "status": job.status}
    return {"status": job.status, "processed": job.rows_done, "total": job.rows_total, "percent": job.percent}
