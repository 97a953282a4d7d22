"""The competition commission: members, their conflict-of-interest declarations and their scores."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.i18n import TranslatedNameMixin
from core.models import TimeStampedModel

from .applications import Application
from .vacancies import Vacancy

__all__ = ["CommissionMember", "ConflictDeclaration", "InterviewCriterion", "InterviewScore"]


class InterviewCriterion(TranslatedNameMixin):
    """One line of the interview score sheet of ``vacancy``: ``weight`` (relative) and ``max_points``."""

    vacancy = models.ForeignKey(Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE,
                                related_name="criteria")
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    max_points = models.PositiveSmallIntegerField(_("maximum points"), default=10)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("interview criterion")
        verbose_name_plural = _("interview criteria")
        ordering = ["vacancy_id", "ordering", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0) & Q(max_points__gt=0), name="vac_criterion_positive"),
        ]


class CommissionMember(TimeStampedModel):
    """``user`` sits on the commission of ``vacancy``; they hold the commission role on its organisation."""

    vacancy = models.ForeignKey(Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE,
                                related_name="commission")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.PROTECT,
                             related_name="commission_seats")
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        verbose_name = _("commission member")
        verbose_name_plural = _("commission members")
        ordering = ["vacancy_id", "-is_chair", "id"]
        constraints = [models.UniqueConstraint(fields=["vacancy", "user"], name="vac_member_unique")]

    def __str__(self) -> str:
        return str(self.user)


class ConflictDeclaration(models.Model):
    """A member's declaration about one candidate, required before scoring them. A declared conflict
    excludes that member's scores for that candidate."""

    application = models.ForeignKey(Application, verbose_name=_("application"), on_delete=models.CASCADE,
                                    related_name="declarations")
    member = models.ForeignKey(CommissionMember, verbose_name=_("member"), on_delete=models.CASCADE,
                               related_name="declarations")
    has_conflict = models.BooleanField(_("conflict of interest"))
    note = models.TextField(_("note"), blank=True, default="")
    declared_at = models.DateTimeField(_("declared at"), auto_now=True)

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [models.UniqueConstraint(fields=["application", "member"], name="vac_declaration_unique")]

    def __str__(self) -> str:
        return f"{self.member} — {self.application_id}: {self.has_conflict}"


class InterviewScore(models.Model):
    application = models.ForeignKey(Application, verbose_name=_("application"), on_delete=models.CASCADE,
                                    related_name="scores")
    member = models.ForeignKey(CommissionMember, verbose_name=_("member"), on_delete=models.CASCADE,
                               related_name="scores")
    criterion = models.ForeignKey(InterviewCriterion, verbose_name=_("criterion"), on_delete=models.CASCADE,
                                  related_name="scores")
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        verbose_name = _("interview score")
        verbose_name_plural = _("interview scores")
        constraints = [
            models.UniqueConstraint(fields=["application", "member", "criterion"], name="vac_score_unique"),
            models.CheckConstraint(condition=Q(points__gte=0), name="vac_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.criterion_id}: {self.points}"
