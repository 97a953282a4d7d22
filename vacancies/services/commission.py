"""The competition commission: members, conflict-of-interest declarations, scores and the ranking.

Ranking (documented in docs/vacancies.md): each member's interview score of a candidate is the
weighted share of the points given, on 0..100 (``sum(points / max_points * weight) / sum(weight) * 100``);
the candidate's interview score is the mean over the members who declared no conflict. The final score
is ``(test * test_weight + interview * interview_weight) / 100``. Ties go to the higher interview score,
then the higher test score, then the earlier application (then the smaller id, so the order is total)."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.access import can_access_organization
from core.audit import audit_log
from core.models import User
from workforce.models import Role

from ..errors import VacancyConflict, VacancyError, VacancyErrorCode, VacancyNotFound
from ..models import (
    Application,
    CommissionMember,
    ConflictDeclaration,
    InterviewCriterion,
    InterviewScore,
    Stage,
    Vacancy,
    VacancyStatus,
)
from ._common import lock, require_hr, stamp
from .applications import change_stage

__all__ = [
    "COMMISSION_ROLES",
    "commission_member_add",
    "commission_member_remove",
    "competition_rank",
    "conflict_declare",
    "interview_scores_submit",
    "ranking_key",
]

COMMISSION_ROLES = (Role.COMMISSION,)
CENT = Decimal("0.01")


def commission_member_add(*, vacancy: Vacancy, user: User, is_chair: bool = False,
                          actor: User | None) -> CommissionMember:
    """Seat ``user`` on the commission; they must hold the commission role on the vacancy's organisation."""
    with transaction.atomic():
        lock(vacancy)
        require_hr(actor, vacancy)
        if vacancy.status in (VacancyStatus.COMPLETED, VacancyStatus.CANCELLED) or vacancy.ranked_at:
            raise VacancyConflict(_("The competition is over: its commission no longer changes."),
                                  code=VacancyErrorCode.WRONG_STATUS, field="status")
        if not can_access_organization(user, vacancy.organization, roles=COMMISSION_ROLES):
            raise VacancyError(_("%(user)s does not hold the commission role on %(organization)s.")
                               % {"user": user, "organization": vacancy.organization},
                               code=VacancyErrorCode.MEMBER_NO_ROLE, field="user")
        member, created = CommissionMember.objects.get_or_create(vacancy=vacancy, user=user,
                                                                 defaults={"is_chair": is_chair})
        if not created:
            raise VacancyConflict(_("%(user)s is already on this commission.") % {"user": user},
                                  code=VacancyErrorCode.MEMBER_EXISTS, field="user")
        audit_log("vacancies.commission.member_added", actor=actor, target=vacancy,
                  data={"member": user.username, "chair": is_chair})
    return member


@transaction.atomic
def commission_member_remove(*, member: CommissionMember, actor: User | None) -> None:
    """Remove a member who has not scored anyone yet."""
    vacancy = member.vacancy
    lock(vacancy)
    require_hr(actor, vacancy)
    if member.scores.exists() or vacancy.ranked_at:
        raise VacancyConflict(_("%(user)s has already scored candidates and stays on the commission.")
                              % {"user": member.user}, code=VacancyErrorCode.WRONG_STATUS, field="user")
    username = member.user.username
    member.delete()
    audit_log("vacancies.commission.member_removed", actor=actor, target=vacancy, data={"member": username})


def _member_of(application: Application, actor: User) -> CommissionMember:
    """The actor's seat on the application's commission; they must also still hold the role (scope)."""
    vacancy = application.vacancy
    member = CommissionMember.objects.filter(vacancy=vacancy, user=actor).select_related("user").first()
    if member is None or not can_access_organization(actor, vacancy.organization, roles=COMMISSION_ROLES):
        raise VacancyNotFound(_("Vacancy not found."))
    return member


