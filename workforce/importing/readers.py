"""Read the rows of a spreadsheet (xlsx, xls, ods through python-calamine; csv through the csv
module) as lists of cells.

Rows come with their spreadsheet row number; rows with nothing in them are skipped. The first
non-empty rows (``Table.head``) are handed over separately: one of them is the header row, the
ones above it a title (``workforce.importing.headers.find_header_row`` decides). CSV is
streamed; calamine holds the sheet in compact Rust memory and hands Python one row at a time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from .errors import ImportErrorCode, UploadRejected
from .upload import CALAMINE_FORMATS, CSV, detect_csv_encoding

CSV_DELIMITERS = ",;\t|"
Row = tuple[int, list[Any]]


HEAD_ROWS = 10  # rows among which the header row is looked for


@dataclass
class Table:
    """``head``: the first non-empty rows (the header row and any title above it); ``rows``: the
    non-empty rows after them; ``estimated_rows``: roughly how many rows follow the first of
    ``head`` (for the progress bar and the row limit)."""

    head: list[Row]
    rows: Iterator[Row]
    estimated_rows: int
    _closers: list[Any] = field(default_factory=list)

    @property
    def headers(self) -> list[Any]:
        return self.head[0][1] if self.head else []

    def close(self) -> None:
        for closer in self._closers:
            closer()
        self._closers.clear()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_blank(row: list[Any]) -> bool:
    return all(cell is None or cell == "" or (type(cell) is str and not cell.strip()) for cell in row)


def _split_head(numbered: Iterator[Row]) -> tuple[list[Row], Iterator[Row]]:
    head: list[Row] = []
    for item in numbered:
        head.append(item)
        if len(head) == HEAD_ROWS:
            break
    return head, numbered


def open_table(source: str | Path | IO[bytes], fmt: str) -> Table:
    if fmt in CALAMINE_FORMATS:
        return _open_workbook(source)
    if fmt == CSV:
        return _open_csv(source)
    raise UploadRejected(ImportErrorCode.UPLOAD_NOT_SPREADSHEET)


def _open_workbook(source: str | Path | IO[bytes]) -> Table:
    """xlsx, xls (Excel 97-2003) or ods: calamine tells them apart by their content."""
    try:
        if isinstance(source, str | Path):
            with open(source, "rb") as handle:
                workbook = CalamineWorkbook.from_filelike(handle)
        else:
            source.seek(0)
            workbook = CalamineWorkbook.from_filelike(source)
        sheet = None
        for meta in workbook.sheets_metadata:
            if meta.typ == SheetTypeEnum.WorkSheet and meta.visible == SheetVisibleEnum.Visible:
                sheet = workbook.get_sheet_by_name(meta.name)
                break
        if sheet is None:
            sheet = workbook.get_sheet_by_index(0)
    except CalamineError as exc:
        raise UploadRejected(ImportErrorCode.UPLOAD_CORRUPT, detail=type(exc).__name__) from exc
    first_row = (sheet.start or (0, 0))[0] + 1
    iterator = sheet.iter_rows()

    def rows() -> Iterator[Row]:
        number = first_row - 1
        for row in iterator:
            number += 1
            if not _is_blank(row):
                yield number, row

    head, rest = _split_head(rows())
    estimated = max(sheet.height - ((head[0][0] - first_row) if head else 0), 0)

    def close() -> None:
        nonlocal sheet
        sheet = None
        workbook.close()

    return Table(head=head, rows=rest, estimated_rows=estimated, _closers=[close])


def _choose_delimiter(sample: str) -> str:
    first_line = sample.splitlines()[0] if sample else ""
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS)
        if len(first_line.split(dialect.delimiter)) > 1:
            return dialect.delimiter
    except csv.Error:
        pass
    counts = {delimiter: first_line.count(delimiter) for delimiter in CSV_DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _open_csv(source: str | Path | IO[bytes]) -> Table:
    if isinstance(source, str | Path):
        binary: IO[bytes] = open(source, "rb")  # noqa: SIM115 - closed by Table.close
        owned = True
    else:
        binary, owned = source, False
        binary.seek(0)
    sample_bytes = binary.read(64 * 1024)
    encoding = detect_csv_encoding(sample_bytes)
    estimated = sample_bytes.count(b"\n")
    if len(sample_bytes) == 64 * 1024:
        for chunk in iter(lambda: binary.read(1024 * 1024), b""):
            estimated += chunk.count(b"\n")
    binary.seek(0)
    stream = io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")
    sample_text = stream.read(16 * 1024)
    stream.seek(0)
    reader = csv.reader(stream, delimiter=_choose_delimiter(sample_text))

    def rows() -> Iterator[Row]:
        for number, row in enumerate(reader, start=1):
            if not _is_blank(row):
                yield number, row

    head, rest = _split_head(rows())
    first = head[0][0] if head else 0

    def close() -> None:
        stream.detach()
        if owned:
            binary.close()

    return Table(head=head, rows=rest, estimated_rows=max(estimated - first + 1, 0), _closers=[close])
