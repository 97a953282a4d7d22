from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

CHOOSE_LABEL = _("Choose…")
"""The empty option of every select on a form (Django's own default is "---------"). Filters say
"All" instead (``FILTERS_EMPTY_CHOICE_LABEL``)."""


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.conf import settings

        from . import checks  # noqa: F401 - registers the system checks
        from .converters import register as register_converters
        from .documents import register_document_use
        from .i18n import register_extra_languages
        from .notifications import register_event

        register_extra_languages()
        register_converters()  # <id:pk> in every app's urls
        use_choose_label()

        register_document_use(
            "core.export", label=_("Exported file"), allowed_types={"xlsx", "csv", "pdf", "zip", "docx"},
            max_bytes=settings.EXPORT_MAX_BYTES, retention_days=settings.EXPORT_RETENTION_DAYS,
            # An export holds what its requester could see: only they may download it.
            can_view=lambda user, document: document.uploaded_by_id == user.pk,
        )
        register_event("core.export_ready", label=_("An export is ready"),
                       description=_("A file you asked to export has been prepared."), email=False)


def use_choose_label() -> None:
    """Say "Choose…" where Django writes "---------": on model choice fields of every form and the
    admin (ModelChoiceField's default), on fields with choices and the admin's action select
    (BLANK_CHOICE_DASH, one list shared by reference by every module that uses it)."""
    from django.db.models import fields as model_fields
    from django.forms import models as form_models

    model_fields.BLANK_CHOICE_DASH[:] = [("", CHOOSE_LABEL)]
    form_models.ModelChoiceField.__init__.__kwdefaults__["empty_label"] = CHOOSE_LABEL
