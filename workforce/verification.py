"""What the public QR check may say about an HR order: number, date, kind, issuing body, and the
person's surname with initials — never the PINFL or contacts."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.verification import VerifiedDocument

from .documents import OrderDocument
from .models import HROrder


def resolve_order(code: str) -> VerifiedDocument | None:
    """The order as it was issued (its snapshot): a later rename or move does not change the answer."""
    order = HROrder.objects.filter(verification_code=code).first()
    if order is None:
        return None
    document = OrderDocument(order)
    return VerifiedDocument(
        title=_("HR order: %(kind)s") % {"kind": order.get_kind_display()},
        number=order.number, issued_on=order.order_date, issuer=document.organization,
        facts=[(_("Employee"), document.public_name),
               (_("Effective date"), order.effective_date.strftime("%d.%m.%Y"))],
    )
