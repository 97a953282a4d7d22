"""Applications and the stage each one is at."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from workforce.models import Employee

from .candidates import Candidate
from .vacancies import Vacancy

__all__ = ["ACTIVE_STAGES", "Application", "ApplicationEvent", "Stage"]


class Stage(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ADMITTED = "admitted", _("Admitted to the competition")
    REJECTED = "rejected", _("Not admitted")
    TESTING = "testing", _("Testing")
    TEST_PASSED = "test_passed", _("Test passed")
    TEST_FAILED = "test_failed", _("Test not passed")
    INTERVIEW = "interview", _("Interview")
    WINNER = "winner", _("Winner")
    RESERVE = "reserve", _("Ranked reserve")
    APPOINTED = "appointed", _("Appointed")
    DECLINED = "declined", _("Declined the appointment")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CANCELLED = "cancelled", _("Competition cancelled")


ACTIVE_STAGES = (Stage.SUBMITTED, Stage.ADMITTED, Stage.TESTING, Stage.TEST_PASSED, Stage.INTERVIEW, Stage.WINNER,
                 Stage.RESERVE)
"""An application in one of these stages, of a vacancy not yet completed, is *active*: it counts
toward the 5 a candidate may hold (``Application.is_active``, kept by the services)."""


class Application(TimeStampedModel):
    """``candidate`` competing for ``vacancy``. One per candidate and vacancy (database constraint);
    the stage changes only through ``vacancies.services`` (one function, ``_change_stage``)."""

    vacancy = models.ForeignKey(Vacancy, verbose_name=_("vacancy"), on_delete=models.PROTECT,
                                related_name="applications")
    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"), on_delete=models.PROTECT,
                                  related_name="applications")
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.SUBMITTED)
    is_active = models.BooleanField(_("active"), default=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    stage_changed_at = models.DateTimeField(_("stage changed at"))
    # What the candidate declared when applying: the check and the HR pages read this snapshot, so
    # later profile edits do not rewrite an application.
    snapshot = models.JSONField(_("candidate data when applying"), default=dict, blank=True)
    check_passed = models.BooleanField(_("meets the requirements"), null=True, blank=True)
    # [{"code": ..., "params": {...}}]: rendered in the reader's language by vacancies.checks.
    check_reasons = models.JSONField(_("check reasons"), default=list, blank=True)
    override_reason = models.TextField(_("reason for overriding the check"), blank=True, default="")
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("overridden by"), null=True,
                                      blank=True, on_delete=models.SET_NULL, related_name="+")
    rejection_reason = models.TextField(_("reason for not admitting"), blank=True, default="")
    test_score = models.DecimalField(_("test score"), max_digits=5, decimal_places=2, null=True, blank=True)
    test_banked = models.BooleanField(_("banked test score"), default=False)
    interview_score = models.DecimalField(_("interview score"), max_digits=5, decimal_places=2, null=True,
                                          blank=True)
    final_score = models.DecimalField(_("final score"), max_digits=5, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("place in the ranking"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True, default="")
    employee = models.ForeignKey(Employee, verbose_name=_("appointed as"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    appointment_order = models.CharField(_("appointment order"), max_length=48, blank=True, default="")
    history = HistoricalRecords(excluded_fields=["updated_at"], user_db_constraint=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["vacancy_id", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "candidate"], name="vac_one_application_per_candidate"),
            models.UniqueConstraint(fields=["vacancy"], condition=Q(stage="appointed"),
                                    name="vac_one_appointment_per_vacancy"),
            models.UniqueConstraint(fields=["vacancy", "rank"], condition=Q(rank__isnull=False),
                                    name="vac_rank_unique"),
        ]
        indexes = [
            models.Index(fields=["candidate", "is_active"], name="vac_app_candidate_active_idx"),
            models.Index(fields=["vacancy", "stage"], name="vac_app_vacancy_stage_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} — {self.vacancy}"


class ApplicationEvent(models.Model):
    """One stage change (the cabinet's timeline, the funnel and, in wave 2, the notification)."""

    application = models.ForeignKey(Application, verbose_name=_("application"), on_delete=models.CASCADE,
                                    related_name="events")
    from_stage = models.CharField(_("from"), max_length=16, choices=Stage.choices, blank=True, default="")
    to_stage = models.CharField(_("to"), max_length=16, choices=Stage.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(_("note"), blank=True, default="")
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["application_id", "created_at", "id"]
        indexes = [models.Index(fields=["to_stage", "application"], name="vac_event_stage_idx")]

    def __str__(self) -> str:
        return f"{self.from_stage or '—'} → {self.to_stage}"
