from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel

from .employees import Employee
from .organizations import Organization
from .positions import PositionCategory, RegisterPosition


class ReserveSource(models.TextChoices):
    COMPETITION = "competition", _("Competition runner-up")
    ATTESTATION = "attestation", _("Attestation / performance evaluation")
    NOMINATION = "nomination", _("Nomination by the leadership")
    TRAINING = "training", _("Leadership training programme")
    OTHER = "other", _("Other")


class ReserveStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    APPOINTED = "appointed", _("Appointed")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReserveEntry(TimeStampedModel):
    """A person kept in an organisation's personnel reserve for management positions of a category:
    a civil servant (``employee``) or an external candidate (name and contacts)."""

    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="reserve_entries")
    category = models.ForeignKey(PositionCategory, verbose_name=_("position category"), on_delete=models.PROTECT)
    register_position = models.ForeignKey(RegisterPosition, verbose_name=_("target position"), null=True,
                                          blank=True, on_delete=models.PROTECT)
    employee = models.ForeignKey(Employee, verbose_name=_("employee"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="reserve_entries")
    external_full_name = models.CharField(_("external candidate"), max_length=255, blank=True, default="")
    external_pinfl = models.CharField(_("PINFL"), max_length=14, blank=True, default="")
    external_phone = models.CharField(_("phone"), max_length=20, blank=True, default="")
    external_email = models.EmailField(_("e-mail"), blank=True, default="")
    source = models.CharField(_("source"), max_length=16, choices=ReserveSource.choices)
    included_on = models.DateField(_("included on"))
    expires_on = models.DateField(_("expires on"))
    status = models.CharField(_("status"), max_length=16, choices=ReserveStatus.choices,
                              default=ReserveStatus.ACTIVE)
    note = models.TextField(_("note"), blank=True, default="")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("reserve entry")
        verbose_name_plural = _("personnel reserve")
        ordering = ["organization_id", "-included_on"]
        constraints = [
            models.CheckConstraint(condition=Q(employee__isnull=False) | ~Q(external_full_name=""),
                                   name="wf_reserve_person_given"),
            models.CheckConstraint(condition=Q(expires_on__gte=models.F("included_on")),
                                   name="wf_reserve_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.person_name

    @property
    def person_name(self) -> str:
        return self.employee.full_name if self.employee_id else self.external_full_name
