"""Fast writes with history, for imports of tens of thousands of rows in one transaction.

Rows are plain lists in the order of ``columns`` (attnames), with their primary key already set
(:meth:`RecordWriter.allocate_ids`), so related rows can point at them before anything is written
and the history of every row is written in the same pass. django-simple-history's historical
rows (``history_type`` "+" or "~", ``history_user``, ``history_change_reason``) are written the
same way; the ``history`` manager reads them as usual.

On PostgreSQL inserts use ``COPY`` and updates ``COPY`` into a temporary table and one
``UPDATE ... FROM``; elsewhere (SQLite, the embedded default) ``executemany``. Same rows, same
result, same code path above this module.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from itertools import islice
from typing import Any

from django.db import connections
from django.db.models import Field, JSONField, Model
from django.utils import timezone

try:
    from psycopg.types.json import set_json_dumps
except ImportError:  # no psycopg 3: PostgreSQL is not used
    set_json_dumps = None

BATCH = 5000
# Django field -> PostgreSQL type, for binary COPY (about twice as fast as text to encode and parse).
PG_TYPES = {
    "AutoField": "int4", "BigAutoField": "int8", "SmallAutoField": "int2", "IntegerField": "int4",
    "BigIntegerField": "int8", "SmallIntegerField": "int2", "PositiveIntegerField": "int4",
    "PositiveBigIntegerField": "int8", "PositiveSmallIntegerField": "int2", "CharField": "varchar",
    "EmailField": "varchar", "SlugField": "varchar", "URLField": "varchar", "TextField": "text",
    "DateField": "date", "DateTimeField": "timestamptz", "DecimalField": "numeric", "BooleanField": "bool",
    "JSONField": "jsonb", "UUIDField": "uuid",
}


def pg_type(field: Field) -> str | None:
    if field.is_relation:
        field = field.target_field  # type: ignore[attr-defined]
    return PG_TYPES.get(field.get_internal_type())


class RecordWriter:
    def __init__(self, *, change_reason: str, history_user_id: int | None, using: str = "default",
                 on_rows: Callable[[int], None] | None = None) -> None:
        self.connection = connections[using]
        self.vendor = self.connection.vendor
        self.change_reason = change_reason
        self.history_user_id = history_user_id
        self.now = timezone.now()
        self.on_rows = on_rows or (lambda n: None)
        self._sqlite_next: dict[str, int] = {}
        self.cursor: Callable[[], Any] = self.connection.cursor

    # --- primary keys -----------------------------------------------------------------------------
    def allocate_ids(self, model: type[Model], count: int) -> list[int]:
        """``count`` fresh primary keys of ``model``'s table (caller must hold the transaction)."""
        if count <= 0:
            return []
        table = model._meta.db_table
        pk = model._meta.pk.column
        with self.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                               [table, pk, count])
                return [row[0] for row in cursor.fetchall()]
            if self.vendor == "sqlite":
                start = self._sqlite_next.get(table)
                if start is None:
                    quoted = self.connection.ops.quote_name(table)
                    cursor.execute(f"SELECT COALESCE(MAX({self.connection.ops.quote_name(pk)}), 0) FROM {quoted}")  # noqa: S608
                    start = cursor.fetchone()[0] + 1
                    cursor.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='sqlite_sequence'")
                    if cursor.fetchone():
                        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                        row = cursor.fetchone()
                        if row and row[0] is not None:
                            start = max(start, row[0] + 1)
                self._sqlite_next[table] = start + count
                return list(range(start, start + count))
        raise NotImplementedError(f"Bulk import does not support the {self.vendor} database")

    # --- inserts ----------------------------------------------------------------------------------
    def insert(self, model: type[Model], columns: Sequence[str], rows: Sequence[list[Any]], *,
               history: bool = True) -> None:
        if not rows:
            return
        self._insert_plain(model, columns, rows)
        if history:
            self._insert_history(model, columns, rows, "+")

    def update(self, model: type[Model], columns: Sequence[str], rows: Sequence[list[Any]], fields: Sequence[str], *,
               history: bool = True) -> None:
        """Write ``fields`` of ``rows`` (full snapshots after the change, ``columns`` order, ``id`` first)."""
        if not rows or not fields:
            return
        positions = [columns.index(name) for name in ("id", *fields)]
        values = [[row[i] for i in positions] for row in rows]
        table = self.connection.ops.quote_name(model._meta.db_table)
        quoted = [self.connection.ops.quote_name(model._meta.get_field(f).column) for f in fields]
        converters = self._converters(model, ["id", *fields])
        if self.vendor == "postgresql":
            temp = self.connection.ops.quote_name(f"_import_{model._meta.model_name}")
            types = [pg_type(model._meta.get_field(name)) for name in ("id", *fields)]
            with self.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {temp}")
                cursor.execute(f"CREATE TEMP TABLE {temp} ON COMMIT DROP AS SELECT id, {', '.join(quoted)} "  # noqa: S608
                               f"FROM {table} WITH NO DATA")
                self._copy(cursor, temp, ["id", *quoted], values, converters, types)
                assignments = ", ".join(f"{q} = u.{q}" for q in quoted)
                cursor.execute(f"UPDATE {table} AS t SET {assignments} FROM {temp} AS u WHERE t.id = u.id")  # noqa: S608
                cursor.execute(f"DROP TABLE {temp}")
        else:
            sql = f"UPDATE {table} SET {', '.join(f'{q} = %s' for q in quoted)} WHERE id = %s"  # noqa: S608
            with self.cursor() as cursor:
                for start in range(0, len(values), BATCH):
                    batch = [[*self._prepared(row[1:], converters[1:]), row[0]] for row in values[start:start + BATCH]]
                    cursor.executemany(sql, batch)
                    self.on_rows(len(batch))
        if history:
            self._insert_history(model, columns, rows, "~")

    # --- internals --------------------------------------------------------------------------------
    def _insert_plain(self, model: type[Model], columns: Sequence[str], rows: Iterable[list[Any]]) -> None:
        table = self.connection.ops.quote_name(model._meta.db_table)
        fields = [model._meta.get_field(name) for name in columns]
        quoted = [self.connection.ops.quote_name(field.column) for field in fields]
        converters = self._converters(model, columns)
        with self.cursor() as cursor:
            if self.vendor == "postgresql":
                self._copy(cursor, table, quoted, rows, converters, [pg_type(f) for f in fields])
                return
            sql = f"INSERT INTO {table} ({', '.join(quoted)}) VALUES ({', '.join(['%s'] * len(quoted))})"  # noqa: S608
            iterator = iter(rows)
            while batch := [self._prepared(row, converters) for row in islice(iterator, BATCH)]:
                cursor.executemany(sql, batch)
                self.on_rows(len(batch))

    def _copy(self, cursor: Any, table: str, quoted: Sequence[str], rows: Iterable[list[Any]],
              converters: list[Callable[[Any], Any] | None], types: Sequence[str | None]) -> None:
        binary = all(types)
        convert = [] if binary else [(i, c) for i, c in enumerate(converters) if c is not None]
        done = 0
        options = " (FORMAT BINARY)" if binary else ""
        raw = getattr(cursor, "cursor", cursor)  # the driver's cursor under Django's wrapper
        if binary and "jsonb" in types:
            set_json_dumps(_json_text_memo, context=raw)  # this cursor only
        with raw.copy(f"COPY {table} ({', '.join(quoted)}) FROM STDIN{options}") as copy:
            if binary:
                copy.set_types(list(types))
            write = copy.write_row
            for row in rows:
                if convert:
                    row = list(row)
                    for i, c in convert:
                        row[i] = c(row[i])
                write(row)
                done += 1
                if done == BATCH:
                    self.on_rows(done)
                    done = 0
        if done:
            self.on_rows(done)

    def _converters(self, model: type[Model], columns: Sequence[str]) -> list[Callable[[Any], Any] | None]:
        """Per column: how a Python value becomes a database parameter (``None``: as is)."""
        result: list[Callable[[Any], Any] | None] = []
        for name in columns:
            field = model._meta.get_field(name)
            if self.vendor == "postgresql":
                result.append(_json_text if isinstance(field, JSONField) else None)
            else:
                result.append(lambda value, field=field: field.get_db_prep_save(value, self.connection))
        return result

    @staticmethod
    def _prepared(row: Sequence[Any], converters: list[Callable[[Any], Any] | None]) -> list[Any]:
        return [c(v) if c is not None else v for v, c in zip(row, converters, strict=True)]

    def _insert_history(self, model: type[Model], columns: Sequence[str], rows: Sequence[list[Any]],
                        history_type: str) -> None:
        history_model = model.history.model  # type: ignore[attr-defined]
        tracked = [field.attname for field in history_model.tracked_fields]
        positions = [columns.index(name) for name in tracked]
        extra = [self.now, self.change_reason, history_type, self.history_user_id]
        history_columns = [*tracked, "history_date", "history_change_reason", "history_type", "history_user_id"]
        history_rows = ([row[i] for i in positions] + extra for row in rows)
        self._insert_plain(history_model, history_columns, history_rows)


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


_JSON_MEMO: dict[tuple[Any, ...], str] = {}


def _json_text_memo(value: Any) -> str:
    """``json.dumps`` remembering lists of plain values (language lists repeat on every row)."""
    if type(value) is list:
        key = tuple(value)
        try:
            return _JSON_MEMO[key]
        except (KeyError, TypeError):
            text = json.dumps(value, ensure_ascii=False)
            if len(_JSON_MEMO) < 10_000:
                with suppress(TypeError):
                    _JSON_MEMO[key] = text
            return text
    return json.dumps(value, ensure_ascii=False)
