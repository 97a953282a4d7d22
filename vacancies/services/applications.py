"""Applications: the rules of applying, and the stage machine every stage change goes through."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.i18n import localized_value
from core.models import User
from core.notifications import in_every_language, notify
from workforce.selectors import person_is_serving

from ..checks import candidate_snapshot, requirement_reasons
from ..errors import VacancyConflict, VacancyError, VacancyErrorCode
from ..models import (
    ACTIVE_STAGES,
    Application,
    ApplicationEvent,
    Candidate,
    CompetitionType,
    Stage,
    Vacancy,
    VacancyStatus,
)
from ._common import fmt, lock, require_hr, stamp

__all__ = [
    "MAX_ACTIVE_APPLICATIONS",
    "TRANSITIONS",
    "BulkResult",
    "application_admit",
    "application_invite_to_interview",
    "application_invite_to_test",
    "application_override",
    "application_record_test_result",
    "application_reject",
    "application_submit",
    "application_test_finished",
    "application_withdraw",
    "applications_bulk",
    "change_stage",
    "stage_emails_off",
    "stage_notify",
]

STAGE_EVENT = "vacancies.stage_changed"
"""The notification every stage change sends the candidate (registered in ``VacanciesConfig.ready``)."""

_STAGE_EMAILS: ContextVar[bool] = ContextVar("vacancies_stage_emails", default=True)


@contextlib.contextmanager
def stage_emails_off() -> Iterator[None]:
    """Inside, stage changes still write the in-app notification but send no e-mail (the demo
    seeder: invented candidates must not be mailed)."""
    token = _STAGE_EMAILS.set(False)
    try:
        yield
    finally:
        _STAGE_EMAILS.reset(token)

MAX_ACTIVE_APPLICATIONS = 5
"""DOMAIN.md: a candidate holds at most 5 active applications at once."""

TRANSITIONS: dict[str, frozenset[str]] = {
    Stage.SUBMITTED: frozenset({Stage.ADMITTED, Stage.REJECTED, Stage.WITHDRAWN, Stage.CANCELLED}),
    Stage.ADMITTED: frozenset({Stage.TESTING, Stage.TEST_PASSED, Stage.REJECTED, Stage.WITHDRAWN, Stage.CANCELLED}),
    Stage.REJECTED: frozenset({Stage.ADMITTED}),
    Stage.TESTING: frozenset({Stage.TEST_PASSED, Stage.TEST_FAILED, Stage.WITHDRAWN, Stage.CANCELLED}),
    Stage.TEST_PASSED: frozenset({Stage.INTERVIEW, Stage.WITHDRAWN, Stage.CANCELLED}),
    Stage.INTERVIEW: frozenset({Stage.WINNER, Stage.RESERVE, Stage.WITHDRAWN, Stage.CANCELLED}),
    Stage.WINNER: frozenset({Stage.APPOINTED, Stage.DECLINED, Stage.WITHDRAWN, Stage.CANCELLED}),
    Stage.RESERVE: frozenset({Stage.WINNER, Stage.WITHDRAWN, Stage.CANCELLED}),
}
"""The stage machine: which stage may follow which. Anything else is refused."""

WITHDRAWABLE = frozenset(stage for stage, nexts in TRANSITIONS.items() if Stage.WITHDRAWN in nexts)


def change_stage(application: Application, to: str, *, actor: User | None, note: str = "", verb: str,
                 active: bool | None = None, fields: Iterable[str] = (), data: dict[str, Any] | None = None) -> None:
    """The one way an application changes stage: checks the stage machine, saves the stage (and
    ``fields`` the caller set), writes the timeline event, the history row and the audit event, and
    notifies the candidate (in-app, and by e-mail in their language after commit: ``stage_notify``),
    so every stage change notifies without another call site."""
    previous = application.stage
    if to not in TRANSITIONS.get(previous, frozenset()):
        raise VacancyConflict(
            _("The application of %(name)s is at “%(stage)s”: it cannot move to “%(to)s”.")
            % {"name": application.candidate.full_name, "stage": application.get_stage_display(),
               "to": Stage(to).label},
            code=VacancyErrorCode.STAGE_TRANSITION, field="stage",
            extra={"application": application.pk, "stage": previous, "to": to})
    application.stage = to
    application.is_active = (to in ACTIVE_STAGES) if active is None else active
    application.stage_changed_at = timezone.now()
    stamp(application, actor)
    application._change_reason = f"{previous} -> {to}"  # type: ignore[attr-defined]
    application.save(update_fields=["stage", "is_active", "stage_changed_at", "updated_at", *fields])
    ApplicationEvent.objects.create(application=application, from_stage=previous, to_stage=to, note=note,
                                    actor=actor if getattr(actor, "is_authenticated", False) else None)
    audit_log(f"vacancies.application.{verb}", actor=actor, target=application,
              data={"vacancy": application.vacancy_id, "from": previous, "to": to, **(data or {})})
    if previous == Stage.TESTING and not application.is_active:
        # Withdrawn, rejected or cancelled while the test waited: it leaves the candidate's "My tests".
        from assessment.services import test_assignment_close

        test_assignment_close(source_app=TEST_SOURCE, source_id=str(application.pk), actor=actor)
    stage_notify(application, actor=actor, note=note)


def _in_every_language(render) -> dict[str, str]:
    result = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            result[code] = str(render())
    return result


def stage_notify(application: Application, *, actor: User | None, note: str = "") -> None:
    """Tell the candidate where ``application`` stands now: the stage, the vacancy and the next step
    (snapshots in every language; the e-mail goes out in the candidate's, after commit)."""
    from ..stages import next_step

    vacancy = application.vacancy
    notify([application.candidate.user], STAGE_EVENT, {
        "vacancy": _in_every_language(lambda: localized_value(vacancy, "title")),
        "organization": _in_every_language(lambda: localized_value(vacancy.organization, "name")),
        "stage": in_every_language(Stage(application.stage).label),
        "next_step": _in_every_language(lambda: next_step(application)),
        "note": note,
        "on": timezone.localdate().isoformat(),
    }, link=f"{reverse('vacancies:cabinet')}#application-{application.pk}", actor=actor,
        email=_STAGE_EMAILS.get())


def _active_count(candidate: Candidate) -> int:
    return Application.objects.filter(candidate=candidate, is_active=True).count()


def _too_many(candidate: Candidate) -> VacancyConflict:
    return VacancyConflict(
        _("You already have %(limit)s active applications, the most allowed at once. Withdraw one or wait for a "
          "result before applying again.") % {"limit": MAX_ACTIVE_APPLICATIONS},
        code=VacancyErrorCode.TOO_MANY_ACTIVE, field="vacancy", extra={"limit": MAX_ACTIVE_APPLICATIONS})


def _already_applied(vacancy: Vacancy) -> VacancyConflict:
    return VacancyConflict(_("You have already applied for «%(title)s».") % {"title": vacancy.title},
                           code=VacancyErrorCode.ALREADY_APPLIED, field="vacancy")


def _require_open_for_applications(vacancy: Vacancy, today: datetime.date) -> None:
    if vacancy.status != VacancyStatus.PUBLISHED:
        raise VacancyConflict(_("«%(title)s» is not accepting applications (%(status)s).")
                              % {"title": vacancy.title, "status": vacancy.get_status_display()},
                              code=VacancyErrorCode.VACANCY_NOT_OPEN, field="vacancy")
    if today < vacancy.opens_on:
        raise VacancyConflict(_("Applications for «%(title)s» open on %(day)s.")
                              % {"title": vacancy.title, "day": fmt(vacancy.opens_on)},
                              code=VacancyErrorCode.NOT_YET_OPEN, field="vacancy")
    if today > vacancy.closes_on:
        raise VacancyConflict(_("The last day to apply for «%(title)s» was %(day)s.")
                              % {"title": vacancy.title, "day": fmt(vacancy.closes_on)},
                              code=VacancyErrorCode.DEADLINE_PASSED, field="vacancy")


@transaction.atomic
def application_submit(*, vacancy: Vacancy, candidate: Candidate, actor: User | None) -> Application:
    """``candidate`` applies for ``vacancy``. Refused (with a code) after the deadline, when the vacancy
    is not published, for an internal competition when the candidate is not a serving civil servant,
    a second time for the same vacancy, and beyond 5 active applications. The candidate row is locked
    first, so parallel requests of one candidate are counted one after another. The automatic check
    against the requirements runs at once and its reasons are kept."""
    if actor is not None and candidate.user_id != actor.pk:
        raise VacancyError(_("You can apply only for yourself."), code=VacancyErrorCode.NOT_YOURS)
    lock(candidate)
    today = timezone.localdate()
    _require_open_for_applications(vacancy, today)
    serving = person_is_serving(candidate.employee)
    if vacancy.competition_type == CompetitionType.INTERNAL and not serving:
        raise VacancyConflict(_("«%(title)s» is an internal competition: only serving civil servants may apply.")
                              % {"title": vacancy.title}, code=VacancyErrorCode.INTERNAL_ONLY, field="vacancy")
    if Application.objects.filter(vacancy=vacancy, candidate=candidate).exists():
        raise _already_applied(vacancy)
    if _active_count(candidate) >= MAX_ACTIVE_APPLICATIONS:
        raise _too_many(candidate)
    snapshot = candidate_snapshot(candidate, is_civil_servant=serving)
    reasons = requirement_reasons(vacancy, snapshot)
    now = timezone.now()
    application = Application(vacancy=vacancy, candidate=candidate, stage=Stage.SUBMITTED, is_active=True,
                              submitted_at=now, stage_changed_at=now, snapshot=snapshot,
                              check_passed=not reasons, check_reasons=reasons)
    stamp(application, actor)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:  # a parallel request of the same candidate got there first
        raise _already_applied(vacancy) from exc
    ApplicationEvent.objects.create(application=application, to_stage=Stage.SUBMITTED,
                                    actor=actor if getattr(actor, "is_authenticated", False) else None)
    audit_log("vacancies.application.submitted", actor=actor, target=application,
              data={"vacancy": vacancy.pk, "check_passed": not reasons,
                    "reasons": [reason["code"] for reason in reasons]})
    stage_notify(application, actor=actor)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor: User | None) -> Application:
    """The candidate withdraws (frees one of their 5 slots). A withdrawing winner hands the first
    place to the next in the ranking."""
    from .appointment import promote_next_in_ranking

    lock(application)
    if actor is not None and application.candidate.user_id != actor.pk:
        raise VacancyError(_("You can withdraw only your own application."), code=VacancyErrorCode.NOT_YOURS)
    was_winner = application.stage == Stage.WINNER
    change_stage(application, Stage.WITHDRAWN, actor=actor, verb="withdrawn")
    if was_winner:
        promote_next_in_ranking(application.vacancy, actor=actor)
    return application


