"""Exporters in the style of pretix: small classes that render a file, run at once when small or
as a Celery job that stores the file through ``core.documents``. See docs/platform.md.

    from core.exporters import Exporter, ExportFile, count_up_to, register_exporter

    class TripExporter(Exporter):
        identifier = "trips.trips"
        verbose_name = _("Business trips")
        required_roles = ("trip_approver",)
        form_fields = {"year": forms.IntegerField(min_value=2020)}

        def estimate(self, *, params, actor):
            return count_up_to(trip_list(user=actor).filter(year=params["year"]), settings.EXPORT_STREAM_MAX_ROWS + 1)

        def render(self, *, params, actor, progress):
            ...                                   # write with trip_list(user=actor): the requester's scope
            return ExportFile(filename="trips.xlsx", content_type=CONTENT_TYPES["xlsx"], path=path, rows=n)
"""

from .base import CONTENT_TYPES, Exporter, ExportFile, ExportProgress, as_querydict, count_up_to, json_param
from .registry import exporters_for, get_exporter, register_exporter, registered_exporters, unregister_exporter
from .selectors import export_job_of, export_job_progress, export_jobs_of
from .services import EXPORT_DOCUMENT_USE, ExportForbidden, export_respond, export_run, export_start

__all__ = [
    "CONTENT_TYPES", "EXPORT_DOCUMENT_USE", "ExportFile", "ExportForbidden", "ExportProgress", "Exporter",
    "as_querydict", "count_up_to", "export_job_of", "export_job_progress", "export_jobs_of", "export_respond",
    "export_run", "export_start", "exporters_for", "get_exporter", "json_param", "register_exporter",
    "registered_exporters", "unregister_exporter",
]
