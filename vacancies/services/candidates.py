"""Candidate accounts and profiles. Sign-up answers the same way whatever happens (no one learns
whether a PINFL or an e-mail is registered); what happened is told by e-mail to the address's owner.

A serving civil servant never signs up a second identity: their account (linked to the employee
record) becomes a candidate on first use of the cabinet, prefilled from the record."""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.exceptions import clean_or_raise
from core.models import User
from core.text import collapse_spaces, normalize_apostrophes
from workforce.models import EDUCATION_RANK
from workforce.selectors import person_by_pinfl, person_by_user, person_educations
from workforce.validators import pinfl_birth_date, pinfl_problems, pinfl_sex, validate_passport

from ..errors import VacancyError, VacancyErrorCode
from ..models import Candidate, CandidateDocument, CandidateDocumentKind, CandidateEducation, CandidateExperience
from ._common import stamp

__all__ = [
    "SignupOutcome",
    "activation_token",
    "candidate_activate",
    "candidate_document_add",
    "candidate_document_remove",
    "candidate_education_add",
    "candidate_education_remove",
    "candidate_experience_add",
    "candidate_experience_remove",
    "candidate_for_user",
    "candidate_signup",
    "candidate_update",
]


class _ActivationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "vacancies.candidate.activation"


activation_token = _ActivationTokenGenerator()


class SignupOutcome(StrEnum):
    """What sign-up did (for tests and the audit log; the visitor always sees the same page)."""

    CREATED = "created"
    ACCOUNT_EXISTS = "account_exists"
    USE_EMPLOYEE_ACCOUNT = "use_employee_account"
    IDENTITY_MISMATCH = "identity_mismatch"


def _identity(pinfl: str, passport: str) -> tuple[str, str, datetime.date, str]:
    pinfl = collapse_spaces(pinfl).replace(" ", "")
    passport = collapse_spaces(passport).replace(" ", "").upper()
    problems = pinfl_problems(pinfl)
    if problems:
        code, message = problems[0]
        raise VacancyError(f"{pinfl}: {message}", code=code, field="pinfl")
    try:
        validate_passport(passport)
    except ValidationError as exc:
        raise VacancyError(" ".join(exc.messages), code=VacancyErrorCode.CANDIDATE_IDENTITY, field="passport") from exc
    birth_date, sex = pinfl_birth_date(pinfl), pinfl_sex(pinfl)
    if birth_date is None or sex is None or birth_date > timezone.localdate():
        raise VacancyError(_("Digits 2–7 of a PINFL must be a date of birth (DDMMYY)."),
                           code=VacancyErrorCode.CANDIDATE_IDENTITY, field="pinfl")
    return pinfl, passport, birth_date, sex


def _mail(to: str, template: str, context: dict[str, Any]) -> None:
    body = render_to_string(f"vacancies/emails/{template}.txt", context)
    subject, _sep, text = body.partition("\n")
    send_mail(subject.strip(), text.strip(), settings.DEFAULT_FROM_EMAIL, [to])


