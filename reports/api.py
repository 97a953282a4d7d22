"""``GET /api/v1/reports/`` (the reports the requester may read) and
``GET /api/v1/reports/<identifier>/?org=CODE&on=YYYY-MM-DD`` (or ``from=``/``to=``): JSON rows."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from .registry import reports_for
from .selectors import report_read

PARAMETERS = [
    OpenApiParameter("org", str, description="Organisation code: its subtree (default: your whole scope)."),
    OpenApiParameter("on", OpenApiTypes.DATE, description="As-of date (default today)."),
    OpenApiParameter("from", OpenApiTypes.DATE, description="First day of the period (period reports)."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last day of the period (period reports)."),
    OpenApiParameter("region", str, description="Region (SOATO code)."),
    OpenApiParameter("group", str, description="Position group: political, management, specialist."),
]


class ReportListView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(operation_id="v1_reports_list", responses=OpenApiTypes.OBJECT, summary="Reports you may read")
    def get(self, request):
        return Response({"results": [
            {"identifier": report.identifier, "name": str(report.name), "description": str(report.description),
             "period": report.period,
             "url": request.build_absolute_uri(f"/api/v1/reports/{report.identifier}/")}
            for report in reports_for(request.user)]})


class ReportDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(parameters=PARAMETERS, responses=OpenApiTypes.OBJECT, summary="One report as JSON")
    def get(self, request, identifier: str):
        report, params, data = report_read(identifier=identifier, query=request.query_params.dict(),
                                           actor=request.user)
        return Response({"identifier": report.identifier, "name": str(report.name), "params": params.as_query(),
                         "small_cells_suppressed": not params.reveal_small_cells, **data})
