"""The rule book: the checks every write path of the workforce record runs.

Each check is a pure function of plain values (codes, numbers, dates) and returns ``None`` when
the rule holds or a :class:`Violation` (a stable code, the field at fault and the parameters of the
message). The HR order and staffing services read those values from the rows they have locked and
raise ``violation.error()``; the bulk importer reads them for the whole file in a few queries and
records ``violation`` against the row. So a rule is written once, and both paths refuse the same
thing with the same code (``tests/workforce/test_rule_parity.py`` runs one table of cases through
both).

Messages are rendered when someone reads them (:func:`rule_message`), in the reader's language:
an import report stored by a Celery worker reads in Russian to a Russian user. Parameters are
plain strings so that they can be stored with the report; they never carry data of an
organisation the reader may not see.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from core.text import search_key

from ..errors import WorkforceConflict, WorkforceError, WorkforceErrorCode
from ..models import PositionGroup
from .policy import add_months

__all__ = [
    "RULE_MESSAGES",
    "RankStep",
    "Violation",
    "age_on",
    "capacity_violation",
    "claim_violation",
    "group_violation",
    "hire_age_violation",
    "identity_matches",
    "organization_open_violation",
    "position_open_violation",
    "rank_change_violation",
    "rank_edit_violation",
    "rule_message",
    "staffing_change_violation",
]

Code = WorkforceErrorCode

RULE_MESSAGES: dict[str, Any] = {
    Code.ORGANIZATION_INACTIVE: _("The organisation %(code)s is closed (inactive); nobody can be placed in it."),
    Code.STAFF_POSITION_INACTIVE: _(
        "Position %(position)s is closed in the staffing table; nobody can be placed on it."),
    Code.STAFF_POSITION_FULL: _(
        "Position %(position)s has %(units)s staff units and %(held)s of them are filled from %(day)s; "
        "%(requested)s more do not fit."),
    Code.STAFF_POSITION_BELOW_OCCUPANCY: _(
        "Position %(position)s cannot have %(units)s staff units: %(held)s are filled from %(day)s."),
    Code.STAFF_POSITION_OCCUPIED: _(
        "Position %(position)s is held (%(held)s units); move or dismiss its holders before closing it."),
    Code.STAFF_POSITION_GROUP_MISMATCH: _(
        "%(source)s belongs to the group “%(source_group)s”, but the position is in the group “%(group)s”."),
    Code.RANK_CHANGE_NEEDS_ORDER: _(
        "A qualification rank changes only by an HR order (rank change or sanction), not by editing the record "
        "or importing a file."),
    Code.HIRE_UNDER_MINIMUM_AGE: _(
        "On %(day)s the person is %(age)s years old; the civil service takes people from the age of %(minimum)s."),
    Code.EMPLOYEE_EMPLOYED_ELSEWHERE: _(
        "This PINFL belongs to a person serving in an organisation you do not manage. Only their HR service can "
        "change the record; a move between organisations is made by a transfer order."),
    Code.IDENTITY_MISMATCH: _(
        "The surname and date of birth given do not match the record kept under this PINFL. Check them against "
        "the passport."),
    Code.EMPLOYEE_OUT_OF_SCOPE: _(
        "This PINFL belongs to a person whose record is kept by an organisation you do not manage. To take them "
        "on, hire them into one of your positions."),
    Code.RANK_INACTIVE: _("The rank %(rank)s is no longer granted."),
    Code.RANK_UNCHANGED: _("The employee already holds the rank %(rank)s."),
    Code.RANK_LOWERING_NEEDS_SANCTION: _(
        "Going down from %(current)s to %(rank)s is a disciplinary sanction (lowering of rank), not a rank change."),
    Code.RANK_STEP_SKIPPED: _(
        "Ranks are granted one step at a time: the next one after %(current)s is %(expected)s, not %(rank)s."),
    Code.RANK_TIME_IN_RANK: _(
        "The rank %(current)s is held since %(since)s; the next one may take effect after %(months)s months in "
        "it, from %(earliest)s."),
    Code.RANK_CHANGE_PENDING: _(
        "A change to the rank %(rank)s already waits to take effect on %(day)s; issue the next one after that."),
}

# Parameters stored as codes and shown by their label in the reader's language.
_LABELLED_PARAMS = {"group": PositionGroup, "source_group": PositionGroup}
# A rule refused because of the state of the data rather than the input: HTTP 409.
_CONFLICTS = frozenset({Code.STAFF_POSITION_FULL, Code.STAFF_POSITION_INACTIVE, Code.STAFF_POSITION_BELOW_OCCUPANCY,
                        Code.STAFF_POSITION_OCCUPIED, Code.ORGANIZATION_INACTIVE})


def rule_message(code: str, params: dict[str, Any] | None = None) -> str:
    """The message of a rule's code in the active language (``None`` for a code no rule has)."""
    template = RULE_MESSAGES.get(code)
    if template is None:
        return ""
    shown = dict(params or {})
    for name, choices in _LABELLED_PARAMS.items():
        if shown.get(name) in choices.values:
            shown[name] = choices(shown[name]).label
    try:
        return str(template) % shown
    except (KeyError, TypeError, ValueError):
        return str(template)


