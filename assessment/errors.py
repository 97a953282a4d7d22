"""Error codes of the assessment app. Tests and API clients match on the code, never the text."""

from enum import StrEnum

from rest_framework import status

from core.exceptions import ApplicationError, ConflictError, NotFoundError


class AssessmentErrorCode(StrEnum):
    # Question bank
    QUESTION_TEXT_REQUIRED = "question_text_required"
    QUESTION_TOO_FEW_CHOICES = "question_too_few_choices"
    QUESTION_NO_CORRECT_CHOICE = "question_no_correct_choice"
    QUESTION_SINGLE_NEEDS_ONE_CORRECT = "question_single_needs_one_correct"
    QUESTION_FRACTIONS_DO_NOT_ADD_UP = "question_fractions_do_not_add_up"
    QUESTION_TRUE_FALSE_SHAPE = "question_true_false_shape"
    QUESTION_OUT_OF_SCOPE = "question_out_of_scope"
    SECTION_UNKNOWN = "section_unknown"

    # Import / export
    IMPORT_FILE_UNREADABLE = "import_file_unreadable"
    IMPORT_FORMAT_UNKNOWN = "import_format_unknown"
    IMPORT_TOO_LARGE = "import_too_large"
    IMPORT_INVALID = "import_invalid"

    # Blueprints
    TEST_CODE_TAKEN = "test_code_taken"
    TEST_NO_SECTIONS = "test_no_sections"
    TEST_NOT_ENOUGH_QUESTIONS = "test_not_enough_questions"
    TEST_OUT_OF_SCOPE = "test_out_of_scope"
    TEST_NOT_PUBLISHED = "test_not_published"
    TEST_SECTION_DUPLICATE = "test_section_duplicate"

    # Assignment and campaigns
    CAMPAIGN_OUT_OF_SCOPE = "campaign_out_of_scope"
    CAMPAIGN_CLOSED = "campaign_closed"
    CAMPAIGN_DEADLINE_PAST = "campaign_deadline_past"

    # Attempts
    ATTEMPT_NOT_FOUND = "attempt_not_found"
    ATTEMPT_NOT_AVAILABLE_YET = "attempt_not_available_yet"
    ATTEMPT_WINDOW_CLOSED = "attempt_window_closed"
    ATTEMPT_LIMIT_REACHED = "attempt_limit_reached"
    ATTEMPT_OPEN_ELSEWHERE = "attempt_open_elsewhere"
    ATTEMPT_FINISHED = "attempt_finished"
    ATTEMPT_DEADLINE_PASSED = "attempt_deadline_passed"
    ATTEMPT_NOT_FINISHED = "attempt_not_finished"
    ANSWER_QUESTION_NOT_IN_ATTEMPT = "answer_question_not_in_attempt"
    ANSWER_CHOICE_INVALID = "answer_choice_invalid"
    ANSWER_TOO_MANY_CHOICES = "answer_too_many_choices"
    ANSWER_SEQUENCE_INVALID = "answer_sequence_invalid"
    ANSWER_SEQUENCE_CONFLICT = "answer_sequence_conflict"
    RESULT_NOT_RELEASED = "result_not_released"

    # Certificates
    CERTIFICATE_NOT_FOUND = "certificate_not_found"


class AssessmentError(ApplicationError):
    default_code = "assessment_error"


class AssessmentConflict(ConflictError):
    default_code = "assessment_conflict"


class AssessmentNotFound(NotFoundError):
    default_code = AssessmentErrorCode.ATTEMPT_NOT_FOUND


class AssessmentForbidden(ApplicationError):
    """The request is the taker's own but not allowed yet (a result before it is released)."""

    default_code = "assessment_forbidden"
    http_status = status.HTTP_403_FORBIDDEN
