"""物业小区信息公示检查表: one community's disclosure items with tick boxes, one per page.

A bordered A4 form like the 备案表 and the 审核表 (`form_layout`): GB/T 9704 margins and page
numbers from `OfficialFlow`, each community numbered from 1. A blank form (for use on foot) has
empty tick boxes, dates and notes; a filled one ticks the result a visit recorded. The items
table is drawn in the largest size (五号 down to 小五) that keeps the community on one page;
failing that it continues on the next page, the items' header row drawn again.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.documents.fonts import printable, register_pdf_fonts
from app.documents.form_layout import (
    BLANK_CELL_DATE,
    CELL_SIZE,
    LINE_PITCH,
    PAD,
    SMALL_SIZE,
    Cell,
    FormPage,
    header_line,
    label_row,
    table_cells,
    wrap_words,
)
from app.documents.official_layout import (
    LEFT,
    PAGE_H,
    TEXT_W,
    TITLE_SIZE,
    TOP,
    OfficialFlow,
    new_canvas,
)
from app.domain.disclosure import CheckResult
from app.domain.disclosure_documents import ChecklistDoc, ChecklistLine, ChecklistPage
from app.domain.documents import cn_date

TITLE = "物业小区信息公示检查表"
HEADS = (
    "序号",
    "公示事项",
    "公示\n频次",
    "已公示",
    "未公示",
    "内容\n不全",
    "已过期",
    "公示日期",
    "备注",
)
NUMBER_W, TICK_W = 8 * mm, 12 * mm  # 序号, each result
NOTE_W = (18 * mm, 30 * mm)  # 备注: room to write by hand, more for long notes
FREQ_SAMPLE, DATE_SAMPLE = "长期公示", "2026-12-31"  # the widest 公示频次 and 公示日期
RESULTS = (CheckResult.POSTED, CheckResult.MISSING, CheckResult.INCOMPLETE, CheckResult.EXPIRED)
ITEM_SIZES = (SMALL_SIZE, 9.75, 9.0)  # 五号 … 小五, the largest that keeps one page
HEAD_ROLE = "hei"
ROW_MIN = 7 * mm  # a table row, with room to write a date or a note by hand
FACT_H = 7.5 * mm  # a row of the header block
RULE_PITCH = 7 * mm  # the ruled lines of a 检查情况说明 still to be written
BLANK_RULES = 2
SIGN_H = 16 * mm
PAGE_TOP = PAGE_H - TOP  # the top of the text block
GAP = 2 * mm  # above the items table and above the notes
CAPTION_H = CELL_SIZE * 1.8  # the caption of the notes
NOTE_LEADING = CELL_SIZE * LINE_PITCH
# Symbols some system fonts lack, and what to print instead.


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`wrap_words`, but a last line of one or two characters takes some from above."""
    lines = wrap_words(text, font, size, width)
    narrower = lines
    while len(narrower) == len(lines) > 1 and len(narrower[-1]) <= 2 and width > 4 * size:
        lines, width = narrower, width - size
        narrower = wrap_words(text, font, size, width)
    return narrower if len(narrower) == len(lines) else lines


def _widths(size: float, notes: Sequence[str]) -> list[float]:
    """Column widths (pt) at body `size`: 公示频次 and 公示日期 fit their widest value on one
    line, 备注 its longest note on about two, 公示事项 takes the rest."""
    font = register_pdf_fonts()["fangsong"]
    freq = pdfmetrics.stringWidth(FREQ_SAMPLE, font, size) + 2 * PAD + 1
    when = pdfmetrics.stringWidth(DATE_SAMPLE, font, size) + 2 * PAD + 1
    longest = max((pdfmetrics.stringWidth(n, font, size) for n in notes), default=0.0)
    note = min(max(longest / 2 + 2 * PAD + size, NOTE_W[0]), NOTE_W[1])
    name = TEXT_W - NUMBER_W - freq - 4 * TICK_W - when - note
    return [NUMBER_W, name, freq, *[TICK_W] * 4, when, note]


