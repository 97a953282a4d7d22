"""FilterSets shared by the HTML views and the API."""

from __future__ import annotations

import datetime
import re

import django_filters
from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.filters import DateFilter, IdFilter, SearchFilter
from core.forms import DateInput
from core.pagination import prefer_sorting_matches
from core.text import search_key
from core.widgets import FastSelect

from .access import ALL_ROLES, org_scope
from .models import (
    Assignment,
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
from .selectors.composition import years_before

# Age bands: OECD's 18-34 / 35-54 / 55+ split further, as civil-service reports use them.
AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "18-24": (18, 24), "25-34": (25, 34), "35-44": (35, 44), "45-54": (45, 54), "55-59": (55, 59), "60+": (60, None),
}
# The reports' bands (workforce.selectors.composition): 18-29 takes everyone under 30, as there.
AGE_BANDS.update({"18-29": (0, 29), "30-34": (30, 34), "18-34": (0, 34), "35-54": (35, 54), "55+": (55, None)})
AGE_BAND_CHOICES = [(key, key) for key in AGE_BANDS]
# Completed years in the civil service (the reports' bands); "0" includes a start recorded later.
SERVICE_BANDS: dict[str, tuple[int, int | None]] = {
    "0": (0, 0), "1-4": (1, 4), "5-9": (5, 9), "10-19": (10, 19), "20+": (20, None),
}


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


PINFL_RE = re.compile(r"[0-9]{14}")
PASSPORT_RE = re.compile(r"[A-Za-z]{2}[0-9]{7}")
SHORT_WORD = 2
"""Search words this short match the start of a name word, not any part of it: one or two letters
occur inside almost every name, and PostgreSQL's trigram index cannot look up fewer than three."""


def search_q(value: str) -> Q | None:
    """Names in any script and apostrophe variant; a 14-digit value is a PINFL, AA1234567 a passport.

    Every word must match: a word of three or more letters anywhere in the Latin or Cyrillic names
    ("karim" finds Karimov, Abdukarimova and Karimovich), a word of one or two letters at the start
    of a name word ("Ka" finds Karimov and Kamola; "Karimov A" a Karimov whose first name or
    patronymic starts with A)."""
    value = (value or "").strip()
    if PINFL_RE.fullmatch(value):
        return Q(pinfl=value)
    if PASSPORT_RE.fullmatch(value):
        return Q(passport=value.upper())
    key = search_key(value)
    if not key:
        return None
    q = Q()
    for word in key.split():
        if len(word) <= SHORT_WORD:
            # search_text is "last first middle | cyrillic names": a name word starts the text or
            # follows a space.
            q &= Q(search_text__startswith=word) | Q(search_text__contains=f" {word}")
        else:
            q &= Q(search_text__contains=word)
    return q


# --- Fast lists over a million employees (PostgreSQL) ---------------------------------------------
# The organisation subtree, region and position category of an employee are ids on the employee row.
# Filters resolve them to a list of ids first: PostgreSQL then estimates how many employees match
# from the column statistics, where "organization_id IN (SELECT ...)" made it guess (and choose
# plans that read every employee of a ministry row by row).
IDS_INLINE_LIMIT = 5000


def organization_ids(condition: Q) -> list[int] | QuerySet:
    ids = Organization.objects.filter(condition).values_list("pk", flat=True)
    listed = list(ids[: IDS_INLINE_LIMIT + 1])
    return listed if len(listed) <= IDS_INLINE_LIMIT else ids


def staff_position_ids(condition: Q) -> list[int] | QuerySet:
    ids = StaffPosition.objects.filter(condition).values_list("pk", flat=True)
    listed = list(ids[: IDS_INLINE_LIMIT + 1])
    return listed if len(listed) <= IDS_INLINE_LIMIT else ids


TIE_BREAKERS = {"last_name": "first_name"}