@dataclass(frozen=True)
class Violation:
    """A rule that does not hold: ``code`` (a ``WorkforceErrorCode``), the input ``field`` at fault
    (named as the services name it) and the parameters of the message."""

    code: str
    field: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return rule_message(self.code, self.params)

    def error(self) -> WorkforceError:
        error_class = WorkforceConflict if self.code in _CONFLICTS else WorkforceError
        return error_class(self.message, code=self.code, field=self.field, extra=dict(self.params))


def _fmt(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def _units(value: Decimal) -> str:
    return f"{Decimal(value):.2f}"


def _position(code: str, name: str) -> dict[str, str]:
    return {"code": code, "position": f"«{name}» ({code})" if name else code}


# --- staffing --------------------------------------------------------------------------------------------

def organization_open_violation(*, code: str, active: bool) -> Violation | None:
    """Nobody is placed in a closed organisation."""
    return None if active else Violation(Code.ORGANIZATION_INACTIVE, "staff_position", {"code": code})


def position_open_violation(*, code: str, active: bool, name: str = "") -> Violation | None:
    """Nobody is placed on a closed staff position (``name``, when given, is shown with the code)."""
    return None if active else Violation(Code.STAFF_POSITION_INACTIVE, "staff_position", _position(code, name))


def capacity_violation(
    *, code: str, rate_units: Decimal, held: Decimal, requested: Decimal, day: datetime.date, name: str = "",
) -> Violation | None:
    """``requested`` more units from ``day`` must fit beside the ``held`` ones (held on ``day`` or
    later, as ``selectors.staffing`` counts them) within ``rate_units``."""
    if held + requested <= rate_units:
        return None
    return Violation(Code.STAFF_POSITION_FULL, "staff_position", {
        **_position(code, name), "units": _units(rate_units), "held": _units(held), "requested": _units(requested),
        "day": _fmt(day)})


def staffing_change_violation(
    *, code: str, rate_units: Decimal, units_changed: bool, closing: bool, held: Decimal, day: datetime.date,
    name: str = "",
) -> Violation | None:
    """A staffing-table line may not be cut below the units held from ``day`` on, nor closed while
    anyone holds it."""
    if units_changed and rate_units < held:
        return Violation(Code.STAFF_POSITION_BELOW_OCCUPANCY, "rate_units", {
            **_position(code, name), "units": _units(rate_units), "held": _units(held), "day": _fmt(day)})
    if closing and held > 0:
        return Violation(Code.STAFF_POSITION_OCCUPIED, "is_active", {**_position(code, name), "held": _units(held)})
    return None


def group_violation(
    *, group: str, category_code: str | None, category_group: str | None, register_code: str | None = None,
    register_group: str | None = None,
) -> Violation | None:
    """A staff position's group is that of its category and of its register position."""
    for field_name, source, source_group in (("category", category_code, category_group),
                                             ("register_position", register_code, register_group)):
        if source is not None and source_group is not None and source_group != group:
            return Violation(Code.STAFF_POSITION_GROUP_MISMATCH, field_name,
                             {"source": source, "source_group": source_group, "group": group})
    return None


# --- the record -------------------------------------------------------------------------------------------

def rank_edit_violation(*, current_rank_id: int | None, new_rank_id: int | None) -> Violation | None:
    """An existing record's rank is changed only by an HR order (a new record may start with one)."""
    if current_rank_id == new_rank_id:
        return None
    return Violation(Code.RANK_CHANGE_NEEDS_ORDER, "qualification_rank")


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Full years of age on ``day``."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def hire_age_violation(
    *, birth_date: datetime.date, start_date: datetime.date, minimum_age: int
) -> Violation | None:
    """The civil service takes people from ``minimum_age`` (policy ``minimum_hire_age`` in force
    on the start date)."""
    age = age_on(birth_date, start_date)
    if age >= minimum_age:
        return None
    return Violation(Code.HIRE_UNDER_MINIMUM_AGE, "start_date",
                     {"day": _fmt(start_date), "age": str(age), "minimum": str(minimum_age)})


