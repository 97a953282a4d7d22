from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from core.exporters import register_exporter

        from .exporters import WorkforceWorkbookExporter
        from .registry import autodiscover

        autodiscover()
        register_exporter(WorkforceWorkbookExporter)
