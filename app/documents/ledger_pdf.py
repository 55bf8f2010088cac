"""A ledger as a PDF table: A4 landscape, the header row repeated on every page."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus.flowables import Flowable

from app.documents.fonts import check_coverage, register_pdf_fonts
from app.domain.documents import LedgerTable, cn_date

PAGE = landscape(A4)
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 15 * mm, 15 * mm, 18 * mm
TITLE_SIZE = 18.0
CELL_SIZE = 9.5
PAGE_NO_SIZE = 10.0
PAD = 3.0  # cell padding, left and right
GAP = "&nbsp;" * 6  # Paragraph collapses ordinary and ideographic spaces
BLANK = "&nbsp;" * 16  # room to write by hand


class _NumberedCanvas(Canvas):
    """Holds each page back until the end, so every page can say how many there are."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        font = register_pdf_fonts()["song"]
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            label = f"第 {number} 页 共 {total} 页"
            check_coverage(label, "song")
            self.setFont(font, PAGE_NO_SIZE)
            self.drawCentredString(PAGE[0] / 2, MARGIN_BOTTOM / 2, label)
            super().showPage()
        super().save()


def _styles(fonts: dict[str, str]) -> tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]:
    cell = ParagraphStyle(
        "ledger-cell",
        fontName=fonts["fangsong"],
        fontSize=CELL_SIZE,
        leading=CELL_SIZE * 1.3,
        wordWrap="CJK",
    )
    head = ParagraphStyle("ledger-head", cell, fontName=fonts["hei"], alignment=TA_CENTER)
    title = ParagraphStyle(
        "ledger-title",
        fontName=fonts["hei"],
        fontSize=TITLE_SIZE,
        leading=TITLE_SIZE * 1.4,
        alignment=TA_CENTER,
        wordWrap="CJK",
        spaceAfter=3 * mm,
    )
    return cell, head, title


def _para(text: str, style: ParagraphStyle, role: str) -> Paragraph:
    check_coverage(text, role)
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _fields(pairs: Sequence[tuple[str, str]]) -> str:
    """Paragraph markup for "label：value" pairs on one line; empty values stay blank."""
    parts = []
    for label, value in pairs:
        check_coverage(label + value, "fangsong")
        parts.append(f"{escape(label)}：{escape(value) if value.strip() else BLANK}")
    return GAP.join(parts)


def column_widths(table: LedgerTable, width: float) -> list[float]:
    """Widths in points: col_widths_mm scaled to fill `width`, or an even split."""
    count = max(len(table.headers), 1)
    wanted = [float(w) for w in table.col_widths_mm]
    if len(wanted) != count or any(w <= 0 for w in wanted):
        return [width / count] * count
    scale = width / sum(wanted)
    return [w * scale for w in wanted]


MEASURED_ROWS = 2000  # rows measured to size the columns (a long ledger repeats itself)
MIN_CHARS = 3  # no column narrower than three characters


def content_widths(table: LedgerTable, width: float, font: str, header_font: str) -> list[float]:
    """Widths in points sized from the content. When everything fits on one line each
    column gets what its longest line needs and the room left is shared in proportion.
    Otherwise each column gets at most c·√need (never under three characters), with c as
    large as the page allows: short columns (日期, 来源, 状态) keep their line and the long
    ones share what is left, which wraps the fewest lines of the usual ledgers (measured
    on the demo 问题整改台账: 129 lines against 173 for fixed widths and 205 for an even
    cap). Without rows: col_widths_mm (column_widths)."""
    if not table.rows:
        return column_widths(table, width)
    count = len(table.headers)
    floor = stringWidth("国" * MIN_CHARS, font, CELL_SIZE) + 2 * PAD
    if floor * count > width:  # too many columns for even three characters each
        return column_widths(table, width)
    need = [0.0] * count
    for row in [table.headers, *table.rows[:MEASURED_ROWS]]:
        row_font = header_font if row is table.headers else font
        for i, value in enumerate(list(row)[:count]):
            for line in str(value).split("\n"):
                w = stringWidth(line, row_font, CELL_SIZE)
                if w > need[i]:
                    need[i] = w
    need = [max(n + 2 * PAD, floor) for n in need]
    total = sum(need)
    if total <= width:
        return [n * width / total for n in need]

    def fitted(c: float) -> list[float]:
        return [min(n, max(floor, c * math.sqrt(n))) for n in need]

    lo, hi = 0.0, max(need)
    for _ in range(50):
        c = (lo + hi) / 2
        if sum(fitted(c)) > width:
            hi = c
        else:
            lo = c
    widths = fitted(lo)
    short = [i for i, n in enumerate(need) if widths[i] < n]
    spare = width - sum(widths)
    for i in short:  # the little the bisection left goes to the columns that wrap
        widths[i] += spare / len(short)
    return widths


def _table(table: LedgerTable, fonts: dict[str, str], width: float) -> LongTable:
    cell, head, _title = _styles(fonts)
    count = len(table.headers)
    widths = content_widths(table, width, cell.fontName, head.fontName)
    room = [w - 2 * PAD for w in widths]
    data: list[Sequence[Paragraph | str]] = [[_para(h, head, "hei") for h in table.headers]]
    for row in table.rows:
        cells = [str(value) for value in row][:count]
        cells += [""] * (count - len(cells))
        out: list[Paragraph | str] = []
        for value, fits in zip(cells, room, strict=True):
            check_coverage(value, "fangsong")
            # A plain string is drawn as it is: much faster than a Paragraph, fine on one line.
            short = "\n" not in value and stringWidth(value, cell.fontName, CELL_SIZE) <= fits
            out.append(value if short else _para(value, cell, "fangsong"))
        data.append(out)
    grid = LongTable(data, colWidths=widths, repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
                ("FONT", (0, 0), (-1, -1), cell.fontName, CELL_SIZE, cell.leading),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ]
        )
    )
    return grid


def render_ledger(table: LedgerTable) -> bytes:
    if not table.headers:
        raise ValueError("a ledger needs at least one column")
    fonts = register_pdf_fonts()
    cell, _head, title_style = _styles(fonts)
    info = ParagraphStyle("ledger-info", cell, fontSize=11, leading=16, spaceAfter=2 * mm)
    footer = ParagraphStyle("ledger-footer", info, spaceBefore=3 * mm)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        invariant=1,
        pageCompression=1,
        title=table.title,
        author=table.office_name,
        creator="PropDesk",
        producer="PropDesk",
        initialFontName=fonts["fangsong"],
    )
    filled = _fields([("填报单位", table.office_name), ("填报日期", cn_date(table.filled_date))])
    signed = _fields(
        [("制表人", table.preparer), ("审核人", table.reviewer), ("联系电话", table.phone)]
    )
    story: list[Flowable] = [
        _para(table.title, title_style, "hei"),
        Paragraph(filled, info),
        _table(table, fonts, doc.width),
        Spacer(1, 1 * mm),
        Paragraph(signed, footer),
    ]
    doc.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()