def _item_row(number: int, line: ChecklistLine, blank: bool) -> list[str | bool]:
    ticks: list[str | bool] = [not blank and line.result is r for r in RESULTS]
    posted = "" if blank or line.posted_on is None else line.posted_on.isoformat()
    return [str(number), line.name, line.frequency, *ticks, posted, "" if blank else line.note]


class _Checklist(FormPage):
    """The cells of this form: "\n" starts a new line, the table's header is 小五 with half
    the padding (so 已公示 fits a 12 mm column), symbols the font lacks get a stand-in."""

    head_size = 9.0

    def lines(self, cell: Cell, size: float) -> list[str]:
        if isinstance(cell.value, bool) or not cell.value:
            return []
        value = printable(cell.value, cell.role)
        font = self.flow.font(cell.role, value)
        head = cell.role == HEAD_ROLE and size < CELL_SIZE
        size, pad = (self.head_size, PAD / 2) if head else (size, PAD)
        width = cell.width - 2 * pad
        return [line for part in value.split("\n") for line in _wrap(part, font, size, width)]

    def text(
        self, lines: list[str], cell: Cell, x: float, top: float, h: float, size: float
    ) -> None:
        head = cell.role == HEAD_ROLE and size < CELL_SIZE
        super().text(lines, cell, x, top, h, self.head_size if head else size)

    # --- the blocks ----------------------------------------------------------------------

    def facts(self, page: ChecklistPage, blank: bool) -> None:
        when = cn_date(page.checked_on) if page.checked_on and not blank else BLANK_CELL_DATE
        rows = [
            label_row("小区名称", page.community, "所属社区", page.neighborhood),
            label_row("物业服务企业", page.company),
            label_row("检查日期", when, "检查人", "" if blank else page.inspector),
        ]
        self.rows(rows, CELL_SIZE, FACT_H)

    def items(self, lines: Sequence[ChecklistLine], blank: bool, size: float) -> None:
        self.flow.y -= GAP
        points = _widths(size, [] if blank else [printable(ln.note, "fangsong") for ln in lines])
        header = table_cells(points, HEADS, role=HEAD_ROLE)
        bodies = [
            table_cells(points, _item_row(n, line, blank), left=1)
            for n, line in enumerate(lines, start=1)
        ]
        for cells in bodies:
            cells[-1] = cells[-1]._replace(align="left")
        self.rows(bodies, size, ROW_MIN, header)

    def notes(self, notes: str, when: str) -> None:
        """检查情况说明 (the notes, or ruled lines to write on), kept with the signatures; notes
        longer than a page continue on the next one."""
        text = Cell(TEXT_W - 4 * CELL_SIZE, notes, align="left")
        lines, caption = self.lines(text, CELL_SIZE), "检查情况说明："
        while lines and self.notes_h(lines) + SIGN_H > self.flow.room() + 0.01:
            room = self.flow.room() - GAP - CAPTION_H - 2 * PAD
            take = min(int(room / NOTE_LEADING), len(lines) - 1)
            if take >= 2 or (take >= 1 and self.flow.y >= PAGE_TOP - 0.01):
                self.notes_box(caption, text, lines[:take])
                lines, caption = lines[take:], "检查情况说明（续）："
            self.flow.new_page()
        self.flow.ensure(self.notes_h(lines) + SIGN_H)
        top = self.notes_box(caption, text, lines)
        self.signatures(when)
        self.border(top)

    def notes_h(self, lines: list[str]) -> float:
        body = len(lines) * NOTE_LEADING if lines else BLANK_RULES * RULE_PITCH
        return GAP + CAPTION_H + body + 2 * PAD

    def notes_box(self, caption: str, text: Cell, lines: list[str]) -> float:
        """A bordered box of the caption and `lines` (or ruled lines); returns its top."""
        self.flow.y -= GAP
        top, h = self.flow.y, self.notes_h(lines) - GAP
        title = Cell(TEXT_W, caption, "hei", "left")
        self.text(self.lines(title, CELL_SIZE), title, LEFT, top - PAD, CAPTION_H, CELL_SIZE)
        body_top = top - PAD - CAPTION_H
        if lines:
            body = len(lines) * NOTE_LEADING
            self.text(lines, text, LEFT + 2 * CELL_SIZE - PAD, body_top, body, CELL_SIZE)
        else:
            self.canvas.setLineWidth(0.4)
            self.canvas.setStrokeGray(0.45)
            for number in range(1, BLANK_RULES + 1):
                y = body_top - number * RULE_PITCH
                self.canvas.line(LEFT + 2 * CELL_SIZE, y, LEFT + TEXT_W - 2 * CELL_SIZE, y)
            self.canvas.setStrokeGray(0)
        self.canvas.setLineWidth(0.6)
        self.canvas.rect(LEFT, top - h, TEXT_W, h)
        self.flow.y = top - h
        return top

    def signatures(self, when: str) -> None:
        """检查人（签字） and 物业服务企业负责人（签字）, each with its date at the bottom right."""
        top, half = self.flow.y, TEXT_W / 2
        leading = CELL_SIZE * 1.5
        for number, caption in enumerate(("检查人（签字）：", "物业服务企业负责人（签字）：")):
            x = LEFT + number * half
            cell = Cell(half, caption, "hei", "left")
            self.text(self.lines(cell, CELL_SIZE), cell, x, top - PAD, leading, CELL_SIZE)
            day = f"日期：{when}"
            font = self.flow.font("fangsong", day)
            self.canvas.setFont(font, CELL_SIZE)
            base = self.flow.baseline(top - SIGN_H + leading + PAD, font, CELL_SIZE, leading)
            width = pdfmetrics.stringWidth(day, font, CELL_SIZE)
            self.canvas.drawString(x + half - CELL_SIZE - width, base, day)
            self.canvas.setLineWidth(0.6)
            self.canvas.rect(x, top - SIGN_H, half, SIGN_H)
        self.flow.y = top - SIGN_H


