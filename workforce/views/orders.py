"""One page per HR order. Each form collects input; the service issues the order and makes the
change, or raises an ApplicationError that is shown on the form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from core.exceptions import ApplicationError
from core.mixins import apply_application_error

from ..forms import DismissalForm, HireForm, MoveForm, RankChangeForm, SanctionForm
from ..models import OrderKind
from ..services import (
    employee_change_rank,
    employee_dismiss,
    employee_hire,
    employee_promote,
    employee_rotate,
    employee_sanction,
    employee_transfer,
)
from .employees import EmployeeScopedMixin


@dataclass(frozen=True)
class OrderPage:
    kind: str
    title: Any
    form_class: type
    confirm: Any = ""  # question asked before submitting a destructive order
    needs_employment: bool = True


def _move(service):
    def call(view, data):
        return service(employee=view.get_employee(), staff_position=data["staff_position"],
                       effective_date=data["effective_date"], rate=data.get("rate"), reason=data.get("reason", ""),
                       actor=view.request.user)
    return call


def _hire(view, data):
    return employee_hire(employee=view.get_employee(), staff_position=data["staff_position"],
                         start_date=data["start_date"], rate=data["rate"], reason=data.get("reason", ""),
                         actor=view.request.user)


def _rank(view, data):
    return employee_change_rank(employee=view.get_employee(), rank=data["rank"],
                                effective_date=data["effective_date"], reason=data["reason"], actor=view.request.user)


def _sanction(view, data):
    return employee_sanction(employee=view.get_employee(), kind=data["kind"], reason=data["reason"],
                             imposed_on=data["imposed_on"], fine_amount=data.get("fine_amount"),
                             new_staff_position=data.get("staff_position"), actor=view.request.user)


def _dismiss(view, data):
    return employee_dismiss(employee=view.get_employee(), effective_date=data["effective_date"],
                            reason_code=data["reason_code"], reason=data.get("reason", ""), actor=view.request.user)


PAGES: dict[str, tuple[OrderPage, Any]] = {
    OrderKind.HIRE: (OrderPage(OrderKind.HIRE, gettext_lazy("Hire"), HireForm, needs_employment=False), _hire),
    OrderKind.TRANSFER: (OrderPage(OrderKind.TRANSFER, gettext_lazy("Transfer"), MoveForm), _move(employee_transfer)),
    OrderKind.ROTATION: (OrderPage(OrderKind.ROTATION, gettext_lazy("Rotation"), MoveForm), _move(employee_rotate)),
    OrderKind.PROMOTION: (OrderPage(OrderKind.PROMOTION, gettext_lazy("Promotion"), MoveForm),
                          _move(employee_promote)),
    OrderKind.RANK_CHANGE: (OrderPage(OrderKind.RANK_CHANGE, gettext_lazy("Qualification rank change"),
                                      RankChangeForm), _rank),
    OrderKind.SANCTION: (OrderPage(OrderKind.SANCTION, gettext_lazy("Disciplinary sanction"), SanctionForm,
                                   confirm=gettext_lazy("Impose this disciplinary sanction? The order cannot be "
                                                        "withdrawn.")), _sanction),
    OrderKind.DISMISSAL: (OrderPage(OrderKind.DISMISSAL, gettext_lazy("Dismissal"), DismissalForm,
                                    confirm=gettext_lazy("Dismiss this employee? Their assignments end on the date "
                                                         "given.")), _dismiss),
}


class OrderView(EmployeeScopedMixin, FormView):
    template_name = "workforce/orders/form.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["kind"] not in PAGES:
            raise Http404
        self.page, self.issue = PAGES[kwargs["kind"]]
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return self.page.form_class

    def get_initial(self):
        initial = super().get_initial()
        if self.request.method == "GET" and self.request.GET.get("organization"):
            initial["organization"] = self.request.GET["organization"]
        return initial

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if hasattr(form, "setup_positions"):
            form.setup_positions(self.request.user)
        return form

    def get_context_data(self, **kwargs):
        employee = self.get_employee()
        current = employee.assignments.filter(is_primary=True, end_date__isnull=True).select_related(
            "staff_position", "organization").first()
        return super().get_context_data(employee=employee, page=self.page, current=current, **kwargs)

    def form_valid(self, form):
        try:
            result = self.issue(self, form.cleaned_data)
        except ApplicationError as error:
            apply_application_error(form, error)
            for reason in (error.extra or {}).get("reasons", []):
                form.add_error(None, reason[1] if isinstance(reason, list | tuple) else str(reason))
            return self.form_invalid(form)
        order = getattr(result, "order", result)
        messages.success(self.request, _("Order № %(number)s issued: %(kind)s.") % {
            "number": order.number, "kind": order.get_kind_display()})
        return HttpResponseRedirect(reverse("workforce:employee_detail", args=[self.get_employee().pk]))
