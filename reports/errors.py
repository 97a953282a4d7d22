"""Error codes of the reports app. Tests and API clients match on the code, never the text."""

from enum import StrEnum

from rest_framework import status

from core.exceptions import ApplicationError


class ReportErrorCode(StrEnum):
    UNKNOWN = "report_unknown"
    INVALID_PARAMS = "report_invalid_params"
    FORBIDDEN = "report_forbidden"


class ReportForbidden(ApplicationError):
    default_code = ReportErrorCode.FORBIDDEN
    http_status = status.HTTP_403_FORBIDDEN


class ReportInvalidParams(ApplicationError):
    default_code = ReportErrorCode.INVALID_PARAMS
