"""The import pipeline shared by every kind of row: read -> match headers -> clean cells ->
plan (checks against the database and across rows) -> write, all-or-nothing by default.

A kind (``employees``, ``organizations``, ``staff_positions``) supplies an :class:`Importer`
subclass with its resource (the columns), ``plan`` and ``write``. The caller
(``workforce.services.imports``) decides whether to write and supplies the progress callback.
"""

from __future__ import annotations

import datetime
import gc
import itertools
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, ClassVar

from django.conf import settings
from django.db import IntegrityError, transaction

from core.audit import audit_log

from ..access import HR_ROLES, OrgScope, org_scope
from ..models import Role
from ..services.rules import Violation
from .bulk import RecordWriter
from .columns import Column
from .errors import (
    FILE_ROW,
    CellError,
    ImportErrorCode,
    ImportWarningCode,
    RowError,
    UploadRejected,
    is_file_error,
    row_error,
)
from .headers import FULL_NAME_PARTS, HeaderMatch, describe_header, find_header_row, header_row_not_found
from .layout import NOTE_ROWS_LISTED, skip_numbering_row, split_name_cell, split_trailing_rows
from .readers import Row, open_table
from .widgets import CyrillicName

try:  # errors of COPY, which runs on the driver's cursor (Django does not wrap them)
    from psycopg import IntegrityError as _PsycopgIntegrityError

    DRIVER_INTEGRITY_ERRORS: tuple[type[Exception], ...] = (_PsycopgIntegrityError,)
except ImportError:
    DRIVER_INTEGRITY_ERRORS = ()


# Row errors that come from where a row's data lies (outside the scope it is imported with).
SCOPE_CODES = frozenset({
    ImportErrorCode.ORGANIZATION_UNAVAILABLE, ImportErrorCode.EMPLOYEE_OUT_OF_SCOPE,
    ImportErrorCode.EMPLOYEE_EMPLOYED_ELSEWHERE, ImportErrorCode.IDENTITY_MISMATCH,
    ImportErrorCode.PARENT_UNAVAILABLE, ImportErrorCode.ORGANIZATION_ROOT_FORBIDDEN,
    ImportErrorCode.ASSIGNMENT_REQUIRED,
})


class Progress:
    """Told how far a run is (0..1) and, once the file is open, roughly how many rows it has."""

    total = 0

    def __call__(self, fraction: float) -> None:
        return None

    def set_total(self, rows: int) -> None:
        self.total = rows


class ParsedRow(list):
    """Cleaned values of one file row: ``row[0]`` is the spreadsheet row number, the rest are the
    importer's columns by key (``row.pinfl``); a column absent from the file or an empty cell is
    ``None``. A list, not a dict, so 100,000 rows stay small."""

    __slots__ = ()
    keys: ClassVar[tuple[str, ...]] = ()
    index: ClassVar[dict[str, int]] = {}

    @property
    def number(self) -> int:
        return self[0]


def row_type(keys: Sequence[str], name: str = "Row") -> type[ParsedRow]:
    attrs: dict[str, Any] = {"__slots__": (), "keys": tuple(keys),
                              "index": {key: i + 1 for i, key in enumerate(keys)}}
    for i, key in enumerate(keys, start=1):
        attrs[key] = property(itemgetter(i))
    return type(name, (ParsedRow,), attrs)


@dataclass
class ImportResult:
    kind: str
    dry_run: bool
    total_rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_rows: int = 0
    summary: dict[str, int] = field(default_factory=dict)
    written: bool = False
    skip_invalid: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[RowError] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    @property
    def file_errors(self) -> list[RowError]:
        """Errors of the file itself (not a spreadsheet, no header row, a required column missing...):
        no row was checked."""
        return [error for error in self.errors if is_file_error(error)]

    @property
    def importable(self) -> bool:
        """Whether executing would write (all rows valid, or skipping invalid ones that are not
        problems of the whole file)."""
        if not self.errors:
            return True
        return self.skip_invalid and not self.file_errors


