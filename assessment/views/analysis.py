"""Item analysis page for the people who keep the bank."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.mixins import RoleRequiredMixin, querystring_without

from ..analytics import DISCRIMINATION_FLAG_BELOW, MIN_ANSWERS, item_frame, nan_to_none, option_rates
from ..models import Choice, Question, Section, Test
from ..roles import BANK_ROLES, CAMPAIGN_ROLES
from ..selectors import item_sums, option_counts, pick_text, section_averages_by_organization, test_list


class AnalysisFilterForm(forms.Form):
    test = forms.ModelChoiceField(label=_("Test"), queryset=Test.objects.none(), required=False, empty_label=_("All"))
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.all(), required=False,
                                     empty_label=_("All"))
    flagged = forms.BooleanField(label=_("Only flagged questions"), required=False)


class ItemAnalysisView(RoleRequiredMixin, TemplateView):
    required_roles = BANK_ROLES
    template_name = "assessment/analysis/items.html"

    def get_context_data(self, **kwargs):
        form = AnalysisFilterForm(self.request.GET or None)
        form.fields["test"].queryset = test_list(user=self.request.user)
        filters = {"user": self.request.user}
        only_flagged = False
        if form.is_valid():
            filters.update(test=form.cleaned_data["test"], section=form.cleaned_data["section"])
            only_flagged = form.cleaned_data["flagged"]
        items = item_frame(item_sums(**filters))
        rates = option_rates(option_counts(**filters), items)
        ids = [int(q) for q in items["question_id"]] if not items.empty else []
        questions = Question.objects.in_bulk(ids)
        choices: dict[int, list[Choice]] = {}
        for choice in Choice.objects.filter(question_id__in=ids).order_by("ordering", "id"):
            choices.setdefault(choice.question_id, []).append(choice)
        sections = {s.pk: s for s in Section.objects.all()}
        rows = []
        for record in items.to_dict("records"):
            question = questions.get(int(record["question_id"]))
            if question is None or (only_flagged and not record["flagged"]):
                continue
            rows.append({
                "question": question, "section": sections.get(int(record["section_id"])), "n": record["n"],
                "facility": nan_to_none(record["facility"]), "discrimination": nan_to_none(record["discrimination"]),
                "flagged": bool(record["flagged"]),
                "options": [{"text": pick_text(c.texts()), "correct": c.fraction > 0,
                             "rate": rates.get(question.pk, {}).get(c.pk, 0.0)} for c in choices.get(question.pk, [])],
            })
        rows.sort(key=lambda r: (not r["flagged"], r["discrimination"] if r["discrimination"] is not None else 9))
        averages = section_averages_by_organization(user=self.request.user, test=filters.get("test"))
        page = Paginator(rows, 40).get_page(self.request.GET.get("page"))
        return {**super().get_context_data(**kwargs), "form": form, "page_obj": page, "total": len(rows),
                "querystring_without_page": querystring_without(self.request, "page"),
                "flag_below": DISCRIMINATION_FLAG_BELOW, "min_answers": MIN_ANSWERS,
                "flagged_count": sum(1 for r in rows if r["flagged"]),
                "organisations": _pivot(averages, sections, self.request.user)}


def _pivot(averages: list[dict], sections: dict, user) -> dict:
    from workforce.selectors import organization_list

    used_sections = sorted({row["section_id"] for row in averages}, key=lambda pk: sections[pk].ordering)
    organizations = organization_list(user=user, roles=tuple({*BANK_ROLES, *CAMPAIGN_ROLES})).in_bulk(
        {row["attempt__organization_id"] for row in averages})
    table: dict[int, dict] = {}
    for row in averages:
        entry = table.setdefault(row["attempt__organization_id"], {"cells": {}, "attempts": 0})
        entry["cells"][row["section_id"]] = row["average"]
        entry["attempts"] = max(entry["attempts"], row["attempts"])
    rows = [{"organization": organizations.get(org_id), "attempts": entry["attempts"],
             "cells": [entry["cells"].get(pk) for pk in used_sections]}
            for org_id, entry in table.items()]
    rows.sort(key=lambda r: r["organization"].path if r["organization"] else "")
    return {"sections": [sections[pk] for pk in used_sections], "rows": rows}
