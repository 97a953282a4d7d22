"""Grading rules (pure functions): partial credit, all or nothing, penalties floored at 0, the score cut
to two decimals so that the score shown and "passed" always agree."""

from decimal import Decimal

import pytest

from assessment.models import QuestionKind, Scoring
from assessment.services.scoring import credit_for, fraction_sum_ok, percent

SINGLE = {"1": "1", "2": "0", "3": "-0.5"}
MULTI = {"1": "0.5", "2": "0.5", "3": "-1", "4": "0"}
THIRDS = {"1": "0.33333", "2": "0.33333", "3": "0.33333", "4": "0"}


@pytest.mark.parametrize(("kind", "scoring", "key", "selected", "credit"), [
    (QuestionKind.SINGLE, Scoring.FRACTIONS, SINGLE, [1], "1"),
    (QuestionKind.SINGLE, Scoring.FRACTIONS, SINGLE, [2], "0"),
    (QuestionKind.SINGLE, Scoring.FRACTIONS, SINGLE, [3], "0"),       # a penalty never goes below 0
    (QuestionKind.SINGLE, Scoring.FRACTIONS, SINGLE, [], "0"),
    (QuestionKind.SINGLE, Scoring.FRACTIONS, SINGLE, [99], "0"),      # not an option of the question
    (QuestionKind.TRUE_FALSE, Scoring.FRACTIONS, {"7": "0", "8": "1"}, [8], "1"),
    (QuestionKind.MULTIPLE, Scoring.FRACTIONS, MULTI, [1], "0.5"),
    (QuestionKind.MULTIPLE, Scoring.FRACTIONS, MULTI, [1, 2], "1"),
    (QuestionKind.MULTIPLE, Scoring.FRACTIONS, MULTI, [1, 2, 4], "1"),
    (QuestionKind.MULTIPLE, Scoring.FRACTIONS, MULTI, [1, 3], "0"),   # 0.5 - 1 is floored at 0
    (QuestionKind.MULTIPLE, Scoring.FRACTIONS, MULTI, [1, 1, 1], "0.5"),  # repeats count once
    (QuestionKind.MULTIPLE, Scoring.FRACTIONS, THIRDS, [1, 2, 3], "1"),  # 0.99999 is full credit
    (QuestionKind.MULTIPLE, Scoring.ALL_OR_NOTHING, MULTI, [1, 2], "1"),
    (QuestionKind.MULTIPLE, Scoring.ALL_OR_NOTHING, MULTI, [1], "0"),
    (QuestionKind.MULTIPLE, Scoring.ALL_OR_NOTHING, MULTI, [1, 2, 4], "0"),
])
def test_credit(kind, scoring, key, selected, credit):
    assert credit_for(kind=kind, scoring=scoring, key=key, selected=selected) == Decimal(credit)


@pytest.mark.parametrize(("marks", "max_marks", "score"), [
    ("14", "25", "56.00"), ("13.99", "25", "55.96"), ("2", "3", "66.66"), ("1", "3", "33.33"),
    ("0", "10", "0.00"), ("10", "10", "100.00"), ("0", "0", "0.00"),
])
def test_percent_is_cut_not_rounded(marks, max_marks, score):
    assert percent(Decimal(marks), Decimal(max_marks)) == Decimal(score)


def test_fractions_must_add_up():
    assert fraction_sum_ok([Decimal("0.5"), Decimal("0.5"), Decimal("-1")])
    assert fraction_sum_ok([Decimal("0.33333")] * 3)
    assert not fraction_sum_ok([Decimal("0.5"), Decimal("0.3")])
