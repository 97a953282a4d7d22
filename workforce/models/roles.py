from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from core.roles import MAX_ROLE_KEY_LENGTH, role_choices

from .organizations import Organization


class Role(models.TextChoices):
    """Workforce's roles granted on an organisation subtree (registered in ``core.roles`` by
    ``WorkforceConfig.ready``; other apps register their own). Civil servants (own record) and
    candidates (own applications) need no grant: they follow from the account's own data."""

    ADMIN = "admin", _("System administrator")
    HR_OFFICER = "hr_officer", _("HR officer")
    LEADERSHIP = "leadership", _("Leadership")
    COMMISSION = "commission", _("Commission member")


class RoleGrant(TimeStampedModel):
    """``user`` holds ``role`` on ``organization`` and everything below it.

    An empty organisation means the whole civil service (for national administrators and
    leadership)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_grants"
    )
    # Any role registered in ``core.roles`` (workforce's four below, and the roles other apps add).
    role = models.CharField(_("role"), max_length=MAX_ROLE_KEY_LENGTH, choices=role_choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="role_grants", help_text=_("Leave empty to grant the role on the whole civil service."),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        ordering = ["user_id", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organization"], condition=Q(organization__isnull=False),
                name="wf_rolegrant_unique_on_org",
            ),
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(organization__isnull=True),
                name="wf_rolegrant_unique_global",
            ),
        ]

    def __str__(self) -> str:
        where = self.organization.name if self.organization_id else _("whole civil service")
        return f"{self.user} — {self.get_role_display()} — {where}"
