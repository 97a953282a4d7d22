"""Stable error codes of the platform pieces in ``core`` (API clients and tests match on them)."""

from __future__ import annotations

from enum import StrEnum


class CoreErrorCode(StrEnum):
    # documents
    DOCUMENT_EMPTY = "document_empty"
    DOCUMENT_TOO_LARGE = "document_too_large"
    DOCUMENT_TYPE_NOT_ALLOWED = "document_type_not_allowed"
    DOCUMENT_TYPE_UNKNOWN = "document_type_unknown"
    DOCUMENT_NAME_MISMATCH = "document_name_mismatch"
    # verifiable documents
    VERIFICATION_CODE_TAKEN = "verification_code_taken"
    VERIFICATION_CODE_INVALID = "verification_code_invalid"
    VERIFICATION_PERSONAL_IDENTIFIER = "verification_personal_identifier"
    VERIFICATION_ALREADY_REVOKED = "verification_already_revoked"
    VERIFICATION_REASON_REQUIRED = "verification_reason_required"
    VERIFICATION_KIND_UNKNOWN = "verification_kind_unknown"
    # notifications
    NOTIFICATION_EVENT_UNKNOWN = "notification_event_unknown"
    # exports
    EXPORT_UNKNOWN = "export_unknown"
    EXPORT_FORBIDDEN = "export_forbidden"
    EXPORT_INVALID_PARAMS = "export_invalid_params"
    EXPORT_FAILED = "export_failed"
