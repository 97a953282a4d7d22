"""The attempt engine: start (draw and freeze), save answers, finish (grade), finish the overdue.

Guarantees (tests in ``tests/assessment/test_services_attempts*.py`` and ``test_concurrency.py``):

- The questions, their options in the order shown and their marks are frozen in the attempt when it
  starts; editing the bank later changes nothing in it.
- A save is idempotent per (attempt, question) and carries the client's sequence number. The stored
  answer is the one with the highest number: a duplicate, late or retried save never loses an answer
  nor rolls one back. The write is one conditional UPDATE (``sequence < new``), so two saves racing
  on the same question are ordered by the database, not by luck.
- Equal sequence, different payload: two writers used the same number (two devices, or a client that
  lost its counter). The stored answer stays, and the save is refused with
  ``answer_sequence_conflict`` and the stored answer, so the client can tell the taker and re-send
  with a higher number. Equal sequence, same payload is a retry: acknowledged as ``duplicate``.
  Lower sequence: acknowledged as ``stale`` with the stored sequence (a newer answer is already there).
- Saves are accepted until the server's deadline plus the grace period (60 s), then refused with
  ``attempt_deadline_passed``; after finishing with ``attempt_finished``. A save racing a finish is
  either graded or refused, never acknowledged and lost: finishing locks the attempt's slots, and the
  save's UPDATE re-checks ``credit IS NULL`` on the row it waited for.
- One open attempt per person and test: a partial unique index, plus the assignment's row lock.
- Finishing twice is harmless (the second call returns the finished attempt).
"""

from __future__ import annotations

import datetime
import logging
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import audit_log
from core.i18n import language_suffix

from ..errors import AssessmentConflict, AssessmentError, AssessmentErrorCode, AssessmentNotFound
from ..models import (
    Attempt,
    AttemptEvent,
    AttemptSectionScore,
    AttemptSlot,
    AttemptState,
    Choice,
    EventKind,
    FinishReason,
    Question,
    QuestionKind,
    SelectedChoice,
    TestAssignment,
    TestStatus,
)
from ..models.attempts import CLIENT_EVENT_KINDS
from ..selectors.bank import question_pool
from ..signals import attempt_finished
from .certificates import certificate_issue
from .policy import default_pass_mark
from .scoring import credit_for, percent

__all__ = [
    "SaveResult",
    "attempt_finish",
    "attempt_page_opened",
    "attempt_record_events",
    "attempt_save_answer",
    "attempt_start",
    "attempts_finish_overdue",
    "grace_period",
]

logger = logging.getLogger(__name__)
MAX_EVENTS_PER_CALL = 50
MAX_SEQUENCE = 2**62


def grace_period() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.ASSESSMENT_GRACE_SECONDS)


def _not_found() -> AssessmentNotFound:
    return AssessmentNotFound(_("No such attempt among yours."), code=AssessmentErrorCode.ATTEMPT_NOT_FOUND)


# --- start -----------------------------------------------------------------------------------------

