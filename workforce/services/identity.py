"""Who may take on a person whose record is kept by an organisation outside the actor's scope.

A PINFL identifies one person for life, so a second organisation meets the same record when it
hires someone who served elsewhere. The rule (``rules.claim_violation``), the same for pages, API
and imports: someone employed elsewhere is refused; someone employed nowhere (never placed, or
dismissed) may be taken on only when the surname and the date of birth given match the record.
The refusal names neither which of the two differs nor where the person serves, and taking a
person on never shows the new organisation the old one's orders or sanctions (see
``selectors.employees``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from core.audit import audit_log
from core.models import User

from ..access import HR_ROLES, org_scope
from ..models import Employee, Organization
from . import rules

__all__ = ["PersonDetails", "PersonIdentity", "employee_claim", "employee_claim_check", "employee_kept_in_scope"]


@dataclass(frozen=True)
class PersonIdentity:
    """What the person taking someone on states about them (from the passport)."""

    last_name: str
    birth_date: datetime.date


@dataclass(frozen=True, kw_only=True)
class PersonDetails(PersonIdentity):
    """A person as another app knows them (a candidate's passport data), for ``employee_appoint``:
    the PINFL finds the record; the surname and date of birth must match it; the rest is used only
    to put a new person on record (an existing record's data are never overwritten from here)."""

    pinfl: str
    first_name: str
    sex: str
    middle_name: str = ""
    last_name_cyrl: str = ""
    first_name_cyrl: str = ""
    middle_name_cyrl: str = ""
    citizenship: str = "UZ"
    passport: str = ""
    phone: str = ""
    email: str = ""
    languages: tuple[str, ...] = ()

    @property
    def identity(self) -> PersonIdentity:
        return PersonIdentity(last_name=self.last_name, birth_date=self.birth_date)


def employee_kept_in_scope(employee: Employee, actor: User | None) -> bool:
    """Whether the organisation keeping ``employee``'s record lies in the actor's HR scope
    (``None``, a trusted caller, covers everything)."""
    if actor is None:
        return True
    scope = org_scope(actor, HR_ROLES)
    return scope.everything or scope.covers(employee.organization)


def employee_claim_check(*, employee: Employee, actor: User | None, identity: PersonIdentity | None) -> None:
    """Raise unless ``actor`` may take ``employee`` on (nothing to check for a record in scope)."""
    if employee_kept_in_scope(employee, actor):
        return
    employed = employee.assignments.filter(is_primary=True, end_date__isnull=True).exists()
    matches = identity is not None and rules.identity_matches(
        record_last_names=(employee.last_name, employee.last_name_cyrl), record_birth_date=employee.birth_date,
        last_name=identity.last_name, birth_date=identity.birth_date)
    violation = rules.claim_violation(employed=employed, identity_matches=matches)
    if violation is not None:
        raise violation.error()


@transaction.atomic
def employee_claim(
    *, employee: Employee, identity: PersonIdentity, organization: Organization, actor: User
) -> Employee:
    """Keep the record of a person employed nowhere in ``organization`` (inside the actor's scope)
    after checking the identity rule; the person's data are not changed. The caller has locked
    ``employee``. The returned record has ``claimed = True``."""
    employee_claim_check(employee=employee, actor=actor, identity=identity)
    employee.organization = organization
    if getattr(actor, "is_authenticated", False):
        employee._history_user = actor  # type: ignore[attr-defined]
    employee._change_reason = "claim"  # type: ignore[attr-defined]
    employee.save(update_fields=["organization", "updated_at"])
    audit_log("workforce.employee.claimed", actor=actor, target=employee,
              data={"organization": organization.code})
    employee.claimed = True  # type: ignore[attr-defined]
    return employee
