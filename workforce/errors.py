"""Error codes of the workforce app. Tests and API clients match on the code, never the text."""

from enum import StrEnum

from core.exceptions import ApplicationError, ConflictError, NotFoundError


class WorkforceErrorCode(StrEnum):
    ORGANIZATION_CODE_TAKEN = "organization_code_taken"
    ORGANIZATION_CYCLE = "organization_cycle"
    ORGANIZATION_OUT_OF_SCOPE = "organization_out_of_scope"
    ORGANIZATION_REQUIRED = "organization_required"
    ORGANIZATION_ROOT_FORBIDDEN = "organization_root_forbidden"
    ROLE_GRANT_EXISTS = "role_grant_exists"
    ROLE_GRANT_FORBIDDEN = "role_grant_forbidden"
    ROLE_GRANT_BEYOND_OWN = "role_grant_beyond_own"
    ORGANIZATION_INACTIVE = "organization_inactive"

    # The employee record (services/employees.py)
    EMPLOYEE_PINFL_TAKEN = "employee_pinfl_taken"
    EMPLOYEE_PINFL_IMMUTABLE = "employee_pinfl_immutable"
    EMPLOYEE_USER_TAKEN = "employee_user_taken"
    EMPLOYEE_USER_ALREADY_LINKED = "employee_user_already_linked"
    EDUCATION_YEAR_BEFORE_BIRTH = "education_year_before_birth"
    CIRCUMSTANCE_CHILD_BIRTH_DATE_REQUIRED = "circumstance_child_birth_date_required"
    DATE_RANGE_INVALID = "date_range_invalid"

    # Identity: a PINFL on record outside the actor's scope (services/identity.py)
    EMPLOYEE_OUT_OF_SCOPE = "employee_out_of_scope"
    EMPLOYEE_EMPLOYED_ELSEWHERE = "employee_employed_elsewhere"
    IDENTITY_MISMATCH = "identity_mismatch"

    # Appointment asked for by another app (services/assignments/appoint.py)
    APPOINTMENT_BASIS_REQUIRED = "appointment_basis_required"
    STAFF_POSITION_NOT_FOUND = "staff_position_not_found"

    # HR orders (services/assignments.py)
    EMPLOYEE_ALREADY_EMPLOYED = "employee_already_employed"
    EMPLOYEE_NOT_EMPLOYED = "employee_not_employed"
    EFFECTIVE_DATE_TOO_EARLY = "effective_date_too_early"
    STAFF_POSITION_FULL = "staff_position_full"
    STAFF_POSITION_INACTIVE = "staff_position_inactive"
    STAFF_POSITION_SAME = "staff_position_same"
    ROTATION_EXEMPT = "rotation_exempt"
    PROMOTION_NOT_HIGHER = "promotion_not_higher"
    DEMOTION_NOT_LOWER = "demotion_not_lower"
    DEMOTION_POSITION_REQUIRED = "demotion_position_required"
    SANCTION_POSITION_UNEXPECTED = "sanction_position_unexpected"
    SANCTION_FINE_AMOUNT_INVALID = "sanction_fine_amount_invalid"
    SANCTION_NO_RANK = "sanction_no_rank"
    SANCTION_RANK_LOWEST = "sanction_rank_lowest"
    RANK_UNCHANGED = "rank_unchanged"
    RANK_INACTIVE = "rank_inactive"
    RANK_CHANGE_NEEDS_ORDER = "rank_change_needs_order"
    RANK_STEP_SKIPPED = "rank_step_skipped"
    RANK_TIME_IN_RANK = "rank_time_in_rank"
    RANK_LOWERING_NEEDS_SANCTION = "rank_lowering_needs_sanction"
    RANK_CHANGE_PENDING = "rank_change_pending"
    HIRE_UNDER_MINIMUM_AGE = "hire_under_minimum_age"
    DISMISSAL_REASON_INVALID = "dismissal_reason_invalid"

    # Staffing table (services/positions.py)
    STAFF_POSITION_CODE_TAKEN = "staff_position_code_taken"
    STAFF_POSITION_GROUP_MISMATCH = "staff_position_group_mismatch"
    STAFF_POSITION_BELOW_OCCUPANCY = "staff_position_below_occupancy"
    STAFF_POSITION_OCCUPIED = "staff_position_occupied"

    # Personnel reserve (services/reserve.py)
    RESERVE_PERSON_REQUIRED = "reserve_person_required"
    RESERVE_PERSON_AMBIGUOUS = "reserve_person_ambiguous"
    RESERVE_CATEGORY_NOT_MANAGEMENT = "reserve_category_not_management"
    RESERVE_POSITION_CATEGORY_MISMATCH = "reserve_position_category_mismatch"
    RESERVE_DUPLICATE = "reserve_duplicate"
    RESERVE_NOT_ACTIVE = "reserve_not_active"
    RESERVE_EXPIRED = "reserve_expired"
    RESERVE_REASON_REQUIRED = "reserve_reason_required"


class WorkforceError(ApplicationError):
    default_code = "workforce_error"


class WorkforceConflict(ConflictError):
    default_code = "workforce_conflict"


class WorkforceNotFound(NotFoundError):
    default_code = "workforce_not_found"
