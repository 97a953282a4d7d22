"""The end of a competition: only the winner is appointed (or, when the winner declines, the next in
the ranking). Every other attempt is refused and logged."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.exceptions import ApplicationError
from core.models import User
from workforce.models import HROrder, ReserveEntry, ReserveSource
from workforce.selectors import person_by_pinfl
from workforce.services import PersonDetails, employee_appoint, employee_link_user, reserve_entry_add

from ..errors import VacancyConflict, VacancyErrorCode
from ..models import Application, Stage, Vacancy, VacancyStatus
from ._common import lock, require_hr, stamp
from .applications import _reason, change_stage
from .vacancies import _portal_changed

__all__ = [
    "application_add_to_reserve",
    "application_decline",
    "competition_basis",
    "promote_next_in_ranking",
    "vacancy_appoint_winner",
]

_REFUSALS = frozenset({VacancyErrorCode.NOT_THE_WINNER, VacancyErrorCode.NOT_RANKED,
                       VacancyErrorCode.ALREADY_APPOINTED})


def competition_basis(vacancy: Vacancy) -> tuple[str, str, str]:
    """The basis of the appointment order: (app, object id, label) — printed on the HR order."""
    label = _("Competition No. %(number)s for the vacancy «%(title)s»") % {"number": vacancy.pk, "title": vacancy.title}
    return ("vacancies", str(vacancy.pk), label)


def _place_winner(application: Application, *, start_date: datetime.date, actor: User | None) -> HROrder:
    """The single call into workforce that puts the winner on the staff position
    (``employee_appoint``: it puts a new person on record, re-hires someone employed nowhere, or moves
    a civil servant of another organisation across), citing the competition as the order's basis."""
    vacancy, candidate = application.vacancy, application.candidate
    person = PersonDetails(
        pinfl=candidate.employee.pinfl if candidate.employee_id else candidate.pinfl,
        last_name=candidate.last_name, first_name=candidate.first_name, middle_name=candidate.middle_name,
        birth_date=candidate.birth_date, sex=candidate.sex, passport=candidate.passport, phone=candidate.phone,
        email=candidate.user.email, languages=tuple(candidate.languages or ()))
    order = employee_appoint(actor=actor, person=person, staff_position=vacancy.staff_position,
                             start_date=start_date, basis=competition_basis(vacancy))
    employee = order.employee
    if employee.user_id is None:
        employee_link_user(employee=employee, user=candidate.user, actor=actor)
    if candidate.employee_id != employee.pk:
        candidate.employee = employee
        candidate.save(update_fields=["employee", "updated_at"])
    application.employee = employee
    application.appointment_order = order.number
    return order


@transaction.atomic
def _appoint(vacancy: Vacancy, application: Application, start_date: datetime.date, actor: User | None) -> HROrder:
    lock(vacancy)  # two parallel appointments to one vacancy queue here; the second finds it completed
    require_hr(actor, vacancy)
    if vacancy.status == VacancyStatus.COMPLETED:
        raise VacancyConflict(_("This competition is completed: its winner is already appointed."),
                              code=VacancyErrorCode.ALREADY_APPOINTED, field="application")
    if vacancy.status != VacancyStatus.IN_COMPETITION or vacancy.ranked_at is None:
        raise VacancyConflict(_("The competition has no ranking yet: only its winner can be appointed."),
                              code=VacancyErrorCode.NOT_RANKED, field="application")
    lock(application)
    if application.vacancy_id != vacancy.pk or application.stage != Stage.WINNER:
        winner = vacancy.applications.filter(stage=Stage.WINNER).select_related("candidate").first()
        raise VacancyConflict(
            _("Only the winner of the competition (%(winner)s) can be appointed; %(name)s is “%(stage)s”.")
            % {"winner": winner.candidate.full_name if winner else "—",
               "name": application.candidate.full_name, "stage": application.get_stage_display()},
            code=VacancyErrorCode.NOT_THE_WINNER, field="application")
    order = _place_winner(application, start_date=start_date, actor=actor)
    change_stage(application, Stage.APPOINTED, actor=actor, verb="appointed", active=False,
                 fields=["employee", "appointment_order"], data={"order": order.number})
    # The runners-up keep their place in the ranking as a result, but the competition no longer holds them.
    for other in vacancy.applications.filter(is_active=True).exclude(pk=application.pk):
        other.is_active = False
        other.save(update_fields=["is_active", "updated_at"])
    vacancy.status = VacancyStatus.COMPLETED
    vacancy.completed_at = timezone.now()
    stamp(vacancy, actor)
    vacancy.save(update_fields=["status", "completed_at", "updated_at"])
    transaction.on_commit(_portal_changed)
    audit_log("vacancies.vacancy.completed", actor=actor, target=vacancy,
              data={"application": application.pk, "order": order.number, "rank": application.rank})
    return order


