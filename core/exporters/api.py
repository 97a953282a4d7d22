"""API of exports: every export asked for here runs as a job; a user sees only their own jobs."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.response import Response

from core.documents import document_download_url

from .models import ExportJob, ExportStatus
from .registry import registered_exporters
from .selectors import export_job_of, export_job_progress, export_jobs_of
from .services import export_start


class ExportJobSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField(help_text=_("Where to download the file once it is ready."))
    error = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = ["id", "identifier", "label", "params", "status", "progress", "rows_total", "created_at",
                  "finished_at", "expires_at", "download_url", "error"]

    def get_label(self, job: ExportJob) -> str:
        return next((str(e) for e in registered_exporters() if e.identifier == job.identifier), job.identifier)

    def get_progress(self, job: ExportJob) -> dict:
        return export_job_progress(job)

    def get_download_url(self, job: ExportJob) -> str | None:
        if job.status != ExportStatus.DONE or job.result is None or job.result.is_expired:
            return None
        return self.context["request"].build_absolute_uri(document_download_url(job.result))

    def get_error(self, job: ExportJob) -> dict | None:
        return {"code": job.error_code, "message": job.error} if job.status == ExportStatus.FAILED else None


class ExportStartSerializer(serializers.Serializer):
    identifier = serializers.CharField(help_text=_("Which export, e.g. workforce.employees."))
    params = serializers.DictField(required=False, default=dict,
                                   help_text=_("The export's parameters, e.g. the list's filters."))


class ExportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """``POST`` ``{identifier, params}`` starts an export job (always a job here, whatever its size);
    ``GET`` your jobs, or one job with its status, progress and download URL."""

    serializer_class = ExportJobSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return ExportJob.objects.none()
        return export_jobs_of(user=self.request.user)

    def get_object(self):
        job = export_job_of(user=self.request.user, pk=self.kwargs["pk"])
        if job is None:
            raise Http404
        return job

    @extend_schema(request=ExportStartSerializer, responses={201: ExportJobSerializer})
    def create(self, request, *args, **kwargs):
        serializer = ExportStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        job = export_start(actor=request.user, identifier=serializer.validated_data["identifier"],
                           params=serializer.validated_data["params"])
        job.refresh_from_db()
        return Response(self.get_serializer(job).data, status=status.HTTP_201_CREATED)
