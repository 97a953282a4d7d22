"""Who must sit which test: attestation campaigns over an organisation subtree, and assignments (one
per taker, test and source: a campaign, or another app such as vacancies)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from .tests import Test

CAMPAIGN_SOURCE = "assessment.campaign"
"""``TestAssignment.source_app`` of assignments made by an attestation campaign."""


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Campaign(TimeStampedModel):
    """An attestation campaign: every civil servant of ``organization``'s subtree who has an account
    must sit ``test`` before ``deadline``. People who join the subtree or get an account while the
    campaign is open are added by the daily sync (``assessment.campaigns_sync``)."""

    name = models.CharField(_("name"), max_length=200)
    test = models.ForeignKey(Test, verbose_name=_("test"), on_delete=models.PROTECT, related_name="campaigns")
    organization = models.ForeignKey("workforce.Organization", verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="+",
                                     help_text=_("The campaign covers this organisation and everything below it."))
    starts_at = models.DateTimeField(_("starts"))
    deadline = models.DateTimeField(_("deadline"))
    status = models.CharField(_("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("attestation campaign")
        verbose_name_plural = _("attestation campaigns")
        ordering = ["-deadline", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gt=models.F("starts_at")), name="as_campaign_window_ordered"),
        ]

    def __str__(self) -> str:
        return self.name


class TestAssignment(TimeStampedModel):
    """``user`` has to sit ``test`` for ``source`` (``source_app``/``source_id``, e.g. a campaign or a
    vacancy application). One per (test, user, source): assigning again changes nothing.

    ``organization`` is the taker's organisation when a campaign assigned the test (HR pages are scoped
    on it); assignments of other apps (candidates) have none and are read by those apps through the
    selectors."""

    __test__ = False

    test = models.ForeignKey(Test, verbose_name=_("test"), on_delete=models.PROTECT, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("taker"), on_delete=models.CASCADE,
                             related_name="test_assignments")
    source_app = models.CharField(_("source"), max_length=40)
    source_id = models.CharField(_("source id"), max_length=64)
    source_label = models.CharField(_("assigned for"), max_length=255, blank=True, default="")
    available_until = models.DateTimeField(_("to be taken by"), null=True, blank=True)
    accepts_banked = models.BooleanField(
        _("a banked score counts"), default=True,
        help_text=_("Competitions accept a passed score of a matching test from the last 3 months; attestation "
                    "campaigns do not."))
    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="assignments")
    organization = models.ForeignKey("workforce.Organization", verbose_name=_("organisation"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    last_reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)

    class Meta:
        verbose_name = _("test assignment")
        verbose_name_plural = _("test assignments")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["test", "user", "source_app", "source_id"], name="as_assignment_unique"),
        ]
        indexes = [
            models.Index(fields=["user", "test"], name="as_assignment_user_test_idx"),
            models.Index(fields=["campaign", "organization"], name="as_assignment_campaign_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.test} — {self.user}"