def _require_interview(application: Application) -> None:
    if application.vacancy.status != VacancyStatus.IN_COMPETITION or application.vacancy.ranked_at:
        raise VacancyConflict(_("Scoring is closed for this competition."), code=VacancyErrorCode.WRONG_STATUS,
                              field="status")
    if application.stage != Stage.INTERVIEW:
        raise VacancyConflict(_("%(name)s is not at the interview stage.") % {"name": application.candidate.full_name},
                              code=VacancyErrorCode.STAGE_TRANSITION, field="stage")


@transaction.atomic
def conflict_declare(*, application: Application, has_conflict: bool, note: str = "",
                     actor: User) -> ConflictDeclaration:
    """The acting member declares whether they have a conflict of interest with this candidate. A
    declared conflict excludes their scores for the candidate (already given ones are deleted)."""
    member = _member_of(application, actor)
    _require_interview(application)
    declaration, _created = ConflictDeclaration.objects.update_or_create(
        application=application, member=member, defaults={"has_conflict": has_conflict, "note": (note or "").strip()})
    if has_conflict:
        InterviewScore.objects.filter(application=application, member=member).delete()
    audit_log("vacancies.commission.conflict_declared", actor=actor, target=application,
              data={"vacancy": application.vacancy_id, "has_conflict": has_conflict})
    return declaration


@transaction.atomic
def interview_scores_submit(*, application: Application, points: dict[int, Decimal | int | str],
                            actor: User) -> list[InterviewScore]:
    """The acting member scores the candidate on every criterion (``{criterion id: points}``). They must
    have declared no conflict of interest for this candidate first. Scores can be corrected until the
    ranking is made."""
    member = _member_of(application, actor)
    _require_interview(application)
    declaration = ConflictDeclaration.objects.filter(application=application, member=member).first()
    if declaration is None:
        raise VacancyConflict(_("Declare first whether you have a conflict of interest with %(name)s.")
                              % {"name": application.candidate.full_name},
                              code=VacancyErrorCode.DECLARATION_REQUIRED, field="has_conflict")
    if declaration.has_conflict:
        raise VacancyConflict(_("You declared a conflict of interest with %(name)s: you do not score them.")
                              % {"name": application.candidate.full_name},
                              code=VacancyErrorCode.CONFLICT_DECLARED, field="has_conflict")
    criteria = list(application.vacancy.criteria.all())
    missing = [c for c in criteria if c.pk not in points]
    if missing:
        names = ", ".join(c.name for c in missing)
        raise VacancyError(_("Score every criterion; missing: %(names)s.") % {"names": names},
                           code=VacancyErrorCode.SCORES_INCOMPLETE, field=f"criterion_{missing[0].pk}")
    saved = []
    for criterion in criteria:
        try:
            value = Decimal(str(points[criterion.pk]))
        except ArithmeticError as exc:
            raise _out_of_range(criterion, points[criterion.pk]) from exc
        if not Decimal("0") <= value <= criterion.max_points:
            raise _out_of_range(criterion, value)
        score, _created = InterviewScore.objects.update_or_create(
            application=application, member=member, criterion=criterion, defaults={"points": value})
        saved.append(score)
    audit_log("vacancies.commission.scored", actor=actor, target=application,
              data={"vacancy": application.vacancy_id, "points": {str(k): str(v) for k, v in points.items()}})
    return saved


def _out_of_range(criterion: InterviewCriterion, value: Any) -> VacancyError:
    return VacancyError(_("“%(criterion)s”: give 0 to %(max)s points, not %(value)s.")
                        % {"criterion": criterion.name, "max": criterion.max_points, "value": value},
                        code=VacancyErrorCode.SCORE_OUT_OF_RANGE, field=f"criterion_{criterion.pk}")


def ranking_key(application: Application) -> tuple:
    """The documented order: final score, then interview, then test (all higher first), then the
    earlier application, then the smaller id."""
    return (-(application.final_score or 0), -(application.interview_score or 0), -(application.test_score or 0),
            application.submitted_at, application.pk)


