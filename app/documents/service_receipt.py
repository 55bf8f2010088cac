"""送达回证: a bordered form under the letterhead, usable blank (filled in by hand) or filled."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from app.documents.official_layout import (
    LEFT,
    TEXT_W,
    OfficialFlow,
    new_canvas,
    wrap,
)
from app.domain.documents import ReceiptDoc, cn_date

CELL_SIZE = 14.0  # 四号
CELL_LEADING = 20.0
PAD = 2 * mm
LABEL_W = 50 * mm
DATE_LABEL_W = 24 * mm
DATE_W = 52 * mm
ROW_H = 11 * mm
TALL_H = 18 * mm
BOX = 3.2 * mm  # the tick box of a 送达方式
BLANK_CELL_DATE = "\u3000\u3000年\u3000\u3000月\u3000\u3000日"


@dataclass(frozen=True)
class _Row:
    label: str
    value: str = ""
    height: float = ROW_H
    choices: tuple[str, ...] = ()  # 送达方式: a box per choice
    chosen: str = ""
    date_value: str | None = None  # 签收日期 in a second label/value pair


def _rows(doc: ReceiptDoc) -> list[_Row]:
    served = cn_date(doc.served_date) if doc.served_date else BLANK_CELL_DATE
    return [
        _Row("送达文书名称及文号", doc.served_document),
        _Row("受送达人", doc.recipient),
        _Row("送达地点", doc.place),
        _Row("送达方式", choices=tuple(doc.method_choices), chosen=doc.method),
        _Row("送达人（签名）", doc.server, TALL_H),
        _Row("受送达人（签收）", doc.signer, TALL_H, date_value=served),
        _Row("拒收事由", doc.refusal_reason, TALL_H),
        _Row("见证人（签名）", doc.witness, TALL_H),
        _Row("备注", doc.notes, 14 * mm),
    ]


class _Form:
    def __init__(self, flow: OfficialFlow) -> None:
        self.flow = flow
        self.canvas = flow.canvas
        self.font = flow.fonts["fangsong"]

    def text(
        self, text: str, x: float, top: float, width: float, height: float, *, center: bool = False
    ) -> None:
        """Wrapped text, vertically centred in the cell (x, top, width, height)."""
        font = self.flow.font("fangsong", text)
        lines = wrap(text, font, CELL_SIZE, width - 2 * PAD) if text else []
        asc, desc = pdfmetrics.getAscent(font), pdfmetrics.getDescent(font)
        block = len(lines) * CELL_LEADING
        y = top - (height - block) / 2 - (CELL_LEADING - CELL_SIZE) / 2
        self.canvas.setFont(font, CELL_SIZE)
        for line in lines:
            base = y - CELL_SIZE * asc / (asc - desc)
            if center:
                self.canvas.drawCentredString(x + width / 2, base, line)
            else:
                self.canvas.drawString(x + PAD, base, line)
            y -= CELL_LEADING

    def row_height(self, row: _Row) -> float:
        width = TEXT_W - LABEL_W - (DATE_LABEL_W + DATE_W if row.date_value is not None else 0)
        lines = len(wrap(row.value, self.font, CELL_SIZE, width - 2 * PAD)) if row.value else 0
        label_lines = len(wrap(row.label, self.font, CELL_SIZE, LABEL_W - 2 * PAD))
        return max(row.height, max(lines, label_lines) * CELL_LEADING + 2 * PAD)

    def choices(self, row: _Row, x: float, top: float, height: float) -> None:
        canvas = self.canvas
        width = (TEXT_W - LABEL_W) / max(len(row.choices), 1)
        for number, choice in enumerate(row.choices):
            left = x + number * width + PAD
            bottom = top - height / 2 - BOX / 2
            canvas.setLineWidth(0.6)
            canvas.rect(left, bottom, BOX, BOX)
            if choice == row.chosen:  # a tick drawn as lines, not a glyph the font may lack
                canvas.setLineWidth(1.2)
                path = canvas.beginPath()
                path.moveTo(left + BOX * 0.18, bottom + BOX * 0.5)
                path.lineTo(left + BOX * 0.42, bottom + BOX * 0.2)
                path.lineTo(left + BOX * 0.85, bottom + BOX * 0.85)
                canvas.drawPath(path, stroke=1, fill=0)
            font = self.flow.font("fangsong", choice)
            room = width - BOX - 3 * PAD
            size = min(CELL_SIZE, room / max(pdfmetrics.stringWidth(choice, font, 1), 1))
            canvas.setFont(font, size)
            canvas.drawString(left + BOX + PAD / 2, bottom + BOX / 2 - size * 0.35, choice)

    def draw(self, rows: list[_Row]) -> None:
        heights = [self.row_height(row) for row in rows]
        self.flow.ensure(sum(heights))
        canvas = self.canvas
        top = self.flow.y
        right = LEFT + TEXT_W
        for row, height in zip(rows, heights, strict=True):
            bottom = top - height
            self.text(row.label, LEFT, top, LABEL_W, height, center=True)
            canvas.setLineWidth(0.6)
            canvas.line(LEFT + LABEL_W, top, LEFT + LABEL_W, bottom)
            if row.choices:
                self.choices(row, LEFT + LABEL_W, top, height)
            elif row.date_value is not None:
                date_x = right - DATE_W - DATE_LABEL_W
                self.text(row.value, LEFT + LABEL_W, top, date_x - LEFT - LABEL_W, height)
                canvas.line(date_x, top, date_x, bottom)
                canvas.line(right - DATE_W, top, right - DATE_W, bottom)
                self.text("签收日期", date_x, top, DATE_LABEL_W, height, center=True)
                self.text(row.date_value, right - DATE_W, top, DATE_W, height, center=True)
            else:
                self.text(row.value, LEFT + LABEL_W, top, TEXT_W - LABEL_W, height)
            canvas.line(LEFT, bottom, right, bottom)
            top = bottom
        canvas.setLineWidth(1.2)  # a heavier outer border
        canvas.rect(LEFT, top, TEXT_W, sum(heights))
        canvas.setLineWidth(1)
        self.flow.y = top


def draw_receipt(flow: OfficialFlow, doc: ReceiptDoc) -> None:
    """The receipt on a fresh page of the flow's canvas (a one-page form, no page number)."""
    flow.begin(page_numbers=False)
    flow.letterhead(doc.letterhead, compact=True)
    flow.title(doc.title)
    _Form(flow).draw(_rows(doc))
    flow.signature(doc.issuer, doc.issue_date, gap=1.0)
    flow.end()


def render_receipt(doc: ReceiptDoc) -> bytes:
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, doc.title, doc.letterhead.office_name)
    draw_receipt(OfficialFlow(canvas), doc)
    canvas.save()
    return buffer.getvalue()
