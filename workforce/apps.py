from django.apps import AppConfig
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "workforce"
    verbose_name = _("Workforce")

    def ready(self) -> None:
        from core.roles import register_role

        from .models.roles import Role

        descriptions = {
            Role.ADMIN: _("Manages accounts, roles and reference data of the organisations in scope."),
            Role.HR_OFFICER: _("Keeps the personnel records and issues HR orders."),
            Role.LEADERSHIP: _("Reads workforce analytics (aggregated, read-only)."),
            Role.COMMISSION: _("Scores candidates as a member of a competition commission."),
        }
        for role in Role:
            register_role(role.value, role.label, description=descriptions[role], app=self.name)

        self.register_platform_pieces()

    def register_platform_pieces(self) -> None:
        """Workforce's notifications, exports, verifiable orders and kept import files (core.notifications,
        core.exporters, core.verification, core.documents)."""
        from core.documents import register_document_use
        from core.exporters import register_exporter
        from core.notifications import register_event
        from core.verification import register_document_kind

        from .exporters import EXPORTERS
        from .importing.upload import IMPORT_FILE_TYPES, IMPORT_FILE_USE
        from .selectors.imports import import_file_can_view

        register_event("workforce.order_issued", label=_("An HR order about you"),
                       description=_("An HR order about you was issued (hire, transfer, promotion, sanction…)."))
        register_event("workforce.employee_left_by_appointment", label=_("An employee left by appointment elsewhere"),
                       description=_("One of your organisation's civil servants was appointed to a position in "
                                     "another organisation (for example after a competition)."))
        register_event("workforce.import_finished", label=_("Import finished"),
                       description=_("A spreadsheet import you started has been checked or imported."))
        for exporter in EXPORTERS:
            register_exporter(exporter)
        register_document_kind("workforce.hr_order", capfirst(_("HR order")))
        register_document_use(IMPORT_FILE_USE, label=_("Uploaded import file"),
                              allowed_types=IMPORT_FILE_TYPES, max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES,
                              retention_days=settings.IMPORT_FILE_RETENTION_DAYS, can_view=import_file_can_view)