class _Flow(OfficialFlow):
    """A flow whose continuation pages start with the form's title and the community."""

    more = ""

    def new_page(self) -> None:
        super().new_page()
        if self.more:
            self.line(self.more, "hei", CELL_SIZE, height=CELL_SIZE * 2)


def draw_page(flow: _Flow, doc: ChecklistDoc, page: ChecklistPage, size: float) -> None:
    """One community's form on fresh pages of the flow's canvas, numbered from 1."""
    flow.begin()
    flow.more = ""
    flow.line(TITLE, "hei", TITLE_SIZE, align="center", height=TITLE_SIZE * 1.5, bold=True)
    flow.y -= 2 * mm
    header_line(flow, f"检查单位：{doc.office_name}", f"打印日期：{cn_date(doc.printed_on)}")
    form = _Checklist(flow)
    form.facts(page, doc.blank)
    flow.more = f"{TITLE}（续）\u3000小区名称：{page.community}"
    form.items(page.lines, doc.blank, size)
    filled = not doc.blank and page.checked_on
    form.notes(
        "" if doc.blank else page.notes, cn_date(page.checked_on) if filled else BLANK_CELL_DATE
    )
    flow.end()


def _item_size(doc: ChecklistDoc, page: ChecklistPage) -> float:
    """The largest of ITEM_SIZES that keeps the community on one page (else the largest)."""
    for size in ITEM_SIZES:
        flow = _Flow(Canvas(io.BytesIO()))
        draw_page(flow, doc, page, size)
        if flow.page == 1:
            return size
    return ITEM_SIZES[0]


def draw_checklist(canvas: Canvas, doc: ChecklistDoc) -> None:
    flow = _Flow(canvas)
    for page in doc.pages:
        draw_page(flow, doc, page, _item_size(doc, page))


def render_checklist(doc: ChecklistDoc) -> bytes:
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, TITLE, doc.office_name)
    draw_checklist(canvas, doc)
    canvas.save()
    return buffer.getvalue()
