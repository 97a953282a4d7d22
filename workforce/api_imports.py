"""Spreadsheet imports over the API: upload (checked as a dry run), read the report, start.

    POST /api/v1/imports/             multipart: kind, file, dry_run (default true), skip_invalid
    GET  /api/v1/imports/             the caller's jobs
    GET  /api/v1/imports/{id}/        status, counts, warnings and errors (paginated: errors_page)
    POST /api/v1/imports/{id}/start/  import a checked job

Thin over ``workforce.services.imports`` (the page uses the same services): who may import and who
may start a job is decided there. A job is visible to whoever uploaded it (and to a system
administrator of the whole civil service); anyone else gets 404. Error and warning messages are
worded in the caller's language when read, like the page's.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import HoldsRequiredRole
from core.documents import document_download_url
from core.pagination import CappedPageNumberPagination

from .access import HR_ROLES
from .importing.errors import error_column, error_message, is_file_error
from .models import ImportJob, ImportKind
from .selectors import import_job_list
from .services.imports import import_job_create, import_job_progress, import_job_start

ERRORS_PER_PAGE = 100


class ImportUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ImportKind.choices, help_text=_("What the file holds."))
    file = serializers.FileField(help_text=_("A spreadsheet: .xlsx, .xls, .ods or .csv."))
    dry_run = serializers.BooleanField(
        default=True, help_text=_("Only check the file (the default). When false, the import starts as soon as the "
                                  "check passes."))
    skip_invalid = serializers.BooleanField(
        default=False, help_text=_("Import the valid rows and skip the invalid ones (by default nothing is imported "
                                   "while any row has an error)."))


class ImportIssueSerializer(serializers.Serializer):
    """One error or warning: where it is and why, in the caller's language."""

    row = serializers.IntegerField(help_text=_("Row of the spreadsheet; 0 for the file as a whole."))
    column = serializers.CharField(help_text=_("Header of the column as written in the file."))
    value = serializers.CharField(help_text=_("The cell as written in the file."))
    code = serializers.CharField(help_text=_("Stable code of the reason."))
    message = serializers.CharField(help_text=_("The reason, in the caller's language."))


def _issue(item: dict[str, Any]) -> dict[str, Any]:
    return {"row": item["row"], "column": error_column(item), "value": item.get("value", ""), "code": item["code"],
            "message": error_message(item)}


class ImportJobSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField()
    file_refused = serializers.SerializerMethodField(
        help_text=_("True when the file itself cannot be imported (not a spreadsheet, no header row, a required "
                    "column missing...): no row was checked, and the errors say why."))
    warnings = serializers.SerializerMethodField()
    errors = serializers.SerializerMethodField()
    errors_total = serializers.SerializerMethodField()
    errors_page = serializers.SerializerMethodField()
    errors_pages = serializers.SerializerMethodField()
    start_url = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField(
        help_text=_("The uploaded file (served by /documents/, to whoever may see this job) while it is kept; "
                    "null once deleted."))

    class Meta:
        model = ImportJob
        fields = ["id", "kind", "status", "original_name", "skip_invalid", "start_when_validated", "created_at",
                  "finished_at", "progress", "counts", "file_refused", "warnings", "errors", "errors_total",
                  "errors_page", "errors_pages", "start_url", "file_url"]
        read_only_fields = fields

    def _page(self, job: ImportJob):
        cache = self.context.setdefault("_pages", {})
        if job.pk not in cache:
            number = self.context.get("errors_page") or 1
            cache[job.pk] = Paginator(job.errors, ERRORS_PER_PAGE).get_page(number)
        return cache[job.pk]

    @extend_schema_field({"type": "object", "properties": {
        "processed": {"type": "integer"}, "total": {"type": "integer"}, "percent": {"type": "integer"}}})
    def get_progress(self, job: ImportJob) -> dict[str, Any]:
        progress = import_job_progress(job)
        return {"processed": progress["processed"], "total": progress["total"], "percent": progress["percent"]}

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "integer"}})
    def get_counts(self, job: ImportJob) -> dict[str, int]:
        """What the check found (``to_create``...) or, once imported, what was written."""
        summary = {key: value for key, value in (job.summary or {}).items()
                   if key not in ("errors_total", "errors_truncated", "file_errors")}
        return {"rows": job.total_rows, "rows_with_errors": job.error_count, "created": job.created_count,
                "updated": job.updated_count, "unchanged": job.unchanged_count, **summary}

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_file_refused(self, job: ImportJob) -> bool:
        return any(is_file_error(error) for error in job.errors)

    @extend_schema_field(ImportIssueSerializer(many=True))
    def get_warnings(self, job: ImportJob) -> list[dict[str, Any]]:
        return [_issue(warning) for warning in job.warnings]

    @extend_schema_field(ImportIssueSerializer(many=True))
    def get_errors(self, job: ImportJob) -> list[dict[str, Any]]:
        return [_issue(error) for error in self._page(job).object_list]

    @extend_schema_field(OpenApiTypes.INT)
    def get_errors_total(self, job: ImportJob) -> int:
        return int((job.summary or {}).get("errors_total", len(job.errors)))

    @extend_schema_field(OpenApiTypes.INT)
    def get_errors_page(self, job: ImportJob) -> int:
        return self._page(job).number

    @extend_schema_field(OpenApiTypes.INT)
    def get_errors_pages(self, job: ImportJob) -> int:
        return self._page(job).paginator.num_pages

    @extend_schema_field(OpenApiTypes.URI)
    def get_start_url(self, job: ImportJob) -> str:
        request = self.context.get("request")
        path = reverse("import-start", args=[job.pk])
        return request.build_absolute_uri(path) if request is not None else path

    @extend_schema_field(OpenApiTypes.URI)
    def get_file_url(self, job: ImportJob) -> str | None:
        if job.document is None or job.document.is_expired:
            return None
        request = self.context.get("request")
        path = document_download_url(job.document)
        return request.build_absolute_uri(path) if request is not None else path


class ImportJobSummarySerializer(ImportJobSerializer):
    """A job in the list: no error or warning lists."""

    class Meta(ImportJobSerializer.Meta):
        fields = ["id", "kind", "status", "original_name", "skip_invalid", "start_when_validated", "created_at",
                  "finished_at", "progress", "counts", "file_refused", "errors_total"]
        read_only_fields = fields


ERRORS_PAGE = OpenApiParameter("errors_page", OpenApiTypes.INT,
                               description=_("Page of the error list (100 errors a page)."))


class ImportJobViewSet(mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    """Spreadsheet imports of employees, organisations or staff positions. Upload a file: it is
    checked (nothing written) and the job reports every invalid row; then start it, or upload with
    ``dry_run=false`` to import as soon as the check passes."""

    permission_classes = [permissions.IsAuthenticated, HoldsRequiredRole]
    required_roles = HR_ROLES
    pagination_class = CappedPageNumberPagination
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filter_backends: list[Any] = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is built without a user
            return ImportJob.objects.none()
        return import_job_list(user=self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return ImportUploadSerializer
        if self.action == "list":
            return ImportJobSummarySerializer
        return ImportJobSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["errors_page"] = self.request.query_params.get("errors_page") if self.request else None
        return context

    @extend_schema(request={"multipart/form-data": ImportUploadSerializer}, responses={201: ImportJobSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        job = import_job_create(kind=data["kind"], uploaded_file=data["file"], actor=request.user,
                                skip_invalid=data["skip_invalid"], start_when_validated=not data["dry_run"])
        job.refresh_from_db()  # the check may already have run (eager tasks) and even the import
        return Response(ImportJobSerializer(job, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[ERRORS_PAGE])
    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(request=None, responses={202: ImportJobSerializer})
    @action(detail=True, methods=["post"], url_path="start", url_name="start")
    def start(self, request: Request, pk: str | None = None) -> Response:
        """Import a checked job (status ``validated``). The rows are checked again as they are written."""
        job = import_job_start(job=self.get_object(), actor=request.user)
        job.refresh_from_db()
        return Response(ImportJobSerializer(job, context=self.get_serializer_context()).data,
                        status=status.HTTP_202_ACCEPTED)
