from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")

    def ready(self) -> None:
        from core.roles import register_role

        from .roles import TEST_AUTHOR

        register_role(
            TEST_AUTHOR, _("Test author"),
            description=_("Keeps the question bank and the test blueprints of the organisations in scope, "
                          "runs attestation campaigns and reads the item analysis."),
            app=self.name,
        )