class ImportContext:
    """What a run knows: who imports (scope), what the file looks like, and the errors so far."""

    def __init__(self, *, kind: str, user: Any, skip_invalid: bool, progress: Progress,
                 change_reason: str, started_by: Any = None) -> None:
        self.kind = kind
        self.user = user
        # The command line runs without a user: full access, like an administrator.
        self.scope: OrgScope = OrgScope(everything=True, paths=()) if user is None else org_scope(user, HR_ROLES)
        # An administrator starting someone else's job adds nothing to the uploader's scope; when
        # their own (administrator) scope is narrower, every row must lie in it as well, or nothing
        # is written (``strict_scope``).
        self.strict_scope = False
        if started_by is not None and started_by != user:
            starter = org_scope(started_by, [Role.ADMIN])
            if not starter.contains(self.scope):
                self.scope = self.scope.intersect(starter)
                self.strict_scope = True
        self.skip_invalid = skip_invalid
        self.progress = progress
        self.change_reason = change_reason
        self.today = datetime.date.today()
        self.errors: list[RowError] = []
        self.warnings: list[RowError] = []
        self._notes: dict[tuple[str, str], dict[str, Any]] = {}
        self.invalid_rows: set[int] = set()
        # Rows about a person on record outside the importer's scope who may be taken on (identity
        # rule): reports on them must not describe the record's past elsewhere.
        self.claimed_rows: set[int] = set()
        self.failed_cells: set[tuple[int, str]] = set()
        self.seconds: dict[str, float] = {}
        self.headers: dict[str, str] = {}
        self.columns: dict[str, Column] = {}
        self.cell_plan: list[tuple[int, int, Callable[[Any], Any], str, bool]] = []
        # (Latin name slot, Cyrillic name slot, key): a Cyrillic name in a Latin column is kept as both
        self.name_pairs: list[tuple[int, int, str]] = []
        # a "ФИО" cell, split into three cells appended after ``full_name_width`` cells of each row
        self.full_name_cell: int | None = None
        self.full_name_width = 0

    def covers_path(self, path: str | None) -> bool:
        return self.scope.covers_path(path)

    def header(self, key: str) -> str:
        """The column's header as written in the file (or in every language when absent)."""
        if key in self.headers:
            return self.headers[key]
        column = self.columns.get(key)
        return describe_header(column) if column is not None else key

    def error(self, row: ParsedRow | int, key: str, value: Any, code: str, /, **params: Any) -> None:
        number = row if isinstance(row, int) else row.number
        self.errors.append(row_error(number, self.header(key), value, code, **params))
        self.invalid_rows.add(number)
        self.failed_cells.add((number, key))

    def note(self, row: ParsedRow | int, key: str, code: str, /, **params: Any) -> None:
        """A warning that may hold for many rows: one entry per code and column, with the number of
        rows and the first of them (``params`` of the first row are kept)."""
        number = row if isinstance(row, int) else row.number
        entry = self._notes.get((code, key))
        if entry is None:
            self._notes[(code, key)] = {"row": number, "rows": [number], "count": 1, "params": params}
        else:
            entry["count"] += 1
            if len(entry["rows"]) < NOTE_ROWS_LISTED:
                entry["rows"].append(number)

    def collected_warnings(self) -> list[RowError]:
        notes = [row_error(entry["row"], self.header(key) if key else "", "", code, **{
            **entry["params"], "count": entry["count"],
            "rows": ", ".join(map(str, entry["rows"])) + (", …" if entry["count"] > len(entry["rows"]) else ""),
        }) for (code, key), entry in self._notes.items()]
        return self.warnings + notes

    def violation(self, row: ParsedRow | int, key: str, value: Any, violation: Violation | None, /) -> None:
        """Record a rule of ``workforce.services.rules`` that does not hold (nothing when ``None``)."""
        if violation is not None:
            self.error(row, key, value, violation.code, **violation.params)

    def missing(self, row: ParsedRow, key: str) -> None:
        """Report ``key`` as required for this row, unless its cell already has an error."""
        if getattr(row, key) is None and (row.number, key) not in self.failed_cells:
            self.error(row, key, "", ImportErrorCode.REQUIRED)

    def is_valid(self, row: ParsedRow) -> bool:
        return row.number not in self.invalid_rows


