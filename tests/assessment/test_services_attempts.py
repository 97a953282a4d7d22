"""The attempt engine: draw and freeze, saves with sequence numbers, the deadline and its grace
period, grading and finishing (the rules a taker would notice)."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from assessment.errors import AssessmentErrorCode
from assessment.models import Attempt, AttemptSlot, AttemptState, Certificate, FinishReason, QuestionKind, Scoring
from assessment.services import (
    ChoiceData,
    QuestionData,
    attempt_finish,
    attempt_save_answer,
    attempt_start,
    attempts_finish_overdue,
    question_update,
)
from assessment.signals import attempt_finished
from core.exceptions import ApplicationError
from tests.assessment.factories import assign, make_bank, make_question, make_test, section
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def code_of(callable_, *args, **kwargs) -> str:
    with pytest.raises(ApplicationError) as error:
        callable_(*args, **kwargs)
    return error.value.code


@pytest.fixture
def taker():
    return UserFactory(username="taker")


@pytest.fixture
def test_3(db):
    make_bank("legislation", 6)
    make_bank("logic", 4)
    return make_test(lines=[("legislation", 3), ("logic", 2)], time_limit_minutes=30)


def start(test, user, **kwargs):
    return attempt_start(assignment=assign(test, user), user=user, now=kwargs.pop("now", T0), **kwargs)


def correct_ids(slot: AttemptSlot) -> list[int]:
    return [int(k) for k, v in slot.key.items() if Decimal(v) > 0]


def wrong_id(slot: AttemptSlot) -> int:
    return next(int(k) for k, v in slot.key.items() if Decimal(v) <= 0)


# --- start ---------------------------------------------------------------------------------------

def test_start_draws_each_line_and_freezes_what_is_shown(test_3, taker):
    attempt = start(test_3, taker, rng=random.Random(1))
    slots = list(attempt.slots.order_by("position"))
    assert [s.section.code for s in slots] == ["legislation"] * 3 + ["logic"] * 2
    assert len({s.question_id for s in slots}) == 5
    first = slots[0]
    assert first.snapshot["text"]["uz"] == first.question.text_uz
    assert [o["id"] for o in first.snapshot["options"]] == first.option_ids
    assert sorted(first.option_ids) == sorted(first.question.choices.values_list("pk", flat=True))
    assert attempt.deadline == T0 + datetime.timedelta(minutes=30)
    assert attempt.pass_mark == Decimal(56)
    assert attempt.max_marks == Decimal(5)


def test_editing_a_question_never_changes_a_started_attempt(test_3, taker):
    attempt = start(test_3, taker)
    slot = attempt.slots.order_by("position").first()
    before = (slot.snapshot, slot.key, slot.option_ids)
    question = slot.question
    question_update(question=question, actor=None, data=QuestionData(
        section=question.section, kind=QuestionKind.SINGLE, texts={"uz": "Yangi matn", "ru": "Новый текст"},
        choices=[ChoiceData({"uz": "A", "ru": "А"}, Decimal(0)), ChoiceData({"uz": "B", "ru": "Б"}, Decimal(1))]))
    question.refresh_from_db()
    assert question.version == 2
    slot.refresh_from_db()
    assert (slot.snapshot, slot.key, slot.option_ids) == before
    assert slot.question_version == 1
    # and the attempt is still graded on what it showed
    attempt_save_answer(attempt_id=attempt.pk, question_id=question.pk, user=taker, choices=correct_ids(slot),
                        sequence=1, now=T0)
    attempt = attempt_finish(attempt=attempt, actor=taker, now=T0 + datetime.timedelta(minutes=5))
    assert attempt.slots.get(pk=slot.pk).credit == 1


def test_options_are_shuffled_per_attempt_when_the_test_says_so(taker):
    make_bank("legislation", 3, options=6)
    shuffled = make_test(lines=[("legislation", 3)], shuffle_options=True, shuffle_questions=False)
    attempt = start(shuffled, taker, rng=random.Random(7))
    orders = [slot.option_ids for slot in attempt.slots.all()]
    assert any(order != sorted(order) for order in orders)
    kept = make_test(lines=[("legislation", 3)], shuffle_options=False, shuffle_questions=False)
    other = start(kept, UserFactory(), rng=random.Random(7))
    assert all(slot.option_ids == sorted(slot.option_ids) for slot in other.slots.all())


def test_start_twice_resumes_the_open_attempt(test_3, taker):
    assignment = assign(test_3, taker)
    first = attempt_start(assignment=assignment, user=taker, now=T0)
    again = attempt_start(assignment=assignment, user=taker, now=T0 + datetime.timedelta(minutes=3))
    assert again.pk == first.pk
    assert Attempt.objects.count() == 1


def test_one_open_attempt_per_person_and_test_across_assignments(test_3, taker):
    attempt_start(assignment=assign(test_3, taker), user=taker, now=T0)
    other = assign(test_3, taker)
    assert code_of(attempt_start, assignment=other, user=taker, now=T0) == AssessmentErrorCode.ATTEMPT_OPEN_ELSEWHERE


def test_attempts_allowed_per_assignment(test_3, taker):
    assignment = assign(test_3, taker)
    attempt = attempt_start(assignment=assignment, user=taker, now=T0)
    attempt_finish(attempt=attempt, actor=taker, now=T0 + datetime.timedelta(minutes=1))
    assert code_of(attempt_start, assignment=assignment, user=taker, now=T0 + datetime.timedelta(minutes=2)) == \
        AssessmentErrorCode.ATTEMPT_LIMIT_REACHED


def test_someone_elses_assignment_does_not_exist_for_you(test_3, taker):
    assignment = assign(test_3, UserFactory())
    assert code_of(attempt_start, assignment=assignment, user=taker, now=T0) == AssessmentErrorCode.ATTEMPT_NOT_FOUND


def test_window_and_assignment_deadline(taker):
    make_bank("legislation", 3)
    test = make_test(lines=[("legislation", 3)], time_limit_minutes=60,
                     available_from=T0, available_until=T0 + datetime.timedelta(hours=2))
    early = assign(test, taker)
    assert code_of(attempt_start, assignment=early, user=taker, now=T0 - datetime.timedelta(minutes=1)) == \
        AssessmentErrorCode.ATTEMPT_NOT_AVAILABLE_YET
    assert code_of(attempt_start, assignment=early, user=taker, now=T0 + datetime.timedelta(hours=2)) == \
        AssessmentErrorCode.ATTEMPT_WINDOW_CLOSED
    # The deadline never runs past the window: 60 minutes asked, 30 left.
    late = attempt_start(assignment=early, user=taker, now=T0 + datetime.timedelta(minutes=90))
    assert late.deadline == T0 + datetime.timedelta(hours=2)
    due = assign(test, UserFactory(), available_until=T0 + datetime.timedelta(minutes=20))
    attempt = attempt_start(assignment=due, user=due.user, now=T0)
    assert attempt.deadline == T0 + datetime.timedelta(minutes=20)


def test_too_few_questions_in_the_pool_is_a_clear_refusal(taker):
    questions = make_bank("legislation", 3)
    test = make_test(lines=[("legislation", 3)])
    from assessment.services import question_set_active

    question_set_active(question=questions[0], active=False, actor=None)
    assert code_of(start, test, taker) == AssessmentErrorCode.TEST_NOT_ENOUGH_QUESTIONS


# --- saving -----------------------------------------------------------------------------------------

@pytest.fixture
def open_attempt(test_3, taker):
    attempt = start(test_3, taker)
    return attempt, list(attempt.slots.order_by("position"))


def save(attempt, slot, user, choices, sequence, **kwargs):
    return attempt_save_answer(attempt_id=attempt.pk, question_id=slot.question_id, user=user, choices=choices,
                               sequence=sequence, now=kwargs.pop("now", T0 + datetime.timedelta(minutes=1)), **kwargs)


def stored(slot):
    slot.refresh_from_db()
    return slot.selected, slot.sequence


def test_a_newer_sequence_replaces_an_older_one_never_the_reverse(open_attempt, taker):
    attempt, slots = open_attempt
    slot = slots[0]
    a, b = slot.option_ids[0], slot.option_ids[1]
    assert save(attempt, slot, taker, [a], 1).status == "saved"
    assert save(attempt, slot, taker, [b], 3).status == "saved"
    late = save(attempt, slot, taker, [a], 2)  # arrived out of order
    assert (late.status, late.sequence, late.choices) == ("stale", 3, [b])
    assert stored(slot) == ([b], 3)


def test_a_retried_save_is_a_duplicate_and_changes_nothing(open_attempt, taker):
    attempt, slots = open_attempt
    slot = slots[0]
    first = save(attempt, slot, taker, [slot.option_ids[2]], 5)
    retry = save(attempt, slot, taker, [slot.option_ids[2]], 5, now=T0 + datetime.timedelta(minutes=2))
    assert (first.status, retry.status) == ("saved", "duplicate")
    slot.refresh_from_db()
    assert slot.answered_at == T0 + datetime.timedelta(minutes=1)


def test_equal_sequence_with_a_different_answer_is_a_conflict_that_keeps_the_stored_one(open_attempt, taker):
    attempt, slots = open_attempt
    slot = slots[0]
    save(attempt, slot, taker, [slot.option_ids[0]], 4)
    with pytest.raises(ApplicationError) as error:
        save(attempt, slot, taker, [slot.option_ids[1]], 4)
    assert error.value.code == AssessmentErrorCode.ANSWER_SEQUENCE_CONFLICT
    assert error.value.extra == {"sequence": 4, "choices": [slot.option_ids[0]], "flagged": False}
    assert stored(slot) == ([slot.option_ids[0]], 4)
    # the client re-sends with a higher number and wins
    assert save(attempt, slot, taker, [slot.option_ids[1]], 5).status == "saved"


def test_clearing_an_answer_and_flagging(open_attempt, taker):
    attempt, slots = open_attempt
    slot = slots[0]
    save(attempt, slot, taker, [slot.option_ids[0]], 1)
    result = save(attempt, slot, taker, [], 2, flagged=True)
    assert (result.choices, result.flagged) == ([], True)
    unflag_only = save(attempt, slot, taker, [], 3)
    assert unflag_only.flagged is True  # flagged=None keeps the flag


@pytest.mark.parametrize(("choices", "code"), [
    (["x"], AssessmentErrorCode.ANSWER_CHOICE_INVALID),
    ([999999], AssessmentErrorCode.ANSWER_CHOICE_INVALID),
    ([True], AssessmentErrorCode.ANSWER_CHOICE_INVALID),
])
def test_options_that_are_not_the_questions_are_refused(open_attempt, taker, choices, code):
    attempt, slots = open_attempt
    assert code_of(save, attempt, slots[0], taker, choices, 1) == code
    assert stored(slots[0]) == ([], 0)


def test_single_choice_takes_one_option(open_attempt, taker):
    attempt, slots = open_attempt
    assert code_of(save, attempt, slots[0], taker, slots[0].option_ids[:2], 1) == \
        AssessmentErrorCode.ANSWER_TOO_MANY_CHOICES


@pytest.mark.parametrize("sequence", [0, -1, "3", 1.5, 2**63])
def test_sequence_must_be_a_positive_integer(open_attempt, taker, sequence):
    attempt, slots = open_attempt
    assert code_of(save, attempt, slots[0], taker, [], sequence) == AssessmentErrorCode.ANSWER_SEQUENCE_INVALID


def test_saves_to_another_persons_attempt_or_question_are_not_found(open_attempt, taker):
    attempt, slots = open_attempt
    assert code_of(save, attempt, slots[0], UserFactory(), [slots[0].option_ids[0]], 1) == \
        AssessmentErrorCode.ATTEMPT_NOT_FOUND
    stranger = make_question()
    assert code_of(attempt_save_answer, attempt_id=attempt.pk, question_id=stranger.pk, user=taker, choices=[],
                   sequence=1, now=T0) == AssessmentErrorCode.ANSWER_QUESTION_NOT_IN_ATTEMPT
    assert stored(slots[0]) == ([], 0)


def test_the_deadline_is_the_servers_with_a_60_second_grace(open_attempt, taker):
    attempt, slots = open_attempt
    deadline = attempt.deadline
    ok = save(attempt, slots[0], taker, [slots[0].option_ids[0]], 1, now=deadline + datetime.timedelta(seconds=59))
    assert ok.status == "saved"
    on_the_edge = save(attempt, slots[1], taker, [slots[1].option_ids[0]], 1, now=deadline + datetime.timedelta(seconds=60))
    assert on_the_edge.status == "saved"
    assert code_of(save, attempt, slots[2], taker, [slots[2].option_ids[0]], 1,
                   now=deadline + datetime.timedelta(seconds=61)) == AssessmentErrorCode.ATTEMPT_DEADLINE_PASSED
    assert stored(slots[2]) == ([], 0)


def test_no_save_after_finishing(open_attempt, taker):
    attempt, slots = open_attempt
    attempt_finish(attempt=attempt, actor=taker, now=T0 + datetime.timedelta(minutes=2))
    assert code_of(save, attempt, slots[0], taker, [slots[0].option_ids[0]], 1) == AssessmentErrorCode.ATTEMPT_FINISHED


# --- finishing and grading --------------------------------------------------------------------------

def test_finish_grades_per_section_and_in_total(open_attempt, taker):
    attempt, slots = open_attempt
    for number, slot in enumerate(slots):  # legislation: 2 of 3 right; logic: 1 of 2 right
        right = number in (0, 1, 3)
        save(attempt, slot, taker, correct_ids(slot) if right else [wrong_id(slot)], 1)
    attempt = attempt_finish(attempt=attempt, actor=taker, now=T0 + datetime.timedelta(minutes=10))
    assert (attempt.state, attempt.finish_reason) == (AttemptState.FINISHED, FinishReason.TAKER)
    assert attempt.score == Decimal("60.00")
    assert attempt.passed is True
    sections = {row.section.code: row.score for row in attempt.section_scores.all()}
    assert sections == {"legislation": Decimal("66.66"), "logic": Decimal("50.00")}
    assert attempt.slots.filter(credit__isnull=True).count() == 0
    assert Certificate.objects.filter(attempt=attempt).exists()


def test_failing_attempt_gets_no_certificate(open_attempt, taker):
    attempt, _slots = open_attempt
    attempt = attempt_finish(attempt=attempt, actor=taker, now=T0 + datetime.timedelta(minutes=10))
    assert (attempt.score, attempt.passed) == (Decimal("0.00"), False)
    assert not Certificate.objects.exists()


def test_finishing_twice_is_harmless_and_signals_once(open_attempt, taker, django_capture_on_commit_callbacks):
    attempt, _slots = open_attempt
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    attempt_finished.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            first = attempt_finish(attempt=attempt, actor=taker, now=T0 + datetime.timedelta(minutes=3))
            assert received == []  # not before the commit
        with django_capture_on_commit_callbacks(execute=True):
            second = attempt_finish(attempt=attempt.pk, now=T0 + datetime.timedelta(minutes=9))
    finally:
        attempt_finished.disconnect(listener)
    assert second.finished_at == first.finished_at
    assert len(received) == 1
    assert received[0]["attempt_id"] == attempt.pk
    assert received[0]["source_app"] == "vacancies"
    assert received[0]["passed"] is False


def test_the_beat_task_finishes_attempts_past_deadline_and_grace(test_3, taker):
    overdue = start(test_3, taker)
    fresh = start(test_3, UserFactory(), now=overdue.deadline - datetime.timedelta(minutes=1))
    assert attempts_finish_overdue(now=overdue.deadline + datetime.timedelta(seconds=60)) == 0
    assert attempts_finish_overdue(now=overdue.deadline + datetime.timedelta(seconds=61)) == 1
    overdue.refresh_from_db()
    fresh.refresh_from_db()
    assert (overdue.state, overdue.finish_reason) == (AttemptState.FINISHED, FinishReason.DEADLINE)
    assert fresh.state == AttemptState.IN_PROGRESS
    assert attempts_finish_overdue(now=overdue.deadline + datetime.timedelta(minutes=5)) == 0


def test_finishing_late_by_the_taker_counts_as_time_out(open_attempt, taker):
    attempt, _ = open_attempt
    attempt = attempt_finish(attempt=attempt, actor=taker, now=attempt.deadline + datetime.timedelta(minutes=5))
    assert attempt.finish_reason == FinishReason.DEADLINE


def test_pass_mark_is_frozen_at_start(taker):
    from assessment.models import AssessmentPolicy

    make_bank("legislation", 5)
    test = make_test(lines=[("legislation", 5)])
    attempt = start(test, taker)
    AssessmentPolicy.objects.create(key="pass_mark", value=Decimal(70), effective_from=datetime.date(2026, 3, 2))
    for slot in attempt.slots.order_by("position")[:3]:
        save(attempt, slot, taker, correct_ids(slot), 1)
    attempt = attempt_finish(attempt=attempt, actor=taker, now=T0 + datetime.timedelta(minutes=4))
    assert (attempt.pass_mark, attempt.score, attempt.passed) == (Decimal(56), Decimal("60.00"), True)
    assert start(test, UserFactory(), now=T0 + datetime.timedelta(days=1)).pass_mark == Decimal(70)


def test_multiple_choice_partial_credit_and_all_or_nothing(taker):
    partial = make_question(section_code="computer", kind=QuestionKind.MULTIPLE, options=4,
                            fractions=["0.5", "0.5", "-0.5", "0"])
    strict = make_question(section_code="computer", kind=QuestionKind.MULTIPLE, options=4, correct=(0, 1),
                           scoring=Scoring.ALL_OR_NOTHING)
    test = make_test(lines=[("computer", 2)], shuffle_options=False)
    attempt = start(test, taker)
    slots = {slot.question_id: slot for slot in attempt.slots.all()}
    p, s = slots[partial.pk], slots[strict.pk]
    save(attempt, p, taker, [p.option_ids[0], p.option_ids[3]], 1)  # one right, one neutral: 0.5
    save(attempt, s, taker, [s.option_ids[0]], 1)  # half of the right ones: nothing
    attempt = attempt_finish(attempt=attempt, actor=taker, now=T0 + datetime.timedelta(minutes=5))
    p.refresh_from_db()
    s.refresh_from_db()
    assert (p.credit, s.credit) == (Decimal("0.5"), Decimal(0))
    assert attempt.score == Decimal("25.00")


def test_true_false_question(taker):
    make_question(section_code="history", kind=QuestionKind.TRUE_FALSE, true_answer=False)
    test = make_test(lines=[("history", 1)])
    attempt = start(test, taker)
    slot = attempt.slots.get()
    assert [o["text"]["uz"] for o in slot.snapshot["options"]] == ["Toʻgʻri", "Notoʻgʻri"]
    save(attempt, slot, taker, [slot.option_ids[1]], 1)
    assert attempt_finish(attempt=attempt, actor=taker, now=T0 + datetime.timedelta(minutes=1)).score == 100


def test_section_helper_reads_seeded_sections():
    assert section("iq").name_ru.startswith("Интеллект")
    assert timezone.is_aware(T0)
