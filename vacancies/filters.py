"""FilterSets shared by the portal page and the public API (and the HR list)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.text import search_key
from core.widgets import FastSelect
from workforce.models import PositionGroup

from .models import CompetitionType, Stage, VacancyStatus
from .selectors import portal_filter_choices

SHORT_WORD = 2


def keyword_q(value: str) -> Q | None:
    """Every word of ``value`` folded (script and apostrophes ignored) must occur in the folded text:
    "Тошкент" finds "Toshkent", "yurist" finds "Yuriskonsult". Words of one or two letters match the
    start of a word (a trigram index cannot look up fewer than three letters)."""
    key = search_key(value)
    if not key:
        return None
    q = Q()
    for word in key.split()[:8]:
        if len(word) <= SHORT_WORD:
            q &= Q(search_text__startswith=word) | Q(search_text__contains=f" {word}")
        else:
            q &= Q(search_text__contains=word)
    return q


def _choices(name: str):
    return lambda: portal_filter_choices()[name]


class VacancyFilter(django_filters.FilterSet):
    """The portal's filters: keyword, region, organisation, group and category, salary, competition."""

    q = django_filters.CharFilter(label=_("Keyword"), method="filter_q",
                                  help_text=_("Title, organisation or specialty, in Latin or Cyrillic."))
    region = django_filters.ChoiceFilter(label=_("Region"), choices=_choices("region"), field_name="region_id",
                                         empty_label=_("All regions"), widget=FastSelect)
    organization = django_filters.ChoiceFilter(label=_("Organisation"), choices=_choices("organization"),
                                               field_name="organization_id", empty_label=_("All organisations"),
                                               widget=FastSelect)
    group = django_filters.ChoiceFilter(label=_("Group"), choices=PositionGroup.choices[1:],
                                        empty_label=_("All groups"), widget=FastSelect)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=_choices("category"),
                                           field_name="category_id", empty_label=_("All categories"), widget=FastSelect)
    competition_type = django_filters.ChoiceFilter(label=_("Competition"), choices=CompetitionType.choices,
                                                   empty_label=_("Any"), widget=FastSelect)
    salary_from = django_filters.NumberFilter(label=_("Salary from (UZS)"), method="filter_salary", min_value=0)

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        q = keyword_q(value)
        return queryset.filter(q) if q is not None else queryset

    def filter_salary(self, queryset: QuerySet, name: str, value) -> QuerySet:
        """Vacancies that can pay at least ``value`` (their upper bound, or their only figure)."""
        return queryset.filter(Q(salary_max__gte=value) | Q(salary_max__isnull=True, salary_min__gte=value))


class HRVacancyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Keyword"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=VacancyStatus.choices, empty_label=_("All"))
    competition_type = django_filters.ChoiceFilter(label=_("Competition"), choices=CompetitionType.choices,
                                                   empty_label=_("Any"))

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        q = keyword_q(value)
        return queryset.filter(q) if q is not None else queryset


class ApplicationFilter(django_filters.FilterSet):
    vacancy = django_filters.NumberFilter(label=_("Vacancy"), field_name="vacancy_id")
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices, empty_label=_("All"))
    is_active = django_filters.BooleanFilter(label=_("Active"))