def _interview_scores(vacancy: Vacancy, applications: list[Application]) -> dict[int, Decimal]:
    """Each application's interview score (0..100) over the members without a conflict; refuses when a
    member who declared no conflict has not scored, or a candidate has no member to score them."""
    criteria = {c.pk: c for c in vacancy.criteria.all()}
    total_weight = sum(c.weight for c in criteria.values())
    members = list(vacancy.commission.select_related("user"))
    conflicts = set(ConflictDeclaration.objects.filter(application__in=applications, has_conflict=True)
                    .values_list("application_id", "member_id"))
    sheets: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(dict)
    for application_id, member_id, criterion_id, points in InterviewScore.objects.filter(
            application__in=applications).values_list("application_id", "member_id", "criterion_id", "points"):
        sheets[(application_id, member_id)][criterion_id] = points
    result: dict[int, Decimal] = {}
    for application in applications:
        per_member = []
        for member in members:
            if (application.pk, member.pk) in conflicts:
                continue
            sheet = sheets.get((application.pk, member.pk), {})
            if set(sheet) != set(criteria):
                raise VacancyConflict(
                    _("%(member)s has not scored %(name)s on every criterion (or declared a conflict of interest).")
                    % {"member": member.user, "name": application.candidate.full_name},
                    code=VacancyErrorCode.SCORES_INCOMPLETE, field="scores",
                    extra={"member": member.user.username, "application": application.pk})
            weighted = sum(Decimal(sheet[pk]) / criteria[pk].max_points * criteria[pk].weight for pk in criteria)
            per_member.append(weighted / total_weight * 100)
        if not per_member:
            raise VacancyConflict(
                _("No commission member without a conflict of interest has scored %(name)s.")
                % {"name": application.candidate.full_name},
                code=VacancyErrorCode.SCORES_INCOMPLETE, field="scores", extra={"application": application.pk})
        result[application.pk] = (sum(per_member) / len(per_member)).quantize(CENT, rounding=ROUND_HALF_UP)
    return result


@transaction.atomic
def competition_rank(*, vacancy: Vacancy, actor: User | None) -> list[Application]:
    """Combine test and interview into the final scores and rank everyone interviewed: the first is the
    winner, the others the ranked reserve (in order). Needs every member's scores (or conflict)."""
    lock(vacancy)
    require_hr(actor, vacancy)
    if vacancy.status != VacancyStatus.IN_COMPETITION:
        raise VacancyConflict(_("The vacancy is “%(status)s”: there is no competition to rank.")
                              % {"status": vacancy.get_status_display()}, code=VacancyErrorCode.WRONG_STATUS,
                              field="status")
    if vacancy.ranked_at is not None:
        raise VacancyConflict(_("The ranking of this competition is already made."),
                              code=VacancyErrorCode.ALREADY_RANKED, field="status")
    applications = list(vacancy.applications.select_for_update(no_key=True).filter(stage=Stage.INTERVIEW)
                        .select_related("candidate"))
    if not applications:
        raise VacancyConflict(_("Nobody is at the interview stage: invite candidates who passed the test first."),
                              code=VacancyErrorCode.NOBODY_TO_RANK, field="stage")
    interview = _interview_scores(vacancy, applications)
    for application in applications:
        application.interview_score = interview[application.pk]
        test = application.test_score or Decimal("0")
        application.final_score = ((test * vacancy.test_weight + application.interview_score
                                    * vacancy.interview_weight) / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    applications.sort(key=ranking_key)
    for position, application in enumerate(applications, start=1):
        application.rank = position
        change_stage(application, Stage.WINNER if position == 1 else Stage.RESERVE, actor=actor,
                     verb="ranked", fields=["interview_score", "final_score", "rank"],
                     data={"rank": position, "final_score": str(application.final_score)})
    vacancy.ranked_at = timezone.now()
    stamp(vacancy, actor)
    vacancy.save(update_fields=["ranked_at", "updated_at"])
    audit_log("vacancies.vacancy.ranked", actor=actor, target=vacancy,
              data={"ranking": [[a.pk, a.rank, str(a.final_score)] for a in applications]})
    return applications
