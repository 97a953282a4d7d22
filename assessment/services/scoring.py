"""Grading: pure functions over what an attempt stored (no database), so every path grades alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ..models import QuestionKind, Scoring

__all__ = ["FRACTION_TOLERANCE", "credit_for", "fraction_sum_ok", "percent"]

ZERO, ONE = Decimal(0), Decimal(1)
FRACTION_TOLERANCE = Decimal("0.0002")
"""Moodle writes thirds as 33.33333 %: positive fractions that add up to 1 within this are accepted."""


def credit_for(*, kind: str, scoring: str, key: Mapping[str, str | Decimal], selected: Iterable[int]) -> Decimal:
    """The share (0..1) of a question's marks earned by choosing ``selected``.

    - single choice, true/false: the fraction of the chosen option (no choice: 0);
    - multiple choice, all or nothing: 1 when exactly the options with a positive fraction are chosen;
    - multiple choice, fractions: the sum of the chosen options' fractions (penalties included), kept
      within 0..1, so wrong choices can cancel right ones but never make a question cost marks.
    Options not in ``key`` (tampered input) earn nothing."""
    chosen = [str(choice) for choice in dict.fromkeys(selected)]
    fractions = {str(option): Decimal(str(value)) for option, value in key.items()}
    if not chosen:
        return ZERO
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE):
        return _clamp(fractions.get(chosen[0], ZERO))
    if scoring == Scoring.ALL_OR_NOTHING:
        correct = {option for option, fraction in fractions.items() if fraction > 0}
        return ONE if set(chosen) == correct else ZERO
    return _clamp(sum((fractions.get(option, ZERO) for option in chosen), ZERO))


def _clamp(value: Decimal) -> Decimal:
    value = min(max(value, ZERO), ONE)
    if ONE - value <= FRACTION_TOLERANCE:  # 3 x 0.33333 is full credit
        return ONE
    return value.quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)


def percent(marks: Decimal, max_marks: Decimal) -> Decimal:
    """``marks`` out of ``max_marks`` on 0–100, cut (not rounded) to 2 decimals: a score shown as 56.00
    is at least 56, so "passed" and the number shown always agree."""
    if not max_marks:
        return ZERO.quantize(Decimal("0.01"))
    value = (Decimal(marks) * 100 / Decimal(max_marks)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return min(max(value, ZERO), Decimal(100))


def fraction_sum_ok(fractions: Iterable[Decimal]) -> bool:
    positive = sum((f for f in fractions if f > 0), ZERO)
    return abs(positive - ONE) <= FRACTION_TOLERANCE * 5
