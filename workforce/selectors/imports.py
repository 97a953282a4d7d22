"""Import jobs a user may see: the pages and the API read them here."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ..access import org_scope
from ..models import ImportJob, Role

__all__ = ["import_file_can_view", "import_job_list"]


def import_job_list(*, user: Any) -> QuerySet[ImportJob]:
    """The jobs ``user`` uploaded; every job for a system administrator of the whole civil
    service. A job of anyone else is not in it (a 404 where it is asked for by id)."""
    jobs = ImportJob.objects.select_related("created_by", "document")
    if user.is_superuser or org_scope(user, [Role.ADMIN]).everything:
        return jobs
    return jobs.filter(created_by=user)


def import_file_can_view(user: Any, document: Any) -> bool:
    """``core.documents`` asks this before serving an uploaded import file: only to whoever may
    open the job it belongs to (its uploader, an administrator of the whole civil service)."""
    return import_job_list(user=user).filter(document=document).exists()
