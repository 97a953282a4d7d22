"""django-import-export widgets over the cleaners: one object per column says how a cell is read
(``clean``), written to CSV or the admin (``render``), written to an xlsx cell (``native``) and
explained in the template's instructions (``describe``)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, validate_email
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.widgets import Widget

from core.i18n import localized_value
from core.text import cyrillic_to_latin, normalize_apostrophes, search_key

from . import cleaning
from .errors import CellError, ImportErrorCode

# What offices write in a cell that has nothing to say.
PLACEHOLDERS = frozenset({"-", "--", "---", "—", "–", "‒", "―"})


def is_empty(value: object) -> bool:
    return value is None or (type(value) is str and not value.strip())


class CellWidget(Widget):
    """Base: empty cells clean to ``None``; everything else goes through :meth:`parse`.

    ``repeats``: the column's values repeat across rows (names, codes, dates, choices), so the
    importer keeps the cleaned value of each distinct cell (:meth:`parser`)."""

    description: Any = _("Text.")
    repeats = False

    def __init__(self) -> None:
        super().__init__(coerce_to_string=True)

    def parser(self) -> Callable[[Any], Any]:
        """``parse``, remembering results per distinct cell value when values repeat. A dash that
        stands for "nothing" ("-", "—") reads as an empty cell."""
        parse = self.parse
        if not self.repeats:
            def checked(value: Any) -> Any:
                return None if value in PLACEHOLDERS else parse(value)

            return checked
        cache: dict[Any, Any] = dict.fromkeys(PLACEHOLDERS)

        def cached(value: Any) -> Any:
            try:
                return cache[value]
            except KeyError:
                result = parse(value)  # a CellError is not remembered: the next row reports it again
                if len(cache) < 200_000:
                    cache[value] = result
                return result
            except TypeError:  # unhashable (never from calamine or csv)
                return parse(value)

        return cached

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
        if is_empty(value):
            return None
        return self.parse(value)

    def parse(self, value: Any) -> Any:
        return cleaning.text(value) or None

    def native(self, value: Any) -> Any:
        """The value for an xlsx cell (dates stay dates, numbers numbers)."""
        return self.render(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(value)

    def describe(self) -> str:
        return str(self.description)


class CyrillicName(str):
    """A name given in Cyrillic in a Latin column: the Latin spelling, with the Cyrillic one kept in
    ``cyrillic`` (the importer stores it in the Cyrillic column, unless the file fills that)."""

    __slots__ = ("cyrillic",)
    cyrillic: str


def cyrillic_name(value: str) -> CyrillicName:
    name = CyrillicName(normalize_apostrophes(cyrillic_to_latin(value)))
    name.cyrillic = value
    return name


class TextWidget(CellWidget):
    repeats = True

    def __init__(self, max_length: int = 255, script: str | None = None, transliterate: bool = False) -> None:
        super().__init__()
        self.max_length = max_length
        self.script = script
        # A Latin name written in Cyrillic ("Каримова", a Russian-language office's list) is
        # written in Latin letters (and kept as the Cyrillic spelling) instead of refused.
        self.transliterate = transliterate

    def parse(self, value: Any) -> str | None:
        s = cleaning.text(value)
        if not s:
            return None
        if self.script == "latin":
            if cleaning.has_cyrillic(s):
                if not self.transliterate or cleaning.has_latin(s):  # mixed scripts: a typo, not ours to guess
                    raise CellError(ImportErrorCode.LATIN_EXPECTED)
                name = cyrillic_name(s)
                if len(name) > self.max_length or len(s) > self.max_length:
                    raise CellError(ImportErrorCode.TOO_LONG, max=self.max_length)
                return name
            # As the services store Latin names: the official oʻ gʻ and ʼ whatever apostrophe was typed.
            s = normalize_apostrophes(s)
        elif self.script == "cyrillic":
            cleaning.require_cyrillic(s)
        if len(s) > self.max_length:
            raise CellError(ImportErrorCode.TOO_LONG, max=self.max_length)
        return s

    def describe(self) -> str:
        if self.script == "latin":
            return gettext("Text in Latin script, up to %(max)s characters.") % {"max": self.max_length}
        if self.script == "cyrillic":
            return gettext("Text in Cyrillic script, up to %(max)s characters.") % {"max": self.max_length}
        return gettext("Text, up to %(max)s characters.") % {"max": self.max_length}


def split_full_name(value: Any) -> tuple[str, str, str | None] | None:
    """"Karimova Dilnoza Anvarovna" -> surname, first name, patronymic (which may be two words:
    "Anvar qizi", "Anvar oʻgʻli"); ``None`` for fewer than two words. Commas count as spaces."""
    parts = cleaning.text(value).replace(",", " ").split()
    if len(parts) < 2:
        return None
    return parts[0], parts[1], " ".join(parts[2:]) or None


class DigitsWidget(CellWidget):
    """Identifiers written with digits (PINFL): numbers and numbers stored as text both read back."""

    description = _("14 digits; a number cell or text both work.")

    def parse(self, value: Any) -> str:
        return cleaning.digits(value)


class DateWidget(CellWidget):
    description = _("A date cell, or text DD.MM.YYYY (also DD/MM/YYYY, YYYY-MM-DD).")

    def __init__(self, not_future: bool = False) -> None:
        super().__init__()
        self.not_future = not_future

    repeats = True

    def parse(self, value: Any) -> datetime.date:
        day = cleaning.date_value(value)
        if self.not_future and day > datetime.date.today():
            raise CellError(ImportErrorCode.DATE_IN_FUTURE)
        return day

    def native(self, value: Any) -> Any:
        return value

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return value.strftime("%d.%m.%Y") if value else ""


class ChoiceWidget(CellWidget):
    """A code chosen from a list; written as its label in the reader's language, read back from
    the code or the label in any language."""

    repeats = True

    def __init__(self, words: cleaning.WordMap, choices: Any) -> None:
        super().__init__()
        self.words = words
        self.choices = choices

    def parse(self, value: Any) -> str:
        return self.words(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        if not value:
            return ""
        labels = dict(self.choices.choices)
        return str(labels.get(value, value))

    def describe(self) -> str:
        labels = "; ".join(str(label) for _code, label in self.choices.choices)
        return gettext("One of: %(allowed)s.") % {"allowed": labels}


class BooleanWidget(CellWidget):
    repeats = True

    def parse(self, value: Any) -> bool:
        return cleaning.boolean_value(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        return gettext("Yes") if value else gettext("No")

    def describe(self) -> str:
        return gettext("%(yes)s or %(no)s.") % {"yes": gettext("Yes"), "no": gettext("No")}


class LanguagesWidget(CellWidget):
    description = _("Language codes or names separated by commas, e.g. “uz, ru, en”.")
    repeats = True  # the cleaned lists are shared between rows; nothing mutates them

    def parse(self, value: Any) -> list[str] | None:
        return cleaning.languages_value(value) or None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return ", ".join(value or ())


class DecimalWidget(CellWidget):
    repeats = True

    def __init__(self, places: int = 2, minimum: Decimal | None = None, maximum: Decimal | None = None,
                 error_code: str = ImportErrorCode.NUMBER_OUT_OF_RANGE) -> None:
        super().__init__()
        self.places = places
        self.minimum = minimum
        self.maximum = maximum
        self.error_code = error_code

    def parse(self, value: Any) -> Decimal:
        number = cleaning.decimal_value(value, self.places)
        if (self.minimum is not None and number < self.minimum) or (self.maximum is not None and number > self.maximum):
            raise CellError(self.error_code, min=str(self.minimum), max=str(self.maximum or "…"))
        return number

    def native(self, value: Any) -> Any:
        return value

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else f"{value:.{self.places}f}"

    def describe(self) -> str:
        example = number_format(Decimal("0.5"), self.places)
        text = gettext("A number; a comma or a point before the fraction (e.g. %(example)s).") % {"example": example}
        if self.minimum is not None:
            text += " " + gettext("From %(min)s to %(max)s.") % {"min": self.minimum, "max": self.maximum or "…"}
        return text


WHOLE_NUMBER = _("A whole number from %(min)s to %(max)s.")


class IntegerWidget(CellWidget):
    repeats = True

    def __init__(self, minimum: int, maximum: int, error_code: str = ImportErrorCode.NUMBER_OUT_OF_RANGE,
                 description: Any = None) -> None:
        super().__init__()
        self.minimum = minimum
        self.maximum = maximum
        self.error_code = error_code
        self.description = description or WHOLE_NUMBER

    def parse(self, value: Any) -> int:
        try:
            number = cleaning.integer_value(value)
        except CellError:
            raise CellError(self.error_code, min=self.minimum, max=self.maximum) from None
        if not self.minimum <= number <= self.maximum:
            raise CellError(self.error_code, min=self.minimum, max=self.maximum)
        return number

    def native(self, value: Any) -> Any:
        return value

    def describe(self) -> str:
        return str(self.description) % {"min": self.minimum, "max": self.maximum}


class FunctionWidget(CellWidget):
    """A cell read by one cleaner function (passport, phone, citizenship...)."""

    def __init__(self, function: Callable[[Any], Any], description: Any) -> None:
        super().__init__()
        self.function = function
        self.description = description

    def parse(self, value: Any) -> Any:
        return self.function(value)


# Django's own e-mail patterns, compiled once: the common address passes here and only an unusual
# one (an internationalised domain, say) goes through the full validator.
_EMAIL_USER_RE = re.compile(EmailValidator.user_regex.pattern, EmailValidator.user_regex.flags)
_EMAIL_DOMAIN_RE = re.compile(EmailValidator.domain_regex.pattern, EmailValidator.domain_regex.flags)


def _email(value: Any) -> str:
    s = cleaning.text(value)
    user, _at, domain = s.rpartition("@")
    if not (user and _EMAIL_USER_RE.match(user) and _EMAIL_DOMAIN_RE.match(domain) and len(s) <= 254):
        try:
            validate_email(s)
        except ValidationError:
            raise CellError(ImportErrorCode.EMAIL_INVALID) from None
    return cleaning.max_length(s, 254)


def passport_widget() -> FunctionWidget:
    return FunctionWidget(cleaning.passport_value, _("2 Latin letters and 7 digits, e.g. AA1234567."))


def phone_widget() -> FunctionWidget:
    return FunctionWidget(cleaning.phone_value, _("Phone number, e.g. +998901234567."))


def email_widget() -> FunctionWidget:
    return FunctionWidget(_email, _("E-mail address."))


def citizenship_widget() -> FunctionWidget:
    widget = FunctionWidget(cleaning.citizenship_value, _("Two-letter country code (UZ for Uzbekistan)."))
    widget.repeats = True
    return widget


class ReferenceWidget(CellWidget):
    """A row of reference data (rank, region, category), written by name or code. Cleaning only
    normalises the text; the import looks it up among the rows that exist."""

    repeats = True

    def __init__(self, description: Any, render_as: str = "name", max_length: int = 255) -> None:
        super().__init__()
        self.description = description
        self.render_as = render_as
        self.max_length = max_length

    def parse(self, value: Any) -> str | None:
        s = cleaning.text(value)
        return cleaning.max_length(s, self.max_length) if s else None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        if self.render_as == "name":
            return localized_value(value, "name")
        return str(getattr(value, self.render_as, value))


def reference_key(value: str) -> str:
    """How reference names and codes are compared ("R-03" == "r 03", "Тошкент" == "Toshkent")."""
    return search_key(value)
