"""业主委员会备案表: the committee's facts, its members and attachments as a bordered A4 form.

A form rather than an official notice: no red letterhead, GB/T 9704 margins and page numbers
from `OfficialFlow`. The members and the attachments are tables whose header row is drawn
again at the top of every page they flow onto.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import NamedTuple

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from app.documents.official_layout import LEFT, TEXT_W, OfficialFlow, new_canvas, wrap
from app.domain.documents import FilingForm, FilingMember, cn_date

CELL_SIZE = 12.0  # 小四
SMALL_SIZE = 10.5  # 五号, the members table
HEAD_SIZE = 14.0  # 四号, the section headings
PAD = 1.5 * mm
ROW_H = 9 * mm
MEMBER_H = 8 * mm
BOX = 3.6 * mm  # the tick box of an attachment
SIGN_H = 44 * mm
GREY = 0.93  # the header rows
BLANK_CELL_DATE = "\u3000\u3000年\u3000\u3000月\u3000\u3000日"
# 序号 姓名 职务 房号 是否业主 中共党员 得票数 联系电话 (mm, 156 in all)
MEMBER_HEADERS = ("序号", "姓名", "职务", "房号", "是否业主", "中共党员", "得票数", "联系电话")
MEMBER_WIDTHS = (11, 19, 19, 27, 18, 18, 15, 29)
DOC_WIDTHS = (13, 115, 28)  # 序号 材料名称 已提交
YES = {True: "是", False: "否"}


class _Cell(NamedTuple):
    width: float  # pt
    value: str | bool  # a bool is a tick box
    role: str = "fangsong"
    align: str = "center"


def _in_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "./%-")


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
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


def _member_row(number: int, member: FilingMember) -> list[str]:
    votes = "" if member.votes is None else str(member.votes)
    return [
        str(number), member.name, member.role, member.room, YES[member.is_owner],
        YES[member.party_member], votes, member.phone,
    ]  # fmt: skip


class _FilingForm:
    def __init__(self, flow: OfficialFlow) -> None:
        self.flow = flow
        self.canvas = flow.canvas

    # --- cells ---------------------------------------------------------------------------

    def lines(self, cell: _Cell, size: float) -> list[str]:
        if isinstance(cell.value, bool) or not cell.value:
            return []
        font = self.flow.font(cell.role, cell.value)
        return _wrap(cell.value, font, size, cell.width - 2 * PAD)

    def height(self, cells: Sequence[_Cell], size: float, minimum: float) -> float:
        most = max(len(self.lines(cell, size)) for cell in cells)
        return max(minimum, most * size * 1.35 + 2 * PAD)

    def text(self, lines: list[str], cell: _Cell, x: float, top: float, h: float, size: float):
        """The lines of a cell, centred vertically in the box (x, top, cell.width, h)."""
        font = self.flow.fonts[cell.role]
        leading = size * 1.35
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

    def row(self, cells: Sequence[_Cell], size: float, h: float, *, shade: bool = False) -> None:
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

    def facts(self, form: FilingForm) -> None:
        label, value, wide = 30 * mm, 48 * mm, TEXT_W - 30 * mm

        def pair(*items: str) -> list[_Cell]:
            width = value if len(items) > 2 else wide
            return [
                _Cell(width, item, align="left") if i % 2 else _Cell(label, item, "hei")
                for i, item in enumerate(items)
            ]

        term = ""
        if form.term_start or form.term_end:
            term = f"{cn_date(form.term_start)}至{cn_date(form.term_end)}"
        households = "" if form.households is None else f"{form.households}户"
        rows = [
            pair("小区名称", form.community, "届次", f"第{form.term_no}届"),
            pair("地址", form.address),
            pair("业委会名称", form.body_name),
            pair("选举日期", cn_date(form.elected_on), "委员人数", f"{form.seats}人"),
            pair("任期（起止）", term),
            pair("户数", households, "总面积（m²）", form.total_area),
            pair("表决情况", form.participation),
            pair("联系人及电话", form.contact),
        ]
        self.flow.ensure(sum(self.height(cells, CELL_SIZE, ROW_H) for cells in rows))
        self.rows(rows, CELL_SIZE, ROW_H)

    def rows(
        self,
        rows: list[list[_Cell]],
        size: float,
        minimum: float,
        header: list[_Cell] | None = None,
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
        self, widths: Sequence[float], heads: Sequence[str], rows: list[list], size: float,
        left: int = -1,
    ) -> None:  # fmt: skip
        """A table whose header row is repeated on every page; column `left` is flush left."""
        header = [_Cell(w * mm, text, "hei") for w, text in zip(widths, heads, strict=True)]
        bodies = [
            [_Cell(w * mm, v, align="left" if i == left else "center") for i, (w, v) in
             enumerate(zip(widths, row, strict=True))]
            for row in rows
        ]  # fmt: skip
        self.rows(bodies, size, MEMBER_H, header)

    def signatures(self, form: FilingForm) -> None:
        """业主委员会（盖章）/主任签字 on the left, 受理单位意见/受理人 on the right."""
        self.flow.ensure(SIGN_H + 4 * mm)
        self.flow.y -= 4 * mm
        half, top = TEXT_W / 2, self.flow.y
        accepted = cn_date(form.filed_on) if form.filed_on else BLANK_CELL_DATE
        boxes = [
            ("业主委员会（盖章）", ["主任签字：", f"日期：{BLANK_CELL_DATE}"]),
            ("受理单位意见：", ["受理人：", f"日期：{accepted}"]),
        ]
        leading = CELL_SIZE * 1.8
        for number, (caption, foot) in enumerate(boxes):
            x = LEFT + number * half
            cell = _Cell(half, caption, "hei", "left")
            self.text(self.lines(cell, CELL_SIZE), cell, x, top - PAD, leading, CELL_SIZE)
            for line, text in enumerate(foot):
                line_top = top - SIGN_H + (len(foot) - line) * leading + PAD
                cell = _Cell(half, text, align="left")
                self.text(self.lines(cell, CELL_SIZE), cell, x, line_top, leading, CELL_SIZE)
            self.canvas.setLineWidth(0.6)
            self.canvas.rect(x, top - SIGN_H, half, SIGN_H)
        self.flow.y = top - SIGN_H
        self.border(top)


def draw_filing(flow: OfficialFlow, form: FilingForm) -> None:
    """The form on fresh pages of the flow's canvas, numbered from 1."""
    flow.begin()
    flow.title(form.title or "业主委员会备案表")
    info = f"受理单位：{form.office_name}"
    number = f"备案编号：{form.certificate_no or '　' * 8}"
    font = flow.font("fangsong", info + number)
    flow.line(info, "fangsong", CELL_SIZE, height=CELL_SIZE * 1.8)
    if pdfmetrics.stringWidth(info + "　" * 2 + number, font, CELL_SIZE) <= TEXT_W:
        flow.y += CELL_SIZE * 1.8  # the number shares the line, at the right
    flow.line(number, "fangsong", CELL_SIZE, align="right", height=CELL_SIZE * 1.8)
    flow.y -= 1 * mm
    page = _FilingForm(flow)
    page.heading("一、基本情况")
    page.facts(form)
    page.heading("二、委员名单")
    members = [_member_row(n, m) for n, m in enumerate(form.members, start=1)]
    page.table(MEMBER_WIDTHS, MEMBER_HEADERS, members, SMALL_SIZE)
    page.heading("三、随附材料")
    documents = [[str(n), name, done] for n, (name, done) in enumerate(form.documents, start=1)]
    page.table(DOC_WIDTHS, ("序号", "材料名称", "已提交"), documents, CELL_SIZE, left=1)
    page.signatures(form)
    flow.end()


def render_filing(form: FilingForm) -> bytes:
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, form.title or "业主委员会备案表", form.office_name)
    draw_filing(OfficialFlow(canvas), form)
    canvas.save()
    return buffer.getvalue()
