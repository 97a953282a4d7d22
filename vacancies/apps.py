from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    name = "vacancies"
    verbose_name = _("Vacancies")

    def ready(self) -> None:
        # The commission role is workforce's (Role.COMMISSION): vacancies registers no role of its own.
        from . import signals

        signals.connect()
        self.register_platform_pieces()

    def register_platform_pieces(self) -> None:
        """Vacancies' notification, document use and export (core.notifications, core.documents,
        core.exporters)."""
        from core.documents import register_document_use
        from core.exporters import register_exporter
        from core.notifications import register_event

        from .documents import CANDIDATE_DOCUMENT_USE, can_view_candidate_document
        from .exporters import ApplicantExporter

        register_event("vacancies.stage_changed", label=_("Your application moved to a new stage"),
                       description=_("A competition you applied to moved on: admission, test, interview, result."))
        register_document_use(CANDIDATE_DOCUMENT_USE, label=_("Candidate's document (CV, diploma)"),
                              allowed_types={"pdf", "jpeg", "png"}, max_bytes=10 * 1024 * 1024,
                              retention_days=3 * 365, can_view=can_view_candidate_document)
        register_exporter(ApplicantExporter)
