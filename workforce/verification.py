"""What the public QR check may say about an HR order: number, date, kind, issuing body, and the
person's surname with initials — never the PINFL or contacts."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.verification import VerifiedDocument

from .models import HROrder


def public_name(employee) -> str:
    initials = "".join(f" {part[0]}." for part in (employee.first_name, employee.middle_name) if part)
    return f"{employee.last_name}{initials}"


def resolve_order(code: str) -> VerifiedDocument | None:
    order = HROrder.objects.select_related("organization", "employee").filter(verification_code=code).first()
    if order is None:
        return None
    return VerifiedDocument(
        title=_("HR order: %(kind)s") % {"kind": order.get_kind_display()},
        number=order.number, issued_on=order.order_date, issuer=order.organization.name,
        facts=[(_("Employee"), public_name(order.employee)),
               (_("Effective date"), order.effective_date.strftime("%d.%m.%Y"))],
    )
