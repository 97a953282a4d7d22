"""The employee record every app shares."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import is_uzbek_cyrillic, person_name
from core.models import TimeStampedModel

from ..validators import pinfl_problems, validate_passport, validate_pinfl
from .organizations import Organization
from .positions import QualificationRank, StaffPosition


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class EmployeeStatus(models.TextChoices):
    ACTIVE = "active", _("In service")
    ON_LEAVE = "on_leave", _("On long-term leave")
    DISMISSED = "dismissed", _("Dismissed")
    NOT_EMPLOYED = "not_employed", _("Not employed")


class EducationLevel(models.TextChoices):
    """Ordered from lowest to highest (``EDUCATION_RANK`` gives the order)."""

    SECONDARY = "secondary", _("General secondary")
    VOCATIONAL = "vocational", _("Specialised secondary")
    BACHELOR = "bachelor", _("Higher (bachelor)")
    MASTER = "master", _("Higher (master)")
    PHD = "phd", _("Doctor of Philosophy (PhD)")
    DSC = "dsc", _("Doctor of Science (DSc)")


EDUCATION_RANK = {level: rank for rank, level in enumerate(EducationLevel.values)}


LIST_COLUMNS = ["sex", "birth_date", "status", "education_level", "hired_on", "civil_service_start", "staff_position",
                "qualification_rank", "search_text"]


class Employee(TimeStampedModel):
    """A person in the civil service. Written only by ``workforce.services``.

    ``organization``, ``staff_position``, ``hired_on`` and ``education_level`` repeat what the current
    primary assignment and the education entries say, so that lists and filters over a million
    records need no joins; the services keep them in step."""

    pinfl = models.CharField(_("PINFL"), max_length=14, validators=[validate_pinfl],
                             help_text=_("14 digits (JShShIR); never changes."))
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    middle_name = models.CharField(_("patronymic"), max_length=100, blank=True, default="")
    last_name_cyrl = models.CharField(_("last name (Cyrillic)"), max_length=100, blank=True, default="")
    first_name_cyrl = models.CharField(_("first name (Cyrillic)"), max_length=100, blank=True, default="")
    middle_name_cyrl = models.CharField(_("patronymic (Cyrillic)"), max_length=100, blank=True, default="")
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    citizenship = models.CharField(_("citizenship"), max_length=2, default="UZ", help_text=_("ISO country code."))
    passport = models.CharField(_("passport"), max_length=9, blank=True, default="",
                                validators=[validate_passport], help_text=_("2 letters and 7 digits, e.g. AA1234567."))
    phone = models.CharField(_("phone"), max_length=20, blank=True, default="")
    email = models.EmailField(_("e-mail"), blank=True, default="")
    address = models.CharField(_("address"), max_length=255, blank=True, default="")
    languages = models.JSONField(_("languages"), default=list, blank=True,
                                 help_text=_("Language codes, e.g. uz, ru, en."))
    qualification_rank = models.ForeignKey(
        QualificationRank, verbose_name=_("qualification rank"), null=True, blank=True, on_delete=models.PROTECT
    )
    civil_service_start = models.DateField(_("in the civil service since"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=EmployeeStatus.choices,
                              default=EmployeeStatus.NOT_EMPLOYED)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="employee",
    )
    # Kept in step with the current primary assignment and education entries by the services.
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="employees", db_index=False,  # wf_emp_org_list_idx starts with it
    )
    staff_position = models.ForeignKey(
        StaffPosition, verbose_name=_("position"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    hired_on = models.DateField(_("hired on"), null=True, blank=True)
    education_level = models.CharField(_("education"), max_length=16, choices=EducationLevel.choices,
                                       blank=True, default="")
    search_text = models.CharField(max_length=512, editable=False, default="")
    # History is read per record (by id) and date; indexing its copies of the foreign keys would
    # only slow every write. Its user column has no FK constraint: the actor's id stays in the trail
    # even if the account is deleted (a constraint would null it), and bulk imports skip a check a row.
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"],
                                no_db_index=["organization", "qualification_rank", "staff_position", "user"],
                                user_db_constraint=False)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["last_name", "first_name", "id"]
        # Every index costs each imported row, so each one here serves a query of the list or a
        # lookup. The two list indexes carry the filter columns (INCLUDE, PostgreSQL only; other
        # databases get the key columns) so counting and filtering a subtree read the index alone.
        indexes = [
            models.Index(fields=["organization", "last_name", "first_name", "id"], include=LIST_COLUMNS,
                         name="wf_emp_org_list_idx"),
            models.Index(fields=["last_name", "first_name", "id"], include=["organization", *LIST_COLUMNS],
                         name="wf_emp_name_list_idx"),
            models.Index(fields=["status", "organization"], name="wf_emp_status_idx"),
            models.Index(fields=["education_level", "organization"], name="wf_emp_education_idx"),
            models.Index(fields=["birth_date"], name="wf_emp_birth_idx"),
            models.Index(fields=["hired_on"], name="wf_emp_hired_idx"),
            models.Index(fields=["civil_service_start"], name="wf_emp_service_start_idx"),
            models.Index(fields=["passport"], name="wf_emp_passport_idx"),
        ]
        constraints = [
            # A constraint rather than unique=True: the same index without the LIKE twin Django adds.
            models.UniqueConstraint(fields=["pinfl"], name="wf_emp_pinfl_uniq"),
            models.CheckConstraint(condition=Q(pinfl__regex=r"^[0-9]{14}$"), name="wf_emp_pinfl_14_digits"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        super().clean()
        if self.pinfl and self.birth_date and self.sex:
            problems = pinfl_problems(self.pinfl, birth_date=self.birth_date, sex=self.sex)
            if problems:
                raise ValidationError({"pinfl": [ValidationError(msg, code=code) for code, msg in problems]})

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.middle_name) if part)

    @property
    def full_name_cyrl(self) -> str:
        return " ".join(p for p in (self.last_name_cyrl, self.first_name_cyrl, self.middle_name_cyrl) if p)

    @property
    def display_name(self) -> str:
        """The full name in the script of the active language: in Uzbek Cyrillic the Cyrillic
        spelling on record, part by part, else the Latin one transliterated; Latin otherwise."""
        if not is_uzbek_cyrillic():
            return self.full_name
        parts = ((self.last_name, self.last_name_cyrl), (self.first_name, self.first_name_cyrl),
                 (self.middle_name, self.middle_name_cyrl))
        return " ".join(person_name(latin, cyrillic) for latin, cyrillic in parts if latin or cyrillic)

    @property
    def other_script_name(self) -> str:
        """The name as written in the other script, shown under :attr:`display_name`: the Latin
        name in Uzbek Cyrillic, the Cyrillic spelling on record (if any) otherwise."""
        return self.full_name if is_uzbek_cyrillic() else self.full_name_cyrl


class Education(TimeStampedModel):
    employee = models.ForeignKey(Employee, verbose_name=_("employee"), on_delete=models.CASCADE,
                                 related_name="educations")
    level = models.CharField(_("level"), max_length=16, choices=EducationLevel.choices)
    institution = models.CharField(_("institution"), max_length=255)
    specialty = models.CharField(_("specialty"), max_length=255, blank=True, default="")
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], user_db_constraint=False)

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("education")
        ordering = ["employee_id", "-graduation_year"]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.institution}"


class CircumstanceKind(models.TextChoices):
    """Circumstances that exempt a civil servant from rotation (Law ZRU-788)."""

    TRAINING = "training", _("In training")
    PREGNANCY = "pregnancy", _("Pregnancy")
    CHILDCARE = "childcare", _("Child under three")
    MEDICAL = "medical", _("Medical grounds")


class EmployeeCircumstance(TimeStampedModel):
    employee = models.ForeignKey(Employee, verbose_name=_("employee"), on_delete=models.CASCADE,
                                 related_name="circumstances")
    kind = models.CharField(_("kind"), max_length=16, choices=CircumstanceKind.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    child_birth_date = models.DateField(_("child's date of birth"), null=True, blank=True)
    note = models.CharField(_("note / document"), max_length=255, blank=True, default="")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("circumstance")
        verbose_name_plural = _("circumstances")
        ordering = ["employee_id", "-start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                                   name="wf_circ_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
