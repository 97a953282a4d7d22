"""Plain table files for exporters whose rows are already cells (no typed columns): an xlsx written
by openpyxl in write-only mode, or a UTF-8 (with BOM, for Excel) semicolon-separated CSV. Both go to
a spooled temporary file and report progress every 500 rows. Escape what a spreadsheet would read as
a formula before handing cells over (the caller knows which cells are text)."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Sequence
from typing import IO, Any

from openpyxl import Workbook

from .base import ExportProgress

SPOOL_BYTES = 16 * 1024 * 1024
PROGRESS_EVERY = 500


def table_xlsx(headings: Sequence[Any], rows: Iterable[Sequence[Any]], progress: ExportProgress, *,
               title: str) -> tuple[IO[bytes], int]:
    """One sheet named ``title`` (frozen heading row); returns the file (at its start) and the row count."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(title)[:31])
    sheet.freeze_panes = "A2"
    sheet.append(list(headings))
    count = 0
    for count, row in enumerate(rows, start=1):
        sheet.append(list(row))
        if count % PROGRESS_EVERY == 0:
            progress(count)
    output = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - handed to the response
    workbook.save(output)
    output.seek(0)
    return output, count


def table_csv(headings: Sequence[Any], rows: Iterable[Sequence[Any]],
              progress: ExportProgress) -> tuple[IO[bytes], int]:
    """The same as CSV; returns the file (at its start) and the row count."""
    output = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - handed to the response
    text = io.TextIOWrapper(output, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=";")
    writer.writerow(headings)
    count = 0
    for count, row in enumerate(rows, start=1):
        writer.writerow(row)
        if count % PROGRESS_EVERY == 0:
            progress(count)
    text.flush()
    text.detach()
    output.seek(0)
    return output, count