_SCREENING = (VacancyStatus.PUBLISHED, VacancyStatus.CLOSED, VacancyStatus.IN_COMPETITION)


def _require_vacancy_status(application: Application, *allowed: str) -> None:
    vacancy = application.vacancy
    if vacancy.status not in allowed:
        raise VacancyConflict(_("The vacancy «%(title)s» is “%(status)s”: this step is not possible now.")
                              % {"title": vacancy.title, "status": vacancy.get_status_display()},
                              code=VacancyErrorCode.WRONG_STATUS, field="status")


@transaction.atomic
def application_admit(*, application: Application, actor: User | None) -> Application:
    """Admit an application that passed the automatic check. One that failed needs an override
    (``application_override``) with a written reason."""
    lock(application)
    require_hr(actor, application.vacancy)
    _require_vacancy_status(application, *_SCREENING)
    if not application.check_passed:
        raise VacancyConflict(
            _("%(name)s does not meet the requirements; to admit them anyway, override the check with a written "
              "reason.") % {"name": application.candidate.full_name},
            code=VacancyErrorCode.CHECK_FAILED, field="override_reason")
    change_stage(application, Stage.ADMITTED, actor=actor, verb="admitted")
    return application


def _reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise VacancyError(_("Write the reason: the candidate and the audit trail keep it."),
                           code=VacancyErrorCode.REASON_REQUIRED, field=field)
    return reason


