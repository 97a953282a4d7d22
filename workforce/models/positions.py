"""The State Register of civil-service positions and the staffing tables built from it."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import TranslatedNameMixin
from core.models import TimeStampedModel

from .organizations import Organization, OrganizationLevel


class PositionGroup(models.TextChoices):
    POLITICAL = "political", _("Political")
    MANAGEMENT = "management", _("Management")
    SPECIALIST = "specialist", _("Specialist")


class PositionCategory(TranslatedNameMixin):
    """A category of the register (reference data, editable by administrators)."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    group = models.CharField(_("group"), max_length=16, choices=PositionGroup.choices)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("position category")
        verbose_name_plural = _("position categories")
        ordering = ["ordering", "code"]


class QualificationLevel(TranslatedNameMixin):
    """The qualification level a register position requires (reference data)."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("qualification level")
        verbose_name_plural = _("qualification levels")
        ordering = ["ordering", "code"]


class QualificationRank(TranslatedNameMixin):
    """One step of the qualification-rank ladder. The ladder is data: ``ordering`` 1 is the
    lowest rank; lowering a rank as a sanction moves one step down."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    ordering = models.PositiveSmallIntegerField(_("order"), unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("qualification rank")
        verbose_name_plural = _("qualification ranks")
        ordering = ["ordering"]


class RegisterPosition(TranslatedNameMixin, TimeStampedModel):
    """A position of the State Register of civil-service positions."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    level = models.CharField(_("level"), max_length=16, choices=OrganizationLevel.choices)
    group = models.CharField(_("group"), max_length=16, choices=PositionGroup.choices)
    category = models.ForeignKey(PositionCategory, verbose_name=_("category"), on_delete=models.PROTECT)
    qualification_level = models.ForeignKey(
        QualificationLevel, verbose_name=_("qualification level"), null=True, blank=True, on_delete=models.PROTECT
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("register position")
        verbose_name_plural = _("register positions")
        ordering = ["code"]


class StaffPosition(TranslatedNameMixin, TimeStampedModel):
    """One line of an organisation's staffing table: a position with ``rate_units`` planned units.

    Assignments fill it; the sum of the rates of overlapping assignments never exceeds
    ``rate_units`` (checked by the services under a row lock)."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="staff_positions"
    )
    code = models.CharField(_("code"), max_length=32, help_text=_("Unique within the organisation."))
    register_position = models.ForeignKey(
        RegisterPosition, verbose_name=_("register position"), null=True, blank=True, on_delete=models.PROTECT
    )
    group = models.CharField(_("group"), max_length=16, choices=PositionGroup.choices)
    category = models.ForeignKey(PositionCategory, verbose_name=_("category"), on_delete=models.PROTECT)
    rate_units = models.DecimalField(
        _("rate units"), max_digits=6, decimal_places=2, default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.25"))],
        help_text=_("How many full-time units the staffing table plans for this position."),
    )
    salary_grade = models.PositiveSmallIntegerField(_("salary grade"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("staff position")
        verbose_name_plural = _("staff positions")
        ordering = ["organization_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="wf_staffpos_org_code_uniq"),
            models.CheckConstraint(condition=Q(rate_units__gt=0), name="wf_staffpos_rate_units_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
