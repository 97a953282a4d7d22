"""django-filter pieces every app's FilterSets use (pages and API share them).

They turn what a URL may carry into a clean 400 with a message, never a 500: ids beyond 64 bits
(``?employee=9223372036854775808``), searches of hundreds of words, dates in the form people write."""

from __future__ import annotations

import django_filters

from .forms import DATE_INPUT_FORMATS, DateField, IdField, SearchField


class IdFilter(django_filters.NumberFilter):
    """A record id: a whole number from 1 to 2**63 - 1 (``NumberFilter`` takes any decimal)."""

    field_class = IdField


class SearchFilter(django_filters.CharFilter):
    """Free-text search, capped at ``core.forms.SEARCH_MAX_TERMS`` words."""

    field_class = SearchField


class DateFilter(django_filters.DateFilter):
    """A date as dd.mm.yyyy (the pages) or yyyy-mm-dd (links and the API)."""

    field_class = DateField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(*args, **kwargs)