class Importer:
    """One kind of row. Subclasses set ``kind``, ``resource_class`` and implement ``plan``/``write``."""

    kind: ClassVar[str] = ""
    resource_class: ClassVar[Any] = None

    def __init__(self) -> None:
        self.all_columns: list[Column] = self.resource_class.column_list("uz")
        self.columns: list[Column] = [c for c in self.all_columns if not c.readonly]
        self.row_class = row_type([c.key for c in self.columns], f"{type(self).__name__}Row")

    # --- reading and cleaning -----------------------------------------------------------------------
    def read(self, source: str | Path | IO[bytes], fmt: str, ctx: ImportContext,
             progress_span: tuple[float, float]) -> list[ParsedRow] | None:
        """Every row of the file, cleaned; ``None`` when the file itself is wrong (no header row,
        a required column missing...: nothing else is checked)."""
        ctx.columns = {c.key: c for c in self.columns}
        max_rows = int(getattr(settings, "IMPORT_MAX_ROWS", 250_000))
        with open_table(source, fmt) as table:
            if not table.head:
                ctx.errors.append(row_error(FILE_ROW, "", "", ImportErrorCode.UPLOAD_EMPTY))
                return None
            match = find_header_row(table.head, self.all_columns)
            if match is None:
                ctx.errors.append(header_row_not_found(self.all_columns, table.head[0][0]))
                return None
            ctx.warnings.extend(match.warnings)
            if match.errors:
                ctx.errors.extend(match.errors)
                return None
            estimated = max(table.estimated_rows - (match.row - table.head[0][0]) - 1, 0)
            if estimated > max_rows:
                ctx.errors.append(row_error(FILE_ROW, "", "", ImportErrorCode.TOO_MANY_ROWS, limit=max_rows))
                return None
            self._plan_cells(match, ctx)
            after = [item for item in table.head if item[0] > match.row]
            data = skip_numbering_row(after, ctx.warnings)
            rows: list[ParsedRow] = []
            start, end = progress_span
            ctx.progress.set_total(estimated)
            estimated = max(estimated, 1)
            key_cell = self._key_cell(match)
            pending: list[Row] = []  # rows without their key cell: a note below the table, or errors
            for number, cells in itertools.chain(data, table.rows):
                if key_cell is not None:
                    key = cells[key_cell] if key_cell < len(cells) else None
                    if key is None or key == "" or (type(key) is str and not key.strip()):
                        pending.append((number, cells))
                        continue
                if pending:
                    rows.extend(self.clean_row(n, c, ctx) for n, c in pending)
                    pending.clear()
                rows.append(self.clean_row(number, cells, ctx))
                if len(rows) > max_rows:
                    ctx.errors.append(row_error(FILE_ROW, "", "", ImportErrorCode.TOO_MANY_ROWS, limit=max_rows))
                    return None
                if not len(rows) % 2000:
                    ctx.progress(start + (end - start) * min(len(rows) / estimated, 1.0))
            records, notes = split_trailing_rows(pending)
            rows.extend(self.clean_row(n, c, ctx) for n, c in records)
            if notes is not None:
                ctx.warnings.append(notes)
        if not rows:
            ctx.errors.append(row_error(match.row, "", "", ImportErrorCode.NO_ROWS))
            return None
        return rows

    def _plan_cells(self, match: HeaderMatch, ctx: ImportContext) -> None:
        """Which cell goes to which slot through which cleaner; a "ФИО" cell is split into three
        cells appended to each row (:meth:`clean_row` does it)."""
        ctx.cell_plan = [(i, self.row_class.index[c.key], c.widget.parser(), c.key, c.required)
                         for i, c in enumerate(match.positions) if c is not None]
        ctx.headers = {c.key: match.headers[i] for i, c in enumerate(match.positions) if c is not None}
        ctx.full_name_cell = match.full_name
        if match.full_name is not None:
            base = len(match.positions)
            header = match.headers[match.full_name]
            for offset, key in enumerate(FULL_NAME_PARTS):
                column = ctx.columns[key]
                # not required here: an empty or one-word name is reported once, by clean_row
                ctx.cell_plan.append((base + offset, self.row_class.index[key], column.widget.parser(), key, False))
                ctx.headers[key] = header
            ctx.full_name_width = base
        keys = set(self.row_class.index)
        ctx.name_pairs = [(self.row_class.index[c.key], self.row_class.index[f"{c.key}_cyrl"], c.key)
                          for c in self.columns if getattr(c.widget, "transliterate", False)
                          and f"{c.key}_cyrl" in keys and (c.key in ctx.headers)]

    def _key_cell(self, match: HeaderMatch) -> int | None:
        """The cell of the first required column (the PINFL, the code): a row without it at the
        end of the sheet may be a note rather than a record."""
        required = [i for i, c in enumerate(match.positions) if c is not None and c.required]
        return required[0] if required else None

    def clean_row(self, number: int, cells: list[Any], ctx: ImportContext) -> ParsedRow:
        """The cells of one row cleaned by their columns' widgets; errors go to ``ctx``."""
        if ctx.full_name_cell is not None:
            cells = split_name_cell(number, cells, ctx)
        values: list[Any] = [None] * (len(self.columns) + 1)
        values[0] = number
        n_cells = len(cells)
        for cell_index, slot, clean, key, required in ctx.cell_plan:
            raw = cells[cell_index] if cell_index < n_cells else None
            if raw is None or raw == "" or (type(raw) is str and raw[0].isspace() and not raw.strip()):
                if required:
                    ctx.error(number, key, "", ImportErrorCode.REQUIRED)
                continue
            try:
                value = clean(raw)
            except CellError as exc:
                ctx.error(number, key, raw, exc.code, **exc.params)
                continue
            if value is None and required:
                ctx.error(number, key, raw, ImportErrorCode.REQUIRED)
            values[slot] = value
        for latin, cyrillic, key in ctx.name_pairs:
            value = values[latin]
            if type(value) is CyrillicName:
                values[latin] = str(value)
                if values[cyrillic] is None:
                    values[cyrillic] = value.cyrillic
                ctx.note(number, key, ImportWarningCode.NAMES_TRANSLITERATED, header=ctx.header(key),
                         row=number, example=f"{value.cyrillic} → {value}")
        return self.row_class(values)

    # --- kind-specific ----------------------------------------------------------------------------------
    def lock(self, rows: list[ParsedRow], ctx: ImportContext) -> None:
        """Inside the writing transaction, before ``plan``: lock what concurrent writers could change."""

    def plan(self, rows: list[ParsedRow], ctx: ImportContext) -> Any:
        raise NotImplementedError

    def summary(self, plan: Any) -> dict[str, int]:
        raise NotImplementedError

    def write(self, plan: Any, ctx: ImportContext, writer: RecordWriter) -> None:
        raise NotImplementedError

    def plan_and_write(self, rows: list[ParsedRow], ctx: ImportContext, writer: RecordWriter) -> tuple[Any, bool]:
        """Check every row, then write unless there are errors (and they may not be skipped).
        Returns the plan and whether anything was written. Called inside the transaction."""
        clock = time.perf_counter()
        plan = self.plan(rows, ctx)
        rows.clear()  # the plan keeps what is written
        ctx.seconds["check"] = time.perf_counter() - clock
        if ctx.strict_scope and any(error["code"] in SCOPE_CODES for error in ctx.errors):
            ctx.errors.append(row_error(FILE_ROW, "", "", ImportErrorCode.START_OUTSIDE_SCOPE))
        if ctx.errors and not (ctx.skip_invalid and _only_row_errors(ctx.errors)):
            return plan, False
        ctx.progress(0.5)
        clock = time.perf_counter()
        self.write(plan, ctx, writer)
        ctx.seconds["write"] = time.perf_counter() - clock
        return plan, True

    def write_size(self, plan: Any) -> int:
        """Database rows ``write`` will insert or update (history included), for the progress bar."""
        return 1


