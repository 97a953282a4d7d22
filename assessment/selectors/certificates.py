"""Certificates as their holders and HR officers may see them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from core.access import scope_queryset

from ..models import Certificate, CertificateStatus
from ..roles import CERTIFICATE_ROLES
from .attempts import result_visibility

__all__ = ["certificate_for_viewer", "certificate_of_attempt", "certificates_in_scope"]

_SHOWN = (CertificateStatus.ISSUED, CertificateStatus.REVOKED)


def _shown() -> QuerySet[Certificate]:
    return Certificate.objects.filter(status__in=_SHOWN, document__isnull=False) \
        .select_related("document", "attempt__user", "attempt__organization")


def certificates_in_scope(*, user: Any) -> QuerySet[Certificate]:
    """Issued or revoked certificates of takers of the organisations where ``user`` is an HR officer
    or administrator (by the taker's organisation at the attempt)."""
    return scope_queryset(_shown(), user=user, roles=CERTIFICATE_ROLES, org_field="attempt__organization")


def certificate_of_attempt(attempt: Any) -> Certificate | None:
    """The attempt's issued or revoked certificate, or None (pending ones are shown to nobody)."""
    return _shown().filter(attempt=attempt).first()


def certificate_for_viewer(*, user: Any, certificate_id: int) -> tuple[Certificate, bool] | None:
    """The certificate and whether ``user`` is its holder; None when they may not see it: it is not
    theirs (or its score is not released to them yet) and it is outside their HR scope."""
    if not getattr(user, "is_authenticated", False):
        return None
    own = _shown().filter(pk=certificate_id, attempt__user=user).first()
    if own is not None and result_visibility(own.attempt)[0]:
        return own, True
    scoped = certificates_in_scope(user=user).filter(pk=certificate_id).first()
    return (scoped, False) if scoped is not None else None