def _when(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


def _closes_at(test: Any, assignment: TestAssignment) -> datetime.datetime | None:
    ends = [moment for moment in (test.available_until, assignment.available_until) if moment is not None]
    return min(ends) if ends else None


@transaction.atomic
def attempt_start(*, assignment: TestAssignment, user: Any, now: datetime.datetime | None = None,
                  ip_address: str | None = None, user_agent: str = "", language: str | None = None,
                  rng: random.Random | None = None) -> Attempt:
    """Start (or resume) ``user``'s attempt at ``assignment``'s test: draw the questions of every
    blueprint line at random from its pool, freeze them with their options (shuffled when the test
    says so) and marks, and set the server's deadline. An attempt already open for this assignment is
    returned as it is (a second click on "Start" resumes)."""
    now = now or timezone.now()
    rng = rng or random.SystemRandom()
    try:
        assignment = TestAssignment.objects.select_for_update(of=("self",)).select_related("test").get(
            pk=assignment.pk)
    except TestAssignment.DoesNotExist as exc:
        raise _not_found() from exc
    if assignment.user_id != user.pk:
        raise _not_found()
    test = assignment.test

    open_attempt = Attempt.objects.filter(user=user, test=test, state=AttemptState.IN_PROGRESS).first()
    if open_attempt is not None and open_attempt.deadline + grace_period() < now:
        attempt_finish(attempt=open_attempt, reason=FinishReason.DEADLINE, now=now)
        open_attempt = None
    if open_attempt is not None:
        if open_attempt.assignment_id == assignment.pk:
            return open_attempt
        raise AssessmentConflict(
            _("You already have this test open (%(source)s). Finish it first.")
            % {"source": open_attempt.assignment.source_label or test.name},
            code=AssessmentErrorCode.ATTEMPT_OPEN_ELSEWHERE)

    if test.status != TestStatus.PUBLISHED:
        raise AssessmentError(_("This test is no longer available."), code=AssessmentErrorCode.TEST_NOT_PUBLISHED)
    if test.available_from and now < test.available_from:
        raise AssessmentError(
            _("This test opens on %(when)s.") % {"when": _when(test.available_from)},
            code=AssessmentErrorCode.ATTEMPT_NOT_AVAILABLE_YET)
    closes_at = _closes_at(test, assignment)
    if closes_at is not None and now >= closes_at:
        raise AssessmentError(
            _("The time to take this test ended on %(when)s.")
            % {"when": _when(closes_at)},
            code=AssessmentErrorCode.ATTEMPT_WINDOW_CLOSED)
    used = assignment.attempts.count()
    if used >= test.attempts_allowed:
        raise AssessmentError(
            _("You have used all %(allowed)s attempt(s) allowed for this test.") % {"allowed": test.attempts_allowed},
            code=AssessmentErrorCode.ATTEMPT_LIMIT_REACHED)

    drawn = _draw(test, rng)
    deadline = now + datetime.timedelta(minutes=test.time_limit_minutes)
    if closes_at is not None:
        deadline = min(deadline, closes_at)
    language = language_suffix(language or translation.get_language())
    attempt = Attempt(
        assignment=assignment, user=user, test=test, organization_id=assignment.organization_id, number=used + 1,
        language=language, started_at=now, deadline=deadline,
        pass_mark=test.pass_mark if test.pass_mark is not None else default_pass_mark(on=timezone.localdate(now)),
        settings_snapshot={
            "name": {"uz": test.name_uz, "ru": test.name_ru, "uz_cyrl": test.name_uz_cyrl, "en": test.name_en},
            "time_limit_minutes": test.time_limit_minutes,
            "results_shown": test.results_shown, "answers_shown": test.answers_shown,
            "closes_at": closes_at.isoformat() if closes_at else None,
            "requirements_key": test.requirements_key,
        },
        max_marks=sum((question.marks for _line, question in drawn), Decimal(0)),
        ip_address=ip_address, user_agent=user_agent[:255],
    )
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError as exc:  # another start of the same test by the same person won the race
        raise AssessmentConflict(_("You already have this test open. Finish it first."),
                                 code=AssessmentErrorCode.ATTEMPT_OPEN_ELSEWHERE) from exc
    AttemptSlot.objects.bulk_create([
        _slot(attempt, position, question, shuffle=test.shuffle_options, rng=rng)
        for position, (_line, question) in enumerate(drawn, start=1)
    ])
    AttemptEvent.objects.create(attempt=attempt, kind=EventKind.STARTED, occurred_at=now, ip_address=ip_address,
                                user_agent=user_agent[:255])
    audit_log("assessment.attempt.started", actor=user, target=attempt,
              data={"test": test.code, "questions": len(drawn), "deadline": deadline.isoformat()})
    return attempt


def _draw(test: Any, rng: random.Random) -> list[tuple[Any, Question]]:
    """(line, question) for every question of the attempt, line by line in blueprint order."""
    picked: list[tuple[Any, int]] = []
    taken: set[int] = set()
    for line in test.sections.select_related("section").order_by("ordering", "id"):
        pool = [pk for pk in question_pool(test=test, line=line).values_list("pk", flat=True) if pk not in taken]
        if len(pool) < line.question_count:
            raise AssessmentError(
                _("This test cannot be started: the section %(section)s has too few questions. Please tell the "
                  "test's author.") % {"section": line.section.name},
                code=AssessmentErrorCode.TEST_NOT_ENOUGH_QUESTIONS)
        chosen = rng.sample(sorted(pool), line.question_count)
        if not test.shuffle_questions:
            chosen.sort()
        taken.update(chosen)
        picked.extend((line, pk) for pk in chosen)
    questions = Question.objects.in_bulk([pk for _line, pk in picked])
    choices: dict[int, list[Choice]] = defaultdict(list)
    for choice in Choice.objects.filter(question_id__in=questions).order_by("ordering", "id"):
        choices[choice.question_id].append(choice)
    for question in questions.values():
        question.drawn_choices = choices[question.pk]
    return [(line, questions[pk]) for line, pk in picked]


def _slot(attempt: Attempt, position: int, question: Question, *, shuffle: bool, rng: random.Random) -> AttemptSlot:
    options = list(question.drawn_choices)
    if shuffle and question.kind != QuestionKind.TRUE_FALSE:
        rng.shuffle(options)
    return AttemptSlot(
        attempt=attempt, position=position, question=question, question_version=question.version,
        section_id=question.section_id, kind=question.kind, scoring=question.scoring, marks=question.marks,
        snapshot={"text": question.texts(), "options": [{"id": c.pk, "text": c.texts()} for c in options]},
        option_ids=[c.pk for c in options],
        key={str(c.pk): str(c.fraction) for c in options},
    )


# --- save -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SaveResult:
    """``status``: ``saved`` (stored now), ``duplicate`` (the same answer with the same number was already
    stored: a retry) or ``stale`` (a newer answer is stored; nothing changed). ``sequence``, ``choices``
    and ``flagged`` are what is stored after the call."""

    status: str
    sequence: int
    choices: list[int]
    flagged: bool
    saved_at: datetime.datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


_UPDATE_SQL = (
    "UPDATE {slot} SET selected = %s, flagged = %s, sequence = %s, answered_at = %s "
    "WHERE attempt_id = %s AND question_id = %s AND sequence < %s AND credit IS NULL "
    "AND EXISTS (SELECT 1 FROM {attempt} WHERE id = %s AND user_id = %s AND state = %s AND deadline >= %s)"
)
# PostgreSQL checks the answer itself (every chosen id is one of the slot's options; one choice unless
# the question is multiple choice), so an answer that can be stored is stored in this one statement.
_UPDATE_SQL_PG = (
    "UPDATE {slot} SET selected = %s, flagged = COALESCE(%s, flagged), sequence = %s, answered_at = %s "
    "WHERE attempt_id = %s AND question_id = %s AND sequence < %s AND credit IS NULL "
    "AND option_ids @> %s AND (kind = 'multiple' OR jsonb_array_length(%s) <= 1) "
    "AND EXISTS (SELECT 1 FROM {attempt} WHERE id = %s AND user_id = %s AND state = %s AND deadline >= %s) "
    "RETURNING flagged"
)


def _sql(template: str) -> str:
    return template.format(slot=connection.ops.quote_name(AttemptSlot._meta.db_table),
                           attempt=connection.ops.quote_name(Attempt._meta.db_table))


def _ids(choices: Iterable[Any]) -> list[int]:
    """Distinct option ids, sorted; anything that is not a whole number is refused."""
    ids: set[int] = set()
    for value in choices:
        if isinstance(value, bool) or not isinstance(value, int):
            raise AssessmentError(
                _("The option %(value)s is not one of this question's options.") % {"value": value},
                code=AssessmentErrorCode.ANSWER_CHOICE_INVALID, field="choices")
        ids.add(value)
    return sorted(ids)


def attempt_save_answer(*, attempt_id: int, question_id: int, user: Any, choices: Sequence[int], sequence: int,
                        flagged: bool | None = None, now: datetime.datetime | None = None) -> SaveResult:
    """Store the taker's answer to one question of their attempt (see the module docstring for the
    rules on sequence numbers, deadline and grace). ``choices`` are option ids as shown; an empty list
    clears the answer. ``flagged`` (None: unchanged) marks the question for review.

    Lean on purpose (it is the hot path). On PostgreSQL an answer that can be stored is stored by one
    conditional UPDATE that checks everything (owner, open, deadline, sequence, options); only when it
    changes nothing does a read find out why (a retry, a late save, an invalid option, a finished
    attempt). Elsewhere (SQLite, which serialises writers anyway) one indexed read comes first."""
    now = now or timezone.now()
    if isinstance(sequence, bool) or not isinstance(sequence, int) or not 0 < sequence < MAX_SEQUENCE:
        raise AssessmentError(_("The sequence number must be a positive whole number."),
                              code=AssessmentErrorCode.ANSWER_SEQUENCE_INVALID, field="sequence")
    chosen = _ids(choices)
    field_of = AttemptSlot._meta.get_field
    prep_json = field_of("selected").get_db_prep_value
    prep_time = field_of("answered_at").get_db_prep_value
    if connection.vendor == "postgresql":
        # One statement: atomic on its own (autocommit), so no BEGIN/COMMIT round trips around it.
        with connection.cursor() as cursor:
            cursor.execute(_sql(_UPDATE_SQL_PG), [
                prep_json(chosen, connection), flagged, sequence, prep_time(now, connection), attempt_id,
                question_id, sequence, prep_json(chosen, connection), prep_json(chosen, connection), attempt_id,
                user.pk, AttemptState.IN_PROGRESS, prep_time(now - grace_period(), connection)])
            row = cursor.fetchone()
        if row is not None:
            return SaveResult(status="saved", sequence=sequence, choices=chosen, flagged=row[0], saved_at=now)

    row = (AttemptSlot.objects.filter(attempt_id=attempt_id, question_id=question_id)
           .values_list("kind", "option_ids", "sequence", "selected", "flagged", "credit", "attempt__user_id",
                        "attempt__state", "attempt__deadline").first())
    if row is None:
        if Attempt.objects.filter(pk=attempt_id, user_id=user.pk).exists():
            raise AssessmentNotFound(_("This question is not part of your attempt."),
                                     code=AssessmentErrorCode.ANSWER_QUESTION_NOT_IN_ATTEMPT, field="question")
        raise _not_found()
    kind, option_ids, stored_sequence, stored_choices, stored_flagged, credit, owner_id, state, deadline = row
    if owner_id != user.pk:
        raise _not_found()
    _check_open(state=state, credit=credit, deadline=deadline, now=now)
    _check_choices(chosen, option_ids=option_ids, kind=kind)
    flag = stored_flagged if flagged is None else bool(flagged)
    if sequence <= stored_sequence:  # a retry, or a late save: a newer (or the same) answer is stored
        return _not_newer(sequence, stored_sequence, stored_choices, stored_flagged, chosen, flag)

    with connection.cursor() as cursor:
        cursor.execute(_sql(_UPDATE_SQL), [
            prep_json(chosen, connection), flag, sequence, prep_time(now, connection), attempt_id, question_id,
            sequence, attempt_id, user.pk, AttemptState.IN_PROGRESS, prep_time(now - grace_period(), connection)])
        updated = cursor.rowcount
    if updated == 1:
        return SaveResult(status="saved", sequence=sequence, choices=chosen, flagged=flag, saved_at=now)
    # Something changed between the read and the write: a newer save, or the attempt was finished.
    return _after_lost_race(attempt_id, question_id, sequence, chosen, flag, now)


def _check_open(*, state: str, credit: Any, deadline: datetime.datetime, now: datetime.datetime) -> None:
    if state != AttemptState.IN_PROGRESS or credit is not None:
        raise AssessmentConflict(_("This attempt is finished; answers can no longer be changed."),
                                 code=AssessmentErrorCode.ATTEMPT_FINISHED)
    if now > deadline + grace_period():
        raise AssessmentConflict(
            _("Time is up: the deadline was %(when)s, so this answer was not saved.")
            % {"when": timezone.localtime(deadline).strftime("%H:%M:%S")},
            code=AssessmentErrorCode.ATTEMPT_DEADLINE_PASSED)


def _check_choices(chosen: list[int], *, option_ids: list[int], kind: str) -> None:
    for value in chosen:
        if value not in option_ids:
            raise AssessmentError(
                _("The option %(value)s is not one of this question's options.") % {"value": value},
                code=AssessmentErrorCode.ANSWER_CHOICE_INVALID, field="choices")
    if kind != QuestionKind.MULTIPLE and len(chosen) > 1:
        raise AssessmentError(_("Choose one option only for this question."),
                              code=AssessmentErrorCode.ANSWER_TOO_MANY_CHOICES, field="choices")


def _not_newer(sequence: int, stored_sequence: int, stored_choices: list[int], stored_flagged: bool,
               chosen: list[int], flag: bool) -> SaveResult:
    if sequence == stored_sequence and (sorted(stored_choices), stored_flagged) != (chosen, flag):
        raise AssessmentConflict(
            _("Another save used the same number with a different answer; the stored answer was kept. "
              "Please choose your answer again."),
            code=AssessmentErrorCode.ANSWER_SEQUENCE_CONFLICT, field="sequence",
            extra={"sequence": stored_sequence, "choices": list(stored_choices), "flagged": stored_flagged})
    status = "duplicate" if sequence == stored_sequence else "stale"
    return SaveResult(status=status, sequence=stored_sequence, choices=list(stored_choices), flagged=stored_flagged)


def _after_lost_race(attempt_id: int, question_id: int, sequence: int, chosen: list[int], flag: bool,
                     now: datetime.datetime) -> SaveResult:
    slot = (AttemptSlot.objects.filter(attempt_id=attempt_id, question_id=question_id)
            .values_list("sequence", "selected", "flagged", "credit", "attempt__state", "attempt__deadline").get())
    stored_sequence, stored_choices, stored_flagged, credit, state, deadline = slot
    _check_open(state=state, credit=credit, deadline=deadline, now=now)
    return _not_newer(sequence, stored_sequence, stored_choices, stored_flagged, chosen, flag)


# --- finish -----------------------------------------------------------------------------------------

def attempt_finish(*, attempt: Attempt | int, reason: str = FinishReason.TAKER, actor: Any = None,
                   now: datetime.datetime | None = None) -> Attempt:
    """Grade and close the attempt: credit per question, scores per section and in total (0–100),
    passed or not against the pass mark frozen at the start. Finishing a finished attempt returns it
    unchanged. Sends ``attempt_finished`` after the transaction commits; records the certificate of a
    passed attempt."""
    now = now or timezone.now()
    attempt_id = attempt if isinstance(attempt, int) else attempt.pk
    with transaction.atomic():
        try:
            attempt = (Attempt.objects.select_for_update(of=("self",)).select_related("assignment", "test", "user")
                       .get(pk=attempt_id))
        except Attempt.DoesNotExist as exc:
            raise _not_found() from exc
        if actor is not None and actor.pk != attempt.user_id:
            raise _not_found()
        if attempt.state == AttemptState.FINISHED:
            return attempt
        if reason == FinishReason.TAKER and now > attempt.deadline + grace_period():
            reason = FinishReason.DEADLINE
        # Locking the slots waits for saves in flight; saves arriving later find them graded and are refused.
        slots = list(AttemptSlot.objects.select_for_update().filter(attempt=attempt).order_by("position"))
        _grade(attempt, slots)
        attempt.state, attempt.finished_at, attempt.finish_reason = AttemptState.FINISHED, now, reason
        attempt.save(update_fields=["state", "finished_at", "finish_reason", "marks", "score", "passed"])
        AttemptEvent.objects.create(attempt=attempt, kind=EventKind.FINISHED, occurred_at=now)
        if attempt.passed:
            certificate_issue(attempt=attempt, actor=actor)
        audit_log("assessment.attempt.finished", actor=actor, target=attempt,
                  data={"score": str(attempt.score), "passed": attempt.passed, "reason": reason})
        payload = {
            "attempt_id": attempt.pk, "user_id": attempt.user_id, "test_id": attempt.test_id,
            "source_app": attempt.assignment.source_app, "source_id": attempt.assignment.source_id,
            "passed": bool(attempt.passed), "score": attempt.score,
        }
        transaction.on_commit(lambda: attempt_finished.send(sender=Attempt, **payload))
    return attempt


def _grade(attempt: Attempt, slots: list[AttemptSlot]) -> None:
    by_section: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    chosen_rows: list[SelectedChoice] = []
    for slot in slots:
        slot.credit = credit_for(kind=slot.kind, scoring=slot.scoring, key=slot.key, selected=slot.selected)
        slot.marks_awarded = (slot.credit * slot.marks).quantize(Decimal("0.0001"))
        by_section[slot.section_id][0] += slot.marks_awarded
        by_section[slot.section_id][1] += slot.marks
        chosen_rows.extend(SelectedChoice(slot=slot, question_id=slot.question_id, choice_id=choice)
                           for choice in slot.selected)
    AttemptSlot.objects.bulk_update(slots, ["credit", "marks_awarded"], batch_size=500)
    SelectedChoice.objects.bulk_create(chosen_rows, batch_size=1000)
    AttemptSectionScore.objects.bulk_create([
        AttemptSectionScore(attempt=attempt, section_id=section_id, marks=marks, max_marks=max_marks,
                            score=percent(marks, max_marks))
        for section_id, (marks, max_marks) in by_section.items()
    ])
    attempt.marks = sum((slot.marks_awarded for slot in slots), Decimal(0))
    attempt.score = percent(attempt.marks, attempt.max_marks)
    attempt.passed = attempt.score >= attempt.pass_mark


def attempts_finish_overdue(*, now: datetime.datetime | None = None, limit: int = 5000) -> int:
    """Finish every attempt whose deadline plus grace has passed (the beat task, every minute). Each
    in its own transaction; one that fails is logged and retried on the next run."""
    now = now or timezone.now()
    ids = list(Attempt.objects.filter(state=AttemptState.IN_PROGRESS, deadline__lt=now - grace_period())
               .order_by("deadline").values_list("pk", flat=True)[:limit])
    finished = 0
    for attempt_id in ids:
        try:
            attempt_finish(attempt=attempt_id, reason=FinishReason.DEADLINE, now=now)
            finished += 1
        except Exception:
            logger.exception("overdue attempt %s could not be finished", attempt_id)
    return finished


# --- proctoring ---------------------------------------------------------------------------------------

def attempt_page_opened(*, attempt: Attempt, ip_address: str | None, user_agent: str = "",
                        now: datetime.datetime | None = None) -> None:
    """The taker opened (or reloaded) the attempt page: the proctor sees when and from where."""
    AttemptEvent.objects.create(attempt=attempt, kind=EventKind.PAGE_OPENED, occurred_at=now or timezone.now(),
                                ip_address=ip_address, user_agent=user_agent[:255])


def attempt_record_events(*, attempt_id: int, user: Any, events: list[dict[str, Any]], ip_address: str | None,
                          user_agent: str = "", now: datetime.datetime | None = None) -> int:
    """Store focus and visibility events the taker's browser reports (at most 50 a call; unknown kinds
    are ignored). Only while the attempt is open, plus the grace period."""
    now = now or timezone.now()
    attempt = Attempt.objects.filter(pk=attempt_id, user_id=user.pk).only("pk", "state", "deadline").first()
    if attempt is None:
        raise _not_found()
    if attempt.state != AttemptState.IN_PROGRESS or now > attempt.deadline + grace_period():
        return 0
    rows = []
    for event in events[:MAX_EVENTS_PER_CALL]:
        kind = event.get("kind")
        if kind not in CLIENT_EVENT_KINDS:
            continue
        client_at = event.get("at")
        if isinstance(client_at, datetime.datetime) and timezone.is_naive(client_at):
            client_at = timezone.make_aware(client_at, datetime.UTC)
        rows.append(AttemptEvent(attempt_id=attempt.pk, kind=kind, occurred_at=now,
                                 client_at=client_at if isinstance(client_at, datetime.datetime) else None,
                                 ip_address=ip_address, user_agent=user_agent[:255]))
    AttemptEvent.objects.bulk_create(rows)
    return len(rows)
