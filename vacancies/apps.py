from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    name = "vacancies"
    verbose_name = _("Vacancies")

    def ready(self) -> None:
        # The commission role is workforce's (Role.COMMISSION): vacancies registers no role of its own.
        from . import signals  # noqa: F401
