"""Certificates of passed attempts: issued as the platform's verifiable documents, and revoked.

A certificate states what was true when the attempt passed, and never changes afterwards: the holder's
name, the test as it was sat, the date, the score and the pass mark, in the language the test was sat
in. Those values are written once, here, into the ``Certificate`` row and its
``core.verification.VerifiableDocument``; the PDF (``assessment.certificate_pdf``) and the public
check at ``/verify/<code>/`` are drawn from these two rows only."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import can_access_organization
from core.audit import audit_log
from core.i18n import localized_value
from core.verification import VerifiableDocument, verifiable_issue, verifiable_revoke

from ..errors import AssessmentErrorCode, AssessmentNotFound
from ..models import Attempt, Certificate, CertificateStatus, Section
from ..roles import CERTIFICATE_ROLES

__all__ = ["CERTIFICATE_KIND", "certificate_issue", "certificate_revoke",
           "certificates_issue_pending", "holder_names", "holder_summary"]

CERTIFICATE_KIND = "assessment.certificate"
DEFAULT_ISSUER = gettext_lazy("Civil Service Development Agency")
"""Issuer of certificates of national tests sat outside an organisation's campaign (candidates)."""
NAME_LANGUAGES = ("uz", "uz_cyrl", "ru", "en")


def _language_of(attempt: Attempt) -> str:
    language = attempt.language or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _initial(name: str) -> str:
    name = name.strip()
    return f"{name[0].upper()}." if name else ""


def holder_names(user: Any) -> tuple[str, str]:
    """(full name, surname and initials) of the holder, both from the same source: the workforce
    record when the holder has one (it carries the patronymic), else the account. "Karimov A. A." is
    enough to match the paper to its holder on the public check, and identifies nobody by itself."""
    from workforce.selectors import person_by_user

    employee = person_by_user(user)
    if employee is not None:
        last, first, middle = employee.last_name, employee.first_name, employee.middle_name
    else:
        last, first, middle = user.last_name, user.first_name, ""
    full = " ".join(part.strip() for part in (last, first, middle) if part and part.strip())
    initials = " ".join(part for part in (_initial(first), _initial(middle)) if part)
    summary = " ".join(part for part in (last.strip(), initials) if part)
    return (full or user.get_username())[:255], summary or _("(no name)")


def holder_summary(user: Any) -> str:
    return holder_names(user)[1]


def _names(values: dict[str, str], language: str) -> str:
    return localized_value(SimpleNamespace(**{f"name_{key}": values.get(key, "") for key in NAME_LANGUAGES}), "name",
                           language)


def _issuer(attempt: Attempt) -> str:
    """The campaign's organisation (an attestation), else the test's owner, else the national agency."""
    campaign = attempt.assignment.campaign
    if campaign is not None:
        return campaign.organization.name
    if attempt.test.owner_organization_id:
        return attempt.test.owner_organization.name
    return str(getattr(settings, "ASSESSMENT_CERTIFICATE_ISSUER", "") or DEFAULT_ISSUER)


def _facts(attempt: Attempt, language: str, issuer: str) -> dict[str, Any]:
    finished = timezone.localtime(attempt.finished_at)
    snapshot_names = attempt.settings_snapshot.get("name") or {}
    test_names = {key: snapshot_names.get(key) or getattr(attempt.test, f"name_{key}", "") for key in NAME_LANGUAGES}
    return {
        "language": language,
        "test": test_names,
        "test_code": attempt.test.code,
        "score": str(attempt.score),
        "pass_mark": str(attempt.pass_mark),
        "finished_at": finished.isoformat(),
        "issuer": issuer,
        "sections": [
            {"code": row.section.code, "score": str(row.score),
             "name": {key: getattr(row.section, f"name_{key}", "") for key in NAME_LANGUAGES}}
            for row in attempt.section_scores.select_related("section").order_by("section__ordering", "section__code")
        ],
    }


