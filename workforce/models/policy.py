"""Rules DOMAIN.md marks configurable: data with an effective date, seeded with the stated default."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyKey(models.TextChoices):
    PENSION_AGE_MALE = "pension_age_male", _("Pension age, men (years)")
    PENSION_AGE_FEMALE = "pension_age_female", _("Pension age, women (years)")
    ROTATION_PENSION_WINDOW = "rotation_pension_window", _("No rotation within this many years of pension age")
    FIRST_CONTRACT_MONTHS = "first_contract_months", _("First-time entrant contract (months)")
    RESERVE_TERM_MONTHS = "reserve_term_months", _("Personnel reserve term (months)")
    SANCTION_TERM_MONTHS = "sanction_term_months", _("Disciplinary sanction in force (months)")
    MINIMUM_HIRE_AGE = "minimum_hire_age", _("Minimum age for entering the civil service (years)")
    RANK_MINIMUM_MONTHS = "rank_minimum_months", _("Minimum time in a qualification rank before the next (months)")


POLICY_DEFAULTS: dict[str, Decimal] = {
    PolicyKey.PENSION_AGE_MALE: Decimal(60),
    PolicyKey.PENSION_AGE_FEMALE: Decimal(55),
    PolicyKey.ROTATION_PENSION_WINDOW: Decimal(3),
    PolicyKey.FIRST_CONTRACT_MONTHS: Decimal(12),
    PolicyKey.RESERVE_TERM_MONTHS: Decimal(36),
    PolicyKey.SANCTION_TERM_MONTHS: Decimal(12),
    PolicyKey.MINIMUM_HIRE_AGE: Decimal(18),
    PolicyKey.RANK_MINIMUM_MONTHS: Decimal(12),
}


class PolicyParameter(models.Model):
    key = models.CharField(_("parameter"), max_length=40, choices=PolicyKey.choices)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    effective_from = models.DateField(_("effective from"))
    note = models.CharField(_("legal basis / note"), max_length=255, blank=True, default="")

    class Meta:
        verbose_name = _("policy parameter")
        verbose_name_plural = _("policy parameters")
        ordering = ["key", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["key", "effective_from"], name="wf_policy_key_date_uniq")]

    def __str__(self) -> str:
        return f"{self.get_key_display()} = {self.value} ({self.effective_from})"