@transaction.atomic
def application_reject(*, application: Application, reason: str, actor: User | None) -> Application:
    """Do not admit (or, before testing, take back an admission), with a written reason."""
    lock(application)
    require_hr(actor, application.vacancy)
    _require_vacancy_status(application, *_SCREENING)
    application.rejection_reason = _reason(reason)
    change_stage(application, Stage.REJECTED, actor=actor, note=application.rejection_reason, verb="rejected",
                 fields=["rejection_reason"])
    return application


@transaction.atomic
def application_override(*, application: Application, admit: bool, reason: str,
                         actor: User | None) -> Application:
    """An HR officer overrides the automatic check with a written reason (audited as
    ``vacancies.application.overridden``): ``admit=True`` admits a candidate the check refused (or who
    was rejected), counted again toward their 5 active applications; ``admit=False`` refuses one the
    check admitted."""
    lock(application)
    require_hr(actor, application.vacancy)
    _require_vacancy_status(application, *_SCREENING)
    reason = _reason(reason, "override_reason")
    if admit and application.stage == Stage.REJECTED:
        lock(application.candidate)
        if _active_count(application.candidate) >= MAX_ACTIVE_APPLICATIONS:
            raise _too_many(application.candidate)
    application.override_reason = reason
    application.overridden_by = actor if getattr(actor, "is_authenticated", False) else None
    fields = ["override_reason", "overridden_by"]
    if not admit:
        application.rejection_reason = reason
        fields.append("rejection_reason")
    change_stage(application, Stage.ADMITTED if admit else Stage.REJECTED, actor=actor, note=reason,
                 verb="overridden", fields=fields,
                 data={"admit": admit, "check_passed": application.check_passed, "reason": reason})
    return application