def vacancy_appoint_winner(*, vacancy: Vacancy, application: Application, start_date: datetime.date,
                           actor: User | None) -> HROrder:
    """Appoint the competition's winner to the vacancy's staff position from ``start_date`` (an HR
    order citing the competition) and complete the vacancy. Anyone but the current winner is refused
    with ``appointment_not_the_winner``, and the refused attempt is written to the audit log
    (``vacancies.appointment.refused``) after the transaction is rolled back."""
    try:
        return _appoint(vacancy, application, start_date, actor)
    except ApplicationError as error:
        if error.code in _REFUSALS:
            audit_log("vacancies.appointment.refused", actor=actor, target=vacancy,
                      data={"application": application.pk, "code": error.code, "stage": application.stage})
        raise


def promote_next_in_ranking(vacancy: Vacancy, *, actor: User | None) -> Application | None:
    """The first of the ranked reserve becomes the winner (after the winner declined or withdrew)."""
    following = (vacancy.applications.select_for_update(no_key=True).filter(stage=Stage.RESERVE)
                 .select_related("candidate").order_by("rank").first())
    if following is not None:
        change_stage(following, Stage.WINNER, actor=actor, verb="promoted", data={"rank": following.rank})
    return following


@transaction.atomic
def application_decline(*, application: Application, reason: str, actor: User | None) -> Application | None:
    """Record that the winner declines the appointment (written reason); the next in the ranking
    becomes the winner. Returns the new winner (None when the reserve is empty)."""
    vacancy = application.vacancy
    lock(vacancy)
    require_hr(actor, vacancy)
    lock(application)
    if application.stage != Stage.WINNER:
        raise VacancyConflict(_("Only the winner can decline the appointment; %(name)s is “%(stage)s”.")
                              % {"name": application.candidate.full_name, "stage": application.get_stage_display()},
                              code=VacancyErrorCode.NOT_THE_WINNER, field="application")
    application.decline_reason = _reason(reason)
    change_stage(application, Stage.DECLINED, actor=actor, note=application.decline_reason, verb="declined",
                 fields=["decline_reason"])
    return promote_next_in_ranking(vacancy, actor=actor)


@transaction.atomic
def application_add_to_reserve(*, application: Application, actor: User | None) -> ReserveEntry:
    """Put a runner-up (ranked reserve) into the organisation's personnel reserve for the vacancy's
    category (management positions only, as workforce's reserve rules say), source "competition"."""
    vacancy = application.vacancy
    require_hr(actor, vacancy)
    if application.stage != Stage.RESERVE:
        raise VacancyConflict(_("Only a runner-up of the ranking can enter the personnel reserve."),
                              code=VacancyErrorCode.RESERVE_NOT_RUNNER_UP, field="application")
    candidate = application.candidate
    person = candidate.employee or person_by_pinfl(candidate.pinfl)
    note = competition_basis(vacancy)[2]
    if person is not None:
        entry = reserve_entry_add(organization=vacancy.organization, category=vacancy.category,
                                  source=ReserveSource.COMPETITION, included_on=timezone.localdate(),
                                  employee=person, note=note, actor=actor)
    else:
        entry = reserve_entry_add(organization=vacancy.organization, category=vacancy.category,
                                  source=ReserveSource.COMPETITION, included_on=timezone.localdate(),
                                  external_full_name=candidate.full_name, external_pinfl=candidate.pinfl,
                                  external_phone=candidate.phone, external_email=candidate.user.email,
                                  note=note, actor=actor)
    audit_log("vacancies.application.reserved", actor=actor, target=application,
              data={"vacancy": vacancy.pk, "reserve_entry": entry.pk})
    return entry

