"""FilterSets shared by the HTML views and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from core.text import search_key

from .models import Organization, OrganizationLevel, Region


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
