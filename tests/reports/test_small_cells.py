"""The small-cell rule as a pure function, over every breakdown hypothesis can think of."""

from hypothesis import given, settings
from hypothesis import strategies as st

from core.reporting import suppress_small_cells

THRESHOLD = 5


def test_examples():
    assert suppress_small_cells([7, 8], threshold=5) == [False, False]
    assert suppress_small_cells([2, 13], threshold=5) == [True, True]  # 15 - 13 would give the 2 away
    assert suppress_small_cells([2, 3, 20], threshold=5) == [True, True, False]  # two hidden, sum 5: not derivable
    assert suppress_small_cells([1, 1, 20, 30], threshold=5) == [True, True, True, False]  # 1+1 = two ones: derivable
    assert suppress_small_cells([0, 9, 12], threshold=5) == [False, False, False]  # an empty cell names nobody
    assert suppress_small_cells([3, 0], threshold=5) == [True, False]  # the total itself is small


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=12))
def test_no_small_cell_shows_and_none_hidden_can_be_worked_out(counts):
    hidden = suppress_small_cells(counts, threshold=THRESHOLD)
    total = sum(counts)
    shown = [count for count, hide in zip(counts, hidden, strict=True) if not hide]
    assert not any(0 < count < THRESHOLD for count in shown)
    hidden_counts = [count for count, hide in zip(counts, hidden, strict=True) if hide]
    if 0 < total < THRESHOLD:
        return  # the whole breakdown and its total are hidden
    if hidden_counts:
        # Knowing the total, the shown cells and that a hidden cell is not empty, more than one
        # split of the hidden sum remains possible.
        assert len(hidden_counts) >= 2 or not any(count > 0 for count in shown + hidden_counts[1:])
        assert sum(hidden_counts) > len(hidden_counts) or len(hidden_counts) == len([c for c in counts if c])


# The age bands (6) and the OECD bands (3 unions of two): published together with the total.
GROUPS = [[0, 1], [2, 3], [4, 5]]


def _compositions(total: int, parts: int):
    """Every way of writing ``total`` as ``parts`` counts of at least 1."""
    if parts == 0:
        if total == 0:
            yield ()
        return
    for first in range(1, total - parts + 2):
        for rest in _compositions(total - first, parts - 1):
            yield (first, *rest)


def possible_values(counts, fine_hidden, coarse_hidden):
    """For each hidden cell (fine, then coarse), every value it can take given what is shown."""
    total = sum(counts)
    hidden = [i for i, hide in enumerate(fine_hidden) if hide]
    shown_sum = sum(c for c, hide in zip(counts, fine_hidden, strict=True) if not hide)
    values = {("fine", i): set() for i in hidden}
    values.update({("coarse", g): set() for g, hide in enumerate(coarse_hidden) if hide})
    for guess in _compositions(total - shown_sum, len(hidden)):
        candidate = list(counts)
        for i, value in zip(hidden, guess, strict=True):
            candidate[i] = value
        sums = [sum(candidate[i] for i in group) for group in GROUPS]
        real = [sum(counts[i] for i in group) for group in GROUPS]
        if any(not coarse_hidden[g] and sums[g] != real[g] for g in range(len(GROUPS))):
            continue
        if any(coarse_hidden[g] and sums[g] == 0 for g in range(len(GROUPS))):
            continue  # a hidden cell is never empty
        for i in hidden:
            values[("fine", i)].add(candidate[i])
        for g, hide in enumerate(coarse_hidden):
            if hide:
                values[("coarse", g)].add(sums[g])
    return values


@settings(deadline=None, max_examples=300)
@given(st.lists(st.integers(min_value=0, max_value=9), min_size=6, max_size=6))
def test_age_bands_and_oecd_bands_together_never_give_a_hidden_cell_away(counts):
    from core.reporting import suppress_nested_cells

    fine_hidden, coarse_hidden = suppress_nested_cells(counts, GROUPS, threshold=THRESHOLD)
    if 0 < sum(counts) < THRESHOLD:
        return  # everything and the total are hidden
    assert not any(0 < c < THRESHOLD for c, hide in zip(counts, fine_hidden, strict=True) if not hide)
    sums = [sum(counts[i] for i in group) for group in GROUPS]
    assert not any(0 < c < THRESHOLD for c, hide in zip(sums, coarse_hidden, strict=True) if not hide)
    nonzero = [c for c in counts if c]
    if fine_hidden.count(True) == len(nonzero) and sum(nonzero) == len(nonzero):
        return  # every non-empty cell is 1: only hiding the total would help (docs/reports.md, known limit)
    for cell, values in possible_values(counts, fine_hidden, coarse_hidden).items():
        assert len(values) >= 2, (counts, fine_hidden, coarse_hidden, cell, values)
