"""Identifiers of Uzbek personal data: PINFL (JShShIR) and passport numbers (DOMAIN.md)."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PINFL_WEIGHTS = (7, 3, 1) * 5
CENTURY_BY_DIGIT = {"3": 1900, "4": 1900, "5": 2000, "6": 2000}
PASSPORT_RE = re.compile(r"^[A-Z]{2}[0-9]{7}$")


def pinfl_check_digit(first13: str) -> int:
    return sum(int(d) * w for d, w in zip(first13, PINFL_WEIGHTS, strict=False)) % 10


def pinfl_birth_date(pinfl: str) -> datetime.date | None:
    """The birth date written in a PINFL, or None when the digits are not a real date."""
    century = CENTURY_BY_DIGIT.get(pinfl[:1])
    if century is None or len(pinfl) < 7:
        return None
    try:
        return datetime.date(century + int(pinfl[5:7]), int(pinfl[3:5]), int(pinfl[1:3]))
    except ValueError:
        return None


def pinfl_sex(pinfl: str) -> str | None:
    """"M" or "F" from the first digit (odd = male, even = female)."""
    if pinfl[:1] not in CENTURY_BY_DIGIT:
        return None
    return "M" if int(pinfl[0]) % 2 else "F"


def make_pinfl(birth_date: datetime.date, sex: str, district: int, serial: int) -> str:
    """Build a valid PINFL (for demo data and tests)."""
    first = {(1900, "M"): "3", (1900, "F"): "4", (2000, "M"): "5", (2000, "F"): "6"}[
        (birth_date.year // 100 * 100, sex)
    ]
    body = f"{first}{birth_date:%d%m}{birth_date.year % 100:02d}{district % 1000:03d}{serial % 1000:03d}"
    return body + str(pinfl_check_digit(body))


def pinfl_problems(
    value: str, *, birth_date: datetime.date | None = None, sex: str | None = None
) -> list[tuple[str, str]]:
    """Everything wrong with ``value`` as a PINFL of a person born on ``birth_date`` of ``sex``:
    a list of ``(code, message)``, empty when valid."""
    if not re.fullmatch(r"[0-9]{14}", value or ""):
        return [("pinfl_format", _("A PINFL is exactly 14 digits."))]
    problems: list[tuple[str, str]] = []
    if value[0] not in CENTURY_BY_DIGIT:
        problems.append(("pinfl_first_digit", _("The first digit of a PINFL must be 3, 4, 5 or 6.")))
    expected = pinfl_check_digit(value[:13])
    if int(value[13]) != expected:
        problems.append(("pinfl_check_digit",
                         _("The check digit (14th) should be %(expected)s; the number has a typo.") % {
                             "expected": expected}))
    encoded = pinfl_birth_date(value)
    if value[0] in CENTURY_BY_DIGIT and encoded is None:
        problems.append(("pinfl_birth_digits", _("Digits 2–7 of a PINFL must be a date of birth (DDMMYY).")))
    if birth_date and encoded and encoded != birth_date:
        problems.append(("pinfl_birth_mismatch",
                         _("The PINFL encodes the date of birth %(encoded)s, not %(given)s.") % {
                             "encoded": encoded.strftime("%d.%m.%Y"), "given": birth_date.strftime("%d.%m.%Y")}))
    encoded_sex = pinfl_sex(value)
    if sex and encoded_sex and encoded_sex != sex:
        problems.append(("pinfl_sex_mismatch",
                         _("The PINFL's first digit is for a man (odd) or a woman (even); it does not match the sex.")))
    return problems


def validate_pinfl(value: str) -> None:
    """Form/model field validator (format and check digit only; consistency needs the record)."""
    problems = pinfl_problems(value)
    if problems:
        raise ValidationError(problems[0][1], code=problems[0][0])


def validate_passport(value: str) -> None:
    if value and not PASSPORT_RE.fullmatch(value):
        raise ValidationError(_("A passport number is 2 Latin capital letters and 7 digits, e.g. AA1234567."),
                              code="passport_format")
