"""Celery tasks of the platform pieces. They take ids, call a service and are idempotent; the
services queue them with ``transaction.on_commit``."""

from __future__ import annotations

from celery import shared_task

from .audit import audit_log


@shared_task(name="core.heartbeat")
def heartbeat(marker: str) -> str:
    """Prove a worker can reach the database: records ``core.worker.heartbeat`` with ``marker``.

    Idempotent in effect (one more audit row); used by the real-worker test and by operators."""
    audit_log("core.worker.heartbeat", data={"marker": marker})
    return marker


@shared_task(name="core.notification_email")
def notification_email_task(notification_id: int) -> str:
    """Send one notification's e-mail in the recipient's language (sent at most once)."""
    from .notifications.services import notification_email_send

    return notification_email_send(notification_id=notification_id)


@shared_task(name="core.export_run")
def export_run_task(job_id: int) -> str:
    """Render one export job with its requester's scope and store the file (runs a job once)."""
    from .exporters.services import export_run

    return export_run(job_id=job_id)


@shared_task(name="core.documents_purge")
def documents_purge_task() -> int:
    """Daily (beat): delete documents past their retention, and files no row refers to."""
    from .documents.services import documents_purge

    return documents_purge()


__all__ = ["documents_purge_task", "export_run_task", "heartbeat", "notification_email_task"]