@transaction.atomic
def candidate_signup(*, email: str, password: str, pinfl: str, passport: str, last_name: str, first_name: str,
                     middle_name: str = "", phone: str = "", activation_url: str, login_url: str) -> SignupOutcome:
    """Register a candidate. Input errors (a PINFL with a typo, a weak password) raise at once; what
    depends on other people's data never shows in the answer: a new account gets an activation link
    (``activation_url`` formatted with ``uid`` and ``token``), an address or PINFL already registered
    gets a reminder to log in, a civil servant on record with an account is told to use it.

    The login is the e-mail address."""
    email = collapse_spaces(email).lower()
    pinfl, passport, birth_date, sex = _identity(pinfl, passport)
    names = {"last_name": normalize_apostrophes(collapse_spaces(last_name)),
             "first_name": normalize_apostrophes(collapse_spaces(first_name)),
             "middle_name": normalize_apostrophes(collapse_spaces(middle_name))}
    UserModel = get_user_model()
    probe = UserModel(username=email, email=email, first_name=names["first_name"], last_name=names["last_name"])
    try:
        validate_password(password, user=probe)
    except ValidationError as exc:
        raise VacancyError(" ".join(exc.messages), code="password_invalid", field="password1") from exc
    existing = UserModel.objects.filter(username__iexact=email).first() or UserModel.objects.filter(
        email__iexact=email).first()
    holder = Candidate.objects.filter(pinfl=pinfl).select_related("user").first()
    if existing is not None or holder is not None:
        for account in {a for a in (existing, holder.user if holder else None) if a is not None}:
            if account.email:
                _mail(account.email, "account_exists", {"user": account, "login_url": login_url})
        audit_log("vacancies.candidate.signup_refused", data={"email": email, "pinfl": pinfl, "why": "exists"})
        return SignupOutcome.ACCOUNT_EXISTS
    employee = person_by_pinfl(pinfl)
    if employee is not None and employee.user_id is not None:
        if employee.user.email:
            _mail(employee.user.email, "use_employee_account", {"user": employee.user, "login_url": login_url})
        audit_log("vacancies.candidate.signup_refused", data={"email": email, "pinfl": pinfl, "why": "employee"})
        return SignupOutcome.USE_EMPLOYEE_ACCOUNT
    if employee is not None and (employee.passport != passport or employee.birth_date != birth_date):
        # The PINFL is a civil servant's, but the passport does not confirm it is them.
        _mail(email, "identity_mismatch", {"login_url": login_url})
        audit_log("vacancies.candidate.signup_refused", data={"email": email, "pinfl": pinfl, "why": "identity"})
        return SignupOutcome.IDENTITY_MISMATCH
    user = UserModel(username=email, email=email, first_name=names["first_name"], last_name=names["last_name"],
                     is_active=False)
    user.set_password(password)
    candidate = Candidate(employee=employee, pinfl=pinfl, passport=passport, birth_date=birth_date, sex=sex,
                          phone=collapse_spaces(phone), **names)
    clean_or_raise(candidate, exclude=["user", "employee"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            user.save()
            candidate.user = user
            candidate.save()
    except IntegrityError:  # the same address or PINFL signed up at the same moment
        return SignupOutcome.ACCOUNT_EXISTS
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    url = activation_url.format(uid=uid, token=activation_token.make_token(user))
    _mail(email, "activate", {"user": user, "url": url})
    audit_log("vacancies.candidate.signed_up", actor=None, target=candidate,
              data={"email": email, "linked_employee": employee is not None})
    return SignupOutcome.CREATED


def candidate_activate(*, uidb64: str, token: str) -> User | None:
    """Activate the account of a valid link (once); None for a wrong or used link."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = get_user_model().objects.filter(pk=pk, candidate__isnull=False).first()
    if user is None or not activation_token.check_token(user, token):
        return None
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_log("vacancies.candidate.activated", actor=user, target=user.candidate)
    return user


def candidate_for_user(user: User) -> Candidate | None:
    """The account's candidate profile. A civil servant's account (linked to their employee record)
    gets one on first use, prefilled from the record: they apply as themselves."""
    if not getattr(user, "is_authenticated", False):
        return None
    candidate = Candidate.objects.select_related("employee", "employee__organization").filter(user=user).first()
    if candidate is not None:
        return candidate
    employee = person_by_user(user)
    if employee is None:
        return None
    with transaction.atomic():
        candidate = Candidate(user=user, employee=employee, pinfl=employee.pinfl, passport=employee.passport or "",
                              last_name=employee.last_name, first_name=employee.first_name,
                              middle_name=employee.middle_name, birth_date=employee.birth_date, sex=employee.sex,
                              phone=employee.phone, languages=list(employee.languages or []))
        try:
            with transaction.atomic():
                candidate.save()
        except IntegrityError:  # opened in two tabs at once
            return Candidate.objects.select_related("employee").get(user=user)
        CandidateEducation.objects.bulk_create([
            CandidateEducation(candidate=candidate, level=e.level, institution=e.institution, specialty=e.specialty,
                               graduation_year=e.graduation_year)
            for e in person_educations(employee) if e.level in EDUCATION_RANK
        ])
        audit_log("vacancies.candidate.created_from_employee", actor=user, target=candidate)
    return candidate


CANDIDATE_UPDATABLE = frozenset({"phone", "languages", "middle_name"})


@transaction.atomic
def candidate_update(*, candidate: Candidate, actor: User | None, **fields: Any) -> Candidate:
    """Contacts and languages (names and identity come from sign-up or the employee record)."""
    changed = []
    for name, value in fields.items():
        if name not in CANDIDATE_UPDATABLE:
            raise ValueError(f"Candidate cannot be updated in {name}")
        if name == "languages":
            if isinstance(value, str):
                value = value.replace(";", ",").split(",")
            value = list(dict.fromkeys(collapse_spaces(v).lower() for v in value if collapse_spaces(v)))
        else:
            value = collapse_spaces(value)
        if getattr(candidate, name) != value:
            setattr(candidate, name, value)
            changed.append(name)
    if changed:
        clean_or_raise(candidate, exclude=["user", "employee"], validate_unique=False, validate_constraints=False)
        stamp(candidate, actor)
        candidate.save(update_fields=[*changed, "updated_at"])
        audit_log("vacancies.candidate.updated", actor=actor, target=candidate, data={"fields": changed})
    return candidate


@transaction.atomic
def candidate_education_add(*, candidate: Candidate, level: str, institution: str, specialty: str = "",
                            graduation_year: int | None = None, actor: User | None) -> CandidateEducation:
    if graduation_year is not None and not candidate.birth_date.year + 10 <= graduation_year <= \
            timezone.localdate().year + 6:
        raise VacancyError(_("Graduation year %(year)s is not plausible for someone born in %(born)s.")
                           % {"year": graduation_year, "born": candidate.birth_date.year},
                           code=VacancyErrorCode.EDUCATION_YEAR_INVALID, field="graduation_year")
    education = CandidateEducation(candidate=candidate, level=level, institution=collapse_spaces(institution),
                                   specialty=collapse_spaces(specialty), graduation_year=graduation_year)
    clean_or_raise(education, exclude=["candidate"])
    stamp(education, actor)
    education.save()
    audit_log("vacancies.candidate.education_added", actor=actor, target=candidate, data={"level": level})
    return education


@transaction.atomic
def candidate_education_remove(*, education: CandidateEducation, actor: User | None) -> None:
    candidate = education.candidate
    stamp(education, actor)
    education.delete()
    audit_log("vacancies.candidate.education_removed", actor=actor, target=candidate)


@transaction.atomic
def candidate_experience_add(*, candidate: Candidate, employer: str, position: str, start_date: datetime.date,
                             end_date: datetime.date | None = None, actor: User | None) -> CandidateExperience:
    today = timezone.localdate()
    if start_date > today or (end_date is not None and end_date < start_date) or start_date < candidate.birth_date:
        raise VacancyError(_("The dates of the job are not in order (from %(start)s until %(end)s).")
                           % {"start": start_date.strftime("%d.%m.%Y"),
                              "end": end_date.strftime("%d.%m.%Y") if end_date else "…"},
                           code=VacancyErrorCode.EXPERIENCE_DATES_INVALID, field="end_date")
    experience = CandidateExperience(candidate=candidate, employer=collapse_spaces(employer),
                                     position=collapse_spaces(position), start_date=start_date, end_date=end_date)
    clean_or_raise(experience, exclude=["candidate"])
    stamp(experience, actor)
    experience.save()
    audit_log("vacancies.candidate.experience_added", actor=actor, target=candidate)
    return experience


@transaction.atomic
def candidate_experience_remove(*, experience: CandidateExperience, actor: User | None) -> None:
    candidate = experience.candidate
    stamp(experience, actor)
    experience.delete()
    audit_log("vacancies.candidate.experience_removed", actor=actor, target=candidate)


@transaction.atomic
def candidate_document_add(*, candidate: Candidate, kind: str, file: Any, title: str = "",
                           actor: User | None) -> CandidateDocument:
    """Keep a CV or diploma of ``candidate`` (PDF, JPEG or PNG, checked by its bytes, at most 10 MB,
    through ``core.documents``). Refused with the platform's document codes, or
    ``candidate_documents_too_many`` beyond ``CANDIDATE_DOCUMENT_MAX``."""
    from core.documents import document_store

    from ..documents import CANDIDATE_DOCUMENT_MAX, CANDIDATE_DOCUMENT_USE

    if kind not in CandidateDocumentKind.values:
        raise VacancyError(_("Choose what the document is (CV, diploma or other)."),
                           code=VacancyErrorCode.DOCUMENT_KIND_INVALID, field="kind")
    Candidate.objects.select_for_update(no_key=True).filter(pk=candidate.pk).first()
    if candidate.documents.count() >= CANDIDATE_DOCUMENT_MAX:
        raise VacancyError(_("You already keep %(limit)s documents; remove one before adding another.")
                           % {"limit": CANDIDATE_DOCUMENT_MAX},
                           code=VacancyErrorCode.DOCUMENTS_TOO_MANY, field="file")
    stored = document_store(use=CANDIDATE_DOCUMENT_USE, file=file, uploaded_by=actor, owner=candidate)
    document = CandidateDocument.objects.create(candidate=candidate, kind=kind, document=stored,
                                                title=collapse_spaces(title)[:255])
    audit_log("vacancies.candidate.document_added", actor=actor, target=candidate,
              data={"kind": kind, "document": str(stored.pk), "type": stored.file_type, "size": stored.size})
    return document


@transaction.atomic
def candidate_document_remove(*, document: CandidateDocument, actor: User | None) -> None:
    """Remove the candidate's document and its file (after commit)."""
    from core.documents import document_delete

    candidate, stored = document.candidate, document.document
    audit_log("vacancies.candidate.document_removed", actor=actor, target=candidate,
              data={"kind": document.kind, "document": str(stored.pk)})
    document_delete(document=stored, actor=actor)  # cascades to the CandidateDocument row
