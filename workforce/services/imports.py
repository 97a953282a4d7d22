"""Spreadsheet imports: upload -> check (dry run, a Celery task) -> import (a Celery task).

Jobs are checked and written by ``workforce.tasks``; the page polls :func:`import_job_progress`.
The command line uses :func:`import_path` (no job, full access)."""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.documents import document_delete, document_open, document_store
from core.exceptions import ApplicationError
from core.progress import JobProgress as CoreJobProgress
from core.progress import progress_clear, progress_read

from ..access import HR_ROLES, has_role
from ..importing.base import Importer, ImportResult, Progress, run_import
from ..importing.employees import EmployeeImporter
from ..importing.errors import is_file_error
from ..importing.organizations import OrganizationImporter
from ..importing.staff_positions import StaffPositionImporter
from ..importing.upload import CALAMINE_FORMATS, CSV, IMPORT_FILE_USE, inspect_upload
from ..models import ImportJob, ImportKind, ImportStatus, Role
from .notices import import_notify_finished

__all__ = [
    "IMPORTERS",
    "import_job_create",
    "import_job_execute",
    "import_job_progress",
    "import_job_start",
    "import_job_validate",
    "import_path",
    "may_start",
]

logger = logging.getLogger(__name__)

IMPORTERS: dict[str, type[Importer]] = {
    ImportKind.EMPLOYEES: EmployeeImporter,
    ImportKind.ORGANIZATIONS: OrganizationImporter,
    ImportKind.STAFF_POSITIONS: StaffPositionImporter,
}
RUNNING = (ImportStatus.PENDING, ImportStatus.VALIDATING, ImportStatus.IMPORTING)


class ImportJobError(ApplicationError):
    default_code = "import_job_error"


def _importer(kind: str) -> Importer:
    try:
        return IMPORTERS[kind]()
    except KeyError:
        raise ImportJobError(_("Unknown kind of import."), code="import_kind_unknown", field="kind") from None


def _format_of(job: ImportJob) -> str:
    """The stored file's format: the type its bytes showed when it was stored."""
    file_type = job.document.file_type if job.document_id else ""
    return file_type if file_type in CALAMINE_FORMATS else CSV


def _max_stored_errors() -> int:
    return int(getattr(settings, "IMPORT_MAX_STORED_ERRORS", 10_000))


# --- Jobs ------------------------------------------------------------------------------------------

def import_job_create(*, kind: str, uploaded_file: Any, actor: Any, skip_invalid: bool = False,
                      start_when_validated: bool = False) -> ImportJob:
    """Check the upload (size, a real xlsx/xls/ods/csv by its bytes, zip and XML bombs; raises
    ``UploadRejected``), keep it privately through ``core.documents`` (use ``workforce.import_file``,
    which checks the type again: ``DocumentRejected``) and queue the dry run. Only HR officers and
    administrators import. With ``start_when_validated`` the import starts (as the uploader) once
    the check passes."""
    _importer(kind)
    if not has_role(actor, *HR_ROLES):
        raise ImportJobError(_("Only HR officers and administrators may import."), code="import_forbidden")
    name = os.path.basename(getattr(uploaded_file, "name", "") or "upload")
    info = inspect_upload(uploaded_file, name)
    # Kept under the format its content has (an xlsx saved as ".xls" is read as the xlsx it is).
    stored_name = f"{os.path.splitext(name)[0]}.{info.format}" if info.format in CALAMINE_FORMATS else name
    with transaction.atomic():
        job = ImportJob.objects.create(kind=kind, original_name=name[:255], skip_invalid=skip_invalid,
                                       created_by=actor, start_when_validated=start_when_validated)
        uploaded_file.seek(0)
        job.document = document_store(use=IMPORT_FILE_USE, file=uploaded_file, uploaded_by=actor,
                                      original_name=stored_name, owner=job)
        job.save(update_fields=["document"])
        _queue_validation(job)
    return job


def _queue_validation(job: ImportJob) -> None:
    from ..tasks import import_job_validate_task

    transaction.on_commit(lambda: import_job_validate_task.delay(job.pk))


class JobProgress(CoreJobProgress, Progress):
    """Progress of an import job: in the cache at once and, outside the write's transaction, on
    the job row too."""

    def __init__(self, job: ImportJob, status: str) -> None:
        self.job = job
        super().__init__(key=progress_key(job.pk), status=status, total=job.total_rows, persist=self._persist)

    def _persist(self, processed: int, total: int) -> None:
        ImportJob.objects.filter(pk=self.job.pk).update(processed_rows=processed, total_rows=total)


