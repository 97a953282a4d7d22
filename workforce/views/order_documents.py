from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from core.mixins import RoleRequiredMixin
from core.verification import qr_svg

from ..access import HR_ROLES, scope_queryset
from ..models import HROrder, QualificationRank


class OrderDocumentView(RoleRequiredMixin, TemplateView):
    """The order as a printable document with a QR code anyone can check at /verify/<code>/."""

    required_roles = HR_ROLES
    template_name = "workforce/orders/document.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        orders = HROrder.objects.select_related("organization", "employee", "created_by")
        order = get_object_or_404(scope_queryset(orders, user=self.request.user), pk=kwargs["pk"])
        verify_url = self.request.build_absolute_uri(reverse("verify", args=[order.verification_code]))
        # Rank orders (and rank-lowering sanctions) carry rank codes in "from"/"to"; moves carry places.
        rank_from, rank_to = (code if isinstance(code, str) else None
                              for code in (order.details.get("from"), order.details.get("to")))
        ranks = QualificationRank.objects.in_bulk([c for c in (rank_from, rank_to) if c], field_name="code")
        context.update(
            order=order,
            started=order.started_assignments.select_related("staff_position", "organization").first(),
            ended=order.ended_assignments.select_related("staff_position", "organization").first(),
            sanction=order.sanctions.first(),
            rank_from=ranks.get(rank_from), rank_to=ranks.get(rank_to),
            verify_url=verify_url, qr=mark_safe(qr_svg(verify_url)),  # noqa: S308 - SVG we generated ourselves
        )
        return context
