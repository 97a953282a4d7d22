from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from core.exceptions import ApplicationError
from core.mixins import RoleRequiredMixin, apply_application_error

from ..access import ANALYTICS_ROLES, HR_ROLES, organizations_for, scope_queryset
from ..forms import StaffPositionForm
from ..models import StaffPosition
from ..selectors.staffing import staffing_table
from ..services import staff_position_create, staff_position_update


class StaffingTableView(RoleRequiredMixin, TemplateView):
    """An organisation's staffing table: planned units against filled ones, and who fills them."""

    required_roles = ANALYTICS_ROLES
    template_name = "workforce/staffing/table.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = get_object_or_404(organizations_for(self.request.user, roles=ANALYTICS_ROLES), pk=kwargs["pk"])
        rows = staffing_table(organization=organization, user=self.request.user)
        context.update(
            organization=organization, rows=rows,
            totals={key: sum(getattr(r, key) for r in rows) for key in ("planned", "filled", "vacant")},
            can_edit=organizations_for(self.request.user, roles=HR_ROLES).filter(pk=organization.pk).exists(),
            show_holders=organizations_for(self.request.user, roles=HR_ROLES).filter(pk=organization.pk).exists(),
        )
        return context


class StaffPositionFormView(RoleRequiredMixin, FormView):
    required_roles = HR_ROLES
    template_name = "workforce/staffing/form.html"
    form_class = StaffPositionForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.staff_position = None
        if "position_pk" in kwargs:
            self.staff_position = get_object_or_404(
                scope_queryset(StaffPosition.objects.select_related("organization"), user=request.user),
                pk=kwargs["position_pk"], organization_id=kwargs["pk"],
            )
        self.organization = get_object_or_404(organizations_for(request.user, roles=HR_ROLES), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.staff_position is not None:
            kwargs["instance"] = self.staff_position
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(organization=self.organization, staff_position=self.staff_position, **kwargs)

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if self.staff_position is None:
                data.pop("is_active")
                staff_position_create(organization=self.organization, actor=self.request.user, **data)
            else:
                staff_position_update(staff_position=self.staff_position, actor=self.request.user, **data)
        except ApplicationError as error:
            apply_application_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Staffing table saved."))
        return HttpResponseRedirect(reverse("workforce:staffing_table", args=[self.organization.pk]))
