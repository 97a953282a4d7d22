"""FilterSets shared by the HTML views and the API."""

from __future__ import annotations

import datetime
import re

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import search_key

from .models import (
    EducationLevel,
    Employee,
    EmployeeStatus,
    Organization,
    OrganizationLevel,
    PositionCategory,
    PositionGroup,
    QualificationRank,
    Region,
    Sex,
    StaffPosition,
)

# Age bands: OECD's 18-34 / 35-54 / 55+ split further, as civil-service reports use them.
AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "18-24": (18, 24), "25-34": (25, 34), "35-44": (35, 44), "45-54": (45, 54), "55-59": (55, 59), "60+": (60, None),
}
AGE_BAND_CHOICES = [(key, key) for key in AGE_BANDS]


def birth_date_range(min_age: int, max_age: int | None, today: datetime.date) -> Q:
    """People aged ``min_age``..``max_age`` on ``today`` (inclusive)."""
    def years_before(years: int) -> datetime.date:
        try:
            return today.replace(year=today.year - years)
        except ValueError:  # 29 February
            return today.replace(year=today.year - years, day=28)

    q = Q(birth_date__lte=years_before(min_age))
    if max_age is not None:
        q &= Q(birth_date__gt=years_before(max_age + 1))
    return q


def search_q(value: str) -> Q | None:
    """Names in any script and apostrophe variant; a 14-digit value is a PINFL, AA1234567 a passport."""
    value = (value or "").strip()
    if re.fullmatch(r"[0-9]{14}", value):
        return Q(pinfl=value)
    if re.fullmatch(r"[A-Za-z]{2}[0-9]{7}", value):
        return Q(passport=value.upper())
    key = search_key(value)
    if not key:
        return None
    q = Q()
    for word in key.split():
        q &= Q(search_text__contains=word)
    return q


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    level = django_filters.ChoiceFilter(label=_("Level"), choices=OrganizationLevel.choices)
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=Region.objects.all())
    parent = django_filters.NumberFilter(label=_("Parent organisation"), field_name="parent_id")
    within = django_filters.NumberFilter(label=_("Within organisation (subtree)"), method="filter_within")

    class Meta:
        model = Organization
        fields = ["q", "level", "region", "parent", "within", "is_active"]

    def filter_search(self, queryset, name, value):
        for word in search_key(value).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_within(self, queryset, name, value):
        # The root is looked up inside the already scoped queryset: an organisation outside the
        # user's scope yields nothing rather than revealing its subtree.
        root = queryset.filter(pk=value).values_list("path", flat=True).first()
        return queryset.filter(path__startswith=root) if root else queryset.none()


class EmployeeFilter(django_filters.FilterSet):
    """Filters of the employee list (page, export and API). Apply to an already scoped queryset."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search",
                                  help_text=_("Name in Latin or Cyrillic, PINFL or passport."))
    organization = django_filters.NumberFilter(label=_("Organisation (with its units)"), method="filter_organization")
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=Region.objects.all(),
                                              field_name="organization__region")
    group = django_filters.ChoiceFilter(label=_("Position group"), choices=PositionGroup.choices,
                                        field_name="staff_position__group")
    category = django_filters.ModelChoiceFilter(label=_("Position category"), queryset=PositionCategory.objects.all(),
                                                field_name="staff_position__category")
    sex = django_filters.ChoiceFilter(label=_("Sex"), choices=Sex.choices)
    age_band = django_filters.ChoiceFilter(label=_("Age"), choices=AGE_BAND_CHOICES, method="filter_age_band")
    education_level = django_filters.ChoiceFilter(label=_("Education"), choices=EducationLevel.choices)
    rank = django_filters.ModelChoiceFilter(label=_("Qualification rank"), queryset=QualificationRank.objects.all(),
                                            field_name="qualification_rank")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EmployeeStatus.choices)
    hired_from = django_filters.DateFilter(label=_("Hired from"), field_name="hired_on", lookup_expr="gte")
    hired_to = django_filters.DateFilter(label=_("Hired until"), field_name="hired_on", lookup_expr="lte")
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("last_name", "name"), ("birth_date", "birth_date"), ("hired_on", "hired_on"),
                ("civil_service_start", "service_start")),
        field_labels={"last_name": _("Name"), "birth_date": _("Date of birth"), "hired_on": _("Hired on"),
                      "civil_service_start": _("In the civil service since")},
    )

    class Meta:
        model = Employee
        fields = ["q", "organization", "region", "group", "category", "sex", "age_band", "education_level", "rank",
                  "status", "hired_from", "hired_to"]

    def filter_search(self, queryset, name, value):
        q = search_q(value)
        return queryset.filter(q) if q is not None else queryset

    def filter_organization(self, queryset, name, value):
        # Subtree of an organisation the user can see; outside their scope the subtree is empty.
        path = Organization.objects.filter(pk=value).values_list("path", flat=True).first()
        if not path:
            return queryset.none()
        return queryset.filter(organization__in=Organization.objects.filter(path__startswith=path).values("pk"))

    def filter_age_band(self, queryset, name, value):
        low, high = AGE_BANDS[value]
        return queryset.filter(birth_date_range(low, high, timezone.localdate()))


class StaffPositionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    organization = django_filters.NumberFilter(label=_("Organisation"), field_name="organization_id")
    group = django_filters.ChoiceFilter(label=_("Position group"), choices=PositionGroup.choices)
    category = django_filters.ModelChoiceFilter(label=_("Position category"), queryset=PositionCategory.objects.all())

    class Meta:
        model = StaffPosition
        fields = ["q", "organization", "group", "category", "is_active"]

    def filter_search(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(Q(code__icontains=value) | Q(name_uz__icontains=value) | Q(name_ru__icontains=value))
