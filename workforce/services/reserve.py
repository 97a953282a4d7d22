"""The personnel reserve: people kept for management positions of a category."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from core.audit import audit_log
from core.exceptions import clean_or_raise
from core.models import User
from core.text import collapse_spaces, normalize_apostrophes

from ..errors import WorkforceError, WorkforceErrorCode
from ..models import (
    Employee,
    Organization,
    PolicyKey,
    PositionCategory,
    PositionGroup,
    RegisterPosition,
    ReserveEntry,
    ReserveStatus,
)
from ..validators import pinfl_problems
from .employees import _check_dates, _fmt, _lock, _require_scope, _stamp
from .policy import add_months, policy_value

__all__ = ["reserve_entry_add", "reserve_entry_mark_appointed", "reserve_entry_withdraw", "reserve_expire_due"]


def _check_person(employee: Employee | None, name: str, pinfl: str, phone: str, email: str) -> None:
    if employee is None and not name:
        raise WorkforceError(_("Choose an employee or give the external candidate's full name."),
                             code=WorkforceErrorCode.RESERVE_PERSON_REQUIRED, field="employee")
    if employee is not None and any((name, pinfl, phone, email)):
        raise WorkforceError(_("%(name)s is on record: leave the external candidate's fields empty.")
                             % {"name": employee.full_name},
                             code=WorkforceErrorCode.RESERVE_PERSON_AMBIGUOUS, field="external_full_name")
    if pinfl:
        problems = pinfl_problems(pinfl)
        if problems:
            code, message = problems[0]
            raise WorkforceError(f"{pinfl}: {message}", code=code, field="external_pinfl")


def _check_target(category: PositionCategory, register_position: RegisterPosition | None) -> None:
    if category.group != PositionGroup.MANAGEMENT:
        raise WorkforceError(_("The reserve is kept for management positions; «%(category)s» is not one.")
                             % {"category": category},
                             code=WorkforceErrorCode.RESERVE_CATEGORY_NOT_MANAGEMENT, field="category")
    if register_position is not None and register_position.category_id != category.pk:
        raise WorkforceError(_("«%(position)s» is not of the category «%(category)s».")
                             % {"position": register_position, "category": category},
                             code=WorkforceErrorCode.RESERVE_POSITION_CATEGORY_MISMATCH, field="register_position")


def _same_person(entry: ReserveEntry) -> Q:
    if entry.employee is not None:
        return Q(employee=entry.employee) | Q(external_pinfl=entry.employee.pinfl)
    if entry.external_pinfl:
        return Q(external_pinfl=entry.external_pinfl) | Q(employee__pinfl=entry.external_pinfl)
    return Q(employee__isnull=True, external_pinfl="", external_full_name__iexact=entry.external_full_name)


@transaction.atomic
def reserve_entry_add(
    *,
    organization: Organization,
    category: PositionCategory,
    source: str,
    included_on: datetime.date,
    employee: Employee | None = None,
    external_full_name: str = "",
    external_pinfl: str = "",
    external_phone: str = "",
    external_email: str = "",
    register_position: RegisterPosition | None = None,
    expires_on: datetime.date | None = None,
    note: str = "",
    actor: User | None,
) -> ReserveEntry:
    """Keep a civil servant (``employee``) or an external candidate (name and contacts) in
    ``organization``'s reserve for ``category`` until ``expires_on`` (default: the policy's reserve
    term after ``included_on``). A person has one active entry per organisation and category."""
    _require_scope(actor, organization)
    name = normalize_apostrophes(collapse_spaces(external_full_name))
    pinfl = collapse_spaces(external_pinfl).replace(" ", "")
    phone, email = collapse_spaces(external_phone), collapse_spaces(external_email)
    _check_person(employee, name, pinfl, phone, email)
    _check_target(category, register_position)
    if expires_on is None:
        expires_on = add_months(included_on, int(policy_value(PolicyKey.RESERVE_TERM_MONTHS, on=included_on)))
    _check_dates(included_on, expires_on, field="expires_on")
    entry = ReserveEntry(
        organization=organization, category=category, register_position=register_position, employee=employee,
        external_full_name=name, external_pinfl=pinfl, external_phone=phone, external_email=email, source=source,
        included_on=included_on, expires_on=expires_on, note=(note or "").strip(),
    )
    clean_or_raise(entry, validate_unique=False, validate_constraints=False)
    # No unique constraint can say "one active entry per person": serialise additions per organisation.
    _lock(organization)
    duplicates = ReserveEntry.objects.filter(_same_person(entry), organization=organization, category=category,
                                             status=ReserveStatus.ACTIVE)
    if duplicates.exists():
        raise WorkforceError(
            _("%(person)s is already in the reserve of %(organization)s for «%(category)s».")
            % {"person": entry.person_name, "organization": organization, "category": category},
            code=WorkforceErrorCode.RESERVE_DUPLICATE, field="employee" if employee else "external_full_name",
        )
    _stamp(entry, actor, None)
    entry.save()
    audit_log("workforce.reserve.added", actor=actor, target=entry,
              data={"organization": organization.code, "category": category.code, "source": source,
                    "expires_on": expires_on.isoformat()})
    return entry


def _require_active(entry: ReserveEntry) -> None:
    if entry.status != ReserveStatus.ACTIVE:
        raise WorkforceError(
            _("The reserve entry of %(person)s is «%(status)s», not active.")
            % {"person": entry.person_name, "status": entry.get_status_display()},
            code=WorkforceErrorCode.RESERVE_NOT_ACTIVE, field="status",
        )


def _set_status(entry: ReserveEntry, status: str, actor: User | None, reason: str | None) -> None:
    entry.status = status
    _stamp(entry, actor, reason)
    entry.save(update_fields=["status", "updated_at"])


@transaction.atomic
def reserve_entry_withdraw(*, entry: ReserveEntry, reason: str, actor: User | None) -> ReserveEntry:
    """Take an active entry out of the reserve; ``reason`` is kept in its history and the audit log."""
    _lock(entry)
    _require_scope(actor, entry.organization)
    _require_active(entry)
    reason = collapse_spaces(reason)
    if not reason:
        raise WorkforceError(_("Say why %(person)s leaves the reserve.") % {"person": entry.person_name},
                             code=WorkforceErrorCode.RESERVE_REASON_REQUIRED, field="reason")
    _set_status(entry, ReserveStatus.WITHDRAWN, actor, reason)
    audit_log("workforce.reserve.withdrawn", actor=actor, target=entry, data={"reason": reason})
    return entry


@transaction.atomic
def reserve_entry_mark_appointed(*, entry: ReserveEntry, actor: User | None) -> ReserveEntry:
    """Record that the person was appointed from the reserve (the entry must still be in force)."""
    _lock(entry)
    _require_scope(actor, entry.organization)
    _require_active(entry)
    today = timezone.localdate()
    if entry.expires_on < today:
        raise WorkforceError(
            _("The reserve entry of %(person)s expired on %(day)s.") % {"person": entry.person_name,
                                                                       "day": _fmt(entry.expires_on)},
            code=WorkforceErrorCode.RESERVE_EXPIRED, field="status",
        )
    _set_status(entry, ReserveStatus.APPOINTED, actor, None)
    audit_log("workforce.reserve.appointed", actor=actor, target=entry, data={})
    return entry


@transaction.atomic
def reserve_expire_due(*, today: datetime.date) -> int:
    """Mark active entries whose ``expires_on`` is before ``today`` as expired (history kept).
    Idempotent: returns how many entries changed this time."""
    due = list(ReserveEntry.objects.select_for_update().filter(status=ReserveStatus.ACTIVE, expires_on__lt=today))
    for entry in due:
        entry.status = ReserveStatus.EXPIRED
        entry.updated_at = timezone.now()
    if due:
        bulk_update_with_history(due, ReserveEntry, ["status", "updated_at"], batch_size=500,
                                 default_change_reason=f"expired {today.isoformat()}")
        audit_log("workforce.reserve.expired", actor=None, data={"count": len(due), "today": today.isoformat()})
    return len(due)
