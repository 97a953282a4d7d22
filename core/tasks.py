from celery import shared_task

from .audit import audit_log


@shared_task(name="core.heartbeat")
def heartbeat(marker: str) -> str:
    """Prove a worker can reach the database: records ``core.worker.heartbeat`` with ``marker``.

    Idempotent in effect (one more audit row); used by the real-worker test and by operators."""
    audit_log("core.worker.heartbeat", data={"marker": marker})
    return marker
