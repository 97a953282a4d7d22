"""REST API of the workforce record. Thin: querysets come from the scoped selectors."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .access import ALL_ROLES
from .filters import OrganizationFilter
from .selectors import organization_list, region_list
from .serializers import MeSerializer, OrganizationSerializer, RegionSerializer


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "soato"
    serializer_class = RegionSerializer
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return region_list()


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations in the caller's subtrees. ``within`` narrows to one subtree."""

    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    ordering_fields = ["code", "name_uz", "depth"]
    ordering = ["code"]

    def get_queryset(self):
        return organization_list(user=self.request.user, roles=ALL_ROLES)


class MeView(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)