@transaction.atomic
def application_invite_to_test(*, application: Application, actor: User | None) -> Application:
    """An admitted candidate is invited to the vacancy's test. With a test on the vacancy, a banked score
    (56+ within 3 months for a test with matching requirements, ``assessment.selectors.banked_result_for``)
    passes the stage at once (admitted → test passed, ``test_banked``); otherwise the test is assigned
    through ``assessment.services.test_assign`` (idempotent per application) and the candidate takes it
    from the cabinet; its result arrives through ``application_test_finished``. Without a test on the
    vacancy the HR service records the result (``application_record_test_result``)."""
    from assessment.selectors import banked_result_for
    from assessment.services import test_assign

    lock(application)
    require_hr(actor, application.vacancy)
    _require_vacancy_status(application, VacancyStatus.IN_COMPETITION)
    vacancy, user = application.vacancy, application.candidate.user
    if vacancy.test_id is not None and application.stage == Stage.ADMITTED:
        banked = banked_result_for(user=user, test=vacancy.test)
        if banked is not None:
            _record_test_result(application, score=banked.score, passed=True, banked=True, actor=actor,
                                data={"attempt": banked.attempt_id, "valid_until": banked.valid_until.isoformat()})
            return application
    change_stage(application, Stage.TESTING, actor=actor, verb="invited_to_test")
    if vacancy.test_id is not None:
        assignment = test_assign(test=vacancy.test, user=user, source_app=TEST_SOURCE, source_id=str(application.pk),
                                 source_label=f"{vacancy.title} — {vacancy.organization.name}",
                                 available_until=None, actor=actor if getattr(actor, "pk", None) else None)
        audit_log("vacancies.application.test_assigned", actor=actor, target=application,
                  data={"test": vacancy.test_id, "assignment": assignment.pk})
    return application


TEST_SOURCE = "vacancies"
"""``source_app`` of the assessment assignments made for applications (``source_id`` = application id)."""


def _record_test_result(application: Application, *, score: Decimal, passed: bool, banked: bool,
                        actor: User | None, data: dict[str, Any] | None = None) -> None:
    score = Decimal(str(score))
    if not Decimal("0") <= score <= Decimal("100"):
        raise VacancyError(_("A test score is between 0 and 100, not %(score)s.") % {"score": score},
                           code=VacancyErrorCode.TEST_SCORE_INVALID, field="score")
    application.test_score = score.quantize(Decimal("0.01"))
    application.test_banked = banked
    change_stage(application, Stage.TEST_PASSED if passed else Stage.TEST_FAILED, actor=actor,
                 verb="test_passed" if passed else "test_failed", fields=["test_score", "test_banked"],
                 note=_("Banked score") if banked else "",
                 data={"score": str(application.test_score), "banked": banked, **(data or {})})