def progress_key(job_id: int) -> str:
    return f"workforce:import-job:{job_id}:progress"


def _job_source(job: ImportJob) -> tuple[Any, IO[bytes] | None]:
    """The uploaded file, opened through ``core.documents`` (the caller closes it)."""
    if job.document_id is None:
        raise ImportJobError(_("The uploaded file is no longer kept (files are deleted %(days)s days after "
                               "upload). Upload it again.") % {"days": settings.IMPORT_FILE_RETENTION_DAYS},
                             code="import_file_missing")
    handle = document_open(job.document)
    return handle, handle


def _store_result(job: ImportJob, result: ImportResult) -> None:
    limit = _max_stored_errors()
    job.errors = result.errors[:limit]
    job.warnings = result.warnings[:limit]
    job.error_count = result.error_rows
    job.total_rows = result.total_rows
    job.processed_rows = result.total_rows
    job.summary = {**result.summary, "errors_total": len(result.errors),
                   "errors_truncated": max(len(result.errors) - limit, 0),
                   "file_errors": sum(1 for error in result.errors if is_file_error(error))}


def import_job_validate(*, job: ImportJob) -> ImportJob:
    """The dry run: every row checked, nothing written. VALIDATED when the job may be imported
    (no errors, or only row errors and ``skip_invalid``), INVALID otherwise."""
    job.refresh_from_db()
    if job.status not in (ImportStatus.PENDING, ImportStatus.VALIDATING):
        return job  # already checked (a repeated task) or further along
    if job.created_by is None:  # the uploader's account is gone: nobody's scope to check against
        return _fail(job, ImportJobError("The account that uploaded the file no longer exists.",
                                         code="import_actor_missing"))
    job.status = ImportStatus.VALIDATING
    job.processed_rows = 0
    job.save(update_fields=["status", "processed_rows", "updated_at"])
    progress = JobProgress(job, ImportStatus.VALIDATING)
    try:
        source, handle = _job_source(job)
    except ImportJobError as exc:
        return _fail(job, exc)
    try:
        result = run_import(_importer(job.kind), source, _format_of(job), user=job.created_by,
                            dry_run=True, skip_invalid=job.skip_invalid, progress=progress)
    except Exception as exc:
        logger.exception("Import job %s failed while checking", job.pk)
        return _fail(job, exc)
    finally:
        if handle is not None:
            handle.close()
    _store_result(job, result)
    job.status = ImportStatus.VALIDATED if result.importable and result.total_rows else ImportStatus.INVALID
    job.save()
    progress_clear(progress_key(job.pk))
    if job.start_when_validated and job.status == ImportStatus.VALIDATED:
        return import_job_start(job=job, actor=job.created_by)  # asked for at upload, by the uploader
    import_notify_finished(job)
    return job


