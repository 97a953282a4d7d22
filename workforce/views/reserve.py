from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from core.exceptions import ApplicationError
from core.mixins import RoleRequiredMixin, apply_application_error, querystring_without

from ..access import HR_ROLES, scope_queryset
from ..forms import ReserveEntryForm
from ..models import ReserveEntry, ReserveStatus
from ..services import reserve_entry_add, reserve_entry_withdraw


def reserve_queryset(user):
    queryset = ReserveEntry.objects.select_related("organization", "category", "employee", "register_position")
    return scope_queryset(queryset, user=user, roles=HR_ROLES)


class ReserveListView(RoleRequiredMixin, TemplateView):
    required_roles = HR_ROLES
    template_name = "workforce/reserve/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", ReserveStatus.ACTIVE)
        queryset = reserve_queryset(self.request.user).order_by("-included_on", "-id")
        if status in ReserveStatus.values:
            queryset = queryset.filter(status=status)
        page = Paginator(queryset, 50).get_page(self.request.GET.get("page"))
        context.update(page_obj=page, status=status, statuses=ReserveStatus.choices,
                       querystring_without_page=querystring_without(self.request, "page"))
        return context


class ReserveAddView(RoleRequiredMixin, FormView):
    required_roles = HR_ROLES
    template_name = "workforce/reserve/form.html"
    form_class = ReserveEntryForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            reserve_entry_add(
                organization=data["organization"], category=data["category"], source=data["source"],
                included_on=data["included_on"], expires_on=data.get("expires_on"), employee=data.get("employee"),
                external_full_name=data.get("external_full_name", ""), external_pinfl=data.get("external_pinfl", ""),
                external_phone=data.get("external_phone", ""), external_email=data.get("external_email", ""),
                note=data.get("note", ""), actor=self.request.user,
            )
        except ApplicationError as error:
            apply_application_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Added to the personnel reserve."))
        return HttpResponseRedirect(reverse("workforce:reserve_list"))


class ReserveWithdrawView(RoleRequiredMixin, View):
    required_roles = HR_ROLES

    def post(self, request, pk):
        entry = get_object_or_404(reserve_queryset(request.user), pk=pk)
        try:
            reserve_entry_withdraw(entry=entry, reason=request.POST.get("reason", ""), actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Withdrawn from the personnel reserve."))
        return HttpResponseRedirect(reverse("workforce:reserve_list"))
