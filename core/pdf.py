"""PDFs with reportlab: fonts that render Uzbek Latin (oʻ gʻ ʼ) and Cyrillic, and the QR code with
the verification address that any printed document carries.

    from core.pdf import pdf_styles, render_pdf, verification_block

    styles = pdf_styles()
    story = [Paragraph("Sertifikat", styles["Title"]), Paragraph("Karimov A. A.", styles["Normal"]),
             verification_block(document.code)]
    pdf_bytes = render_pdf(story, title="Sertifikat")

``verification_block`` is a flowable (QR image beside the address and the code);
``draw_verification(canvas, code, x=..., y=...)`` does the same on a canvas.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import qrcode
from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Table, TableStyle

from core.verification import verification_url

logger = logging.getLogger(__name__)

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_DIRS = (
    Path(__file__).resolve().parent / "static" / "core" / "fonts",
    Path("/usr/share/fonts/truetype/dejavu"),
)


@cache
def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (vendored in core/static/core/fonts, else Debian's fonts-dejavu-core) and
    return (regular, bold) font names; Helvetica when neither is there (ʻ and Cyrillic then fail to
    render, which is logged)."""
    for folder in (*(Path(p) for p in getattr(settings, "PDF_FONT_DIRS", ())), *FONT_DIRS):
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont(FONT, str(regular)))
            pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))
            pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
            return FONT, FONT_BOLD
    logger.warning("DejaVu Sans not found: PDFs fall back to Helvetica, without Uzbek ʻ and Cyrillic letters")
    return "Helvetica", "Helvetica-Bold"


def pdf_styles() -> StyleSheet1:
    """reportlab's sample styles, set in the registered fonts."""
    regular, bold = register_fonts()
    styles = getSampleStyleSheet()
    for name in styles.byName:
        style = styles[name]
        if isinstance(style, ParagraphStyle):
            is_bold = style.fontName.endswith("Bold") or name.startswith(("Title", "Heading"))
            style.fontName = bold if is_bold else regular
    styles.add(ParagraphStyle("Small", parent=styles["Normal"], fontSize=8, leading=10,
                              textColor=colors.HexColor("#475467")))
    return styles


def qr_png(data: str, *, box_size: int = 10, border: int = 2) -> bytes:
    """The QR code of ``data`` as PNG bytes (qrcode + Pillow; no outside call)."""
    image = qrcode.make(data, box_size=box_size, border=border)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_image(data: str, *, size: float = 32 * mm) -> Image:
    """A flowable QR image ``size`` wide and high."""
    return Image(io.BytesIO(qr_png(data)), width=size, height=size)


def verification_block(code: str, *, size: float = 30 * mm, url: str | None = None) -> Flowable:
    """The QR code beside "Check this document at <address>" and the code, as one flowable."""
    url = url or verification_url(code)
    styles = pdf_styles()
    text = [
        Paragraph(_("Check that this document is genuine: scan the QR code or open"), styles["Small"]),
        Paragraph(f'<link href="{url}">{url}</link>', styles["Small"]),
        Paragraph(_("Verification code: %(code)s") % {"code": code}, styles["Small"]),
    ]
    table = Table([[qr_image(url, size=size), text]], colWidths=[size + 4 * mm, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def draw_verification(canvas, code: str, *, x: float, y: float, size: float = 30 * mm, url: str | None = None) -> None:
    """Draw the QR code at (``x``, ``y``) (its lower left corner) and the address to its right."""
    url = url or verification_url(code)
    regular, _bold = register_fonts()
    canvas.drawImage(ImageReader(io.BytesIO(qr_png(url))), x, y, width=size, height=size)
    canvas.setFont(regular, 8)
    lines = (_("Check that this document is genuine: scan the QR code or open"), url,
             _("Verification code: %(code)s") % {"code": code})
    for index, line in enumerate(lines):
        canvas.drawString(x + size + 3 * mm, y + size - 10 - index * 11, line)


def render_pdf(story: Sequence[Flowable], *, title: str = "", author: str = "", pagesize=A4,
               margins: float = 18 * mm) -> bytes:
    """A PDF of ``story`` (flowables), with the document title and author in its metadata."""
    register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=pagesize, title=title, author=author or _("Civil service HR"),
                                 leftMargin=margins, rightMargin=margins, topMargin=margins, bottomMargin=margins)
    document.build(list(story))
    return buffer.getvalue()
