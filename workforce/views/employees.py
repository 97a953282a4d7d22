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
from ..selectors import employee_former_list, employee_list, employee_profile, organization_options_html
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


class EmployeeDetailView(RoleRequiredMixin, TemplateView):
    """The profile. The organisation keeping the record sees it whole; an organisation the person
    has left sees its own past with them (``former.html``); anyone else gets a 404."""

    required_roles = HR_ROLES
    template_name = "workforce/employees/detail.html"

    def get_template_names(self):
        return ["workforce/employees/former.html" if self.profile.former else self.template_name]

    def get(self, request, *args, **kwargs):
        user = request.user
        employee = employee_list(user=user).filter(pk=kwargs["pk"]).first()
        former = employee is None
        if former:
            employee = get_object_or_404(employee_former_list(user=user), pk=kwargs["pk"])
        self.profile = employee_profile(employee=employee, user=user, former=former)
        audit_log("workforce.employee.viewed", actor=user, target=employee, request=request,
                  data={"former": True} if former else None)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.profile.as_context())
        context["can_edit"] = not self.profile.former
        return context


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
        if getattr(employee, "claimed", False):
            messages.success(self.request, _("%(name)s is already on record; the record is now kept by your "
                                             "organisation. Hire them into a position with an order.") % {
                "name": employee.full_name})
        else:
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
        context.update(employee_profile(employee=employee, user=self.request.user, own=True).as_context())
        return context