def identity_matches(
    *, record_last_names: Sequence[str], record_birth_date: datetime.date, last_name: str | None,
    birth_date: datetime.date | None,
) -> bool:
    """Whether the surname (in any script, any apostrophe, any case) and the date of birth given
    are the record's."""
    if not last_name or birth_date is None or birth_date != record_birth_date:
        return False
    given = search_key(last_name)
    return bool(given) and given in {search_key(name) for name in record_last_names if name}


def claim_violation(*, employed: bool, identity_matches: bool) -> Violation | None:
    """What may be done with a PINFL on record outside the actor's scope: a person employed
    elsewhere is refused; a person employed nowhere may be taken on only when the surname and the
    date of birth match the record. The refusal does not say which of the two differs, nor where
    the person serves."""
    if employed:
        return Violation(Code.EMPLOYEE_EMPLOYED_ELSEWHERE, "pinfl")
    if not identity_matches:
        return Violation(Code.IDENTITY_MISMATCH, "pinfl")
    return None


# --- qualification ranks ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class RankStep:
    """One rank of the ladder as the rules see it (``ordering`` 1 is the lowest)."""

    code: str
    ordering: int
    name: str = ""
    active: bool = True

    @property
    def label(self) -> str:
        return self.name or self.code


def rank_change_violation(
    *, current: RankStep | None, new: RankStep, ladder: Sequence[RankStep], held_since: datetime.date | None,
    effective_date: datetime.date, minimum_months: int, pending: tuple[RankStep, datetime.date] | None = None,
) -> Violation | None:
    """A rank-change order follows the ladder: one step up at a time (the lowest active rank for a
    person without one), after ``minimum_months`` in the current rank (counted from ``held_since``,
    when known); going down is a disciplinary sanction; one change waits at a time."""
    if pending is not None:
        return Violation(Code.RANK_CHANGE_PENDING, "rank", {"rank": pending[0].label, "day": _fmt(pending[1])})
    if not new.active:
        return Violation(Code.RANK_INACTIVE, "rank", {"rank": new.label})
    if current is not None and current.code == new.code:
        return Violation(Code.RANK_UNCHANGED, "rank", {"rank": new.label})
    if current is not None and new.ordering < current.ordering:
        return Violation(Code.RANK_LOWERING_NEEDS_SANCTION, "rank", {"current": current.label, "rank": new.label})
    above = sorted((step for step in ladder if step.active and (current is None or step.ordering > current.ordering)),
                   key=lambda step: step.ordering)
    expected = above[0] if above else None
    if expected is not None and expected.code != new.code:
        return Violation(Code.RANK_STEP_SKIPPED, "rank", {
            "current": current.label if current else "—", "expected": expected.label, "rank": new.label})
    if current is not None and held_since is not None:
        earliest = add_months(held_since, minimum_months)
        if effective_date < earliest:
            return Violation(Code.RANK_TIME_IN_RANK, "effective_date", {
                "current": current.label, "since": _fmt(held_since), "months": str(minimum_months),
                "earliest": _fmt(earliest)})
    return None
