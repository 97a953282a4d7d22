"""Read the rows of an xlsx (python-calamine) or csv (csv module) file as tuples.

Rows come with their spreadsheet row number (the header row is row 1 when it is the first row
of the sheet); rows with nothing in them are skipped. CSV is streamed; calamine holds the sheet
in compact Rust memory and hands Python one row at a time.
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
from .upload import CSV, XLSX, detect_csv_encoding

CSV_DELIMITERS = ",;\t|"
Row = tuple[int, list[Any]]


@dataclass
class Table:
    headers: list[Any]
    rows: Iterator[Row]
    estimated_rows: int
    _closers: list[Any] = field(default_factory=list)

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


def open_table(source: str | Path | IO[bytes], fmt: str) -> Table:
    if fmt == XLSX:
        return _open_xlsx(source)
    if fmt == CSV:
        return _open_csv(source)
    raise UploadRejected(ImportErrorCode.UPLOAD_NOT_SPREADSHEET)


def _open_xlsx(source: str | Path | IO[bytes]) -> Table:
    try:
        if isinstance(source, str | Path):
            workbook = CalamineWorkbook.from_path(str(source))
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
    headers: list[Any] = []
    header_row = first_row
    for offset, row in enumerate(iterator):
        if not _is_blank(row):
            headers, header_row = row, first_row + offset
            break
    estimated = max(sheet.height - (header_row - first_row) - 1, 0)

    def rows() -> Iterator[Row]:
        number = header_row
        for row in iterator:
            number += 1
            if not _is_blank(row):
                yield number, row

    def close() -> None:
        nonlocal sheet
        sheet = None
        workbook.close()

    return Table(headers=headers, rows=rows(), estimated_rows=estimated, _closers=[close])


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
    headers: list[Any] = []
    header_row = 0
    for number, row in enumerate(reader, start=1):
        if not _is_blank(row):
            headers, header_row = row, number
            break

    def rows() -> Iterator[Row]:
        number = header_row
        for row in reader:
            number += 1
            if not _is_blank(row):
                yield number, row

    def close() -> None:
        stream.detach()
        if owned:
            binary.close()

    return Table(headers=headers, rows=rows(), estimated_rows=max(estimated - header_row, 0), _closers=[close])
