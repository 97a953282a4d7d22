"""Form pieces every app's pages share."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMAT = "%d.%m.%Y"
DATE_INPUT_FORMATS = [DATE_FORMAT, "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
"""dd.mm.yyyy in every language (as Uzbek and Russian offices write dates), and yyyy-mm-dd for
links, the API and pasted ISO dates."""


class DateInput(forms.DateInput):
    """A date typed as dd.mm.yyyy, whatever the language. Not ``type="date"``: a browser shows that
    in its own locale's order (mm/dd/yyyy on an English machine), which is not how anyone here
    writes a date."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": _("dd.mm.yyyy"), "inputmode": "numeric", "autocomplete": "off", "maxlength": "10",
            "pattern": r"\d{1,2}[./\-]\d{1,2}[./\-]\d{4}|\d{4}-\d{2}-\d{2}", "class": "input-date",
            "title": _("A date as dd.mm.yyyy, e.g. 25.08.2024"),
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DATE_FORMAT)

    def format_value(self, value):
        # A submitted value (a filter in the URL, a form sent back with errors) is shown as typed,
        # unless it reads as a date: then as dd.mm.yyyy, so "2024-08-25" from a link shows "25.08.2024".
        if isinstance(value, str):
            parsed = parse_date(value)
            return parsed.strftime(DATE_FORMAT) if parsed else value
        return super().format_value(value)


def parse_date(value: str) -> datetime.date | None:
    """``value`` read with ``DATE_INPUT_FORMATS``, or None."""
    for fmt in DATE_INPUT_FORMATS:
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


class DateField(forms.DateField):
    """A date field read as dd.mm.yyyy (or yyyy-mm-dd) in every language, with an error that says so."""

    widget = DateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": _("Enter the date as dd.mm.yyyy, e.g. 25.08.2024.")}

    def to_python(self, value):
        parsed = super().to_python(value)
        if isinstance(parsed, datetime.date) and parsed.year < 1900:
            # strptime accepts year 0024 for "24.08.0024"; nobody means that.
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


# --- Filters' inputs: what a URL may carry without costing a 500 ----------------------------------
MAX_ID = 2**63 - 1
"""The largest id a 64-bit primary key holds: beyond it SQLite cannot even bind the number."""

SEARCH_MAX_TERMS = 8
SEARCH_MAX_LENGTH = 200
"""A search is a name, a PINFL or a passport: a few words. Hundreds of words would become a query
too deep for SQLite (and a slow one on PostgreSQL), so they are refused with a message."""


class IdField(forms.IntegerField):
    """The id of a record in a filter (``?employee=42``): a whole number from 1 to 2**63 - 1."""

    default_error_messages = {
        "invalid": _("Give the record's number (a whole number), e.g. 42."),
        "min_value": _("Record numbers start at 1."),
        "max_value": _("No record has a number this large."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class SearchField(forms.CharField):
    """Search text: at most ``SEARCH_MAX_TERMS`` words and ``SEARCH_MAX_LENGTH`` characters."""

    default_error_messages = {
        "too_many_terms": _("Search for at most %(limit)d words (you gave %(count)d): a name, a PINFL or a passport "
                            "number. Use the filters to narrow the list further."),
        "max_length": _("Search for at most %(limit_value)d characters (you gave %(show_value)d)."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        count = len((value or "").split())
        if count > SEARCH_MAX_TERMS:
            raise forms.ValidationError(self.error_messages["too_many_terms"], code="too_many_terms",
                                        params={"limit": SEARCH_MAX_TERMS, "count": count})
