from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.conf import settings

        from . import checks  # noqa: F401 - registers the system checks
        from .documents import register_document_use
        from .notifications import register_event

        register_document_use(
            "core.export", label=_("Exported file"), allowed_types={"xlsx", "csv", "pdf", "zip", "docx"},
            max_bytes=settings.EXPORT_MAX_BYTES, retention_days=settings.EXPORT_RETENTION_DAYS,
            # An export holds what its requester could see: only they may download it.
            can_view=lambda user, document: document.uploaded_by_id == user.pk,
        )
        register_event("core.export_ready", label=_("An export is ready"),
                       description=_("A file you asked to export has been prepared."), email=False)
