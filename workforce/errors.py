"""Error codes of the workforce app. Tests and API clients match on the code, never the text."""

from enum import StrEnum

from core.exceptions import ApplicationError, ConflictError, NotFoundError


class WorkforceErrorCode(StrEnum):
    ORGANIZATION_CODE_TAKEN = "organization_code_taken"
    ORGANIZATION_CYCLE = "organization_cycle"
    ORGANIZATION_OUT_OF_SCOPE = "organization_out_of_scope"
    ROLE_GRANT_EXISTS = "role_grant_exists"
    ROLE_GRANT_FORBIDDEN = "role_grant_forbidden"


class WorkforceError(ApplicationError):
    default_code = "workforce_error"


class WorkforceConflict(ConflictError):
    default_code = "workforce_conflict"


class WorkforceNotFound(NotFoundError):
    default_code = "workforce_not_found"
