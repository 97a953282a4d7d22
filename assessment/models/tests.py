"""Test blueprints: what an attempt draws, how long it lasts, when it passes and what the taker sees."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import TranslatedNameMixin
from core.models import TimeStampedModel

from .bank import Difficulty, Section


class TestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class ShowWhen(models.TextChoices):
    NEVER = "never", _("Never")
    AFTER_FINISH = "after_finish", _("As soon as the attempt is finished")
    AFTER_CLOSE = "after_close", _("After the test's availability window closes")


class Test(TranslatedNameMixin, TimeStampedModel):
    """A test blueprint. Attempts freeze what they drew and the settings that decide their result
    (pass mark, what is shown when), so editing a blueprint changes only attempts started later.

    ``requirements_key`` says which tests accept each other's banked scores: the ``banking_group``
    code when the author set one, otherwise the composition (sections, counts, difficulties). It is
    kept up to date by ``assessment.services`` whenever the blueprint or its sections change."""

    __test__ = False  # not a pytest test class

    code = models.SlugField(_("code"), max_length=40, unique=True)
    owner_organization = models.ForeignKey(
        "workforce.Organization", verbose_name=_("owner organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", help_text=_("Empty: a national test."),
    )
    description_uz = models.TextField(_("instructions (Uzbek)"), blank=True, default="")
    description_ru = models.TextField(_("instructions (Russian)"), blank=True, default="")
    time_limit_minutes = models.PositiveSmallIntegerField(_("time limit (minutes)"), default=45)
    pass_mark = models.DecimalField(
        _("pass mark (0–100)"), max_digits=5, decimal_places=2, null=True, blank=True,
        help_text=_("Empty: the policy's pass mark (56 by default) on the day the attempt starts."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=1, help_text=_("Per assignment (a campaign or a vacancy)."))
    available_from = models.DateTimeField(_("available from"), null=True, blank=True)
    available_until = models.DateTimeField(_("available until"), null=True, blank=True)
    results_shown = models.CharField(_("score shown to the taker"), max_length=16, choices=ShowWhen.choices,
                                     default=ShowWhen.AFTER_FINISH)
    answers_shown = models.CharField(_("correct answers shown to the taker"), max_length=16,
                                     choices=ShowWhen.choices, default=ShowWhen.AFTER_CLOSE)
    banking_group = models.SlugField(
        _("banking group"), max_length=40, blank=True, default="",
        help_text=_("Tests with the same code accept each other's passed scores for 3 months. Empty: tests "
                    "with the same sections, question counts and difficulties do."),
    )
    requirements_key = models.CharField(_("requirements key"), max_length=80, editable=False, default="",
                                        db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=TestStatus.choices, default=TestStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("test")
        verbose_name_plural = _("tests")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__isnull=True) | (Q(pass_mark__gte=0) & Q(pass_mark__lte=100)),
                                   name="as_test_pass_mark_range"),
            models.CheckConstraint(condition=Q(time_limit_minutes__gte=1), name="as_test_time_limit_positive"),
            models.CheckConstraint(condition=Q(attempts_allowed__gte=1), name="as_test_attempts_positive"),
            models.CheckConstraint(
                condition=Q(available_from__isnull=True) | Q(available_until__isnull=True)
                | Q(available_until__gt=models.F("available_from")),
                name="as_test_window_ordered",
            ),
        ]

    @property
    def question_count(self) -> int:
        return sum(line.question_count for line in self.sections.all())


class TestSection(models.Model):
    """A line of a blueprint: draw ``question_count`` questions of ``section`` (of one difficulty, or any)."""

    __test__ = False

    test = models.ForeignKey(Test, verbose_name=_("test"), on_delete=models.CASCADE, related_name="sections")
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="+")
    question_count = models.PositiveSmallIntegerField(_("questions"), default=5)
    difficulty = models.PositiveSmallIntegerField(_("difficulty"), choices=Difficulty.choices, null=True, blank=True,
                                                  help_text=_("Empty: any difficulty."))
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("test section")
        verbose_name_plural = _("test sections")
        ordering = ["test_id", "ordering", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(question_count__gte=1), name="as_testsection_count_positive"),
            models.UniqueConstraint(fields=["test", "section", "difficulty"], condition=Q(difficulty__isnull=False),
                                    name="as_testsection_unique_difficulty"),
            models.UniqueConstraint(fields=["test", "section"], condition=Q(difficulty__isnull=True),
                                    name="as_testsection_unique_any"),
        ]

    def __str__(self) -> str:
        return f"{self.section} × {self.question_count}"
