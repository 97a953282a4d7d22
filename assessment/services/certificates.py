"""The certificate issue point: called when a passed attempt is finished."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from core.audit import audit_log

from ..models import Attempt, Certificate

__all__ = ["certificate_issue"]


@transaction.atomic
def certificate_issue(*, attempt: Attempt) -> Certificate:
    """Record the certificate of a passed ``attempt`` with what it states (holder, test, date, score),
    frozen now: a document says what was true when it was issued. Idempotent (one per attempt).

    The printable PDF with its QR code is the platform's verifiable document: when ``core.verification``
    offers ``verifiable_issue(...)`` and ``core.pdf`` exists, this function renders the facts below
    through them, stores the code in ``verification_code`` and sets the status to ``issued``. Until
    then the certificate stays ``pending`` and no document is shown to anyone."""
    existing = Certificate.objects.filter(attempt=attempt).first()
    if existing is not None:
        return existing
    finished = timezone.localtime(attempt.finished_at)
    facts: dict[str, Any] = {
        "test": {"uz": attempt.test.name_uz, "ru": attempt.test.name_ru, "uz_cyrl": attempt.test.name_uz_cyrl,
                 "en": attempt.test.name_en},
        "test_code": attempt.test.code,
        "score": str(attempt.score),
        "pass_mark": str(attempt.pass_mark),
        "finished_at": finished.isoformat(),
        "sections": [
            {"code": row.section.code, "score": str(row.score)}
            for row in attempt.section_scores.select_related("section")
        ],
    }
    certificate = Certificate.objects.create(
        attempt=attempt, number=f"AT-{finished.year}-{attempt.pk:07d}", issued_on=finished.date(),
        holder_name=(attempt.user.get_full_name() or attempt.user.username)[:255], facts=facts,
    )
    audit_log("assessment.certificate.recorded", actor=None, target=certificate,
              data={"attempt": attempt.pk, "score": str(attempt.score)})
    return certificate
