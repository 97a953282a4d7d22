"""Starting and running exports. ``export_respond`` is what pages call; ``export_start`` what the
API (and big page exports) call; the Celery task runs ``export_run``."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from rest_framework import status as http_status

from core.access import user_roles
from core.audit import audit_log
from core.documents import document_store
from core.errors import CoreErrorCode
from core.exceptions import ApplicationError
from core.progress import JobProgress, progress_clear

from .base import Exporter, ExportFile, ExportProgress, as_querydict
from .models import ExportJob, ExportStatus
from .registry import get_exporter

logger = logging.getLogger(__name__)

EXPORT_DOCUMENT_USE = "core.export"


class ExportForbidden(ApplicationError):
    default_code = CoreErrorCode.EXPORT_FORBIDDEN
    http_status = http_status.HTTP_403_FORBIDDEN


def _may_run(exporter: Exporter, actor: Any) -> bool:
    return bool(actor is not None and getattr(actor, "is_active", False)
                and user_roles(actor) & set(exporter.required_roles))


def _check_roles(exporter: Exporter, actor: Any) -> None:
    if not _may_run(exporter, actor):
        raise ExportForbidden(_("Your roles do not allow the export “%(name)s”.") % {"name": exporter})


def _finished_audit(*, exporter: Exporter, actor: Any, params: Mapping[str, Any], rows: int, delivery: str,
                    job: ExportJob | None = None, request: HttpRequest | None = None) -> None:
    audit_log("core.export.finished", actor=actor, target=job, request=request,
              data={"identifier": exporter.identifier, "rows": rows, "delivery": delivery,
                    "params": exporter.audit_params(params)})


@transaction.atomic
def export_start(*, actor: Any, identifier: str, params: Mapping[str, Any] | None,
                 language: str | None = None) -> ExportJob:
    """Check that ``actor`` holds the exporter's roles, validate ``params`` with its form, create the
    job and queue it after commit. The job renders with ``actor``'s scope and ``language`` (default:
    the active language)."""
    exporter = get_exporter(identifier)
    _check_roles(exporter, actor)
    cleaned = exporter.clean_params(params, actor=actor)
    job = ExportJob.objects.create(identifier=identifier, params=cleaned, requested_by=actor,
                                   language=language or translation.get_language() or settings.LANGUAGE_CODE)
    audit_log("core.export.started", actor=actor, target=job,
              data={"identifier": identifier, "params": exporter.audit_params(cleaned)})
    from core.tasks import export_run_task

    transaction.on_commit(lambda: export_run_task.delay(job.pk))
    return job


def _claim(job_id: int) -> bool:
    """Take the job for this run: a pending one, or one whose worker died past the task time limit.
    Two deliveries of the same task cannot both claim it."""
    now = timezone.now()
    stale = now - timedelta(seconds=int(getattr(settings, "CELERY_TASK_TIME_LIMIT", 1800)) + 60)
    return bool(ExportJob.objects.filter(pk=job_id)
                .filter(Q(status=ExportStatus.PENDING) | Q(status=ExportStatus.RUNNING, started_at__lt=stale))
                .update(status=ExportStatus.RUNNING, started_at=now, rows_done=0))


def _fail(job: ExportJob, *, code: str, message: str) -> str:
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.FAILED, error_code=code, error=message,
                                               finished_at=timezone.now())
    audit_log("core.export.failed", actor=job.requested_by, target=job,
              data={"identifier": job.identifier, "code": code})
    progress_clear(job.progress_key)
    return ExportStatus.FAILED


def export_run(*, job_id: int) -> str:
    """Run one job (the Celery task's body): render with the requester's scope and language, store
    the file (``core.export`` documents, kept ``EXPORT_RETENTION_DAYS``), audit
    ``core.export.finished`` and notify the requester. Idempotent: a finished or running job is not
    run again. Returns the job's status."""
    if not _claim(job_id):
        job = ExportJob.objects.filter(pk=job_id).only("status").first()
        return job.status if job else "missing"
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    actor = job.requested_by
    try:
        exporter = get_exporter(job.identifier)
    except ApplicationError as error:
        return _fail(job, code=error.code, message=error.message)
    language = job.language or getattr(actor, "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        if not _may_run(exporter, actor):
            # Roles are checked again when the work is done: a grant withdrawn meanwhile stops it.
            return _fail(job, code=CoreErrorCode.EXPORT_FORBIDDEN,
                         message=_("Your roles no longer allow this export."))

        def persist(processed: int, total: int) -> None:
            ExportJob.objects.filter(pk=job.pk).update(rows_done=processed, rows_total=total)

        job_progress = JobProgress(key=job.progress_key, status=ExportStatus.RUNNING, persist=persist)
        result: ExportFile | None = None
        try:
            result = exporter.render(params=job.params, actor=actor, progress=ExportProgress(job_progress))
            with transaction.atomic():
                document = document_store(use=EXPORT_DOCUMENT_USE, file=result.open(), uploaded_by=actor,
                                          original_name=result.filename, owner=job)
                rows = result.rows
                ExportJob.objects.filter(pk=job.pk).update(
                    status=ExportStatus.DONE, result=document, rows_done=rows, rows_total=max(rows, job.rows_total),
                    finished_at=timezone.now(), expires_at=document.expires_at, error="", error_code="")
                _finished_audit(exporter=exporter, actor=actor, params=job.params, rows=rows, delivery="job", job=job)
                _notify_ready(job, exporter, rows)
        except ApplicationError as error:
            return _fail(job, code=error.code, message=error.message)
        except Exception:
            logger.exception("Export job %s (%s) failed", job.pk, job.identifier)
            return _fail(job, code=CoreErrorCode.EXPORT_FAILED,
                         message=_("The export could not be prepared. Try again later or contact the administrator."))
        finally:
            if result is not None:
                result.cleanup()
    progress_clear(job.progress_key)
    return ExportStatus.DONE


def _notify_ready(job: ExportJob, exporter: Exporter, rows: int) -> None:
    from core.notifications import notify

    notify([job.requested_by], "core.export_ready", {"export": job.identifier, "rows": rows,
                                                      "job_id": job.pk},
           link=reverse("exports:job", args=[job.pk]))


def export_respond(request: HttpRequest, identifier: str, params: Mapping[str, Any] | None) -> HttpResponse:
    """What a page's export link answers: the file at once when the export is small (at most
    ``settings.EXPORT_STREAM_MAX_ROWS`` rows), otherwise a job and a redirect to its page.

    403 without the exporter's roles, 404 for an unknown exporter, 400 (a page naming the field)
    for invalid parameters."""
    try:
        exporter = get_exporter(identifier)
    except ApplicationError:
        raise Http404 from None
    actor = request.user
    if not _may_run(exporter, actor):
        raise PermissionDenied
    try:
        cleaned = exporter.clean_params(params, actor=actor)
    except ApplicationError as error:
        # The project's 400 page, naming each field at fault (as the lists' own filters do).
        fields = exporter.get_form(as_querydict(params), actor=actor).fields
        problems = [(fields[name].label if name in fields else "", " ".join(messages))
                    for name, messages in (error.extra or {}).items()] or [("", error.message)]
        return render(request, "400.html", {"problems": problems}, status=400)
    rows = exporter.estimate(params=cleaned, actor=actor)
    if rows > settings.EXPORT_STREAM_MAX_ROWS:
        job = export_start(actor=actor, identifier=identifier, params=params)  # the raw params: it validates
        return redirect("exports:job", job.pk)
    result = exporter.render(params=cleaned, actor=actor, progress=ExportProgress())
    _finished_audit(exporter=exporter, actor=actor, params=cleaned, rows=result.rows, delivery="direct",
                    request=request)
    response = FileResponse(result.open(), as_attachment=True, filename=result.filename,
                            content_type=result.content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
