"""Blueprint pages for test authors."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from core.exceptions import ApplicationError
from core.mixins import RoleRequiredMixin, apply_application_error

from ..forms import SectionLineFormSet, TestForm
from ..roles import BANK_ROLES
from ..selectors import test_list, test_pool_sizes
from ..services import SectionLine, test_archive, test_create, test_publish, test_sections_set, test_update
from ..services.blueprints import TEST_FIELDS


def _test_or_404(request, pk: int):
    test = test_list(user=request.user).filter(pk=pk).first()
    if test is None:
        raise Http404
    return test


class TestListView(RoleRequiredMixin, TemplateView):
    __test__ = False
    required_roles = BANK_ROLES
    template_name = "assessment/tests/list.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "tests": test_list(user=self.request.user)}


class TestDetailView(RoleRequiredMixin, TemplateView):
    __test__ = False
    required_roles = BANK_ROLES
    template_name = "assessment/tests/detail.html"

    def get_context_data(self, **kwargs):
        test = _test_or_404(self.request, kwargs["pk"])
        pools = test_pool_sizes(test)
        lines = [(line, pools.get(line.pk, 0)) for line in test.sections.all()]
        return {**super().get_context_data(**kwargs), "test": test, "lines": lines}


class TestFormView(RoleRequiredMixin, TemplateView):
    """Create or change a blueprint with its section lines (one form, one transaction)."""

    __test__ = False
    required_roles = BANK_ROLES
    template_name = "assessment/tests/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.test = _test_or_404(request, kwargs["pk"]) if "pk" in kwargs and request.user.is_authenticated else None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            kwargs["form"] = TestForm(instance=self.test, user=self.request.user)
        if "lines" not in kwargs:
            initial = [{"section": line.section_id, "question_count": line.question_count,
                        "difficulty": line.difficulty} for line in self.test.sections.all()] if self.test else []
            kwargs["lines"] = SectionLineFormSet(initial=initial or None, prefix="lines")
        return {**super().get_context_data(**kwargs), "test": self.test}

    def post(self, request, *args, **kwargs):
        form = TestForm(request.POST, instance=self.test, user=request.user)
        lines = SectionLineFormSet(request.POST, prefix="lines")
        if not (form.is_valid() and lines.is_valid()):
            return self.render_to_response(self.get_context_data(form=form, lines=lines))
        section_lines = [SectionLine(row["section"], row["question_count"], row.get("difficulty"))
                         for row in lines.cleaned_data if row and row.get("section")]
        fields = {name: form.cleaned_data[name] for name in TEST_FIELDS if name in form.cleaned_data}
        try:
            with transaction.atomic():
                if self.test is None:
                    test = test_create(code=form.cleaned_data["code"], owner_organization=form.owner_organization(),
                                       actor=request.user, **fields)
                else:
                    test = test_update(test=self.test, actor=request.user, **fields)
                test_sections_set(test=test, lines=section_lines, actor=request.user)
        except ApplicationError as error:
            apply_application_error(form, error)
            return self.render_to_response(self.get_context_data(form=form, lines=lines))
        messages.success(request, _("The test was saved."))
        return redirect("assessment:test_detail", pk=test.pk)


class TestPublishView(RoleRequiredMixin, View):
    __test__ = False
    required_roles = BANK_ROLES

    def post(self, request, pk: int):
        test = _test_or_404(request, pk)
        try:
            if request.POST.get("action") == "archive":
                test_archive(test=test, actor=request.user)
                messages.success(request, _("The test was archived: it can no longer be assigned or started."))
            else:
                test_publish(test=test, actor=request.user)
                messages.success(request, _("The test is published and can be assigned."))
        except ApplicationError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(reverse("assessment:test_detail", args=[pk]))
