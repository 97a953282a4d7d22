"""The question bank pages for test authors: list, edit, import, export."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from core.audit import audit_log
from core.exceptions import ApplicationError
from core.mixins import RoleRequiredMixin, querystring_without

from ..forms import ImportForm, QuestionFilterForm, QuestionForm, owner_from
from ..interchange.gift import write_gift
from ..interchange.moodle import write_moodle
from ..interchange.spreadsheet import write_xlsx
from ..roles import BANK_ROLES
from ..selectors import question_list
from ..services import question_create, question_set_active, question_update, questions_import

EXPORTS = {
    "moodle": (write_moodle, "application/xml", "xml"),
    "gift": (write_gift, "text/plain; charset=utf-8", "gift.txt"),
    "xlsx": (write_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
MAX_EXPORT = 20_000


def _filtered(request):
    form = QuestionFilterForm(request.GET or None)
    queryset = question_list(user=request.user, search=request.GET.get("q", ""))
    return form, form.filter(queryset)


class QuestionListView(RoleRequiredMixin, TemplateView):
    required_roles = BANK_ROLES
    template_name = "assessment/bank/list.html"

    def get_context_data(self, **kwargs):
        form, queryset = _filtered(self.request)
        page = Paginator(queryset.order_by("section__ordering", "-id"), 30).get_page(self.request.GET.get("page"))
        return {**super().get_context_data(**kwargs), "filter_form": form, "page_obj": page,
                "querystring_without_page": querystring_without(self.request, "page"),
                "export_query": querystring_without(self.request, "page", "format")}


class QuestionFormView(RoleRequiredMixin, FormView):
    required_roles = BANK_ROLES
    template_name = "assessment/bank/form.html"
    form_class = QuestionForm

    def dispatch(self, request, *args, **kwargs):
        self.question = None
        if "pk" in kwargs and request.user.is_authenticated:
            self.question = question_list(user=request.user).filter(pk=kwargs["pk"]).first()
            if self.question is None:
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "question": self.question}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "question": self.question}

    def form_valid(self, form):
        try:
            if self.question is None:
                question = question_create(data=form.question_data(), owner_organization=form.owner_organization(),
                                           actor=self.request.user)
                messages.success(self.request, _("The question was added to the bank."))
            else:
                question = question_update(question=self.question, data=form.question_data(), actor=self.request.user)
                messages.success(self.request, _("The question was saved. Attempts already started keep the "
                                                 "version they showed."))
        except ApplicationError as error:
            for problem in error.extra.get("errors", [{"field": error.field, "message": error.message}]):
                field = problem.get("field")
                form.add_error(field if field in form.fields else None, problem["message"])
            return self.form_invalid(form)
        if self.request.POST.get("then") == "new":
            return redirect("assessment:question_create")
        return redirect(f"{reverse('assessment:question_list')}#question-{question.pk}")


class QuestionToggleView(RoleRequiredMixin, View):
    required_roles = BANK_ROLES

    def post(self, request, pk: int):
        question = question_list(user=request.user).filter(pk=pk).first()
        if question is None:
            raise Http404
        try:
            question_set_active(question=question, active=not question.is_active, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(request.POST.get("next") or reverse("assessment:question_list"))


class QuestionImportView(RoleRequiredMixin, FormView):
    """Upload with "Check" (nothing written, every problem listed) or "Import" (written only when every
    question is valid: all or nothing)."""

    required_roles = BANK_ROLES
    template_name = "assessment/bank/import.html"
    form_class = ImportForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        upload = data["file"]
        content = upload.read()
        try:
            owner = owner_from(data["owner"], self.request.user)
            report = questions_import(content=content, filename=upload.name, format=data["format"] or None,
                                      owner_organization=owner, actor=self.request.user, section=data["section"],
                                      dry_run=not self.request.POST.get("import_now"),
                                      language=self.request.LANGUAGE_CODE[:2])
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        if report.written:
            messages.success(self.request, _("%(count)s questions were added to the bank.") % {"count": report.created})
        return self.render_to_response(self.get_context_data(form=form, report=report, filename=upload.name))


class QuestionExportView(RoleRequiredMixin, View):
    required_roles = BANK_ROLES

    def get(self, request):
        format_ = request.GET.get("format", "moodle")
        if format_ not in EXPORTS:
            raise Http404
        _form, queryset = _filtered(request)
        questions = list(queryset.select_related("section").order_by("section__ordering", "id")[:MAX_EXPORT])
        writer, content_type, extension = EXPORTS[format_]
        audit_log("assessment.question.exported", actor=request.user, request=request,
                  data={"format": format_, "count": len(questions)})
        response = HttpResponse(writer(questions), content_type=content_type)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="questions-{stamp}.{extension}"'
        return response

