"""Monthly snapshots of the composition: the trends over 24 months read them instead of
recomputing two years of assignments."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class CompositionSnapshot(TimeStampedModel):
    """The composition of ``organization``'s subtree (None: the whole civil service) on
    ``month_end``, the last day of a month, as ``workforce.selectors.composition_on`` computed it,
    unsuppressed (``payload``: headcount, units, every breakdown). Written only by
    ``reports.services.snapshot_month``; re-running a month replaces it."""

    organization = models.ForeignKey("workforce.Organization", verbose_name=_("organisation"), null=True,
                                     blank=True, on_delete=models.CASCADE, related_name="+", db_index=False)
    month_end = models.DateField(_("month end"))
    headcount = models.PositiveIntegerField(_("headcount"), default=0)
    payload = models.JSONField(_("figures"), default=dict)

    class Meta:
        verbose_name = _("composition snapshot")
        verbose_name_plural = _("composition snapshots")
        ordering = ["organization_id", "month_end"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "month_end"], name="rep_snapshot_org_month_uniq"),
            models.UniqueConstraint(fields=["month_end"], condition=Q(organization__isnull=True),
                                    name="rep_snapshot_service_month_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id or '*'} {self.month_end}"
