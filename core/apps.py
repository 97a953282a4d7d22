from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

CHOOSE_LABEL = _("Choose…")
"""The empty option of every select on a form (Django's own default is "---------"). Filters say
"All" instead (``FILTERS_EMPTY_CHOICE_LABEL``)."""


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .i18n import register_extra_languages

        register_extra_languages()
        from .converters import register

        register()  # <id:pk> in every app's urls
        use_choose_label()


def use_choose_label() -> None:
    """Say "Choose…" where Django writes "---------": on model choice fields of every form and the
    admin (ModelChoiceField's default), on fields with choices and the admin's action select
    (BLANK_CHOICE_DASH, one list shared by reference by every module that uses it)."""
    from django.db.models import fields as model_fields
    from django.forms import models as form_models

    model_fields.BLANK_CHOICE_DASH[:] = [("", CHOOSE_LABEL)]
    form_models.ModelChoiceField.__init__.__kwdefaults__["empty_label"] = CHOOSE_LABEL
