"""Forms of the HR officer pages. They only collect and check input; every change goes through
``workforce.services``, whose ApplicationError is shown on the form (see views.orders)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, DateInput, IdField

from .access import HR_ROLES, organizations_for, scope_queryset
from .models import (
    CircumstanceKind,
    EducationLevel,
    Employee,
    Organization,
    PositionCategory,
    QualificationRank,
    RegisterPosition,
    ReserveSource,
    SanctionKind,
    StaffPosition,
)
from .validators import validate_passport, validate_pinfl

RATE_CHOICES = [(Decimal("1.00"), "1.00"), (Decimal("0.75"), "0.75"), (Decimal("0.50"), "0.50"),
                (Decimal("0.25"), "0.25")]


class OrganizationChoiceField(forms.ModelChoiceField):
    """Organisations indented by depth, so the tree reads in a plain select."""

    def label_from_instance(self, obj: Organization) -> str:
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


class StaffPositionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: StaffPosition) -> str:
        return f"{obj.code} — {obj.name}"


class EmployeeForm(forms.ModelForm):
    """Personal data. The PINFL is entered once and never changes afterwards."""

    class Meta:
        model = Employee
        fields = [
            "pinfl", "last_name", "first_name", "middle_name", "last_name_cyrl", "first_name_cyrl",
            "middle_name_cyrl", "birth_date", "sex", "citizenship", "passport", "phone", "email", "address",
            "qualification_rank", "civil_service_start",
        ]
        widgets = {"birth_date": DateInput(), "civil_service_start": DateInput()}
        field_classes = {"birth_date": DateField, "civil_service_start": DateField}

    organization = OrganizationChoiceField(
        label=_("Organisation keeping the record"), queryset=Organization.objects.none(),
        help_text=_("Where the person will be hired; the record stays there until then."),
    )
    languages = forms.CharField(label=_("Languages"), required=False,
                                help_text=_("Codes separated by commas: uz, ru, en."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pinfl"].validators = [validate_pinfl]
        # Normalised in clean_passport first, then checked: "aa 5265040" is a valid way to type it.
        self.fields["passport"].validators = []
        if self.instance.pk:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations_for(user, roles=HR_ROLES).order_by("path")
        self.fields["qualification_rank"].queryset = QualificationRank.objects.filter(is_active=True)
        if self.instance.pk:
            self.fields["pinfl"].disabled = True
            self.fields["pinfl"].help_text = _("A PINFL never changes.")
            self.initial["languages"] = ", ".join(self.instance.languages or [])

    def clean_passport(self) -> str:
        passport = (self.cleaned_data.get("passport") or "").replace(" ", "").upper()
        validate_passport(passport)
        return passport

    def clean_languages(self) -> list[str]:
        raw = self.cleaned_data.get("languages") or ""
        return [code.strip().lower() for code in raw.replace(";", ",").split(",") if code.strip()]

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}
        data["languages"] = self.cleaned_data.get("languages", [])
        if self.instance.pk:
            data.pop("pinfl", None)
        else:
            data["organization"] = self.cleaned_data["organization"]
        return data


class PositionPickMixin(forms.Form):
    """Organisation, then one of its staff positions (the position list reloads with htmx)."""

    organization = OrganizationChoiceField(label=_("Organisation"), queryset=Organization.objects.none())
    staff_position = StaffPositionChoiceField(label=_("Position"), queryset=StaffPosition.objects.none())

    def setup_positions(self, user, organization_id=None) -> None:
        self.fields["organization"].queryset = organizations_for(user, roles=HR_ROLES).order_by("path")
        self.fields["organization"].widget.attrs.update({
            "hx-get": "", "hx-trigger": "change", "hx-target": "#id_staff_position", "hx-select": "#id_staff_position",
            "hx-swap": "outerHTML", "hx-include": "this",
        })
        positions = scope_queryset(StaffPosition.objects.filter(is_active=True), user=user, roles=HR_ROLES)
        org_id = organization_id or self.data.get(self.add_prefix("organization")) or self.initial.get("organization")
        try:
            org_id = IdField(required=False).clean(org_id)
        except forms.ValidationError:
            org_id = None  # the organisation field reports it; the position list stays empty
        self.fields["staff_position"].queryset = (
            positions.filter(organization_id=org_id).order_by("code") if org_id else positions.none()
        )

    def clean(self):
        cleaned = super().clean()
        organization, position = cleaned.get("organization"), cleaned.get("staff_position")
        if organization and position and position.organization_id != organization.pk:
            self.add_error("staff_position", _("Choose a position of the selected organisation."))
        return cleaned


class HireForm(PositionPickMixin):
    start_date = DateField(label=_("Start date"), initial=timezone.localdate)
    rate = forms.TypedChoiceField(label=_("Rate"), choices=RATE_CHOICES, coerce=Decimal, initial=Decimal("1.00"))
    reason = forms.CharField(label=_("Basis"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("E.g. the competition result or the application."))


class MoveForm(PositionPickMixin):
    """Transfer, rotation and promotion share one form."""

    effective_date = DateField(label=_("Effective date"), initial=timezone.localdate)
    rate = forms.TypedChoiceField(label=_("Rate"), choices=[("", _("Keep the current rate")), *RATE_CHOICES],
                                  coerce=Decimal, required=False, empty_value=None)
    reason = forms.CharField(label=_("Basis"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RankChangeForm(forms.Form):
    rank = forms.ModelChoiceField(label=_("New qualification rank"), queryset=QualificationRank.objects.filter(
        is_active=True))
    effective_date = DateField(label=_("Effective date"), initial=timezone.localdate)
    reason = forms.CharField(label=_("Basis"), widget=forms.Textarea(attrs={"rows": 2}))


class SanctionForm(PositionPickMixin):
    kind = forms.ChoiceField(label=_("Sanction"), choices=SanctionKind.choices)
    imposed_on = DateField(label=_("Imposed on"), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    fine_amount = forms.DecimalField(label=_("Fine amount (UZS)"), required=False, min_value=Decimal("0.01"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The position is asked only for a demotion.
        self.fields["organization"].required = False
        self.fields["staff_position"].required = False
        self.fields["organization"].label = _("Organisation (demotion only)")
        self.fields["staff_position"].label = _("Lower position (demotion only)")


class DismissalForm(forms.Form):
    effective_date = DateField(label=_("Last working day"), initial=timezone.localdate)
    reason_code = forms.ChoiceField(label=_("Ground for dismissal"), choices=())
    reason = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        from .services.assignments import DismissalReason

        super().__init__(*args, **kwargs)
        self.fields["reason_code"].choices = DismissalReason.choices


class EducationForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=EducationLevel.choices)
    institution = forms.CharField(label=_("Institution"), max_length=255)
    specialty = forms.CharField(label=_("Specialty"), max_length=255, required=False)
    graduation_year = forms.IntegerField(label=_("Graduation year"), required=False, min_value=1950,
                                         max_value=2100)


class CircumstanceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Circumstance"), choices=CircumstanceKind.choices)
    start_date = DateField(label=_("From"))
    end_date = DateField(label=_("Until"), required=False)
    child_birth_date = DateField(label=_("Child's date of birth"), required=False,
                                       help_text=_("Only for a child under three."))
    note = forms.CharField(label=_("Note / document"), max_length=255, required=False)


class StaffPositionForm(forms.ModelForm):
    class Meta:
        model = StaffPosition
        fields = ["code", "name_uz", "name_uz_cyrl", "name_ru", "name_en", "group", "category", "register_position",
                  "rate_units", "salary_grade", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = PositionCategory.objects.all()
        self.fields["register_position"].queryset = RegisterPosition.objects.filter(is_active=True)


class ReserveEntryForm(forms.Form):
    organization = OrganizationChoiceField(label=_("Organisation"), queryset=Organization.objects.none())
    category = forms.ModelChoiceField(label=_("Position category"),
                                      queryset=PositionCategory.objects.filter(group="management"))
    source = forms.ChoiceField(label=_("Source"), choices=ReserveSource.choices)
    included_on = DateField(label=_("Included on"), initial=timezone.localdate)
    expires_on = DateField(label=_("Expires on"), required=False,
                                 help_text=_("Empty: the standard reserve term."))
    employee_pinfl = forms.CharField(label=_("Civil servant's PINFL"), required=False, max_length=14)
    external_full_name = forms.CharField(label=_("Or: external candidate's full name"), required=False)
    external_pinfl = forms.CharField(label=_("External candidate's PINFL"), required=False, max_length=14)
    external_phone = forms.CharField(label=_("Phone"), required=False, max_length=20)
    external_email = forms.EmailField(label=_("E-mail"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["organization"].queryset = organizations_for(user, roles=HR_ROLES).order_by("path")

    def clean(self):
        cleaned = super().clean()
        pinfl = (cleaned.get("employee_pinfl") or "").strip()
        if pinfl:
            from .selectors import employee_list

            employee = employee_list(user=self.user).filter(pinfl=pinfl).first()
            if employee is None:
                self.add_error("employee_pinfl", _("No employee with PINFL %(pinfl)s in your organisations.") % {
                    "pinfl": pinfl})
            cleaned["employee"] = employee
        elif not cleaned.get("external_full_name"):
            self.add_error("employee_pinfl", _("Give a civil servant's PINFL or an external candidate's name."))
        return cleaned