def may_start(job: ImportJob, actor: Any) -> bool:
    """Who may press "start": the uploader, or a system administrator (whose scope must then cover
    every row of the file: checked when the rows are, at the start)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    return actor.pk == job.created_by_id or has_role(actor, Role.ADMIN)


def import_job_start(*, job: ImportJob, actor: Any) -> ImportJob:
    """Queue the import of a checked job (the page's "Import" button). It runs with the uploader's
    scope, never the starter's; an administrator starting someone else's job must also cover
    every row. Raises ``ImportJobError`` (``import_start_forbidden``, ``import_not_ready``)."""
    from ..tasks import import_job_execute_task

    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not may_start(job, actor):
            raise ImportJobError(_("Only the person who uploaded this file, or a system administrator, may start "
                                   "its import."), code="import_start_forbidden")
        if job.status != ImportStatus.VALIDATED:
            raise ImportJobError(_("This file cannot be imported in its current state."), code="import_not_ready")
        job.status = ImportStatus.IMPORTING
        job.processed_rows = 0
        job.started_by = actor
        job.save(update_fields=["status", "processed_rows", "started_by", "updated_at"])
        audit_log("workforce.import.started", actor=actor, target=job,
                  data={"kind": job.kind, "uploaded_by": job.created_by_id})
        transaction.on_commit(lambda: import_job_execute_task.delay(job.pk))
    return job


def import_job_execute(*, job: ImportJob) -> ImportJob:
    """Re-check the file under row locks and write it in one transaction (DONE), or record why not
    (INVALID: the data changed since the check, or the starter's scope does not cover the rows).
    The rows are checked against the uploader's scope and written in the uploader's name.
    Idempotent: a DONE job is never written again, and DONE is recorded in the same transaction as
    the rows."""
    job.refresh_from_db()
    if job.status == ImportStatus.DONE:
        return job
    uploader = job.created_by
    if uploader is None or not uploader.is_active or not has_role(uploader, *HR_ROLES):
        return _fail(job, ImportJobError("The account that uploaded the file may no longer import.",
                                         code="import_forbidden"))
    if job.status not in (ImportStatus.VALIDATED, ImportStatus.IMPORTING):
        raise ImportJobError(_("This file cannot be imported in its current state."), code="import_not_ready")
    if job.status != ImportStatus.IMPORTING:
        job.status = ImportStatus.IMPORTING
        job.save(update_fields=["status", "updated_at"])
    progress = JobProgress(job, ImportStatus.IMPORTING)

    def not_done_yet() -> bool:
        return not ImportJob.objects.select_for_update().filter(pk=job.pk, status=ImportStatus.DONE).exists()

    def mark_done(result: ImportResult) -> None:
        _store_result(job, result)
        job.created_count = result.summary.get("to_create", 0)
        job.updated_count = result.summary.get("to_update", 0)
        job.unchanged_count = result.summary.get("unchanged", 0)
        job.status = ImportStatus.DONE
        job.finished_at = timezone.now()
        job.save()

    try:
        source, handle = _job_source(job)
    except ImportJobError as exc:
        return _fail(job, exc)
    try:
        result = run_import(
            _importer(job.kind), source, _format_of(job), user=uploader, started_by=job.started_by,
            dry_run=False, skip_invalid=job.skip_invalid, progress=progress, change_reason=f"import #{job.pk}",
            audit_data={"job": job.pk, "file": job.original_name, "started_by": job.started_by_id},
            before_write=not_done_yet, after_write=mark_done,
        )
    except Exception as exc:
        logger.exception("Import job %s failed while importing", job.pk)
        return _fail(job, exc)
    finally:
        if handle is not None:
            handle.close()
    progress_clear(progress_key(job.pk))
    job.refresh_from_db()
    if job.status != ImportStatus.DONE:
        _store_result(job, result)
        job.status = ImportStatus.INVALID
        job.finished_at = timezone.now()
        job.save()
    import_notify_finished(job)
    return job


def _fail(job: ImportJob, exc: Exception) -> ImportJob:
    job.status = ImportStatus.FAILED
    job.failure = f"{type(exc).__name__}: {exc}"[:2000]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "failure", "finished_at", "updated_at"])
    progress_clear(progress_key(job.pk))
    import_notify_finished(job)
    return job


def import_job_progress(job: ImportJob) -> dict[str, Any]:
    """``{"status", "processed", "total", "percent"}`` for the progress bar."""
    if job.status in RUNNING:
        cached = progress_read(progress_key(job.pk))
        if cached and cached.get("status") == job.status:
            return cached
        return {"status": job.status, "processed": job.processed_rows, "total": job.total_rows,
                "percent": job.progress_percent}
    return {"status": job.status, "processed": job.total_rows, "total": job.total_rows, "percent": 100}


# --- Command line ------------------------------------------------------------------------------------

def import_path(path: str | Path, *, kind: str, dry_run: bool, skip_invalid: bool = False,
                actor: Any = None) -> ImportResult:
    """Check (and unless ``dry_run``, write) the file at ``path``; without ``actor`` the import
    has full access, as the command line does. Raises ``UploadRejected`` for a file we refuse."""
    path = Path(path)
    importer = _importer(kind)
    with open(path, "rb") as handle:
        info = inspect_upload(handle, path.name)
    return run_import(importer, path, info.format, user=actor, dry_run=dry_run, skip_invalid=skip_invalid,
                      change_reason=f"import: {path.name}"[:100], audit_data={"file": path.name, "source": "cli"})


def import_files_purge(*, older_than_days: int) -> int:
    """Delete the uploaded files of jobs finished more than ``older_than_days`` ago: they hold
    personal data and are not needed once imported (the job keeps its report and counts). The
    documents' own expiry (``core.documents_purge``) catches whatever this misses."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    finished = [ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.INVALID, ImportStatus.VALIDATED]
    purged = 0
    jobs = ImportJob.objects.filter(status__in=finished, updated_at__lt=cutoff, document__isnull=False)
    for job in jobs.select_related("document"):
        document_delete(document=job.document, actor=None)  # the job's link is emptied (SET_NULL)
        purged += 1
    return purged
