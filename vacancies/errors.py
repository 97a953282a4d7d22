"""Error codes of the vacancies app. Tests and API clients match on the code, never the text."""

from enum import StrEnum

from core.exceptions import ApplicationError, ConflictError, NotFoundError


class VacancyErrorCode(StrEnum):
    # Vacancies (services/vacancies.py)
    NOT_FOUND = "vacancy_not_found"
    POSITION_NOT_VACANT = "vacancy_position_not_vacant"
    POSITION_INACTIVE = "vacancy_position_inactive"
    POSITION_POLITICAL = "vacancy_position_political"
    POSITION_HAS_OPEN_VACANCY = "vacancy_position_has_open_vacancy"
    COMPETITION_TYPE_MISMATCH = "vacancy_competition_type_mismatch"
    WINDOW_INVALID = "vacancy_window_invalid"
    DEADLINE_IN_PAST = "vacancy_deadline_in_past"
    SALARY_INVALID = "vacancy_salary_invalid"
    WEIGHTS_INVALID = "vacancy_weights_invalid"
    LANGUAGE_UNKNOWN = "vacancy_language_unknown"
    WRONG_STATUS = "vacancy_wrong_status"
    NO_CRITERIA = "vacancy_no_criteria"
    NOT_EDITABLE = "vacancy_not_editable"
    CANCEL_REASON_REQUIRED = "vacancy_cancel_reason_required"
    TEST_NOT_PUBLISHED = "vacancy_test_not_published"

    # Candidates (services/candidates.py)
    CANDIDATE_REQUIRED = "candidate_profile_required"
    CANDIDATE_IDENTITY = "candidate_identity_invalid"
    CANDIDATE_EXISTS = "candidate_exists"
    CANDIDATE_IS_EMPLOYEE = "candidate_is_employee"
    EDUCATION_YEAR_INVALID = "candidate_education_year_invalid"
    EXPERIENCE_DATES_INVALID = "candidate_experience_dates_invalid"
    DOCUMENT_KIND_INVALID = "candidate_document_kind_invalid"
    DOCUMENTS_TOO_MANY = "candidate_documents_too_many"

    # Applications (services/applications.py)
    VACANCY_NOT_OPEN = "application_vacancy_not_open"
    NOT_YET_OPEN = "application_not_yet_open"
    DEADLINE_PASSED = "application_deadline_passed"
    INTERNAL_ONLY = "application_internal_only"
    ALREADY_APPLIED = "application_already_applied"
    TOO_MANY_ACTIVE = "application_too_many_active"
    STAGE_TRANSITION = "application_stage_transition"
    CHECK_FAILED = "application_check_failed"
    REASON_REQUIRED = "application_reason_required"
    TEST_SCORE_INVALID = "application_test_score_invalid"
    NOT_YOURS = "application_not_yours"

    # Commission (services/commission.py)
    MEMBER_NO_ROLE = "commission_member_no_role"
    MEMBER_EXISTS = "commission_member_exists"
    NOT_A_MEMBER = "commission_not_a_member"
    DECLARATION_REQUIRED = "commission_declaration_required"
    CONFLICT_DECLARED = "commission_conflict_declared"
    SCORE_OUT_OF_RANGE = "commission_score_out_of_range"
    SCORES_INCOMPLETE = "commission_scores_incomplete"
    NOBODY_TO_RANK = "commission_nobody_to_rank"
    ALREADY_RANKED = "commission_already_ranked"

    # Appointment (services/appointment.py)
    NOT_RANKED = "appointment_not_ranked"
    NOT_THE_WINNER = "appointment_not_the_winner"
    ALREADY_APPOINTED = "appointment_already_done"
    RESERVE_NOT_RUNNER_UP = "appointment_reserve_not_runner_up"


class VacancyError(ApplicationError):
    default_code = "vacancy_error"


class VacancyConflict(ConflictError):
    default_code = "vacancy_conflict"


class VacancyNotFound(NotFoundError):
    default_code = VacancyErrorCode.NOT_FOUND
