from django.apps import AppConfig
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
