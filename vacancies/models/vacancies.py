"""A vacancy: a competition opened for one vacant staff position."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from workforce.models import EducationLevel, Organization, PositionCategory, PositionGroup, Region, StaffPosition

__all__ = ["OPEN_STATUSES", "PUBLIC_STATUSES", "CompetitionType", "EmploymentType", "Vacancy", "VacancyStatus"]


class CompetitionType(models.TextChoices):
    """ZRU-788: specialist positions are filled by external competition (anyone may apply), management
    positions by internal competition (serving civil servants only)."""

    EXTERNAL = "external", _("External competition")
    INTERNAL = "internal", _("Internal competition")


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Accepting applications")
    CLOSED = "closed", _("Applications closed")
    IN_COMPETITION = "in_competition", _("Competition in progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (VacancyStatus.DRAFT, VacancyStatus.PUBLISHED, VacancyStatus.CLOSED, VacancyStatus.IN_COMPETITION)
"""A staff position has at most one vacancy in these statuses (database constraint)."""
PUBLIC_STATUSES = (VacancyStatus.PUBLISHED, VacancyStatus.CLOSED, VacancyStatus.IN_COMPETITION,
                   VacancyStatus.COMPLETED)
"""Statuses whose detail page is public (drafts and cancelled vacancies are not)."""


class EmploymentType(models.TextChoices):
    """schema.org ``employmentType`` values."""

    FULL_TIME = "FULL_TIME", _("Full time")
    PART_TIME = "PART_TIME", _("Part time")


class Vacancy(TimeStampedModel):
    """A competition for ``staff_position``. Written only by ``vacancies.services``.

    ``organization``, ``region``, ``group`` and ``category`` repeat the staff position's (and its
    organisation's), and ``search_text`` folds titles, organisation names and specialty
    (``core.text.search_key``), so the public list filters and searches one table."""

    staff_position = models.ForeignKey(StaffPosition, verbose_name=_("staff position"), on_delete=models.PROTECT,
                                       related_name="vacancies")
    organization = models.ForeignKey(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="vacancies")
    region = models.ForeignKey(Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="vacancies")
    group = models.CharField(_("group"), max_length=16, choices=PositionGroup.choices)
    category = models.ForeignKey(PositionCategory, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="+")
    competition_type = models.CharField(_("competition"), max_length=16, choices=CompetitionType.choices)
    status = models.CharField(_("status"), max_length=16, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT)

    title_uz = models.CharField(_("title (Uzbek)"), max_length=255)
    title_ru = models.CharField(_("title (Russian)"), max_length=255, blank=True, default="")
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True, default="")
    # Sanitised HTML (vacancies.sanitize.clean_html): only the allow-listed tags survive.
    description_uz = models.TextField(_("description (Uzbek)"), blank=True, default="")
    description_ru = models.TextField(_("description (Russian)"), blank=True, default="")
    description_en = models.TextField(_("description (English)"), blank=True, default="")

    min_education = models.CharField(_("minimum education"), max_length=16, choices=EducationLevel.choices,
                                     blank=True, default="")
    min_experience_years = models.PositiveSmallIntegerField(_("years of experience"), default=0)
    specialty = models.CharField(_("specialty"), max_length=255, blank=True, default="",
                                 help_text=_("The field of study required, e.g. “Huquqshunoslik”. Empty: any."))
    languages = models.JSONField(_("languages"), default=list, blank=True,
                                 help_text=_("Language codes the candidate must know, e.g. uz, ru, en."))
    salary_min = models.PositiveIntegerField(_("salary from (UZS a month)"))
    salary_max = models.PositiveIntegerField(_("salary up to (UZS a month)"), null=True, blank=True)
    employment_type = models.CharField(_("employment"), max_length=16, choices=EmploymentType.choices,
                                       default=EmploymentType.FULL_TIME)
    opens_on = models.DateField(_("applications from"))
    closes_on = models.DateField(_("applications until"), help_text=_("The last day applications are accepted."))
    test_weight = models.PositiveSmallIntegerField(_("weight of the test (%)"), default=50)
    interview_weight = models.PositiveSmallIntegerField(_("weight of the interview (%)"), default=50)
    # The assessment engine's test admitted candidates sit (``assessment.services.test_assign``); empty:
    # the HR service records the test results itself.
    test = models.ForeignKey("assessment.Test", verbose_name=_("test"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")

    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    ranked_at = models.DateTimeField(_("ranking made at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    search_text = models.CharField(max_length=2048, editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"], user_db_constraint=False)

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["staff_position"], condition=Q(status__in=OPEN_STATUSES),
                                    name="vac_one_open_per_position"),
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="vac_window_ordered"),
            models.CheckConstraint(condition=Q(salary_max__isnull=True) | Q(salary_max__gte=F("salary_min")),
                                   name="vac_salary_ordered"),
            models.CheckConstraint(condition=Q(test_weight__lte=100) & Q(interview_weight__lte=100)
                                   & Q(test_weight__gte=0) & Q(interview_weight__gte=0),
                                   name="vac_weights_range"),
        ]
        indexes = [
            # The public list: published vacancies, newest first, narrowed by one filter at a time.
            models.Index(fields=["status", "-published_at", "-id"], name="vac_public_list_idx"),
            models.Index(fields=["status", "region", "-published_at"], name="vac_public_region_idx"),
            models.Index(fields=["status", "category", "-published_at"], name="vac_public_category_idx"),
            models.Index(fields=["organization", "status"], name="vac_org_status_idx"),
            models.Index(fields=["status", "closes_on"], name="vac_deadline_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        from core.i18n import localized_value

        return localized_value(self, "title")

    @property
    def description(self) -> str:
        from core.i18n import localized_value

        return localized_value(self, "description")

    @property
    def safe_description(self) -> str:
        """The description for a page: sanitised again on the way out (rows written in bulk skip the service)."""
        from django.utils.safestring import mark_safe

        from ..sanitize import clean_html

        return mark_safe(clean_html(self.description))  # noqa: S308 - nh3 allow-list output

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES
