from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import TemplateView

from core.mixins import RoleRequiredMixin
from core.verification import qr_svg

from ..access import HR_ROLES, scope_queryset
from ..documents import OrderDocument
from ..models import HROrder
from ..order_pdf import order_pdf


def _scoped_order(user, pk: int) -> HROrder:
    """The order if it belongs to an organisation in ``user``'s HR scope (else 404)."""
    orders = HROrder.objects.select_related("organization", "employee", "created_by", "verifiable")
    return get_object_or_404(scope_queryset(orders, user=user), pk=pk)


class OrderDocumentView(RoleRequiredMixin, TemplateView):
    """The order as a printable document with a QR code anyone can check at /verify/<code>/."""

    required_roles = HR_ROLES
    template_name = "workforce/orders/document.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = _scoped_order(self.request.user, kwargs["pk"])
        verify_url = self.request.build_absolute_uri(reverse("verify", args=[order.verifiable.code]))
        # Everything the document says comes from the order as issued, never from today's record.
        context.update(
            order=order, doc=OrderDocument(order),
            verify_url=verify_url, qr=mark_safe(qr_svg(verify_url)),  # noqa: S308 - SVG we generated ourselves
        )
        return context


class OrderPdfView(RoleRequiredMixin, View):
    """The order as a PDF (from its snapshot) with the QR code of its public check."""

    required_roles = HR_ROLES

    def get(self, request, pk: int) -> HttpResponse:
        order = _scoped_order(request.user, pk)
        response = HttpResponse(order_pdf(order), content_type="application/pdf")
        filename = "order-" + "".join(ch if ch.isalnum() else "-" for ch in order.number) + ".pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
