"""Effective-dated assignments and the HR orders that make them. History is never overwritten:
an assignment is closed (``end_date``) and a new one opened, so the composition on any past date
is ``start_date <= D and (end_date is null or end_date >= D)``."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from core.verification.models import VerifiableDocument

from .employees import Employee
from .organizations import Organization
from .positions import StaffPosition


class OrderKind(models.TextChoices):
    HIRE = "hire", _("Hire")
    TRANSFER = "transfer", _("Transfer")
    ROTATION = "rotation", _("Rotation")
    PROMOTION = "promotion", _("Promotion")
    RANK_CHANGE = "rank_change", _("Qualification rank change")
    SANCTION = "sanction", _("Disciplinary sanction")
    DISMISSAL = "dismissal", _("Dismissal")


def new_verification_code() -> str:
    """The former ``HROrder.verification_code`` default, still imported by migration 0003."""
    return secrets.token_urlsafe(12)


class HROrder(TimeStampedModel):
    """An HR order (buyruq). Issued by a service together with the change it orders; never edited.
    ``verifiable`` (a ``core.verification`` document of kind ``workforce.hr_order``, issued with the
    order) backs the public QR check at /verify/<code>/."""

    # "<organisation code (32)>/<year>/<5 digits>" fits.
    number = models.CharField(_("number"), max_length=48)
    kind = models.CharField(_("kind"), max_length=16, choices=OrderKind.choices)
    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="hr_orders")
    employee = models.ForeignKey(Employee, verbose_name=_("employee"), on_delete=models.PROTECT,
                                 related_name="hr_orders")
    order_date = models.DateField(_("order date"))
    effective_date = models.DateField(_("effective date"))
    reason = models.TextField(_("reason / basis"), blank=True, default="")
    details = models.JSONField(_("details"), default=dict, blank=True)
    # What the printed order states, as it was when issued (names, positions, rank, terms):
    # the document and /verify/ are rendered from it, never from today's rows.
    snapshot = models.JSONField(_("document as issued"), default=dict, blank=True, editable=False)
    # What authorises the order when another app asks for it (``employee_appoint(basis=...)``): e.g.
    # ("vacancies", "<vacancy id>", "Competition No. 12 ..."). Printed on the order (also in ``snapshot``).
    basis_app = models.CharField(_("basis: application"), max_length=50, blank=True, default="")
    basis_object_id = models.CharField(_("basis: object"), max_length=64, blank=True, default="")
    basis_label = models.CharField(_("basis"), max_length=500, blank=True, default="")
    # A rank change dated in the future waits here until its effective date (applied daily).
    pending = models.BooleanField(_("waiting for its effective date"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    # What /verify/<code>/ shows about the order; null only between the migration's steps.
    verifiable = models.OneToOneField(VerifiableDocument, verbose_name=_("verifiable document"), null=True,
                                      blank=True, editable=False, on_delete=models.PROTECT, related_name="hr_order")

    class Meta:
        verbose_name = _("HR order")
        verbose_name_plural = _("HR orders")
        ordering = ["-order_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="wf_order_org_number_uniq"),
        ]
        indexes = [
            models.Index(fields=["employee", "effective_date"], name="wf_order_emp_date_idx"),
            models.Index(fields=["effective_date"], condition=Q(pending=True), name="wf_order_pending_idx"),
        ]

    def __str__(self) -> str:
        return f"№ {self.number} — {self.get_kind_display()}"

    @property
    def verification_code(self) -> str:
        """The code printed in the order's QR (its verifiable document's); select_related("verifiable")."""
        return self.verifiable.code if self.verifiable_id else ""


class OrderNumberSequence(models.Model):
    """Per organisation and year counter behind order numbers (locked row, so no two orders share one)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="wf_orderseq_uniq")]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.year}: {self.last_number}"


class ContractType(models.TextChoices):
    FIXED_TERM = "fixed_term", _("Fixed-term")
    INDEFINITE = "indefinite", _("Indefinite")


class Assignment(TimeStampedModel):
    """``employee`` holds ``rate`` of ``staff_position`` from ``start_date`` to ``end_date`` (inclusive;
    open when empty). At most one open primary assignment per employee (database constraint)."""

    # The three composite indexes below start with these columns, so their own FK indexes go.
    employee = models.ForeignKey(Employee, verbose_name=_("employee"), on_delete=models.PROTECT,
                                 related_name="assignments", db_index=False)
    staff_position = models.ForeignKey(StaffPosition, verbose_name=_("position"), on_delete=models.PROTECT,
                                       related_name="assignments", db_index=False)
    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="assignments", db_index=False)
    rate = models.DecimalField(_("rate"), max_digits=4, decimal_places=2, default=Decimal("1.00"),
                               validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("1.00"))])
    is_primary = models.BooleanField(_("primary"), default=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    start_kind = models.CharField(_("started by"), max_length=16, choices=OrderKind.choices, default=OrderKind.HIRE)
    end_kind = models.CharField(_("ended by"), max_length=16, choices=OrderKind.choices, blank=True, default="")
    contract_type = models.CharField(_("contract"), max_length=16, choices=ContractType.choices,
                                     default=ContractType.INDEFINITE)
    contract_end_date = models.DateField(_("contract ends"), null=True, blank=True)
    start_order = models.ForeignKey(HROrder, verbose_name=_("order"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="started_assignments")
    end_order = models.ForeignKey(HROrder, verbose_name=_("ending order"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="ended_assignments")
    end_reason = models.CharField(_("reason for ending"), max_length=255, blank=True, default="")
    history = HistoricalRecords(excluded_fields=["updated_at"],
                                no_db_index=["staff_position", "organization", "start_order", "end_order"],
                                user_db_constraint=False)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["employee_id", "-start_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"], condition=Q(is_primary=True, end_date__isnull=True),
                name="wf_assign_one_open_primary",
            ),
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                                   name="wf_assign_dates_ordered"),
            models.CheckConstraint(condition=Q(rate__gt=0) & Q(rate__lte=1), name="wf_assign_rate_range"),
        ]
        indexes = [
            models.Index(fields=["staff_position", "end_date"], name="wf_assign_pos_end_idx"),
            models.Index(fields=["organization", "start_date"], name="wf_assign_org_start_idx"),
            models.Index(fields=["employee", "start_date"], name="wf_assign_emp_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.employee} — {self.staff_position} ({self.start_date}–{self.end_date or '…'})"


class SanctionKind(models.TextChoices):
    REPRIMAND = "reprimand", _("Reprimand")
    FINE = "fine", _("Fine")
    RANK_LOWERING = "rank_lowering", _("Lowering of qualification rank")
    DEMOTION = "demotion", _("Demotion")
    DISMISSAL = "dismissal", _("Dismissal")


class Sanction(TimeStampedModel):
    employee = models.ForeignKey(Employee, verbose_name=_("employee"), on_delete=models.PROTECT,
                                 related_name="sanctions")
    kind = models.CharField(_("kind"), max_length=16, choices=SanctionKind.choices)
    reason = models.TextField(_("reason"))
    imposed_on = models.DateField(_("imposed on"))
    expires_on = models.DateField(_("in force until"), null=True, blank=True)
    fine_amount = models.DecimalField(_("fine amount (UZS)"), max_digits=14, decimal_places=2, null=True, blank=True)
    order = models.ForeignKey(HROrder, verbose_name=_("order"), on_delete=models.PROTECT, related_name="sanctions")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("disciplinary sanction")
        verbose_name_plural = _("disciplinary sanctions")
        ordering = ["employee_id", "-imposed_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.imposed_on})"
