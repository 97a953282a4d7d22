"""How offices lay out a sheet around the records: a row numbering the columns under the header,
notes and signatures under the table, a "ФИО" cell holding the whole name. Used by
``Importer.read`` (``workforce.importing.base``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ImportErrorCode, ImportWarningCode, RowError, row_error
from .readers import Row
from .widgets import split_full_name

if TYPE_CHECKING:
    from .base import ImportContext

NOTE_ROWS_LISTED = 10  # rows named in a warning that holds for many
NOTE_ROW_MAX_CELLS = 2  # a row below the table without its key cell and with at most this many cells is a note


def blank(cell: Any) -> bool:
    return cell is None or cell == "" or (type(cell) is str and not cell.strip())


def _as_int(value: Any) -> int | None:
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer():
        return int(value)
    if type(value) is str and value.strip().isdigit():
        return int(value.strip())
    return None


def skip_numbering_row(rows: list[Row], warnings: list[RowError]) -> list[Row]:
    """Official lists often number the columns (1, 2, 3…) in the row under the header: skipped."""
    if not rows:
        return rows
    number, cells = rows[0]
    values = [cell for cell in cells if not blank(cell)]
    if len(values) >= 3 and all(_as_int(v) == i for i, v in enumerate(values, start=1)):
        warnings.append(row_error(number, "", "", ImportWarningCode.NUMBERING_ROW_SKIPPED, row=number))
        return rows[1:]
    return rows


def split_trailing_rows(pending: list[Row]) -> tuple[list[Row], RowError | None]:
    """Rows after the last record that lack its key cell: the ones after the last of them holding
    more than :data:`NOTE_ROW_MAX_CELLS` cells are notes ("Итого: 25", a signature), skipped with
    one warning; the others are records (with errors)."""
    fuller = [i for i, (_n, cells) in enumerate(pending) if sum(not blank(cell) for cell in cells) > NOTE_ROW_MAX_CELLS]
    split = fuller[-1] + 1 if fuller else 0
    notes = pending[split:]
    if not notes:
        return pending, None
    numbers = ", ".join(str(n) for n, _c in notes[:NOTE_ROWS_LISTED]) + (", …" if len(notes) > NOTE_ROWS_LISTED else "")
    return pending[:split], row_error(notes[0][0], "", "", ImportWarningCode.NOTE_ROWS_SKIPPED, rows=numbers,
                                      count=len(notes))


def split_name_cell(number: int, cells: list[Any], ctx: ImportContext) -> list[Any]:
    """``cells`` with the surname, first name and patronymic of the "ФИО" cell appended (after
    ``ctx.full_name_width`` cells); a cell that is empty or one word is an error of that column."""
    width = ctx.full_name_width
    cells = list(cells[:width]) + [None] * (width - len(cells))
    raw = cells[ctx.full_name_cell]  # type: ignore[index]
    if blank(raw):
        ctx.error(number, "last_name", "", ImportErrorCode.REQUIRED)
        return [*cells, None, None, None]
    parts = split_full_name(raw)
    if parts is None:
        ctx.error(number, "last_name", raw, ImportErrorCode.FULL_NAME_PARTS)
        return [*cells, None, None, None]
    return [*cells, *parts]
