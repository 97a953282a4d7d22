from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from core.audit import audit_log
from core.exceptions import ApplicationError
from core.mixins import RoleRequiredMixin, apply_application_error
from core.pagination import CappedCountPaginator

from ..access import HR_ROLES
from ..auditing import audited_filters
from ..filters import EmployeeFilter, complete_ordering
from ..forms import CircumstanceForm, EducationForm, EmployeeForm
from ..selectors import employee_change_history, employee_list, organization_options_html
from ..selectors.staffing import employee_assignments, employee_orders
from ..services import circumstance_add, education_add, employee_create, employee_update

PAGE_SIZE = 50


class EmployeeListView(RoleRequiredMixin, TemplateView):
    """Filtered, searched, sorted and paginated list of the employees in the user's subtrees."""

    required_roles = HR_ROLES
    template_name = "workforce/employees/list.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        # A filter value the list cannot use (an id beyond 64 bits, a search of fifty words) is a 400
        # showing the filters with their errors, not a list that silently ignores them.
        return self.render_to_response(context, status=400 if context["filters_invalid"] else 200)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        filterset = EmployeeFilter(request.GET or None, queryset=employee_list(user=request.user), request=request)
        invalid = filterset.is_bound and not filterset.is_valid()
        queryset = filterset.queryset.none() if invalid else filterset.qs
        if not request.GET.get("ordering"):
            queryset = queryset.order_by("last_name", "first_name", "id")
        page = CappedCountPaginator(complete_ordering(queryset), PAGE_SIZE).get_page(request.GET.get("page"))
        audit_log("workforce.employee.list_viewed", actor=request.user, request=request,
                  data={"filters": audited_filters(request.GET), "page": page.number})
        organization_options = organization_options_html(
            user=request.user, roles=HR_ROLES, selected=request.GET.get("organization"))
        context.update(filterset=filterset, filters_invalid=invalid, page_obj=page, employees=page.object_list,
                       active_filters=sum(1 for key, value in request.GET.items()
                                          if value and key not in ("q", "page", "ordering")),
                       organization_options=organization_options,
                       # One reverse() instead of fifty: profile links are this prefix plus the id.
                       employee_url_prefix=reverse("workforce:employee_detail", args=[0])[:-2])
        return context


class EmployeeScopedMixin(RoleRequiredMixin):
    required_roles = HR_ROLES

    def get_employee(self):
        if not hasattr(self, "_employee"):
            self._employee = get_object_or_404(employee_list(user=self.request.user), pk=self.kwargs["pk"])
        return self._employee


class EmployeeDetailView(EmployeeScopedMixin, TemplateView):
    template_name = "workforce/employees/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        employee = self.get_employee()
        audit_log("workforce.employee.viewed", actor=self.request.user, target=employee, request=self.request)
        context.update(employee_profile_context(employee))
        context["can_edit"] = True
        return context


def employee_profile_context(employee) -> dict:
    assignments = list(employee_assignments(employee=employee))
    return {
        "employee": employee,
        "assignments": assignments,
        "current": next((a for a in assignments if a.is_primary and a.end_date is None), None),
        "orders": employee_orders(employee=employee),
        "educations": employee.educations.order_by("-graduation_year"),
        "circumstances": employee.circumstances.order_by("-start_date"),
        "sanctions": employee.sanctions.select_related("order").order_by("-imposed_on"),
        "reserve_entries": employee.reserve_entries.select_related("organization", "category"),
        "history": employee_change_history(employee),
    }


class EmployeeCreateView(RoleRequiredMixin, FormView):
    required_roles = HR_ROLES
    template_name = "workforce/employees/form.html"
    form_class = EmployeeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            employee = employee_create(actor=self.request.user, **form.service_fields())
        except ApplicationError as error:
            apply_application_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s is added. Hire them into a position with an order.") % {
            "name": employee.full_name})
        return HttpResponseRedirect(reverse("workforce:employee_detail", args=[employee.pk]))


class EmployeeEditView(EmployeeScopedMixin, FormView):
    template_name = "workforce/employees/form.html"
    form_class = EmployeeForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_employee()
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(employee=self.get_employee(), **kwargs)

    def form_valid(self, form):
        employee = self.get_employee()
        try:
            employee_update(employee=employee, actor=self.request.user, **form.service_fields())
        except ApplicationError as error:
            apply_application_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Personal data saved."))
        return HttpResponseRedirect(reverse("workforce:employee_detail", args=[employee.pk]))


class EmployeeSubFormView(EmployeeScopedMixin, FormView):
    """Education entry or rotation-exempting circumstance added to a profile."""

    template_name = "workforce/employees/subform.html"
    title = ""
    success_message = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(employee=self.get_employee(), title=self.title, **kwargs)

    def form_valid(self, form):
        try:
            self.save(form.cleaned_data)
        except ApplicationError as error:
            apply_application_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(reverse("workforce:employee_detail", args=[self.get_employee().pk]))


class EducationAddView(EmployeeSubFormView):
    form_class = EducationForm

    @property
    def title(self):
        return _("Add education")

    @property
    def success_message(self):
        return _("Education added.")

    def save(self, data):
        education_add(employee=self.get_employee(), actor=self.request.user, **data)


class CircumstanceAddView(EmployeeSubFormView):
    form_class = CircumstanceForm

    @property
    def title(self):
        return _("Add a circumstance")

    @property
    def success_message(self):
        return _("Circumstance recorded.")

    def save(self, data):
        circumstance_add(employee=self.get_employee(), actor=self.request.user, **data)


class MyProfileView(LoginRequiredMixin, TemplateView):
    """A civil servant's own record, read-only."""

    template_name = "workforce/employees/my_profile.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        employee = getattr(self.request.user, "employee", None)
        if employee is None:
            raise Http404(_("Your account is not linked to an employee record."))
        context.update(employee_profile_context(employee))
        return context