@transaction.atomic
def certificate_issue(*, attempt: Attempt, actor: Any = None) -> Certificate:
    """Issue the certificate of a passed, finished ``attempt``: the ``Certificate`` row with what it
    states (holder, test as sat, date, score, pass mark, section scores, in the language the test was
    sat in) and its verifiable document (surname and initials, the test, the result, the issuer; no
    identifier), status ``issued``. Idempotent (one per attempt); a ``pending`` certificate recorded
    before documents existed is completed with its own frozen facts."""
    certificate = Certificate.objects.select_for_update().filter(attempt=attempt).first()
    if certificate is not None and certificate.status != CertificateStatus.PENDING:
        return certificate
    attempt = Attempt.objects.select_related("user", "test__owner_organization", "assignment__campaign__organization") \
        .get(pk=attempt.pk)
    if not attempt.passed or attempt.finished_at is None:
        raise ValueError(f"attempt {attempt.pk} has not passed: it gets no certificate")
    language = _language_of(attempt)
    with translation.override(language):
        issuer = _issuer(attempt)
    if certificate is None:
        finished = timezone.localtime(attempt.finished_at)
        certificate = Certificate.objects.create(
            attempt=attempt, number=f"AT-{finished.year}-{attempt.pk:07d}", issued_on=finished.date(),
            holder_name=holder_names(attempt.user)[0],
            facts=_facts(attempt, language, issuer),
        )
    facts = certificate.facts
    language = facts.get("language") or language
    facts.setdefault("issuer", issuer)
    facts.setdefault("language", language)
    if any("name" not in row for row in facts.get("sections", [])):  # recorded by wave 1: codes only
        names = {section.code: section for section in Section.objects.filter(
            code__in=[row["code"] for row in facts["sections"]])}
        for row in facts["sections"]:
            section = names.get(row["code"])
            row.setdefault("name", {key: getattr(section, f"name_{key}", "") for key in NAME_LANGUAGES} if section
                           else {})
    with translation.override(language):
        score = formats.number_format(facts["score"], 2)
        document = verifiable_issue(
            kind=CERTIFICATE_KIND, subject_summary=holder_summary(attempt.user),
            title=_names(facts["test"], language), issuer=facts["issuer"],
            result=_("%(score)s / 100, passed") % {"score": score},
            facts=[(_("Certificate number"), certificate.number), (_("Test date"), certificate.issued_on),
                   (_("Pass mark"), formats.number_format(facts["pass_mark"], 2))],
            source_app="assessment", source_id=certificate.pk,
            issued_at=attempt.finished_at, actor=actor,
        )
    certificate.document, certificate.verification_code = document, document.code
    certificate.status, certificate.facts = CertificateStatus.ISSUED, facts
    certificate.save(update_fields=["document", "verification_code", "status", "facts"])
    audit_log("assessment.certificate.issued", actor=actor, target=certificate,
              data={"attempt": attempt.pk, "score": facts["score"], "code": document.code})
    return certificate


def certificates_issue_pending() -> int:
    """Issue the documents of ``pending`` certificates (recorded before documents existed); returns
    how many. Each in its own transaction; safe to run again."""
    issued = 0
    for certificate in Certificate.objects.filter(status=CertificateStatus.PENDING).select_related("attempt") \
            .order_by("pk").iterator(chunk_size=200):
        if certificate.attempt.passed:
            certificate_issue(attempt=certificate.attempt)
            issued += 1
    return issued


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, actor: Any) -> Certificate:
    """Revoke an issued certificate (a result annulled, a breach found): its verifiable document is
    revoked with ``reason``, which ``/verify/<code>/`` shows with the date. For HR officers and
    administrators of the taker's organisation; anyone else gets "not found", as for a certificate
    that does not exist. Revoking twice is refused (``verification_already_revoked``)."""
    certificate = Certificate.objects.select_for_update(of=("self",)).select_related("attempt__organization") \
        .get(pk=certificate.pk)
    if not can_access_organization(actor, certificate.attempt.organization, roles=CERTIFICATE_ROLES) \
            or certificate.document_id is None:
        raise AssessmentNotFound(_("No such certificate."), code=AssessmentErrorCode.CERTIFICATE_NOT_FOUND)
    document = verifiable_revoke(document=VerifiableDocument.objects.get(pk=certificate.document_id), reason=reason,
                                 actor=actor)
    certificate.status, certificate.revoked_at = CertificateStatus.REVOKED, document.revoked_at
    certificate.revocation_reason = document.revoked_reason[:255]
    certificate.save(update_fields=["status", "revoked_at", "revocation_reason"])
    audit_log("assessment.certificate.revoked", actor=actor, target=certificate,
              data={"reason": certificate.revocation_reason, "code": certificate.verification_code})
    return certificate
