"""The candidate's documents (CV, diplomas) kept through ``core.documents``, and who may open them:
the candidate, and the HR officers (and the commission members of the competition) of a vacancy the
candidate applied to, within their scope. Anyone else gets a 404 from the documents view."""

from __future__ import annotations

from typing import Any

from core.access import scope_queryset
from workforce.access import HR_ROLES

CANDIDATE_DOCUMENT_USE = "vacancies.candidate_document"
CANDIDATE_DOCUMENT_MAX = 20
"""At most this many documents per candidate (a profile, not a file store)."""


def can_view_candidate_document(user: Any, document: Any) -> bool:
    from .models import Application, CandidateDocument
    from .services.commission import COMMISSION_ROLES

    link = CandidateDocument.objects.select_related("candidate").filter(document=document).first()
    if link is None:
        return False
    candidate = link.candidate
    if candidate.user_id == user.pk:
        return True
    applications = Application.objects.filter(candidate=candidate)
    if scope_queryset(applications, user=user, roles=HR_ROLES, org_field="vacancy__organization").exists():
        return True
    return scope_queryset(applications.filter(vacancy__commission__user=user), user=user, roles=COMMISSION_ROLES,
                          org_field="vacancy__organization").exists()
