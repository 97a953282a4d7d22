"""Errors a user can act on, and the one place that turns them into API responses."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions as drf_exceptions
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class ApplicationError(Exception):
    """A rule of the domain was broken. ``code`` is stable (tests and API clients match on it);
    ``message`` is for people, already translated; ``field`` names the input at fault."""

    default_code = "error"
    http_status = status.HTTP_400_BAD_REQUEST

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = str(message)
        self.code = str(code or self.default_code)
        self.field = field
        self.extra = extra or {}

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.field:
            body["field"] = self.field
        if self.extra:
            body["details"] = self.extra
        return body


class NotFoundError(ApplicationError):
    default_code = "not_found"
    http_status = status.HTTP_404_NOT_FOUND


class ConflictError(ApplicationError):
    """The request was valid but the current state forbids it (e.g. a position already full)."""

    default_code = "conflict"
    http_status = status.HTTP_409_CONFLICT


def validation_error_as_application_error(exc: DjangoValidationError) -> ApplicationError:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        first = errors[0]
        message = " ".join(str(m) for m in first.messages)
        code = first.code or "invalid"
        details = {f: [" ".join(e.messages) for e in errs] for f, errs in exc.error_dict.items()}
        return ApplicationError(message, code=code, field=None if field == "__all__" else field, extra=details)
    first = exc.error_list[0]
    return ApplicationError(" ".join(first.messages), code=first.code or "invalid")


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every API error has the same shape: ``{"code", "message", "field"?, "details"?}``."""
    if isinstance(exc, DjangoValidationError):
        exc = validation_error_as_application_error(exc)
    if isinstance(exc, ApplicationError):
        return Response(exc.as_dict(), status=exc.http_status)
    if isinstance(exc, Http404):
        exc = drf_exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = drf_exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, drf_exceptions.ValidationError):
        data = response.data
        field, message = None, str(data)
        if isinstance(data, dict) and data:
            field, value = next(iter(data.items()))
            message = str(value[0] if isinstance(value, list) and value else value)
            if field == "non_field_errors":
                field = None
        elif isinstance(data, list) and data:
            message = str(data[0])
        body = {"code": "invalid", "message": message, "details": data}
        if field:
            body["field"] = field
        response.data = body
    elif isinstance(exc, drf_exceptions.APIException):
        codes = exc.get_codes()
        response.data = {
            "code": codes if isinstance(codes, str) else "error",
            "message": str(exc.detail),
        }
    return response


def clean_or_raise(instance: Any, **kwargs: Any) -> None:
    """``instance.full_clean(**kwargs)``, with a failure raised as an :class:`ApplicationError`
    naming the first field at fault (all fields are in ``extra``)."""
    try:
        instance.full_clean(**kwargs)
    except DjangoValidationError as exc:
        raise validation_error_as_application_error(exc) from exc
