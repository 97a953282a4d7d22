"""The question bank: sections (diagnostic domains), questions and their choices."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.i18n import TranslatedNameMixin, localized_value
from core.models import TimeStampedModel

TEXT_LANGUAGES = ("uz", "ru", "uz_cyrl", "en")
"""Languages a question can be written in; uz and ru are required."""


class Section(TranslatedNameMixin):
    """A diagnostic domain of DOMAIN.md (sector knowledge, state language, ...). Seeded by a migration."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(pgettext_lazy("assessment", "active"), default=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["ordering", "code"]


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True / false")


class Scoring(models.TextChoices):
    """How a multiple-choice answer earns credit (single choice and true/false take the fraction of
    the chosen option)."""

    ALL_OR_NOTHING = "all_or_nothing", _("All or nothing: every correct option and no wrong one")
    FRACTIONS = "fractions", _("Partial credit: sum of the chosen options' fractions, never below 0")


class Difficulty(models.IntegerChoices):
    EASY = 1, _("Easy")
    MEDIUM = 2, _("Medium")
    HARD = 3, _("Hard")


class Question(TimeStampedModel):
    """One question. Editing it never changes a past attempt: an attempt keeps a snapshot of what it
    showed (``AttemptSlot.snapshot``), and ``version`` counts content changes (the full history is
    kept by django-simple-history).

    ``owner_organization`` scopes the authors who may see and edit it; empty means the national bank
    (kept by authors of the whole civil service). A test draws from its own organisation's bank, the
    banks of the organisations above it and the national bank."""

    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="questions")
    owner_organization = models.ForeignKey(
        "workforce.Organization", verbose_name=_("owner organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("Empty: the national question bank."),
    )
    kind = models.CharField(_("type"), max_length=16, choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    scoring = models.CharField(_("scoring"), max_length=16, choices=Scoring.choices, default=Scoring.FRACTIONS,
                               help_text=_("Used by multiple-choice questions."))
    text_uz = models.TextField(_("text (Uzbek)"))
    text_ru = models.TextField(_("text (Russian)"))
    text_uz_cyrl = models.TextField(_("text (Uzbek, Cyrillic)"), blank=True, default="")
    text_en = models.TextField(_("text (English)"), blank=True, default="")
    difficulty = models.PositiveSmallIntegerField(_("difficulty"), choices=Difficulty.choices,
                                                  default=Difficulty.MEDIUM)
    marks = models.DecimalField(_("marks"), max_digits=5, decimal_places=2, default=1,
                                help_text=_("Weight of the question in the test score."))
    tags = models.CharField(_("tags"), max_length=255, blank=True, default="",
                            help_text=_("Comma-separated, e.g. ZRU-788, budget."))
    is_active = models.BooleanField(pgettext_lazy("assessment", "active"), default=True,
                                    help_text=_("Inactive questions are never drawn into new attempts."))
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    search_text = models.TextField(editable=False, default="",
                                   help_text="all texts and tags folded by core.text.search_key, for search")
    fingerprint = models.CharField(max_length=64, editable=False, default="", db_index=True,
                                   help_text="sha256 of the content; finds a question already in the bank on import")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at", "fingerprint", "search_text"])

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__ordering", "id"]
        indexes = [models.Index(fields=["section", "is_active", "difficulty"], name="as_question_draw_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(marks__gt=0), name="as_question_marks_positive"),
            models.CheckConstraint(condition=Q(difficulty__in=[1, 2, 3]), name="as_question_difficulty_valid"),
        ]

    def __str__(self) -> str:
        text = self.text
        return text if len(text) <= 80 else text[:77] + "…"

    @property
    def text(self) -> str:
        return localized_value(self, "text")

    def texts(self) -> dict[str, str]:
        return {lang: getattr(self, f"text_{lang}") for lang in TEXT_LANGUAGES if getattr(self, f"text_{lang}")}

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class Choice(models.Model):
    """An option of a question. ``fraction`` is the share of the question's marks it earns when chosen
    (-1..1, Moodle-style): the correct option of a single-choice question has 1; the correct options of
    a multiple-choice question share 1 between them, wrong ones may carry a penalty below 0."""

    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE,
                                 related_name="choices")
    text_uz = models.TextField(_("text (Uzbek)"))
    text_ru = models.TextField(_("text (Russian)"))
    text_uz_cyrl = models.TextField(_("text (Uzbek, Cyrillic)"), blank=True, default="")
    text_en = models.TextField(_("text (English)"), blank=True, default="")
    fraction = models.DecimalField(_("fraction"), max_digits=7, decimal_places=5, default=0)
    ordering = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question_id", "ordering", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(fraction__gte=-1) & Q(fraction__lte=1), name="as_choice_fraction_range"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return localized_value(self, "text")

    @property
    def is_correct(self) -> bool:
        return self.fraction > 0

    def texts(self) -> dict[str, str]:
        return {lang: getattr(self, f"text_{lang}") for lang in TEXT_LANGUAGES if getattr(self, f"text_{lang}")}
