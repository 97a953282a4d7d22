from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from core.mixins import RoleRequiredMixin
from core.verification import qr_svg

from ..access import HR_ROLES, scope_queryset
from ..documents import OrderDocument
from ..models import HROrder


class OrderDocumentView(RoleRequiredMixin, TemplateView):
    """The order as a printable document with a QR code anyone can check at /verify/<code>/."""

    required_roles = HR_ROLES
    template_name = "workforce/orders/document.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        orders = HROrder.objects.select_related("organization", "employee", "created_by")
        order = get_object_or_404(scope_queryset(orders, user=self.request.user), pk=kwargs["pk"])
        verify_url = self.request.build_absolute_uri(reverse("verify", args=[order.verification_code]))
        # Everything the document says comes from the order as issued, never from today's record.
        context.update(
            order=order, doc=OrderDocument(order),
            verify_url=verify_url, qr=mark_safe(qr_svg(verify_url)),  # noqa: S308 - SVG we generated ourselves
        )
        return context
