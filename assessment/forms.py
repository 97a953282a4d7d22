"""Forms of the assessment pages. They collect and check input; every change goes through
``assessment.services`` (whose ApplicationError is shown on the form)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.access import has_role
from workforce.access import org_scope
from workforce.selectors import organization_list

from .interchange import FORMATS
from .models import Difficulty, Question, QuestionKind, Scoring, Section, ShowWhen, Test, TestStatus
from .roles import BANK_ROLES, CAMPAIGN_ROLES
from .services import ChoiceData, QuestionData
from .services.bank import MAX_CHOICES

CHOOSE = _("Choose…")
ALL = _("All")
NATIONAL = "national"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class OrganizationField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{'— ' * obj.depth}{obj.name}"


def owner_choices(user, roles=BANK_ROLES) -> list[tuple[str, str]]:
    """Banks the user keeps: the national one (authors of the whole civil service) and their subtrees."""
    choices: list[tuple[str, str]] = []
    if org_scope(user, roles).everything:
        choices.append((NATIONAL, str(_("National bank (whole civil service)"))))
    choices += [(str(o.pk), f"{'— ' * o.depth}{o.name}") for o in organization_list(user=user, roles=roles)
                .order_by("path")[:2000]]
    return choices


def owner_from(value: str, user, roles=BANK_ROLES):
    if value in ("", NATIONAL):
        return None
    return organization_list(user=user, roles=roles).get(pk=int(value))


class QuestionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.all(), required=False,
                                     empty_label=ALL)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", ALL), *QuestionKind.choices])
    difficulty = forms.ChoiceField(label=_("Difficulty"), required=False, choices=[("", ALL), *Difficulty.choices])
    active = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", ALL), ("1", pgettext_lazy("assessment", "Active")),
                                        ("0", pgettext_lazy("assessment", "Inactive"))])

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["section"]:
            queryset = queryset.filter(section=data["section"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["difficulty"]:
            queryset = queryset.filter(difficulty=int(data["difficulty"]))
        if data["active"]:
            queryset = queryset.filter(is_active=data["active"] == "1")
        return queryset


class QuestionForm(forms.Form):
    """A question with up to ten options. Each option's credit is a percentage: 100 for the correct
    answer of a single-choice question; shares of 100 for the correct options of a multiple-choice
    question; a negative share is a penalty for a wrong option."""

    owner = forms.ChoiceField(label=_("Question bank"))
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.filter(is_active=True),
                                     empty_label=CHOOSE)
    kind = forms.ChoiceField(label=_("Type"), choices=QuestionKind.choices)
    scoring = forms.ChoiceField(label=_("Scoring of multiple choice"), choices=Scoring.choices,
                                initial=Scoring.FRACTIONS)
    difficulty = forms.TypedChoiceField(label=_("Difficulty"), choices=Difficulty.choices, coerce=int,
                                        initial=Difficulty.MEDIUM)
    marks = forms.DecimalField(label=_("Marks"), min_value=Decimal("0.01"), max_value=Decimal(100), initial=1,
                               decimal_places=2)
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Comma-separated, e.g. ZRU-788, budget."))
    is_active = forms.BooleanField(label=_("Active (drawn into new attempts)"), required=False, initial=True)
    # Not required here: the bank's own rule (services.bank.question_validate) names what is missing, the
    # same way for the form and for imports.
    text_uz = forms.CharField(label=_("Question (Uzbek, Latin)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3, "required": True}))
    text_ru = forms.CharField(label=_("Question (Russian)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3, "required": True}))
    text_uz_cyrl = forms.CharField(label=_("Question (Uzbek, Cyrillic)"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    text_en = forms.CharField(label=_("Question (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    true_answer = forms.TypedChoiceField(
        label=_("The statement is"), required=False, coerce=lambda v: v == "true", empty_value=None,
        choices=[("", CHOOSE), ("true", _("True")), ("false", _("False"))],
        help_text=_("True / false questions only."))

    CHOICE_ROWS = 6

    def __init__(self, *args, user=None, question: Question | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["owner"].choices = owner_choices(user)
        rows = max(self.CHOICE_ROWS, question.choices.count() if question else 0)
        self.choice_rows = []
        for i in range(1, min(rows, MAX_CHOICES) + 1):
            uz = forms.CharField(label=_("Option %(n)s (Uzbek)") % {"n": i}, required=False)
            ru = forms.CharField(label=_("Option %(n)s (Russian)") % {"n": i}, required=False)
            credit = forms.DecimalField(label=_("Credit, %"), required=False, min_value=-100, max_value=100,
                                        decimal_places=3,
                                        help_text=_("100 = correct") if i == 1 else "")
            self.fields[f"choice_{i}_uz"], self.fields[f"choice_{i}_ru"] = uz, ru
            self.fields[f"choice_{i}_credit"] = credit
            self.choice_rows.append(i)
        if question is not None and not self.is_bound:
            self._initial_from(question)

    def _initial_from(self, question: Question) -> None:
        self.initial.update({
            "owner": str(question.owner_organization_id) if question.owner_organization_id else NATIONAL,
            "section": question.section_id, "kind": question.kind, "scoring": question.scoring,
            "difficulty": question.difficulty, "marks": question.marks, "tags": question.tags,
            "is_active": question.is_active, "text_uz": question.text_uz, "text_ru": question.text_ru,
            "text_uz_cyrl": question.text_uz_cyrl, "text_en": question.text_en,
        })
        choices = list(question.choices.order_by("ordering", "id"))
        if question.kind == QuestionKind.TRUE_FALSE and choices:
            self.initial["true_answer"] = "true" if choices[0].fraction > 0 else "false"
            return
        for i, choice in enumerate(choices, start=1):
            self.initial.update({f"choice_{i}_uz": choice.text_uz, f"choice_{i}_ru": choice.text_ru,
                                 f"choice_{i}_credit": (choice.fraction * 100).normalize()})

    def choice_fields(self):
        return [(i, self[f"choice_{i}_uz"], self[f"choice_{i}_ru"], self[f"choice_{i}_credit"])
                for i in self.choice_rows]

    def clean(self):
        data = super().clean()
        if data.get("kind") == QuestionKind.TRUE_FALSE and data.get("true_answer") is None:
            self.add_error("true_answer", _("Say whether the statement is true or false."))
        return data

    def question_data(self) -> QuestionData:
        data = self.cleaned_data
        choices = []
        for i in self.choice_rows:
            uz, ru = data.get(f"choice_{i}_uz", ""), data.get(f"choice_{i}_ru", "")
            if not (uz or ru):
                continue
            try:
                fraction = Decimal(data.get(f"choice_{i}_credit") or 0) / 100
            except InvalidOperation:
                fraction = Decimal(0)
            choices.append(ChoiceData(texts={"uz": uz, "ru": ru}, fraction=fraction))
        return QuestionData(
            section=data.get("section"), kind=data["kind"], scoring=data["scoring"], difficulty=data["difficulty"],
            marks=data["marks"], tags=data.get("tags", ""), is_active=data.get("is_active", False),
            texts={lang: data.get(f"text_{lang}", "") for lang in ("uz", "ru", "uz_cyrl", "en")},
            choices=choices, true_answer=data.get("true_answer"),
        )

    def owner_organization(self):
        return owner_from(self.cleaned_data["owner"], self.user)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("Moodle XML (.xml), GIFT (.txt, .gift) or Excel (.xlsx)."))
    format = forms.ChoiceField(label=_("Format"), required=False,
                               choices=[("", _("Recognise from the file name")), *FORMATS])
    section = forms.ModelChoiceField(label=_("Put every question in the section"), queryset=Section.objects.all(),
                                     required=False, empty_label=_("Use the file's categories"))
    owner = forms.ChoiceField(label=_("Question bank"))
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["owner"].choices = owner_choices(user)


class TestForm(forms.ModelForm):
    owner = forms.ChoiceField(label=_("Owner"))

    class Meta:
        model = Test
        fields = ["code", "name_uz", "name_ru", "name_uz_cyrl", "name_en", "description_uz", "description_ru",
                  "time_limit_minutes", "pass_mark", "attempts_allowed", "shuffle_questions", "shuffle_options",
                  "available_from", "available_until", "results_shown", "answers_shown", "banking_group"]
        widgets = {"available_from": DateTimeInput(), "available_until": DateTimeInput(),
                   "description_uz": forms.Textarea(attrs={"rows": 2}),
                   "description_ru": forms.Textarea(attrs={"rows": 2})}

    field_order = ["owner", "code", "name_uz", "name_ru"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["owner"].choices = owner_choices(user)
        self.fields["name_ru"].required = True
        for name in ("available_from", "available_until"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if self.instance.pk:
            del self.fields["owner"]
            self.fields["code"].disabled = True
        self.fields["results_shown"].choices = ShowWhen.choices
        self.fields["answers_shown"].choices = ShowWhen.choices

    def owner_organization(self):
        return owner_from(self.cleaned_data["owner"], self.user)


class SectionLineForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.filter(is_active=True),
                                     required=False, empty_label=CHOOSE)
    question_count = forms.IntegerField(label=_("Questions"), min_value=1, max_value=200, required=False)
    difficulty = forms.TypedChoiceField(label=_("Difficulty"), required=False, coerce=int, empty_value=None,
                                        choices=[("", _("Any")), *Difficulty.choices])

    def clean(self):
        data = super().clean()
        if data.get("section") and not data.get("question_count"):
            self.add_error("question_count", _("How many questions of this section?"))
        return data


SectionLineFormSet = forms.formset_factory(SectionLineForm, extra=3, max_num=20)


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    test = forms.ModelChoiceField(label=_("Test"), queryset=Test.objects.none(), empty_label=CHOOSE)
    organization = OrganizationField(label=_("Organisation (with everything below it)"),
                                     queryset=Test.objects.none(), empty_label=CHOOSE)
    deadline = forms.DateTimeField(label=_("Deadline"), widget=DateTimeInput(),
                                   input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organization_list(user=user, roles=CAMPAIGN_ROLES).order_by("path")
        self.fields["test"].queryset = Test.objects.filter(status=TestStatus.PUBLISHED).order_by("code")
        if not self.is_bound:
            self.initial.setdefault("deadline", (timezone.localtime() + datetime.timedelta(days=30)).replace(
                hour=18, minute=0, second=0, microsecond=0))

    def clean_test(self):
        return self.cleaned_data["test"]


def can_keep_bank(user) -> bool:
    return has_role(user, *BANK_ROLES)