@transaction.atomic
def application_record_test_result(*, application: Application, score: Decimal, passed: bool, banked: bool = False,
                                   actor: User | None) -> Application:
    """The outcome of the test stage recorded by the HR service (a vacancy without a test on the
    assessment engine). ``score`` is out of 100; a banked score passes from "admitted" directly."""
    lock(application)
    require_hr(actor, application.vacancy)
    _require_vacancy_status(application, VacancyStatus.IN_COMPETITION)
    _record_test_result(application, score=score, passed=passed, banked=banked, actor=actor)
    return application


def application_test_assignment(application: Application):
    """The assessment assignment of ``application`` (``None`` before the invitation or without a test)."""
    from assessment.selectors import my_assignments

    if application.vacancy.test_id is None:
        return None
    return my_assignments(user=application.candidate.user).filter(
        source_app=TEST_SOURCE, source_id=str(application.pk), test_id=application.vacancy.test_id).first()


@transaction.atomic
def application_test_finished(*, application_id: int, now: datetime.datetime | None = None) -> Application | None:
    """An attempt for ``application_id`` was finished (``assessment.signals.attempt_finished``, after
    commit): record the outcome read from ``assessment.selectors.assignment_outcome`` and move the stage
    (passed / not passed by the test's pass mark). A failed attempt with attempts left keeps the
    candidate at "testing". Idempotent: an application no longer at "testing" is left alone (the
    signal is delivered once per attempt; two attempts finishing together are serialised by the row
    lock). Returns the application when its stage moved."""
    from assessment.selectors import OutcomeStatus, assignment_outcome

    application = (Application.objects.select_for_update(no_key=True, of=("self",))
                   .select_related("vacancy", "vacancy__test", "vacancy__organization", "candidate__user")
                   .filter(pk=application_id).first())
    if application is None or application.stage != Stage.TESTING \
            or application.vacancy.status != VacancyStatus.IN_COMPETITION:
        return None
    assignment = application_test_assignment(application)
    if assignment is None:
        return None
    outcome = assignment_outcome(assignment=assignment, now=now)
    if outcome.status != OutcomeStatus.FINISHED or outcome.score is None:
        return None
    if not outcome.passed and outcome.attempts_used < assignment.test.attempts_allowed:
        return None  # they may try again; the last attempt decides
    _record_test_result(application, score=outcome.score, passed=bool(outcome.passed), banked=outcome.banked,
                        actor=None, data={"attempt": outcome.attempt_id})
    return application


@transaction.atomic
def application_invite_to_interview(*, application: Application, actor: User | None) -> Application:
    """A candidate who passed the test goes to the commission's interview."""
    lock(application)
    require_hr(actor, application.vacancy)
    _require_vacancy_status(application, VacancyStatus.IN_COMPETITION)
    if application.vacancy.ranked_at is not None:
        raise VacancyConflict(_("The ranking is already made; no one can join the interviews now."),
                              code=VacancyErrorCode.ALREADY_RANKED, field="stage")
    change_stage(application, Stage.INTERVIEW, actor=actor, verb="invited_to_interview")
    return application


class BulkResult:
    """What a bulk action did: the applications changed and, for the others, why not (in the user's language)."""

    def __init__(self) -> None:
        self.done: list[Application] = []
        self.failed: list[tuple[Application, str, str]] = []


BULK_ACTIONS = {
    "admit": application_admit,
    "invite_to_test": application_invite_to_test,
    "invite_to_interview": application_invite_to_interview,
}


def applications_bulk(*, action: str, applications: Iterable[Application], actor: User | None) -> BulkResult:
    """Run one stage action on each application, each in its own transaction: one refusal (with its
    code and message) does not undo the others."""
    service = BULK_ACTIONS[action]
    result = BulkResult()
    from core.exceptions import ApplicationError

    for application in applications:
        try:
            service(application=application, actor=actor)
        except ApplicationError as error:
            result.failed.append((application, error.code, error.message))
        else:
            result.done.append(application)
    return result
