"""The exporter class apps subclass, and what ``render`` returns."""

from __future__ import annotations

import contextlib
import datetime
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, ClassVar

from django import forms
from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core.errors import CoreErrorCode
from core.exceptions import ApplicationError

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "zip": "application/zip",
}


@dataclass
class ExportFile:
    """What ``render`` produced: a file on disk (``path``), bytes (``content``) or an open binary
    file (``file``, e.g. a temporary file), with the name and type to send it under."""

    filename: str
    content_type: str
    path: Path | str | None = None
    content: bytes | None = None
    file: IO[bytes] | None = None
    rows: int = 0
    delete_path: bool = field(default=False, repr=False)

    def open(self) -> IO[bytes]:
        if self.file is not None:
            self.file.seek(0)
            return self.file
        if self.content is not None:
            import io

            return io.BytesIO(self.content)
        if self.path is not None:
            return open(self.path, "rb")
        raise ValueError("ExportFile needs a path, content or file")

    def cleanup(self) -> None:
        if self.file is not None:
            self.file.close()
        if self.path is not None and self.delete_path:
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.path)


class ExportProgress:
    """What ``render`` reports progress to: ``set_total(rows)`` once, then ``progress(rows_done)``."""

    def __init__(self, job_progress: Any = None) -> None:
        self.job_progress = job_progress
        self.total = 0

    def set_total(self, rows: int) -> None:
        self.total = int(rows)
        if self.job_progress is not None:
            self.job_progress.set_total(self.total)

    def __call__(self, rows_done: int) -> None:
        if self.job_progress is not None and self.total:
            self.job_progress(rows_done / self.total)


def json_param(value: Any) -> Any:
    """A form value as a JSON value: dates as ISO strings, objects by primary key."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, QuerySet | list | tuple | set):
        return [json_param(item) for item in value]
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID | Promise):
        return str(value)
    return value


def as_querydict(params: Mapping[str, Any] | QueryDict | None) -> QueryDict:
    """Params (a dict of values or lists, or a QueryDict) as a QueryDict for forms and FilterSets."""
    if isinstance(params, QueryDict):
        return params
    data = QueryDict(mutable=True)
    for key, value in (params or {}).items():
        if isinstance(value, list | tuple):
            data.setlist(key, [str(item) for item in value])
        elif value is not None:
            data[key] = value if isinstance(value, str) else str(value).lower() if isinstance(value, bool) \
                else str(value)
    return data


class Exporter:
    """One kind of export. Subclass, set the attributes, implement ``estimate`` and ``render``, and
    ``register_exporter(MyExporter)`` in ``AppConfig.ready()``.

    ``render`` runs with the **requester's** scope: ``actor`` is whoever asked for the export (the
    job stores it), so it must read through the app's scoped selectors with ``user=actor``."""

    identifier: ClassVar[str] = ""
    verbose_name: ClassVar[str | Promise] = ""
    description: ClassVar[str | Promise] = ""
    required_roles: ClassVar[tuple[str, ...]] = ()
    form_class: ClassVar[type[forms.Form] | None] = None
    form_fields: ClassVar[dict[str, forms.Field]] = {}
    file_format: ClassVar[str] = "xlsx"

    # --- parameters ------------------------------------------------------------------------------
    def get_form(self, data: Any = None, *, actor: Any) -> forms.Form:
        """The parameter form (``form_class``, else a form of ``form_fields``)."""
        form_class = self.form_class or type("ExportForm", (forms.Form,), dict(self.form_fields))
        return form_class(data=data)

    def params_from_form(self, form: forms.Form) -> dict[str, Any]:
        """JSON-serialisable params from a valid form (stored on the job, given back to ``render``)."""
        return {name: json_param(value) for name, value in form.cleaned_data.items()}

    def clean_params(self, params: Mapping[str, Any] | QueryDict | None, *, actor: Any) -> dict[str, Any]:
        """Validate ``params`` with the form; the first problem raises an ApplicationError naming the
        field (code ``export_invalid_params``, every field's errors in ``extra``)."""
        form = self.get_form(as_querydict(params), actor=actor)
        if not form.is_valid():
            errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
            field_name, messages = next(iter(errors.items()))
            label = form.fields[field_name].label if field_name in form.fields else ""
            message = f"{label}: {messages[0]}" if label else messages[0]
            raise ApplicationError(message, code=CoreErrorCode.EXPORT_INVALID_PARAMS,
                                   field=None if field_name == "__all__" else field_name, extra=errors)
        return self.params_from_form(form)

    def audit_params(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Params for the audit log (``core.audit`` masks identifier-like keys; override to drop or
        rename more)."""
        return dict(params)

    # --- work ------------------------------------------------------------------------------------
    def estimate(self, *, params: Mapping[str, Any], actor: Any) -> int:
        """About how many rows ``render`` writes (decides between streaming at once and a job). It may
        stop counting past ``settings.EXPORT_STREAM_MAX_ROWS`` (see :func:`count_up_to`)."""
        raise NotImplementedError

    def render(self, *, params: Mapping[str, Any], actor: Any, progress: ExportProgress) -> ExportFile:
        raise NotImplementedError

    def filename(self, extension: str) -> str:
        stamp = datetime.date.today().isoformat()
        return f"{self.identifier.split('.')[-1]}-{stamp}.{extension}"

    def __str__(self) -> str:
        return str(self.verbose_name or self.identifier)


def count_up_to(queryset: QuerySet, limit: int) -> int:
    """``min(queryset.count(), limit)`` reading at most ``limit`` rows."""
    return queryset.order_by()[:limit].count()


def unknown_exporter_error(identifier: str) -> ApplicationError:
    from core.exceptions import NotFoundError

    return NotFoundError(_("There is no export called “%(identifier)s”.") % {"identifier": identifier},
                         code=CoreErrorCode.EXPORT_UNKNOWN, field="identifier")
