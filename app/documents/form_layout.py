"""Bordered A4 forms (备案表, 审核表): cells, tick boxes, rows and tables on an `OfficialFlow`.

A form rather than an official notice: no red letterhead, GB/T 9704 margins and page numbers
from `OfficialFlow`. A row is a list of `Cell`s drawn left to right across the text block; a
table is a run of rows in a heavy border whose header row is drawn again at the top of every
page it flows onto. A form module subclasses `FormPage` with its own blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from app.documents.official_layout import LEFT, TEXT_W, OfficialFlow, wrap

CELL_SIZE = 12.0  # 小四
SMALL_SIZE = 10.5  # 五号, a dense table such as the committee's members
HEAD_SIZE = 14.0  # 四号, the section headings
LINE_PITCH = 1.35  # the line pitch inside a cell, as a multiple of the font size
PAD = 1.5 * mm
ROW_H = 9 * mm  # the least height of a label/value row
TABLE_ROW_H = 8 * mm  # the least height of a table row
LABEL_W = 30 * mm  # the label of a label/value row
VALUE_W = 48 * mm  # the value of a label/value pair sharing its row with another pair
BOX = 3.6 * mm  # a tick box
GREY = 0.93  # the header rows
BLANK_CELL_DATE = "\u3000\u3000年\u3000\u3000月\u3000\u3000日"  # to fill in by hand


class Cell(NamedTuple):
    width: float  # pt
    value: str | bool  # a bool is a tick box
    role: str = "fangsong"
    align: str = "center"


def _in_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "./%-")


def wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    """`wrap`, but a run of Latin letters and digits (28650.30/38652.47) is never split."""
    lines: list[str] = []
    while text:
        line = wrap(text, font, size, width)[0]
        if len(line) < len(text) and _in_word(line[-1]) and _in_word(text[len(line)]):
            cut = len(line)
            while cut and _in_word(line[cut - 1]):
                cut -= 1
            line = line[:cut] or line  # a run longer than the cell is split after all
        lines.append(line.rstrip())
        text = text[len(line) :].lstrip()
    return lines


def label_row(*items: str) -> list[Cell]:
    """label, value[, label, value]: hei labels, flush-left values filling the row."""
    width = VALUE_W if len(items) > 2 else TEXT_W - LABEL_W
    return [
        Cell(width, item, align="left") if i % 2 else Cell(LABEL_W, item, "hei")
        for i, item in enumerate(items)
    ]


def table_cells(
    widths: Sequence[float],
    values: Sequence[str | bool],
    *,
    role: str = "fangsong",
    left: int = -1,
) -> list[Cell]:
    """A table row of `widths` (pt); the column `left` is flush left, the others centred."""
    return [
        Cell(width, value, role, "left" if number == left else "center")
        for number, (width, value) in enumerate(zip(widths, values, strict=True))
    ]


def header_line(flow: OfficialFlow, left: str, right: str) -> None:
    """`left` at the left and `right` at the right of one line, or of two if they cannot share."""
    height = CELL_SIZE * 1.8
    flow.line(left, "fangsong", CELL_SIZE, height=height)
    font = flow.font("fangsong", left + right)
    if pdfmetrics.stringWidth(left + "\u3000" * 2 + right, font, CELL_SIZE) <= TEXT_W:
        flow.y += height  # the right text shares the line
    flow.line(right, "fangsong", CELL_SIZE, align="right", height=height)
    flow.y -= 1 * mm


class FormPage:
    """Draws cells, rows and tables at the cursor of `flow`, starting new pages as needed."""

    def __init__(self, flow: OfficialFlow) -> None:
        self.flow = flow
        self.canvas = flow.canvas

    # --- cells ---------------------------------------------------------------------------

    def lines(self, cell: Cell, size: float) -> list[str]:
        if isinstance(cell.value, bool) or not cell.value:
            return []
        font = self.flow.font(cell.role, cell.value)
        return wrap_words(cell.value, font, size, cell.width - 2 * PAD)

    def height(self, cells: Sequence[Cell], size: float, minimum: float) -> float:
        most = max(len(self.lines(cell, size)) for cell in cells)
        return max(minimum, most * size * LINE_PITCH + 2 * PAD)

    def text(self, lines: list[str], cell: Cell, x: float, top: float, h: float, size: float):
        """The lines of a cell, centred vertically in the box (x, top, cell.width, h)."""
        font = self.flow.fonts[cell.role]
        leading = size * LINE_PITCH
        y = top - (h - len(lines) * leading) / 2
        self.canvas.setFont(font, size)
        for line in lines:
            base = self.flow.baseline(y, font, size, leading)
            if cell.align == "center":
                self.canvas.drawCentredString(x + cell.width / 2, base, line)
            else:
                self.canvas.drawString(x + PAD, base, line)
            y -= leading

    def tick_box(self, ticked: bool, x: float, top: float, width: float, h: float) -> None:
        """A drawn box, with a tick drawn as lines (the fonts may lack ☑)."""
        canvas, left, bottom = self.canvas, x + (width - BOX) / 2, top - (h + BOX) / 2
        canvas.setLineWidth(0.6)
        canvas.rect(left, bottom, BOX, BOX)
        if ticked:
            canvas.setLineWidth(1.2)
            path = canvas.beginPath()
            path.moveTo(left + BOX * 0.18, bottom + BOX * 0.5)
            path.lineTo(left + BOX * 0.42, bottom + BOX * 0.2)
            path.lineTo(left + BOX * 0.85, bottom + BOX * 0.85)
            canvas.drawPath(path, stroke=1, fill=0)

    def row(self, cells: Sequence[Cell], size: float, h: float, *, shade: bool = False) -> None:
        canvas, x, top = self.canvas, LEFT, self.flow.y
        if shade:
            canvas.setFillGray(GREY)
            canvas.rect(LEFT, top - h, TEXT_W, h, stroke=0, fill=1)
            canvas.setFillGray(0)
        for cell in cells:
            if isinstance(cell.value, bool):
                self.tick_box(cell.value, x, top, cell.width, h)
            else:
                self.text(self.lines(cell, size), cell, x, top, h, size)
            canvas.setLineWidth(0.6)
            canvas.rect(x, top - h, cell.width, h)
            x += cell.width
        self.flow.y = top - h

    def border(self, top: float) -> None:
        self.canvas.setLineWidth(1.2)  # a heavier outer border
        self.canvas.rect(LEFT, self.flow.y, TEXT_W, top - self.flow.y)

    # --- blocks --------------------------------------------------------------------------

    def heading(self, text: str) -> None:
        self.flow.ensure(HEAD_SIZE * 1.8 + 2 * ROW_H)  # never alone at the foot of a page
        self.flow.y -= 4 * mm
        self.flow.line(text, "hei", HEAD_SIZE, height=HEAD_SIZE * 1.8)

    def rows(
        self,
        rows: list[list[Cell]],
        size: float,
        minimum: float,
        header: list[Cell] | None = None,
    ) -> None:
        """Rows in a heavy border, flowing onto new pages with the header drawn again."""
        head_h = self.height(header, size, minimum) if header else 0.0
        heights = [self.height(cells, size, minimum) for cells in rows]
        self.flow.ensure(head_h + (heights[0] if heights else 0))
        top = self.flow.y
        for number, (cells, h) in enumerate(zip([header, *rows], [head_h, *heights], strict=True)):
            if number > 1 and h > self.flow.room() + 0.01:  # ensure: the first row fits
                self.border(top)
                self.flow.new_page()
                top = self.flow.y
                if header:
                    self.row(header, size, head_h, shade=True)
            if cells:
                self.row(cells, size, h, shade=number == 0)
        self.border(top)

    def table(
        self,
        widths: Sequence[float],
        heads: Sequence[str],
        rows: Sequence[Sequence[str | bool]],
        size: float,
        left: int = -1,
    ) -> None:
        """A table of `widths` (mm) whose header row is repeated on every page; column `left`
        is flush left, the others centred; a bool value is a tick box."""
        points = [w * mm for w in widths]
        header = table_cells(points, heads, role="hei")
        bodies = [table_cells(points, row, left=left) for row in rows]
        self.rows(bodies, size, TABLE_ROW_H, header)
