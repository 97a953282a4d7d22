"""REST API of the workforce record (writes: ``api_write``). Thin: querysets come from the scoped selectors
and the FilterSets the HTML pages use.

Access: every endpoint answers 403 to a user who holds none of its roles anywhere (a civil servant,
a candidate, a commission member asking for personal data) and otherwise lists only rows of the
organisation subtrees the user holds one of those roles on; a row outside them is a 404, never a 403,
so its existence is not revealed. Employees and assignments need an HR role (``HR_ROLES``); staff
positions and organisations may also be read by leadership (``ANALYTICS_ROLES`` / ``ALL_ROLES``), as
the staffing-table and organisation pages allow.
"""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api import ScopedReadOnlyViewSet as CoreScopedReadOnlyViewSet
from core.audit import audit_log
from core.filters import DateFilter, IdFilter

from .access import ALL_ROLES, ANALYTICS_ROLES, HR_ROLES, scope_queryset
from .api_write import EmployeeWriteMixin, HROrderSerializer
from .auditing import audited_filters
from .filters import EmployeeFilter, OrganizationFilter, StaffPositionFilter
from .models import Assignment, HROrder, OrderKind, Organization, StaffPosition
from .selectors import assignment_list, employee_list, employee_profiles, organization_list, region_list
from .selectors.staffing import with_occupancy
from .serializers import (
    AssignmentSerializer,
    EmployeeDetailSerializer,
    EmployeeListSerializer,
    MeSerializer,
    OrganizationSerializer,
    RegionSerializer,
    StaffPositionSerializer,
)


class ScopedReadOnlyViewSet(CoreScopedReadOnlyViewSet):
    required_roles: tuple[str, ...] = HR_ROLES


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "soato"
    serializer_class = RegionSerializer
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return region_list()


class OrganizationViewSet(ScopedReadOnlyViewSet):
    """Organisations in the caller's subtrees. ``within`` narrows to one subtree."""

    required_roles = ALL_ROLES
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    ordering_fields = ["code", "name_uz", "depth"]
    ordering = ["code"]

    def get_queryset(self):
        return organization_list(user=self.request.user, roles=ALL_ROLES)


class EmployeeViewSet(EmployeeWriteMixin, ScopedReadOnlyViewSet):
    """Employees of the caller's subtrees. The list is compact; the detail adds personal details,
    education, languages, contacts and the assignment history. Filters and sorting
    (``ordering=name|-name|birth_date|hired_on|service_start``) are those of the employee page.
    Every list and profile read is written to the audit log."""

    required_roles = HR_ROLES
    filter_backends = [DjangoFilterBackend]  # EmployeeFilter sorts itself (``ordering``)
    filterset_class = EmployeeFilter

    def get_queryset(self):
        if self.action == "retrieve":
            return employee_profiles(user=self.request.user)
        return employee_list(user=self.request.user)

    def get_serializer_class(self):
        return EmployeeDetailSerializer if self.action == "retrieve" else EmployeeListSerializer

    def list(self, request: Request, *args, **kwargs) -> Response:
        response = super().list(request, *args, **kwargs)
        audit_log("workforce.employee.list_viewed", actor=request.user, request=request,
                  data={"filters": audited_filters(request.query_params),
                        "page": request.query_params.get("page", "1"), "api": True})
        return response

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        employee = self.get_object()
        audit_log("workforce.employee.viewed", actor=request.user, target=employee, request=request,
                  data={"api": True})
        return Response(self.get_serializer(employee).data)


class AssignmentFilter(django_filters.FilterSet):
    employee = IdFilter(label=_("Employee"), field_name="employee_id")
    organization = IdFilter(label=_("Organisation (with its units)"), method="filter_organization")
    on = DateFilter(label=_("In force on"), method="filter_on",
                    help_text=_("The composition on a date (YYYY-MM-DD): assignments started on or "
                                "before it and not ended before it."))
    is_primary = django_filters.BooleanFilter(label=_("Primary"))

    class Meta:
        model = Assignment
        fields = ["employee", "organization", "on", "is_primary"]

    def filter_organization(self, queryset, name, value):
        # The subtree root must itself be visible; otherwise the answer is empty, not B's subtree.
        root = scope_queryset(Organization.objects.filter(pk=value), user=self.request.user, org_field="pk")
        path = root.values_list("path", flat=True).first()
        if not path:
            return queryset.none()
        return queryset.filter(organization__in=Organization.objects.filter(path__startswith=path).values("pk"))

    def filter_on(self, queryset, name, value: datetime.date):
        return queryset.filter(Q(start_date__lte=value) & (Q(end_date__isnull=True) | Q(end_date__gte=value)))


class AssignmentViewSet(ScopedReadOnlyViewSet):
    """Assignments held in the caller's subtrees; ``on=YYYY-MM-DD`` gives the composition on a date."""

    required_roles = HR_ROLES
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilter
    ordering_fields = ["start_date", "end_date", "id"]

    def get_queryset(self):
        return assignment_list(user=self.request.user)


class StaffPositionViewSet(ScopedReadOnlyViewSet):
    """Staffing-table lines of the caller's subtrees with today's occupancy: ``filled_units`` (sum of
    the rates of assignments in force today) and ``vacant_units`` (planned - filled)."""

    required_roles = ANALYTICS_ROLES
    serializer_class = StaffPositionSerializer
    filterset_class = StaffPositionFilter
    ordering_fields = ["code", "organization", "rate_units", "filled", "vacant"]

    def get_queryset(self):
        queryset = with_occupancy(StaffPosition.objects.select_related("organization", "category", "register_position"))
        return scope_queryset(queryset.order_by("organization_id", "code"), user=self.request.user,
                              roles=ANALYTICS_ROLES)


class OrderFilter(django_filters.FilterSet):
    employee = IdFilter(label=_("Employee"), field_name="employee_id")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=OrderKind.choices)
    date_from = DateFilter(label=_("Order date from"), field_name="order_date", lookup_expr="gte")
    date_to = DateFilter(label=_("Order date until"), field_name="order_date", lookup_expr="lte")

    class Meta:
        model = HROrder
        fields = ["employee", "kind", "date_from", "date_to"]


class OrderViewSet(ScopedReadOnlyViewSet):
    """HR orders issued by organisations of the caller's subtrees (issue them with the employee
    actions: ``POST /employees/{id}/hire/``, ``transfer/``, ``rotate/``, ``promote/``,
    ``rank-change/``, ``sanction/``, ``dismiss/``)."""

    required_roles = HR_ROLES
    serializer_class = HROrderSerializer
    filterset_class = OrderFilter
    ordering_fields = ["order_date", "effective_date", "id"]

    def get_queryset(self):
        queryset = (HROrder.objects.select_related("organization", "employee", "verifiable")
                    .order_by("-order_date", "-id"))
        return scope_queryset(queryset, user=self.request.user)


class MeView(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)

