"""Assessment rules DOMAIN.md states as defaults: data with an effective date, seeded by a migration,
changed by an administrator (Django admin) without a release."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentPolicyKey(models.TextChoices):
    PASS_MARK = "pass_mark", _("Pass mark (0–100) of tests without their own")
    BANKING_MONTHS = "banking_months", _("A passed score is banked for this many months")


POLICY_DEFAULTS: dict[str, Decimal] = {
    AssessmentPolicyKey.PASS_MARK: Decimal(56),
    AssessmentPolicyKey.BANKING_MONTHS: Decimal(3),
}


class AssessmentPolicy(models.Model):
    key = models.CharField(_("parameter"), max_length=40, choices=AssessmentPolicyKey.choices)
    value = models.DecimalField(_("value"), max_digits=8, decimal_places=2)
    effective_from = models.DateField(_("effective from"))
    note = models.CharField(_("legal basis / note"), max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("assessment policy parameter")
        verbose_name_plural = _("assessment policy parameters")
        ordering = ["key", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "effective_from"], name="as_policy_key_date_uniq"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="as_policy_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} = {self.value} ({self.effective_from})"
