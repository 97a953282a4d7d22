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
        self.register_platform_pieces()

    def register_platform_pieces(self) -> None:
        """The certificate's verifiable-document kind and the takers' notifications (core)."""
        from core.notifications import register_event
        from core.verification import register_document_kind

        register_document_kind("assessment.certificate", _("Test certificate"))
        register_event("assessment.test_assigned", label=_("A test assigned to you"),
                       description=_("An attestation campaign asks you to sit a test by its deadline."))
        register_event("assessment.test_reminder", label=_("Reminder of a test due soon"),
                       description=_("The deadline of a test you have not finished is near."))
