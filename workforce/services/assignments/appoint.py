"""Appointment asked for by another app (a competition's winner): one call that puts a person on a
staff position whatever their record says, so no app branches over hire and transfer itself.

The PINFL finds the person (``selectors.people.person_by_pinfl``, no scope: the actor needs scope
over the **target** organisation only). Then:

- nobody on record: the person is put on record (``employee_create``) and hired;
- on record and employed nowhere: re-hired, only if the surname and date of birth match the record;
- serving in the same state body, in an organisation the actor manages: an ordinary transfer
  (one order);
- serving in another state body, or where the actor has no scope (the internal competition): that
  organisation issues a release order (numbered in its own series, closing the placement the day
  before), the target issues the appointment order, and the source's HR officers are notified.
  The source keeps its history (its orders and the period, through the former-organisation view)
  and learns nothing of where the person went; the actor learns nothing of the source.

Every refusal is worded so that it names nothing of an organisation outside the actor's scope, and
an identity refusal never says whether the surname or the date of birth differs."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.models import User

from ...access import HR_ROLES, can_access_organization
from ...errors import WorkforceError, WorkforceErrorCode, WorkforceNotFound
from ...models import Assignment, Employee, HROrder, OrderKind, StaffPosition
from ...selectors.organizations import organization_hr_officers
from ...selectors.people import person_by_pinfl
from .. import rules
from ..employees import _lock, _normalized, employee_create
from ..identity import PersonDetails, employee_kept_in_scope
from ..notices import departure_notify_source
from ._common import (
    ONE_DAY,
    OrderBasis,
    _audit,
    _close_assignment,
    _issue_order,
    _new_assignment,
    _save_assignment,
    _take_units,
    _too_early,
    _update_employee,
    _where,
)
from ._snapshot import order_snapshot
from .moves import employee_hire, employee_transfer

__all__ = ["employee_appoint"]


@transaction.atomic
def employee_appoint(
    *,
    actor: User | None,
    person: PersonDetails,
    staff_position: StaffPosition,
    start_date: datetime.date,
    basis: OrderBasis | tuple[str, Any, str],
    rate: Decimal = Decimal("1.00"),
    order_date: datetime.date | None = None,
) -> HROrder:
    """Appoint ``person`` to ``staff_position`` from ``start_date`` and return the appointment order
    (issued by the staff position's organisation). ``basis`` is (app, object id, label), e.g.
    ``vacancies.services.competition_basis(vacancy)``; it is stored on the order and printed on it.

    Refusals: ``staff_position_not_found`` (404) when the actor has no HR scope over the target
    organisation; ``identity_mismatch`` when a record exists under the PINFL but the surname or date
    of birth differs; ``effective_date_too_early`` when the person's current (or last) placement
    does not end before ``start_date``; and the rules of the hire or transfer (capacity, age...)."""
    basis = OrderBasis.of(basis)
    if basis is None or not (basis.app and basis.label):
        raise WorkforceError(_("Give the basis of the appointment (for example the competition it follows)."),
                             code=WorkforceErrorCode.APPOINTMENT_BASIS_REQUIRED, field="basis")
    if actor is not None and not can_access_organization(actor, staff_position.organization, roles=HR_ROLES):
        # A 404, as for any object outside the actor's scope.
        raise WorkforceNotFound(_("Staff position not found."), code=WorkforceErrorCode.STAFF_POSITION_NOT_FOUND,
                                field="staff_position")
    record = person_by_pinfl(_normalized("pinfl", person.pinfl))
    if record is None:
        record = _put_on_record(person, staff_position, actor)
        return employee_hire(employee=record, staff_position=staff_position, start_date=start_date, rate=rate,
                             order_date=order_date, basis=basis, actor=actor)
    _lock(record)
    _check_identity(record, person)
    current = (record.assignments.filter(is_primary=True, end_date__isnull=True)
               .select_related("organization", "staff_position__organization").first())
    if current is None:
        _check_after_last_placement(record, start_date, actor)
        return employee_hire(employee=record, staff_position=staff_position, start_date=start_date, rate=rate,
                             order_date=order_date, identity=person.identity, basis=basis, actor=actor)
    if not _across(record, current, staff_position, actor):
        return employee_transfer(employee=record, staff_position=staff_position, effective_date=start_date,
                                 rate=rate, basis=basis, actor=actor)
    return _appoint_across(record=record, current=current, staff_position=staff_position, start_date=start_date,
                           rate=rate, order_date=order_date, basis=basis, actor=actor)


def _body(path: str) -> str:
    """The top-level state body of an organisation's tree path."""
    return path.strip("/").split("/", 1)[0]


def _across(record: Employee, current: Assignment, staff_position: StaffPosition, actor: User | None) -> bool:
    """Whether the move leaves another organisation: a different state body (whoever asks), or a
    placement or record the actor does not manage. Otherwise it is an ordinary transfer."""
    if _body(current.organization.path) != _body(staff_position.organization.path):
        return True
    if actor is None:
        return False
    return not (employee_kept_in_scope(record, actor)
                and can_access_organization(actor, current.organization, roles=HR_ROLES))


def _put_on_record(person: PersonDetails, staff_position: StaffPosition, actor: User | None) -> Employee:
    return employee_create(
        pinfl=person.pinfl, last_name=person.last_name, first_name=person.first_name,
        middle_name=person.middle_name, last_name_cyrl=person.last_name_cyrl, first_name_cyrl=person.first_name_cyrl,
        middle_name_cyrl=person.middle_name_cyrl, birth_date=person.birth_date, sex=person.sex,
        citizenship=person.citizenship, passport=person.passport, phone=person.phone, email=person.email,
        languages=person.languages, organization=staff_position.organization, actor=actor)


def _check_identity(record: Employee, person: PersonDetails) -> None:
    """The surname (any script) and the date of birth must be the record's; the refusal does not
    say which one differs, and nothing of the record is changed."""
    if not rules.identity_matches(record_last_names=(record.last_name, record.last_name_cyrl),
                                  record_birth_date=record.birth_date, last_name=person.last_name,
                                  birth_date=person.birth_date):
        raise rules.Violation(WorkforceErrorCode.IDENTITY_MISMATCH, "pinfl").error()


def _check_after_last_placement(record: Employee, start_date: datetime.date, actor: User | None) -> None:
    """A re-hire starts after the last placement ended. When that placement was in an organisation
    outside the actor's scope, the refusal does not give its date."""
    last = record.assignments.filter(end_date__isnull=False).aggregate(last=Max("end_date"))["last"]
    if last is None or start_date > last:
        return
    outside = Assignment.objects.filter(employee=record, end_date__gte=start_date).select_related("organization")
    if actor is not None and any(not can_access_organization(actor, a.organization, roles=HR_ROLES) for a in outside):
        raise _too_early(_("The person's previous placement had not ended by %(day)s; choose a later start date.")
                         % {"day": start_date.strftime("%d.%m.%Y")}, "start_date")
    # Inside the actor's scope, employee_hire says which day the previous placement ended.


def _appoint_across(
    *, record: Employee, current: Assignment, staff_position: StaffPosition, start_date: datetime.date,
    rate: Decimal, order_date: datetime.date | None, basis: OrderBasis, actor: User | None,
) -> HROrder:
    """The internal-competition move from an organisation outside the actor's scope: the source's
    release order, then the target's appointment order."""
    source = current.organization
    if start_date <= current.start_date:
        raise _too_early(_("The person's current placement began on or after %(day)s; choose a later start date.")
                         % {"day": start_date.strftime("%d.%m.%Y")}, "start_date")
    last_day = start_date - ONE_DAY
    # The contract goes with the person, as in every transfer.
    assignment = _new_assignment(employee=record, staff_position=staff_position, start_date=start_date, rate=rate,
                                 kind=OrderKind.TRANSFER, contract_type=current.contract_type,
                                 contract_end_date=current.contract_end_date)
    _take_units(staff_position, start=start_date, rate=assignment.rate)
    # The source's own order, in its own numbering: it states the release and nothing of the target.
    release = _issue_order(
        kind=OrderKind.TRANSFER, organization=source, employee=record, effective_date=start_date,
        order_date=order_date, reason="", actor=actor, issued_by_actor=False,
        details={"from": _where(current.staff_position), "last_day": last_day.isoformat(),
                 "by_appointment": True, "basis_app": basis.app, "basis_object_id": basis.object_id},
        snapshot={**order_snapshot(organization=source, employee=record, released=current,
                                   released_last_day=last_day), "released_by_appointment": True},
    )
    order = _issue_order(
        kind=OrderKind.TRANSFER, organization=staff_position.organization, employee=record,
        effective_date=start_date, order_date=order_date, reason="", actor=actor, basis=basis,
        details={"to": _where(staff_position), "rate": str(rate), "by_appointment": True},
        snapshot=order_snapshot(organization=staff_position.organization, employee=record, appointed=assignment),
    )
    _close_assignment(current, end_date=last_day, order=release, actor=actor)
    _save_assignment(assignment, order=order, actor=actor)
    _update_employee(record, order=order, actor=actor, organization=staff_position.organization,
                     staff_position=staff_position)
    audit_log("workforce.employee.released_by_appointment", actor=actor, target=record,
              data={"order": release.number, "organization": source.code, "last_day": last_day.isoformat(),
                    "appointment_order": order.number, "basis": basis._asdict()})
    _audit("workforce.employee.appointed", order, actor, basis=basis._asdict(), across_organizations=True)
    departure_notify_source(order=release, source=source, hr_officers=organization_hr_officers(source), actor=None)
    return order
