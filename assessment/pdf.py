"""The certificate as a PDF (reportlab through ``core.pdf``: DejaVu Sans for Uzbek and Cyrillic, the
QR code with the verification address).

Drawn from what the ``Certificate`` and its ``VerifiableDocument`` stored when it was issued, in the
language it was issued in: never from the live test, section or person, so the same certificate gives
the same document whenever it is downloaded (only a revocation is added to it)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from xml.sax.saxutils import escape

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from core.i18n import localized_value
from core.pdf import pdf_styles, render_pdf, verification_block

from .models import Certificate

NAME_LANGUAGES = ("uz", "uz_cyrl", "ru", "en")
INK = colors.HexColor("#1d2939")
MUTED = colors.HexColor("#475467")
LINE = colors.HexColor("#d0d5dd")
DANGER = colors.HexColor("#b42318")


def _name(values: dict[str, str] | None, language: str) -> str:
    values = values or {}
    return localized_value(SimpleNamespace(**{f"name_{key}": values.get(key, "") for key in NAME_LANGUAGES}),
                           "name", language)


def _number(value: str) -> str:
    return formats.number_format(value, 2)


def certificate_pdf(certificate: Certificate) -> bytes:
    """The PDF of an issued (or revoked) certificate; ``certificate.document`` must be set."""
    document = certificate.document
    if document is None:
        raise ValueError(f"certificate {certificate.number} has no verifiable document yet")
    facts = certificate.facts
    language = facts.get("language") or "uz"
    with translation.override(language):
        return _render(certificate, document, facts, language)


def _render(certificate, document, facts, language: str) -> bytes:
    styles = pdf_styles()
    centred = {name: ParagraphStyle(f"{name}-c", parent=styles[name], alignment=TA_CENTER, textColor=INK)
               for name in ("Title", "Heading2", "Normal")}
    small = ParagraphStyle("small-c", parent=styles["Small"], alignment=TA_CENTER)
    big = ParagraphStyle("big-c", parent=centred["Title"], fontSize=20, leading=26, spaceBefore=2, spaceAfter=8)
    test_name = _name(facts.get("test"), language)
    story = [
        Paragraph(escape(facts.get("issuer") or document.issuer).upper(), small),
        Spacer(1, 10 * mm),
        Paragraph(escape(_("Certificate")).upper(), centred["Title"]),
        Paragraph(escape(_("of a passed test")), small),
        Spacer(1, 8 * mm),
        Paragraph(escape(_("This certifies that")), centred["Normal"]),
        Paragraph(escape(certificate.holder_name), big),
        Paragraph(escape(_("passed the test")), centred["Normal"]),
        Paragraph(f"«{escape(test_name)}»", centred["Heading2"]),
        Spacer(1, 6 * mm),
    ]
    finished = datetime.datetime.fromisoformat(facts["finished_at"]) if facts.get("finished_at") else None
    rows = [
        [_("Result"), _("%(score)s of 100") % {"score": _number(facts["score"])}],
        [_("Pass mark"), _number(facts["pass_mark"])],
        [_("Test date"), finished.strftime("%d.%m.%Y") if finished else certificate.issued_on.strftime("%d.%m.%Y")],
        [_("Certificate number"), certificate.number],
    ]
    story.append(_table(rows, styles, widths=(60 * mm, 80 * mm)))
    sections = facts.get("sections") or []
    if sections:
        story += [Spacer(1, 6 * mm), Paragraph(escape(_("By section")), centred["Normal"]), Spacer(1, 2 * mm)]
        story.append(_table([[_name(row.get("name"), language) or row["code"], _number(row["score"])]
                             for row in sections], styles, widths=(110 * mm, 30 * mm)))
    if document.revoked_at is not None:
        revoked = ParagraphStyle("revoked", parent=centred["Heading2"], textColor=DANGER)
        revoked_on = timezone.localtime(document.revoked_at).strftime("%d.%m.%Y")
        text = _("Revoked on %(date)s: %(reason)s") % {"date": revoked_on, "reason": document.revoked_reason}
        story += [Spacer(1, 6 * mm), Paragraph(escape(text), revoked)]
    story += [Spacer(1, 12 * mm), verification_block(document.code)]
    return render_pdf(story, title=f"{_('Certificate')} {certificate.number}", author=document.issuer)


def _table(rows, styles, *, widths) -> Table:
    body = ParagraphStyle("cell", parent=styles["Normal"], textColor=INK)
    label = ParagraphStyle("cell-label", parent=styles["Normal"], textColor=MUTED)
    table = Table([[Paragraph(escape(str(left)), label), Paragraph(escape(str(right)), body)] for left, right in rows],
                  colWidths=list(widths), hAlign="CENTER")
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table
