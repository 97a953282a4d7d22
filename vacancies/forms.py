"""Forms of the vacancies pages. They collect and check input; every change goes through
``vacancies.services``, whose ApplicationError is shown on the form."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workforce.access import HR_ROLES, organizations_for
from workforce.models import EducationLevel, Organization
from workforce.selectors import staffing_table
from workforce.validators import validate_passport, validate_pinfl

from .models import CandidateDocumentKind, CompetitionType, EmploymentType, Vacancy

EDUCATION_CHOICES = [("", _("Any")), *EducationLevel.choices]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class LanguagesField(forms.CharField):
    """Comma-separated language codes ("uz, ru") as a list."""

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [code.strip().lower() for code in text.replace(";", ",").split(",") if code.strip()]

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value


class SignupForm(forms.Form):
    pinfl = forms.CharField(label=_("PINFL"), min_length=14, max_length=14, validators=[validate_pinfl],
                            help_text=_("14 digits on your passport or ID card; the date of birth and sex are read "
                                        "from it."), widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                                                   "autocomplete": "off"}))
    passport = forms.CharField(label=_("Passport or ID card"), max_length=9, validators=[validate_passport],
                               help_text=_("2 letters and 7 digits, e.g. AA1234567."))
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    middle_name = forms.CharField(label=_("Patronymic"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-mail"), help_text=_("Your login; the confirmation link is sent here."))
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "placeholder": "+998 90 123 45 67"}))
    password1 = forms.CharField(label=_("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=_("At least 10 characters, not only digits."))
    password2 = forms.CharField(label=_("Password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_passport(self) -> str:
        return self.cleaned_data["passport"].replace(" ", "").upper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned


class ProfileForm(forms.Form):
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    languages = LanguagesField(label=_("Languages"), required=False,
                               help_text=_("Codes separated by commas, e.g. uz, ru, en."))


class EducationForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=EducationLevel.choices)
    institution = forms.CharField(label=_("Institution"), max_length=255)
    specialty = forms.CharField(label=_("Specialty"), max_length=255, required=False)
    graduation_year = forms.IntegerField(label=_("Graduation year"), required=False, min_value=1950, max_value=2100)


class ExperienceForm(forms.Form):
    employer = forms.CharField(label=_("Employer"), max_length=255)
    position = forms.CharField(label=_("Position"), max_length=255)
    start_date = forms.DateField(label=_("From"), widget=DateInput())
    end_date = forms.DateField(label=_("Until"), widget=DateInput(), required=False,
                               help_text=_("Leave empty if you still work there."))


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=CandidateDocumentKind.choices)
    title = forms.CharField(label=_("Description"), max_length=255, required=False,
                            help_text=_("E.g. “Bachelor's diploma, 2016”."))
    file = forms.FileField(label=_("File"), help_text=_("PDF, JPG or PNG, at most 10 MB."))


class VacancyForm(forms.ModelForm):
    """The HR officer's vacancy form (the staff position is chosen before, from the staffing table)."""

    languages = LanguagesField(label=_("Languages"), required=False,
                               help_text=_("Codes separated by commas, e.g. uz, ru, en."))
    min_education = forms.ChoiceField(label=_("Minimum education"), choices=EDUCATION_CHOICES, required=False)

    class Meta:
        model = Vacancy
        fields = ["title_uz", "title_ru", "title_en", "competition_type", "min_education", "min_experience_years",
                  "specialty", "languages", "salary_min", "salary_max", "employment_type", "opens_on", "closes_on",
                  "test", "test_weight", "interview_weight", "description_uz", "description_ru", "description_en"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput(),
                   "description_uz": forms.Textarea(attrs={"rows": 6}),
                   "description_ru": forms.Textarea(attrs={"rows": 6}),
                   "description_en": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"description_uz": _("Formatting allowed: paragraphs, lists, bold, italics, links. Anything "
                                          "else (scripts, styles, images) is removed.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competition_type"].choices = CompetitionType.choices
        self.fields["employment_type"].choices = EmploymentType.choices
        self.fields["title_uz"].required = False
        self.fields["title_uz"].help_text = _("Empty: the name of the staff position.")
        self.fields["test"].queryset = competition_tests()
        self.fields["test"].help_text = _("Admitted candidates sit this test; a banked score of a matching test "
                                          "passes by itself. Empty: you record the test results yourself.")

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


def competition_tests():
    """Published tests of the assessment bank a vacancy may use (their names are public)."""
    from assessment.models import Test, TestStatus

    return Test.objects.filter(status=TestStatus.PUBLISHED).order_by("name_uz", "id")


class VacantPositionForm(forms.Form):
    """Step 1 of a new vacancy: an organisation in scope, then one of its vacant staff positions."""

    organization = forms.ModelChoiceField(label=_("Organisation"), queryset=Organization.objects.none(),
                                          empty_label=_("Choose…"))
    staff_position = forms.TypedChoiceField(label=_("Vacant position"), coerce=int, choices=())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organization"].queryset = organizations_for(user, roles=HR_ROLES).order_by("path")
        self.fields["organization"].label_from_instance = lambda o: f"{'— ' * o.depth}{o.name} ({o.code})"
        org_id = self.data.get("organization") or self.initial.get("organization")
        self.rows = []
        if org_id and str(org_id).isdigit():
            organization = self.fields["organization"].queryset.filter(pk=org_id).first()
            if organization is not None:
                self.rows = [row for row in staffing_table(organization=organization, user=user) if row.vacant > 0]
        self.fields["staff_position"].choices = [("", _("Choose…"))] + [
            (row.staff_position.pk, f"{row.staff_position.code} — {row.staff_position.name} ({row.vacant})")
            for row in self.rows]

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("staff_position")
        cleaned["position"] = next((r.staff_position for r in self.rows if r.staff_position.pk == chosen), None)
        if chosen and cleaned["position"] is None:
            self.add_error("staff_position", _("Choose a vacant position of the selected organisation."))
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class OverrideForm(forms.Form):
    admit = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "1",
                                   choices=[("1", _("Admit despite the check")), ("0", _("Do not admit"))])
    override_reason = forms.CharField(label=_("Written reason"), widget=forms.Textarea(attrs={"rows": 3}),
                                      max_length=2000)


class AppointForm(forms.Form):
    start_date = forms.DateField(label=_("Start date"), widget=DateInput(), initial=timezone.localdate)


class MemberForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Member"), coerce=int, choices=())
    is_chair = forms.BooleanField(label=_("Chair"), required=False)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", _("Choose…"))] + [
            (u.pk, f"{u.get_full_name() or u.username} ({u.username})") for u in candidates]


class CriterionForm(forms.Form):
    name_uz = forms.CharField(label=_("Criterion (Uzbek)"), max_length=255)
    name_ru = forms.CharField(label=_("Criterion (Russian)"), max_length=255, required=False)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100, initial=10)
    max_points = forms.IntegerField(label=_("Maximum points"), min_value=1, max_value=100, initial=10)


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Conflict of interest"), coerce=lambda v: v == "1", widget=forms.RadioSelect,
        choices=[("0", _("I have no conflict of interest with this candidate")),
                 ("1", _("I have a conflict of interest (I will not score this candidate)"))])
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)
