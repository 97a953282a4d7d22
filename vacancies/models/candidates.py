"""Candidates: the people who apply. A serving civil servant is a candidate linked to their employee
record (by PINFL); there is no second identity."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from workforce.models import EducationLevel, Employee, Sex
from workforce.validators import validate_passport, validate_pinfl

__all__ = ["Candidate", "CandidateDocument", "CandidateDocumentKind", "CandidateEducation", "CandidateExperience"]


class Candidate(TimeStampedModel):
    """The applicant behind an account. ``employee`` is set when the person is on the workforce
    record (same PINFL): such a candidate applies to internal competitions as themselves."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user account"), on_delete=models.CASCADE,
                                related_name="candidate")
    employee = models.OneToOneField(Employee, verbose_name=_("employee record"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="candidate")
    pinfl = models.CharField(_("PINFL"), max_length=14, validators=[validate_pinfl])
    passport = models.CharField(_("passport"), max_length=9, validators=[validate_passport])
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    middle_name = models.CharField(_("patronymic"), max_length=100, blank=True, default="")
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True, default="")
    languages = models.JSONField(_("languages"), default=list, blank=True,
                                 help_text=_("Language codes, e.g. uz, ru, en."))
    history = HistoricalRecords(excluded_fields=["updated_at"], user_db_constraint=False)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pinfl"], name="vac_candidate_pinfl_uniq"),
            models.CheckConstraint(condition=Q(pinfl__regex=r"^[0-9]{14}$"), name="vac_candidate_pinfl_14_digits"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.middle_name) if part)


class CandidateEducation(TimeStampedModel):
    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE,
                                  related_name="educations")
    level = models.CharField(_("level"), max_length=16, choices=EducationLevel.choices)
    institution = models.CharField(_("institution"), max_length=255)
    specialty = models.CharField(_("specialty"), max_length=255, blank=True, default="")
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], user_db_constraint=False)

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("education")
        ordering = ["candidate_id", "-graduation_year", "-id"]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.institution}"


class CandidateExperience(TimeStampedModel):
    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE,
                                  related_name="experiences")
    employer = models.CharField(_("employer"), max_length=255)
    position = models.CharField(_("position"), max_length=255)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty: still working there."))
    history = HistoricalRecords(excluded_fields=["updated_at"], user_db_constraint=False)

    class Meta:
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        ordering = ["candidate_id", "-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                                   name="vac_experience_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.position}, {self.employer}"


class CandidateDocumentKind(models.TextChoices):
    CV = "cv", _("CV")
    DIPLOMA = "diploma", _("Diploma")
    OTHER = "other", _("Other document")


class CandidateDocument(models.Model):
    """A CV or diploma the candidate uploaded; the file itself is a ``core.documents`` document (use
    ``vacancies.candidate_document``), deleted with it when its retention ends."""

    candidate = models.ForeignKey(Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE,
                                  related_name="documents")
    kind = models.CharField(_("kind"), max_length=16, choices=CandidateDocumentKind.choices)
    title = models.CharField(_("title"), max_length=255, blank=True, default="")
    document = models.OneToOneField("core.StoredDocument", verbose_name=_("file"), on_delete=models.CASCADE,
                                    related_name="+")
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("candidate document")
        verbose_name_plural = _("candidate documents")
        ordering = ["candidate_id", "kind", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()