def run_import(
    importer: Importer,
    source: str | Path | IO[bytes],
    fmt: str,
    *,
    user: Any = None,
    dry_run: bool,
    skip_invalid: bool = False,
    change_reason: str = "import",
    progress: Progress | None = None,
    audit_data: dict[str, Any] | None = None,
    before_write: Callable[[], bool] | None = None,
    after_write: Callable[[ImportResult], None] | None = None,
    started_by: Any = None,
) -> ImportResult:
    """Check ``source`` and, unless ``dry_run`` or it has errors (and ``skip_invalid`` is off),
    write it in one transaction. Writing re-checks everything under row locks first.

    ``user`` is whose scope the rows are checked against (the uploader); ``started_by``, when
    someone else, may only narrow it (see ``ImportContext``).

    ``before_write`` runs first inside the writing transaction (return False to write nothing,
    e.g. a job already done); ``after_write`` runs inside it after a successful write, so what it
    records commits together with the rows."""
    progress = progress or Progress()
    # Hundreds of thousands of small lists are made and kept: the cyclic collector would walk them
    # again and again for nothing (they hold no cycles). Reference counting still frees memory.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(importer, source, fmt, user=user, dry_run=dry_run, skip_invalid=skip_invalid,
                    change_reason=change_reason, progress=progress, audit_data=audit_data,
                    before_write=before_write, after_write=after_write, started_by=started_by)
    finally:
        if collecting:
            gc.enable()


def _run(importer: Importer, source: str | Path | IO[bytes], fmt: str, *, user: Any, dry_run: bool,
         skip_invalid: bool, change_reason: str, progress: Progress, audit_data: dict[str, Any] | None,
         before_write: Callable[[], bool] | None, after_write: Callable[[ImportResult], None] | None,
         started_by: Any = None) -> ImportResult:
    ctx = ImportContext(kind=importer.kind, user=user, skip_invalid=skip_invalid, progress=progress,
                        change_reason=change_reason, started_by=started_by)
    result = ImportResult(kind=importer.kind, dry_run=dry_run, skip_invalid=skip_invalid)
    clock = time.perf_counter()
    read_span = (0.0, 0.8) if dry_run else (0.0, 0.35)
    try:
        rows = importer.read(source, fmt, ctx, read_span)
    except UploadRejected as exc:  # a damaged file the upload checks could not see (past their first KBs)
        ctx.errors.append(row_error(FILE_ROW, "", "", exc.code, **exc.params))
        rows = None
    result.seconds["read"] = time.perf_counter() - clock
    if rows is None:
        return _finish(result, ctx, 0)
    result.total_rows = len(rows)
    progress(read_span[1])
    if dry_run:
        clock = time.perf_counter()
        plan = importer.plan(rows, ctx)
        result.seconds["check"] = time.perf_counter() - clock
        result.summary = importer.summary(plan)
        progress(1.0)
        return _finish(result, ctx, len(rows))
    total = len(rows)
    written_rows = 0
    expected = max(2 * 3 * total, 1)  # rough: each row writes a few records and their history

    def on_rows(count: int) -> None:
        nonlocal written_rows
        written_rows += count
        progress(0.5 + 0.5 * min(written_rows / expected, 1.0))

    try:
        with transaction.atomic():
            if before_write is not None and not before_write():
                return _finish(result, ctx, total)
            writer = RecordWriter(change_reason=change_reason, history_user_id=getattr(user, "pk", None),
                                  on_rows=on_rows)
            importer.lock(rows, ctx)
            plan, written = importer.plan_and_write(rows, ctx, writer)
            result.summary = importer.summary(plan)
            result.seconds.update(ctx.seconds)
            if not written:
                raise _NothingWritten
            audit_log("workforce.import.completed", actor=user, data={
                "kind": importer.kind, "rows": result.total_rows, **result.summary,
                "skipped_rows": len(ctx.invalid_rows), **(audit_data or {}),
            })
            result.written = True
            if after_write is not None:
                _finish(result, ctx, result.total_rows)
                after_write(result)
            clock = time.perf_counter()
        result.seconds["commit"] = time.perf_counter() - clock  # the deferred foreign-key checks run here
    except _NothingWritten:
        result.written = False
    except (IntegrityError, *DRIVER_INTEGRITY_ERRORS) as exc:
        # A concurrent change got past the checks: nothing was written (the transaction rolled back).
        ctx.errors.append(row_error(FILE_ROW, "", str(exc)[:200], ImportErrorCode.WRITE_CONFLICT))
        result.written = False
    progress(1.0)
    return _finish(result, ctx, result.total_rows)


class _NothingWritten(Exception):
    """Leaves the writing transaction with a rollback."""


def _only_row_errors(errors: Iterable[RowError]) -> bool:
    return not any(is_file_error(error) for error in errors)


def _finish(result: ImportResult, ctx: ImportContext, total: int) -> ImportResult:
    result.warnings = sorted(ctx.collected_warnings(), key=lambda e: e["row"])
    result.errors = sorted(ctx.errors, key=lambda e: e["row"])
    result.error_rows = len(ctx.invalid_rows)
    result.total_rows = total
    return result
