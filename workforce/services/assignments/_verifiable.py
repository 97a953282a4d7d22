"""The public record of an HR order (``core.verification``): what /verify/<code>/ says about it.

Built from the order's snapshot, in the site's default language (the stored text is what the paper
says; the page's own labels follow the reader's language): the person's surname and initials, the
kind, number and date of the order, the issuing organisation. Never a PINFL, passport or contact
(``verifiable_issue`` refuses them)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from core.verification import VerifiableDocument, verifiable_issue

from ...documents import OrderDocument
from ...models import HROrder

ORDER_DOCUMENT_KIND = "workforce.hr_order"


def order_public_fields(order: HROrder) -> dict[str, Any]:
    """What the public check shows about ``order`` (its snapshot, as issued)."""
    with translation.override(settings.LANGUAGE_CODE):
        document = OrderDocument(order)
        return {
            "subject_summary": document.public_name.strip(),
            "title": _("Order № %(number)s of %(date)s: %(kind)s")
            % {"number": order.number, "date": order.order_date.strftime("%d.%m.%Y"),
               "kind": order.get_kind_display()},
            "issuer": document.organization or order.organization.name,
            "facts": [(_("Effective date"), order.effective_date)],
        }


def order_verifiable_issue(*, order: HROrder, actor: Any) -> VerifiableDocument:
    """Issue the order's verifiable document (random code) and link it to the order."""
    document = verifiable_issue(kind=ORDER_DOCUMENT_KIND, source_app="workforce", source_id=order.pk, actor=actor,
                                **order_public_fields(order))
    order.verifiable = document
    order.save(update_fields=["verifiable"])
    return document
