"""The HR order as a PDF (reportlab, ``core.pdf``): what the order stated when it was issued
(``OrderDocument`` reads ``HROrder.snapshot``, never today's rows), with the QR code and the address
of the public check of its verifiable document."""

from __future__ import annotations

from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from core.pdf import pdf_styles, render_pdf, verification_block

from .documents import OrderDocument
from .models import HROrder


def _day(value) -> str:
    return date_format(value, "d.m.Y") if value else ""


def order_pdf_lines(order: HROrder) -> list[str]:
    """The order's body, one paragraph each, as plain text (the HTML page says the same)."""
    doc = OrderDocument(order)
    lines = [doc.employee_name + (f", {doc.employee_rank}" if doc.employee_rank else "")]
    released, appointed, sanction = doc.released, doc.appointed, doc.sanction
    if released:
        line = f"{_('Released from')}: {released.position} — {released.organization}"
        if released.day:
            line += f" ({_('last day')} {_day(released.day)})"
        lines.append(line)
    if appointed:
        lines.append(f"{_('Appointed to')}: {appointed.position} — {appointed.organization}, {_('rate')} "
                     f"{appointed.rate}, {_('from')} {_day(appointed.day)}")
        if order.kind == "hire":
            contract = f"{_('Contract')}: {appointed.contract}"
            if appointed.contract_end:
                contract += f" {_('until')} {_day(appointed.contract_end)}"
            lines.append(contract)
    if doc.rank_to:
        lines.append(f"{_('Qualification rank')}: " + (f"{doc.rank_from} → " if doc.rank_from else "") + doc.rank_to)
    if sanction:
        line = f"{_('Disciplinary sanction')}: {sanction['kind']}"
        if sanction["fine_amount"]:
            line += f" ({sanction['fine_amount']} UZS)"
        if sanction["in_force_until"]:
            line += f", {_('in force until')} {_day(sanction['in_force_until'])}"
        lines.append(line)
    if doc.dismissal_reason:
        lines.append(f"{_('Ground for dismissal')}: {doc.dismissal_reason}")
    lines.append(f"{_('Effective date')}: {_day(order.effective_date)}")
    if order.reason:
        lines.append(f"{_('Basis')}: {order.reason}")
    return lines


def order_pdf(order: HROrder) -> bytes:
    """The printable order (A4) with its verification QR code; ``order.verifiable`` must be set."""
    doc = OrderDocument(order)
    styles = pdf_styles()
    title = f"{_('ORDER')} № {order.number}"
    story = [
        Paragraph(escape(doc.organization), styles["Heading3"]),
        Paragraph(escape(title), styles["Title"]),
        Paragraph(escape(f"{_day(order.order_date)} · {order.get_kind_display()}"), styles["Normal"]),
        Spacer(1, 6 * mm),
        *(Paragraph(escape(line), styles["BodyText"]) for line in order_pdf_lines(order)),
        Spacer(1, 10 * mm),
        verification_block(order.verifiable.code),
    ]
    return render_pdf(story, title=title, author=doc.organization)
