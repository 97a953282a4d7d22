"""The small-cell rule as a pure function, over every breakdown hypothesis can think of."""

from hypothesis import given
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
