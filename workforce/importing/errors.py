"""Error codes of spreadsheet imports and their messages.

A row error is stored as plain data, ``{"row", "column", "value", "code", "params"}``, and its
message is rendered only when someone looks at it (:func:`error_message`), in the viewer's
language: the report of a job checked by a Celery worker reads in Russian to a Russian user.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypedDict

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from core.exceptions import ApplicationError

from ..errors import WorkforceErrorCode
from ..services.rules import rule_message


class ImportErrorCode(StrEnum):
    # The upload itself (checked before anything parses it).
    UPLOAD_EMPTY = "upload_empty"
    UPLOAD_TOO_LARGE = "upload_too_large"
    UPLOAD_NOT_SPREADSHEET = "upload_not_spreadsheet"
    UPLOAD_CORRUPT = "upload_corrupt"
    UPLOAD_ZIP_BOMB = "upload_zip_bomb"
    UPLOAD_XML_FORBIDDEN = "upload_xml_forbidden"
    UPLOAD_ENCODING = "upload_encoding"
    UPLOAD_HTML_AS_EXCEL = "upload_html_as_excel"
    # The header row and the shape of the file.
    HEADER_UNKNOWN = "header_unknown"
    HEADER_MISSING = "header_missing"
    HEADER_DUPLICATE = "header_duplicate"
    HEADER_MISSING_SUGGESTION = "header_missing_suggestion"
    HEADER_ROW_NOT_FOUND = "header_row_not_found"
    NO_ROWS = "no_rows"
    TOO_MANY_ROWS = "too_many_rows"
    # One cell.
    REQUIRED = "required"
    TOO_LONG = "too_long"
    DATE_INVALID = "date_invalid"
    DATE_IN_FUTURE = "date_in_future"
    NUMBER_INVALID = "number_invalid"
    NUMBER_OUT_OF_RANGE = "number_out_of_range"
    YEAR_INVALID = "year_invalid"
    CHOICE_INVALID = "choice_invalid"
    LANGUAGE_UNKNOWN = "language_unknown"
    CITIZENSHIP_INVALID = "citizenship_invalid"
    LATIN_EXPECTED = "latin_expected"
    CYRILLIC_EXPECTED = "cyrillic_expected"
    PASSPORT_FORMAT = "passport_format"
    EMAIL_INVALID = "email_invalid"
    PHONE_INVALID = "phone_invalid"
    RATE_INVALID = "rate_invalid"
    PINFL_FORMAT = "pinfl_format"
    PINFL_FIRST_DIGIT = "pinfl_first_digit"
    PINFL_CHECK_DIGIT = "pinfl_check_digit"
    PINFL_BIRTH_DIGITS = "pinfl_birth_digits"
    PINFL_BIRTH_MISMATCH = "pinfl_birth_mismatch"
    PINFL_SEX_MISMATCH = "pinfl_sex_mismatch"
    # Rules across rows and against the database.
    PINFL_DUPLICATE_IN_FILE = "pinfl_duplicate_in_file"
    CODE_DUPLICATE_IN_FILE = "code_duplicate_in_file"
    # The same code as the service refusing the same thing (``workforce.services.rules``): an
    # organisation outside the importer's scope reads as one that does not exist.
    ORGANIZATION_UNAVAILABLE = WorkforceErrorCode.ORGANIZATION_OUT_OF_SCOPE.value
    ORGANIZATION_INACTIVE = WorkforceErrorCode.ORGANIZATION_INACTIVE.value
    EMPLOYEE_OUT_OF_SCOPE = WorkforceErrorCode.EMPLOYEE_OUT_OF_SCOPE.value
    EMPLOYEE_EMPLOYED_ELSEWHERE = WorkforceErrorCode.EMPLOYEE_EMPLOYED_ELSEWHERE.value
    IDENTITY_MISMATCH = WorkforceErrorCode.IDENTITY_MISMATCH.value
    RANK_CHANGE_NEEDS_ORDER = WorkforceErrorCode.RANK_CHANGE_NEEDS_ORDER.value
    HIRE_UNDER_MINIMUM_AGE = WorkforceErrorCode.HIRE_UNDER_MINIMUM_AGE.value
    STAFF_POSITION_UNKNOWN = "staff_position_unknown"
    STAFF_POSITION_INACTIVE = WorkforceErrorCode.STAFF_POSITION_INACTIVE.value
    STAFF_POSITION_FULL = WorkforceErrorCode.STAFF_POSITION_FULL.value
    STAFF_POSITION_OCCUPIED = WorkforceErrorCode.STAFF_POSITION_OCCUPIED.value
    STAFF_POSITION_GROUP_MISMATCH = WorkforceErrorCode.STAFF_POSITION_GROUP_MISMATCH.value
    ASSIGNMENT_INCOMPLETE = "assignment_incomplete"
    ASSIGNMENT_REQUIRED = "assignment_required"
    ASSIGNMENT_BEFORE_CURRENT = "assignment_before_current"
    ASSIGNMENT_BEFORE_PREVIOUS_END = "assignment_before_previous_end"
    ASSIGNMENT_OVERLAPS_PAST = "assignment_overlaps_past"
    CONTRACT_END_BEFORE_START = "contract_end_before_start"
    RANK_UNKNOWN = "rank_unknown"
    EDUCATION_INSTITUTION_REQUIRED = "education_institution_required"
    PARENT_UNAVAILABLE = "parent_unavailable"
    ORGANIZATION_ROOT_FORBIDDEN = WorkforceErrorCode.ORGANIZATION_ROOT_FORBIDDEN.value
    ORGANIZATION_CYCLE = "organization_cycle"
    REGION_UNKNOWN = "region_unknown"
    CATEGORY_UNKNOWN = "category_unknown"
    REGISTER_POSITION_UNKNOWN = "register_position_unknown"
    RATE_UNITS_BELOW_OCCUPANCY = WorkforceErrorCode.STAFF_POSITION_BELOW_OCCUPANCY.value
    FULL_NAME_PARTS = "full_name_parts"
    # The database refused the write (a concurrent change slipped past the checks).
    WRITE_CONFLICT = "write_conflict"
    # Started by an administrator whose scope does not cover every row.
    START_OUTSIDE_SCOPE = "start_outside_scope"


# Where a validator of the record already says the same thing, the wording (msgid) is shared so
# one translation serves both; "required" and "email" use Django's own, translated, wording.
MESSAGES: dict[str, Any] = {
    ImportErrorCode.UPLOAD_EMPTY: _("The file is empty."),
    ImportErrorCode.UPLOAD_TOO_LARGE: _("The file is %(size_mb)s MB; at most %(limit_mb)s MB can be imported."),
    ImportErrorCode.UPLOAD_NOT_SPREADSHEET: _(
        "This is not a spreadsheet the import reads. Save it as Excel (.xlsx or .xls), LibreOffice (.ods) or CSV."),
    ImportErrorCode.UPLOAD_CORRUPT: _("The file is damaged and cannot be read (%(detail)s)."),
    ImportErrorCode.UPLOAD_ZIP_BOMB: _("The file unpacks to far more data than a spreadsheet of its size may hold."),
    ImportErrorCode.UPLOAD_XML_FORBIDDEN: _(
        "The file contains XML declarations (DTD or entities) that spreadsheets never need; it was rejected."),
    ImportErrorCode.UPLOAD_ENCODING: _("The CSV file is not readable text (UTF-8 or Windows-1251 expected)."),
    ImportErrorCode.UPLOAD_HTML_AS_EXCEL: _(
        "This file is a web page saved under an Excel name. Open it in Excel or LibreOffice and save it as .xlsx."),
    ImportErrorCode.HEADER_UNKNOWN: _("Unknown column “%(header)s”. Use the headers of the template."),
    ImportErrorCode.HEADER_MISSING: _("The required column “%(header)s” is missing."),
    ImportErrorCode.HEADER_MISSING_SUGGESTION: _(
        "The required column “%(header)s” is missing. If the column “%(found)s” holds it, rename it to “%(header)s”."),
    ImportErrorCode.HEADER_ROW_NOT_FOUND: _(
        "No header row was found in the first %(rows)s rows: none of them names the columns. The header row "
        "must name at least the required columns: %(required)s."),
    ImportErrorCode.HEADER_DUPLICATE: _("The column “%(header)s” appears twice (also as “%(other)s”)."),
    ImportErrorCode.NO_ROWS: _("The file has a header row but no data rows."),
    ImportErrorCode.FULL_NAME_PARTS: _(
        "Write the full name as surname, first name and patronymic, e.g. “Karimova Dilnoza Anvarovna”."),
    ImportErrorCode.TOO_MANY_ROWS: _("The file has more than %(limit)s rows; split it into smaller files."),
    ImportErrorCode.REQUIRED: _("This field is required."),
    ImportErrorCode.TOO_LONG: _("At most %(max)s characters are allowed."),
    ImportErrorCode.DATE_INVALID: _("Not a date. Write it as DD.MM.YYYY (e.g. 07.12.1996) or use a date cell."),
    ImportErrorCode.DATE_IN_FUTURE: _("The date cannot be later than today."),
    ImportErrorCode.NUMBER_INVALID: _("Not a number."),
    ImportErrorCode.NUMBER_OUT_OF_RANGE: _("A number from %(min)s to %(max)s is expected."),
    ImportErrorCode.YEAR_INVALID: _("A year between %(min)s and %(max)s is expected."),
    ImportErrorCode.CHOICE_INVALID: _("Not one of the allowed values: %(allowed)s."),
    ImportErrorCode.LANGUAGE_UNKNOWN: _("Unknown language “%(language)s”. Use codes such as uz, ru, en."),
    ImportErrorCode.CITIZENSHIP_INVALID: _("A two-letter country code is expected, e.g. UZ."),
    ImportErrorCode.LATIN_EXPECTED: _("This column is for the Latin spelling; put the Cyrillic one in its own column."),
    ImportErrorCode.CYRILLIC_EXPECTED: _("This column is for the Cyrillic spelling."),
    ImportErrorCode.PASSPORT_FORMAT: _("A passport number is 2 Latin capital letters and 7 digits, e.g. AA1234567."),
    ImportErrorCode.EMAIL_INVALID: _("Enter a valid email address."),
    ImportErrorCode.PHONE_INVALID: _("A phone number has 7 to 15 digits, e.g. +998901234567."),
    ImportErrorCode.RATE_INVALID: _("The rate must be between %(min)s and %(max)s."),
    ImportErrorCode.PINFL_FORMAT: _("A PINFL is exactly 14 digits."),
    ImportErrorCode.PINFL_FIRST_DIGIT: _("The first digit of a PINFL must be 3, 4, 5 or 6."),
    ImportErrorCode.PINFL_CHECK_DIGIT: _("The check digit (14th) should be %(expected)s; the number has a typo."),
    ImportErrorCode.PINFL_BIRTH_DIGITS: _("Digits 2–7 of a PINFL must be a date of birth (DDMMYY)."),
    ImportErrorCode.PINFL_BIRTH_MISMATCH: _("The PINFL encodes the date of birth %(encoded)s, not %(given)s."),
    ImportErrorCode.PINFL_SEX_MISMATCH: _(
        "The PINFL's first digit is for a man (odd) or a woman (even); it does not match the sex."),
    ImportErrorCode.PINFL_DUPLICATE_IN_FILE: _("This PINFL is already on row %(first_row)s of the file."),
    ImportErrorCode.CODE_DUPLICATE_IN_FILE: _("This code is already on row %(first_row)s of the file."),
    ImportErrorCode.ORGANIZATION_UNAVAILABLE: _(
        "No organisation with code “%(code)s” among the organisations you manage."),
    ImportErrorCode.STAFF_POSITION_UNKNOWN: _(
        "The organisation “%(organization)s” has no position with code “%(code)s”."),
    ImportErrorCode.ASSIGNMENT_INCOMPLETE: _(
        "An assignment needs the organisation code, the position code and the start date."),
    ImportErrorCode.ASSIGNMENT_REQUIRED: _(
        "A new employee needs the current assignment (organisation, position, start date), so that the record "
        "belongs to an organisation you manage."),
    ImportErrorCode.ASSIGNMENT_BEFORE_CURRENT: _(
        "The employee already holds a position since %(current_start)s; a new one must start after that date."),
    ImportErrorCode.ASSIGNMENT_OVERLAPS_PAST: _(
        "This person's earlier service ended on or after this date; the new placement must start later."),
    ImportErrorCode.ASSIGNMENT_BEFORE_PREVIOUS_END: _(
        "The previous placement of this person ended on %(end)s; the new one must start after that date."),
    ImportErrorCode.CONTRACT_END_BEFORE_START: _("The contract cannot end before the assignment starts."),
    ImportErrorCode.RANK_UNKNOWN: _("Unknown qualification rank “%(rank)s”. Use a code (e.g. R-03) or a rank name."),
    ImportErrorCode.EDUCATION_INSTITUTION_REQUIRED: _("Education needs both the level and the institution."),
    ImportErrorCode.PARENT_UNAVAILABLE: _(
        "No parent organisation with code “%(code)s” among the organisations you manage."),
    ImportErrorCode.ORGANIZATION_ROOT_FORBIDDEN: _(
        "Only an administrator of the whole civil service may add or change a top-level organisation."),
    ImportErrorCode.ORGANIZATION_CYCLE: _("%(code)s cannot be placed under itself or one of its own units."),
    ImportErrorCode.REGION_UNKNOWN: _("Unknown region “%(region)s”. Use the SOATO code (e.g. 1726) or the name."),
    ImportErrorCode.CATEGORY_UNKNOWN: _("Unknown position category “%(category)s”."),
    ImportErrorCode.REGISTER_POSITION_UNKNOWN: _("No position “%(code)s” in the State Register."),
    ImportErrorCode.WRITE_CONFLICT: _("The record changed while the file was being imported; check the file again."),
    ImportErrorCode.START_OUTSIDE_SCOPE: _(
        "Rows of this file lie outside the organisations you administer, so you cannot start this import; "
        "the person who uploaded it can."),
}


FILE_ROW = 0  # the row of an error about the whole file (not a spreadsheet, too many rows...)

FILE_ERROR_CODES = frozenset({
    ImportErrorCode.UPLOAD_EMPTY, ImportErrorCode.UPLOAD_TOO_LARGE, ImportErrorCode.UPLOAD_NOT_SPREADSHEET,
    ImportErrorCode.UPLOAD_CORRUPT, ImportErrorCode.UPLOAD_ZIP_BOMB, ImportErrorCode.UPLOAD_XML_FORBIDDEN,
    ImportErrorCode.UPLOAD_ENCODING, ImportErrorCode.UPLOAD_HTML_AS_EXCEL, ImportErrorCode.HEADER_UNKNOWN,
    ImportErrorCode.HEADER_MISSING, ImportErrorCode.HEADER_MISSING_SUGGESTION, ImportErrorCode.HEADER_DUPLICATE,
    ImportErrorCode.HEADER_ROW_NOT_FOUND, ImportErrorCode.NO_ROWS, ImportErrorCode.TOO_MANY_ROWS,
    ImportErrorCode.WRITE_CONFLICT, ImportErrorCode.START_OUTSIDE_SCOPE,
})


def is_file_error(error: RowError | dict[str, Any]) -> bool:
    """An error of the file as a whole: no row was checked (or, for a write conflict, written)."""
    return error.get("code") in FILE_ERROR_CODES


class ImportWarningCode(StrEnum):
    """What the importer did on its own and wants the reader to know; never a reason to refuse."""

    HEADER_IGNORED = "header_ignored"
    HEADER_IGNORED_SUGGESTION = "header_ignored_suggestion"
    TITLE_ROWS_SKIPPED = "title_rows_skipped"
    NUMBERING_ROW_SKIPPED = "numbering_row_skipped"
    NOTE_ROWS_SKIPPED = "note_rows_skipped"
    FULL_NAME_SPLIT = "full_name_split"
    NAMES_TRANSLITERATED = "names_transliterated"
    EDUCATION_WITHOUT_INSTITUTION = "education_without_institution"


WARNINGS: dict[str, Any] = {
    ImportWarningCode.HEADER_IGNORED: _("The column “%(header)s” is not one the import knows; it was ignored."),
    ImportWarningCode.HEADER_IGNORED_SUGGESTION: _(
        "The column “%(header)s” is not one the import knows; it was ignored. Did you mean “%(suggestion)s”?"),
    ImportWarningCode.TITLE_ROWS_SKIPPED: _(
        "The header row is row %(header_row)s; the rows above it (a title) were skipped."),
    ImportWarningCode.NUMBERING_ROW_SKIPPED: _(
        "Row %(row)s only numbers the columns (1, 2, 3…); it was skipped."),
    ImportWarningCode.NOTE_ROWS_SKIPPED: ngettext_lazy(
        "Row %(rows)s below the table holds no record (a note or a signature); it was skipped.",
        "Rows %(rows)s below the table hold no record (a note or a signature); they were skipped.", "count"),
    ImportWarningCode.FULL_NAME_SPLIT: _(
        "The column “%(header)s” holds full names; they were split into surname, first name and patronymic."),
    ImportWarningCode.NAMES_TRANSLITERATED: ngettext_lazy(
        "A name in “%(header)s” was written in Cyrillic (row %(row)s: %(example)s): it is kept as the Cyrillic "
        "spelling and written in Latin letters for the Latin one; check it against the passport.",
        "Names in “%(header)s” were written in Cyrillic on %(count)s rows (e.g. row %(row)s: %(example)s): they are "
        "kept as the Cyrillic spelling and written in Latin letters for the Latin one; check them against the "
        "passports.", "count"),
    ImportWarningCode.EDUCATION_WITHOUT_INSTITUTION: ngettext_lazy(
        "Row %(rows)s gives an education level without the institution: the level is recorded as the employee's "
        "education level, and no education entry is added.",
        "%(count)s rows give an education level without the institution (rows %(rows)s): the level is recorded as "
        "the employee's education level, and no education entry is added.", "count"),
}


class RowError(TypedDict):
    row: int
    column: str
    value: str
    code: str
    params: dict[str, Any]


def row_error(row: int, column: str, value: Any, code: str, /, **params: Any) -> RowError:
    return {"row": row, "column": column, "value": display_value(value), "code": str(code), "params": params}


def display_value(value: Any) -> str:
    """A cell value as the user would recognise it in their spreadsheet."""
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)[:200]


def error_message(error: RowError | dict[str, Any]) -> str:
    """The reason of ``error`` (or warning) in the active language (the rule book words the rules
    it shares with the services)."""
    code = error.get("code", "")
    template = MESSAGES.get(code) or WARNINGS.get(code)
    if template is None:
        return rule_message(code, error.get("params") or {}) or str(code)
    params = localized_params(error.get("params") or {})
    try:
        # a lazy plural (ngettext_lazy with "count") picks its form from the parameters
        return str(template % params) if params else str(template)
    except (KeyError, TypeError, ValueError):
        return str(template) if "count" not in params else str(template % {**params, "count": params["count"]})


def error_column(error: RowError | dict[str, Any]) -> str:
    """The column an error is about: as written in the file, or (a column the file lacks) its
    header in the active language."""
    params = error.get("params") or {}
    if params.get("kind") and params.get("column_key"):
        return _header(params["kind"], params["column_key"]) or error.get("column", "")
    return error.get("column", "")


def localized_params(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters that name columns or allowed values are stored as keys and worded here, when
    the message is read, so a report checked by a worker reads in the viewer's language:
    ``column_key``/``suggestion_key``/``required_keys`` (with ``kind``) become headers, and
    ``choice`` (a word list of :mod:`workforce.importing.cleaning`) becomes ``allowed``."""
    if not params.keys() & {"kind", "choice"}:
        return params
    params = dict(params)
    kind = params.get("kind")
    if kind:
        if params.get("column_key"):
            params["header"] = _header(kind, params["column_key"]) or params.get("header", "")
        if params.get("suggestion_key"):
            params["suggestion"] = _header(kind, params["suggestion_key"]) or params.get("suggestion", "")
        if params.get("required_keys"):
            params["required"] = ", ".join(_header(kind, key) or key for key in params["required_keys"])
    if params.get("choice"):
        from .cleaning import allowed_values

        params["allowed"] = allowed_values(params["choice"]) or params.get("allowed", "")
    return params


_HEADERS: dict[tuple[str, str], dict[str, str]] = {}


def _header(kind: str, key: str) -> str:
    from core.i18n import language_suffix

    language = language_suffix()
    headers = _HEADERS.get((kind, language))
    if headers is None:
        from ..resources import RESOURCES

        resource = RESOURCES.get(kind)
        if resource is None:
            return ""
        headers = _HEADERS[(kind, language)] = {column.key: column.header(language)
                                                 for column in resource.column_list(language)}
    return headers.get(key, "")


class CellError(ValueError):
    """A cell cannot be read as its column expects. Raised by the cleaners and widgets."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = str(code)
        self.params = params

    def __str__(self) -> str:
        return error_message({"code": self.code, "params": self.params})


class UploadRejected(ApplicationError):
    """The upload is not something we will parse (too large, not a spreadsheet, a zip or XML bomb)."""

    default_code = "upload_rejected"

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(error_message({"code": code, "params": params}), code=code, field="file", extra=params)
        self.params = params