def complete_ordering(queryset: QuerySet) -> QuerySet:
    """Order ties by first name (after last name) and id, so page N and N+1 never share a row."""
    terms = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    if not terms or not all(isinstance(term, str) for term in terms):
        return queryset
    names = [term.lstrip("-") for term in terms]
    completed: list[str] = []
    for term, field in zip(terms, names, strict=True):
        completed.append(term)
        follower = TIE_BREAKERS.get(field)
        if follower and follower not in names:
            completed.append(f"{'-' if term.startswith('-') else ''}{follower}")
    if "id" not in names and "pk" not in names:
        completed.append("-id" if terms[0].startswith("-") else "id")
    return queryset.order_by(*completed)


def reference_choices(model) -> list[tuple[str, str]]:
    """(pk, name in the active language) of a small reference table (regions, categories, ranks),
    cached for a few minutes: these selects are on every list page, and a ModelChoiceField would
    query (with a server-side cursor on PostgreSQL) each time it renders."""
    key = f"wf:refchoices:{model._meta.label_lower}:{get_language()}"
    choices = cache.get(key)
    if choices is None:
        choices = [(str(obj.pk), str(obj)) for obj in model.objects.all()]
        cache.set(key, choices, 300)
    return choices


class OrganizationFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"), method="filter_search")
    level = django_filters.ChoiceFilter(label=_("Level"), choices=OrganizationLevel.choices)
    region = django_filters.ModelChoiceFilter(label=_("Region"), queryset=Region.objects.all())
    parent = IdFilter(label=_("Parent organisation"), field_name="parent_id")
    within = IdFilter(label=_("Within organisation (subtree)"), method="filter_within")

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

    q = SearchFilter(label=_("Search"), method="filter_search",
                     help_text=_("Name in Latin or Cyrillic, PINFL or passport."))
    organization = IdFilter(label=_("Organisation (with its units)"), method="filter_organization")
    region = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Region"), choices=lambda: reference_choices(Region),
        field_name="organization__region", method="filter_region")
    group = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Position group"), choices=PositionGroup.choices,
        field_name="staff_position__group", method="filter_group")
    category = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Position category"), choices=lambda: reference_choices(PositionCategory),
        field_name="staff_position__category", method="filter_category")
    sex = django_filters.ChoiceFilter(widget=FastSelect, label=_("Sex"), choices=Sex.choices)
    age_band = django_filters.ChoiceFilter(widget=FastSelect, label=_("Age"), choices=AGE_BAND_CHOICES,
                                           method="filter_age_band")
    education_level = django_filters.ChoiceFilter(widget=FastSelect, label=_("Education"),
                                                  choices=EducationLevel.choices)
    rank = django_filters.ChoiceFilter(widget=FastSelect, label=_("Qualification rank"),
                                       choices=lambda: reference_choices(QualificationRank),
                                       field_name="qualification_rank")
    status = django_filters.ChoiceFilter(widget=FastSelect, label=_("Status"), choices=EmployeeStatus.choices)
    level = django_filters.ChoiceFilter(widget=FastSelect, label=_("Organisation level"),
                                        choices=OrganizationLevel.choices, method="filter_level")
    service_band = django_filters.ChoiceFilter(widget=FastSelect, label=_("Years in the civil service"),
                                               choices=[(key, key) for key in SERVICE_BANDS],
                                               method="filter_service_band")
    on = DateFilter(label=_("Serving on"), method="filter_on", widget=DateInput(),
                    help_text=_("People holding a primary position on this date; organisation, region, group, "
                                "category and level then mean where they served that day, age and years of "
                                "service are counted on it."))
    hired_from = DateFilter(label=_("Hired from"), field_name="hired_on", lookup_expr="gte", widget=DateInput())
    hired_to = DateFilter(label=_("Hired until"), field_name="hired_on", lookup_expr="lte", widget=DateInput())
    ordering = django_filters.OrderingFilter(
        widget=FastSelect,
        label=_("Sort by"),
        # No empty option: without a choice the list is sorted by name, so that is what the select shows.
        empty_label=None,
        fields=(("last_name", "name"), ("birth_date", "birth_date"), ("hired_on", "hired_on"),
                ("civil_service_start", "service_start")),
        field_labels={"last_name": _("Name"), "birth_date": _("Date of birth"), "hired_on": _("Hired on"),
                      "civil_service_start": _("In the civil service since")},
    )

    class Meta:
        model = Employee
        fields = ["q", "organization", "region", "group", "category", "sex", "age_band", "education_level", "rank",
                  "status", "level", "service_band", "on", "hired_from", "hired_to"]

    def filter_search(self, queryset, name, value):
        q = search_q(value)
        if q is None:
            return queryset
        value = value.strip()
        if PINFL_RE.fullmatch(value) or PASSPORT_RE.fullmatch(value):
            return queryset.filter(q)
        if any(len(word) > SHORT_WORD for word in search_key(value).split()):
            # People found by a name sit together in the alphabet: let the paginator sort them
            # rather than read the name index from "A" (word starts, "Ka", are spread evenly).
            return prefer_sorting_matches(queryset.filter(q))
        return queryset.filter(q)

    # --- "serving on" a date (the reports' drill-down) ---------------------------------------
    def _on(self) -> datetime.date | None:
        return self.form.cleaned_data.get("on") if hasattr(self.form, "cleaned_data") else None

    def _serving(self, queryset, condition: Q):
        """People whose primary assignment in force on ``on`` meets ``condition`` (one per person)."""
        on = self._on()
        held = Assignment.objects.filter(Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on)),
                                         condition, is_primary=True)
        return queryset.filter(pk__in=held.values("employee_id"))

    def filter_on(self, queryset, name, value):
        return self._serving(queryset, Q())

    def filter_organization(self, queryset, name, value):
        # Subtree of an organisation the user can see; outside their scope the subtree is empty.
        path = Organization.objects.filter(pk=value).values_list("path", flat=True).first()
        if not path:
            return queryset.none()
        if self._on():
            return self._serving(queryset, Q(organization__path__startswith=path))
        return queryset.filter(organization__in=organization_ids(Q(path__startswith=path)))

    def filter_region(self, queryset, name, value):
        if self._on():
            return self._serving(queryset, Q(organization__region=value))
        return queryset.filter(organization__in=organization_ids(Q(region=value) & self._visible()))

    def filter_level(self, queryset, name, value):
        if self._on():
            return self._serving(queryset, Q(organization__level=value))
        return queryset.filter(organization__in=organization_ids(Q(level=value) & self._visible()))

    def filter_group(self, queryset, name, value):
        if self._on():
            return self._serving(queryset, Q(staff_position__group=value))
        return queryset.filter(staff_position__in=staff_position_ids(Q(group=value) & self._visible("organization__")))

    def filter_category(self, queryset, name, value):
        if self._on():
            return self._serving(queryset, Q(staff_position__category=value))
        return queryset.filter(
            staff_position__in=staff_position_ids(Q(category=value) & self._visible("organization__")))

    def filter_service_band(self, queryset, name, value):
        low, high = SERVICE_BANDS[value]
        on = self._on() or timezone.localdate()
        q = Q(civil_service_start__isnull=False)
        if low:
            q &= Q(civil_service_start__lte=years_before(on, low))
        if high is not None:
            q &= Q(civil_service_start__gt=years_before(on, high + 1))
        return queryset.filter(q)

    def _visible(self, prefix: str = "") -> Q:
        """Organisations the user sees under any role: the queryset is already scoped, so this only
        keeps the lists of ids short (an HR officer's ministry, not the whole country)."""
        user = getattr(self.request, "user", None)
        if user is None:
            return Q()
        return org_scope(user, ALL_ROLES).organization_q(prefix)

    def filter_age_band(self, queryset, name, value):
        low, high = AGE_BANDS[value]
        return queryset.filter(birth_date_range(low, high, self._on() or timezone.localdate()))

    def filter_queryset(self, queryset):
        """Filter, then make the order total, so that page N and N+1 never share a row."""
        return complete_ordering(super().filter_queryset(queryset))


class StaffPositionFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Search"), method="filter_search")
    organization = IdFilter(label=_("Organisation"), field_name="organization_id")
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
