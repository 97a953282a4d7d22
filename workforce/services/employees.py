"""The personal part of the employee record: identity, education, circumstances, the login link.

Where the employee works is changed only by the HR orders in ``assignments.py``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.exceptions import clean_or_raise
from core.models import User
from core.services import model_update
from core.text import collapse_spaces, normalize_apostrophes

from ..access import HR_ROLES, can_access_organization, has_role, org_scope
from ..errors import WorkforceError, WorkforceErrorCode
from ..models import (
    EDUCATION_RANK,
    CircumstanceKind,
    Education,
    Employee,
    EmployeeCircumstance,
    Organization,
    PolicyKey,
    QualificationRank,
)
from ..search import employee_search_text
from . import rules
from .identity import PersonIdentity, employee_claim, employee_kept_in_scope
from .policy import add_months, pension_age, policy_value

__all__ = [
    "circumstance_add",
    "circumstance_end",
    "education_add",
    "education_remove",
    "employee_create",
    "employee_link_user",
    "employee_update",
    "rotation_exemptions",
]

PRE_PENSION = "pre_pension"
"""Code of the rotation exemption for people within the policy window of pension age."""

# Personal data ``employee_update`` may change. Rank, status and placement change through HR orders.
UPDATABLE_FIELDS = frozenset({
    "last_name", "first_name", "middle_name", "last_name_cyrl", "first_name_cyrl", "middle_name_cyrl",
    "birth_date", "sex", "citizenship", "passport", "phone", "email", "address", "languages",
    "civil_service_start",
})
_LATIN_NAMES = ("last_name", "first_name", "middle_name")
_SEARCHED = frozenset({*_LATIN_NAMES, "last_name_cyrl", "first_name_cyrl", "middle_name_cyrl"})


# --- helpers shared by the workforce services (package-private) ------------------------------------

def _fmt(day: datetime.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "…"


def _plain(number: Decimal) -> str:
    """``Decimal("3.00")`` as "3", ``Decimal("2.50")`` as "2.5"."""
    return f"{number.normalize():f}"


def _require_scope(actor: User | None, *organizations: Organization | None) -> None:
    """Refuse unless ``actor`` holds an HR role covering every given organisation. ``None`` as
    actor means a trusted caller (management command, data migration); ``None`` organisations
    (a person not placed anywhere yet) need an HR role anywhere."""
    if actor is None:
        return
    for organization in organizations:
        allowed = (
            has_role(actor, *HR_ROLES) if organization is None
            else can_access_organization(actor, organization, roles=HR_ROLES)
        )
        if not allowed:  # not named: the caller may not know what lies outside their scope
            raise WorkforceError(_("This organisation is outside your HR scope."),
                                 code=WorkforceErrorCode.ORGANIZATION_OUT_OF_SCOPE, field="organization")


def _stamp(instance: models.Model, actor: User | None, reason: str | None) -> None:
    """Make the next history row of ``instance`` show who changed it and why."""
    if getattr(actor, "is_authenticated", False):
        instance._history_user = actor  # type: ignore[attr-defined]
    instance._change_reason = reason  # type: ignore[attr-defined]


def _lock(instance: models.Model) -> None:
    """Take the row lock on ``instance`` and reload it, so checks see what other transactions committed.
    FOR NO KEY UPDATE (PostgreSQL): services serialise on it, yet rows of other apps may still refer to it."""
    instance.refresh_from_db(from_queryset=type(instance)._default_manager.select_for_update(no_key=True))


# --- identity ----------------------------------------------------------------------------------------

def _normalized(name: str, value: Any) -> Any:
    if name in ("pinfl", "passport", "citizenship"):
        return collapse_spaces(value).replace(" ", "").upper()
    if name in _LATIN_NAMES:
        return normalize_apostrophes(collapse_spaces(value))
    if name == "languages":
        if isinstance(value, str):
            value = value.replace(";", ",").split(",")
        return list(dict.fromkeys(collapse_spaces(code).lower() for code in value if collapse_spaces(code)))
    if isinstance(value, str):
        return collapse_spaces(value)
    return value


def _refresh_search_text(employee: Employee) -> None:
    employee.search_text = employee_search_text(
        last_name=employee.last_name, first_name=employee.first_name, middle_name=employee.middle_name,
        last_name_cyrl=employee.last_name_cyrl, first_name_cyrl=employee.first_name_cyrl,
        middle_name_cyrl=employee.middle_name_cyrl,
    )


def _pinfl_taken(pinfl: str) -> WorkforceError:
    return WorkforceError(
        _("An employee with PINFL %(pinfl)s is already on record.") % {"pinfl": pinfl},
        code=WorkforceErrorCode.EMPLOYEE_PINFL_TAKEN, field="pinfl",
    )


@transaction.atomic
def employee_create(
    *,
    pinfl: str,
    last_name: str,
    first_name: str,
    birth_date: datetime.date,
    sex: str,
    middle_name: str = "",
    last_name_cyrl: str = "",
    first_name_cyrl: str = "",
    middle_name_cyrl: str = "",
    citizenship: str = "UZ",
    passport: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    languages: Iterable[str] = (),
    qualification_rank: QualificationRank | None = None,
    civil_service_start: datetime.date | None = None,
    organization: Organization | None = None,
    actor: User | None,
) -> Employee:
    """Put a person on record (not yet placed anywhere: hire them with ``employee_hire``).
    The PINFL must be valid and match the date of birth and sex; it can never change later.

    ``organization`` is where the record is kept until the person is hired (the HR service that
    added them); an HR officer must give one inside their scope, or nobody could see the record.

    A PINFL already on record outside the actor's scope follows the identity rule
    (``services.identity``): refused when the person is employed elsewhere or when the surname and
    date of birth do not match; otherwise the existing record is returned, now kept by
    ``organization`` and with its data unchanged (``claimed`` is True on it)."""
    _require_scope(actor, organization)
    if actor is not None and organization is None and not org_scope(actor, HR_ROLES).everything:
        raise WorkforceError(_("Choose the organisation that keeps this record."),
                             code=WorkforceErrorCode.ORGANIZATION_REQUIRED, field="organization")
    values = {
        "pinfl": pinfl, "last_name": last_name, "first_name": first_name, "middle_name": middle_name,
        "last_name_cyrl": last_name_cyrl, "first_name_cyrl": first_name_cyrl, "middle_name_cyrl": middle_name_cyrl,
        "citizenship": citizenship, "passport": passport, "phone": phone, "email": email, "address": address,
        "languages": languages,
    }
    employee = Employee(
        **{name: _normalized(name, value) for name, value in values.items()},
        birth_date=birth_date, sex=sex, qualification_rank=qualification_rank, civil_service_start=civil_service_start,
        organization=organization,
    )
    _refresh_search_text(employee)
    clean_or_raise(employee, exclude=["search_text"], validate_unique=False, validate_constraints=False)
    existing = Employee.objects.select_for_update(no_key=True).filter(pinfl=employee.pinfl).first()
    if existing is not None:
        if employee_kept_in_scope(existing, actor) or organization is None:
            raise _pinfl_taken(employee.pinfl)
        return employee_claim(employee=existing, identity=PersonIdentity(last_name=last_name, birth_date=birth_date),
                              organization=organization, actor=actor)
    _stamp(employee, actor, None)
    try:
        with transaction.atomic():
            employee.save()
    except IntegrityError as exc:  # the same person entered twice at the same moment
        raise _pinfl_taken(employee.pinfl) from exc
    audit_log("workforce.employee.created", actor=actor, target=employee, data={"pinfl": employee.pinfl})
    return employee


@transaction.atomic
def employee_update(*, employee: Employee, actor: User | None, **fields: Any) -> Employee:
    """Change personal data (names, birth date, sex, contacts, languages...). Writes only when a
    value really changed. The PINFL never changes; rank and placement change through HR orders (an
    unchanged ``pinfl`` or ``qualification_rank`` passed along by a form is accepted and ignored)."""
    _lock(employee)
    _require_scope(actor, employee.organization)
    if "pinfl" in fields and _normalized("pinfl", fields.pop("pinfl")) != employee.pinfl:
        raise WorkforceError(
            _("The PINFL of %(name)s (%(pinfl)s) never changes; put the other person on record separately.")
            % {"name": employee.full_name, "pinfl": employee.pinfl},
            code=WorkforceErrorCode.EMPLOYEE_PINFL_IMMUTABLE, field="pinfl",
        )
    if "qualification_rank" in fields:
        rank = fields.pop("qualification_rank")
        violation = rules.rank_edit_violation(current_rank_id=employee.qualification_rank_id,
                                              new_rank_id=rank.pk if rank is not None else None)
        if violation is not None:
            raise violation.error()
    changed = list(model_update(instance=employee, allowed=UPDATABLE_FIELDS,
                                data={name: _normalized(name, value) for name, value in fields.items()}))
    if not changed:
        return employee
    update_fields = [*changed, "updated_at"]
    if _SEARCHED & set(changed):
        _refresh_search_text(employee)
        update_fields.append("search_text")
    clean_or_raise(employee, exclude=["search_text"], validate_unique=False, validate_constraints=False)
    _stamp(employee, actor, None)
    employee.save(update_fields=update_fields)
    audit_log("workforce.employee.updated", actor=actor, target=employee, data={"fields": sorted(changed)})
    return employee


# --- education ---------------------------------------------------------------------------------------

def _refresh_education_level(employee: Employee, actor: User | None) -> None:
    levels = employee.educations.values_list("level", flat=True)
    highest = max(levels, key=lambda level: EDUCATION_RANK.get(level, -1), default="")
    if employee.education_level != highest:
        employee.education_level = highest
        _stamp(employee, actor, None)
        employee.save(update_fields=["education_level", "updated_at"])


@transaction.atomic
def education_add(
    *,
    employee: Employee,
    level: str,
    institution: str,
    specialty: str = "",
    graduation_year: int | None = None,
    actor: User | None,
) -> Education:
    """Record a completed (or expected) education; ``employee.education_level`` follows the highest."""
    _lock(employee)
    _require_scope(actor, employee.organization)
    education = Education(employee=employee, level=level, institution=collapse_spaces(institution),
                          specialty=collapse_spaces(specialty), graduation_year=graduation_year)
    clean_or_raise(education)
    if graduation_year is not None and graduation_year <= employee.birth_date.year:
        raise WorkforceError(
            _("Graduation year %(year)s is not after the year of birth %(birth)s.")
            % {"year": graduation_year, "birth": employee.birth_date.year},
            code=WorkforceErrorCode.EDUCATION_YEAR_BEFORE_BIRTH, field="graduation_year",
        )
    _stamp(education, actor, None)
    education.save()
    _refresh_education_level(employee, actor)
    audit_log("workforce.employee.education_added", actor=actor, target=employee,
              data={"level": level, "institution": education.institution})
    return education


@transaction.atomic
def education_remove(*, education: Education, actor: User | None) -> None:
    employee = education.employee
    _lock(employee)
    _require_scope(actor, employee.organization)
    data = {"level": education.level, "institution": education.institution}
    _stamp(education, actor, None)
    education.delete()
    _refresh_education_level(employee, actor)
    audit_log("workforce.employee.education_removed", actor=actor, target=employee, data=data)


# --- circumstances (rotation exemptions) ----------------------------------------------------------

def _check_dates(start: datetime.date, end: datetime.date | None, *, field: str = "end_date") -> None:
    if end is not None and end < start:
        raise WorkforceError(
            _("The end date %(end)s is before the start date %(start)s.") % {"end": _fmt(end), "start": _fmt(start)},
            code=WorkforceErrorCode.DATE_RANGE_INVALID, field=field,
        )


@transaction.atomic
def circumstance_add(
    *,
    employee: Employee,
    kind: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    child_birth_date: datetime.date | None = None,
    note: str = "",
    actor: User | None,
) -> EmployeeCircumstance:
    """Record training, pregnancy, a child under three or medical grounds (they exempt from rotation)."""
    _require_scope(actor, employee.organization)
    circumstance = EmployeeCircumstance(employee=employee, kind=kind, start_date=start_date, end_date=end_date,
                                        child_birth_date=child_birth_date, note=collapse_spaces(note))
    clean_or_raise(circumstance, validate_constraints=False)
    if kind == CircumstanceKind.CHILDCARE and child_birth_date is None:
        raise WorkforceError(
            _("Give the child's date of birth: the exemption lasts until the child turns three."),
            code=WorkforceErrorCode.CIRCUMSTANCE_CHILD_BIRTH_DATE_REQUIRED, field="child_birth_date",
        )
    _check_dates(start_date, end_date)
    _stamp(circumstance, actor, None)
    circumstance.save()
    audit_log("workforce.employee.circumstance_added", actor=actor, target=employee,
              data={"kind": kind, "start_date": start_date.isoformat()})
    return circumstance


@transaction.atomic
def circumstance_end(
    *, circumstance: EmployeeCircumstance, end_date: datetime.date, actor: User | None
) -> EmployeeCircumstance:
    """Set (or correct) the last day of a circumstance."""
    _require_scope(actor, circumstance.employee.organization)
    _check_dates(circumstance.start_date, end_date)
    previous = circumstance.end_date
    circumstance.end_date = end_date
    _stamp(circumstance, actor, None)
    circumstance.save(update_fields=["end_date", "updated_at"])
    audit_log("workforce.employee.circumstance_ended", actor=actor, target=circumstance.employee,
              data={"kind": circumstance.kind, "end_date": end_date.isoformat(),
                    "previous_end_date": previous.isoformat() if previous else None})
    return circumstance


# --- the civil servant's own login -----------------------------------------------------------------

def _user_taken(user: User) -> WorkforceError:
    return WorkforceError(
        _("The account %(username)s already belongs to another employee.") % {"username": user.username},
        code=WorkforceErrorCode.EMPLOYEE_USER_TAKEN, field="user",
    )


@transaction.atomic
def employee_link_user(*, employee: Employee, user: User, actor: User | None) -> Employee:
    """Let ``user`` see ``employee``'s record as their own. One account per employee and one employee
    per account; an existing link is never silently replaced."""
    _lock(employee)
    _require_scope(actor, employee.organization)
    if employee.user_id == user.pk:
        return employee
    if employee.user_id is not None:
        raise WorkforceError(
            _("%(name)s is already linked to the account %(username)s.")
            % {"name": employee.full_name, "username": employee.user.username},
            code=WorkforceErrorCode.EMPLOYEE_USER_ALREADY_LINKED, field="user",
        )
    if Employee.objects.filter(user=user).exists():
        raise _user_taken(user)
    employee.user = user
    _stamp(employee, actor, None)
    try:
        with transaction.atomic():
            employee.save(update_fields=["user", "updated_at"])
    except IntegrityError as exc:
        raise _user_taken(user) from exc
    audit_log("workforce.employee.user_linked", actor=actor, target=employee, data={"username": user.username})
    return employee


# --- rotation ----------------------------------------------------------------------------------------

def _circumstance_reason(circumstance: EmployeeCircumstance, on: datetime.date) -> str | None:
    since = {"start": _fmt(circumstance.start_date)}
    if circumstance.kind == CircumstanceKind.TRAINING:
        return _("In training since %(start)s.") % since
    if circumstance.kind == CircumstanceKind.PREGNANCY:
        return _("Pregnancy, recorded from %(start)s.") % since
    if circumstance.kind == CircumstanceKind.MEDICAL:
        return _("Medical grounds, recorded from %(start)s.") % since
    born = circumstance.child_birth_date
    if circumstance.kind == CircumstanceKind.CHILDCARE and born and on < add_months(born, 36):
        return _("Has a child under three (born %(born)s).") % {"born": _fmt(born)}
    return None


def _pre_pension_reason(employee: Employee, on: datetime.date) -> str | None:
    age = pension_age(sex=employee.sex, on=on)
    window = policy_value(PolicyKey.ROTATION_PENSION_WINDOW, on=on)
    pension_day = add_months(employee.birth_date, 12 * age)
    if on < add_months(pension_day, -int(window * 12)):
        return None
    return _("Reaches pension age %(age)s on %(day)s: no rotation within %(window)s years of it.") % {
        "age": age, "day": _fmt(pension_day), "window": _plain(window),
    }


def rotation_exemptions(*, employee: Employee, on: datetime.date) -> list[tuple[str, str]]:
    """Why ``employee`` may not be rotated on ``on``: ``(code, message)`` pairs, empty when rotation is
    allowed. Codes are the circumstance kinds and ``"pre_pension"``."""
    active = employee.circumstances.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
    reasons: dict[str, str] = {}
    for circumstance in active.order_by("start_date", "id"):
        message = _circumstance_reason(circumstance, on)
        if message and circumstance.kind not in reasons:
            reasons[circumstance.kind] = message
    pre_pension = _pre_pension_reason(employee, on)
    if pre_pension:
        reasons[PRE_PENSION] = pre_pension
    return list(reasons.items())
