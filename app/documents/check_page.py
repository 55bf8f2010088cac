"""The self-check page: A4 Chinese text that proves the fonts embed and print."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.documents.fonts import check_coverage, register_pdf_fonts

TITLE = "物业监管工作台自检页"
TITLE_SIZE = 22  # 二号
BODY_SIZE = 16  # 三号
LEADING = 28
MARGIN_X = 28 * mm
MARGIN_TOP = 37 * mm
MARGIN_BOTTOM = 35 * mm


def _wrap(text: str, font: str, size: float, width: float) -> Iterator[str]:
    """Break a line between characters (Chinese has no spaces to break at)."""
    line = ""
    for ch in text:
        if line and stringWidth(line + ch, font, size) > width:
            yield line
            line = ""
        line += ch
    yield line


def write_check_page(path: Path, lines: Sequence[str]) -> None:
    fonts = register_pdf_fonts()
    check_coverage(TITLE, "hei")
    for line in lines:
        check_coverage(line, "fangsong")
    page_w, page_h = A4
    pdf = Canvas(str(path), pagesize=A4, pageCompression=1, initialFontName=fonts["fangsong"])
    pdf.setTitle(TITLE)
    pdf.setCreator("PropDesk")
    pdf.setFont(fonts["hei"], TITLE_SIZE)
    y = page_h - MARGIN_TOP
    pdf.drawCentredString(page_w / 2, y, TITLE)
    y -= LEADING * 2
    pdf.setFont(fonts["fangsong"], BODY_SIZE)
    for line in lines:
        for part in _wrap(line, fonts["fangsong"], BODY_SIZE, page_w - 2 * MARGIN_X):
            if y < MARGIN_BOTTOM:
                pdf.showPage()
                pdf.setFont(fonts["fangsong"], BODY_SIZE)
                y = page_h - MARGIN_TOP
            pdf.drawString(MARGIN_X, y, part)
            y -= LEADING
    pdf.showPage()
    pdf.save()
