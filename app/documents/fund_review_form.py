"""专项维修资金使用申请审核表: one maintenance-fund request as a bordered A4 form.

A form like the 业主委员会备案表, drawn with the same cells and tables (`form_layout`): no red
letterhead, GB/T 9704 margins and page numbers from `OfficialFlow`. Long texts wrap inside
their cells and a row too tall for the rest of the page continues on the next one, labelled
"（续）". The materials and disbursement tables repeat their header rows. The review boxes stay
together on one page (unless together they are taller than a page): when the page is short, the
ruled lines of the boxes close up (down to MIN_RULE_PITCH) before the section moves to the next
page, so an ordinary request prints on two pages and no box stands alone on a third. A box is
never split (unless it is taller than a page), so each level's opinion, date and seal stay
together.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from app.documents.fonts import printable
from app.documents.form_layout import (
    BLANK_CELL_DATE,
    CELL_SIZE,
    HEAD_SIZE,
    LINE_PITCH,
    PAD,
    ROW_H,
    TABLE_ROW_H,
    Cell,
    FormPage,
    header_line,
    label_row,
    table_cells,
    wrap_words,
)
from app.documents.official_layout import LEFT, TEXT_H, TEXT_W, OfficialFlow, new_canvas
from app.domain.amounts import capital, yuan
from app.domain.documents import cn_date
from app.domain.fund_documents import FundReviewForm, ReviewBox

TITLE = "专项维修资金使用申请审核表"
LEADING = CELL_SIZE * LINE_PITCH  # the line pitch inside a cell
KEEP_ROWS = 10  # a table this short never splits across pages
RULE_PITCH = 8 * mm  # the ruled lines of an opinion still to be written by hand
MIN_RULE_PITCH = 6 * mm  # closed up so that the boxes share a page
PITCH_STEP = 0.25 * mm
BLANK_RULES = 3
FOOT_LEADING = CELL_SIZE * 1.6  # the seal label and the 经办人 line of a review box
FOOT_H = 2 * FOOT_LEADING + 2 * PAD
INDENT = 2 * CELL_SIZE  # the opinion and its ruled lines sit two characters in
BLANK_NAME = "\u3000" * 5
MATERIAL_WIDTHS = (14, 102, 40)  # 序号 材料名称 收取情况 (mm, 156 in all)
PAYMENT_WIDTHS = (14, 54, 40, 48)  # 序号 款项 拨付日期 金额（元）
# Symbols some system fonts lack (FangSong has no ✓), and what to print instead.


def _amount(fen: int | None) -> str:
    """¥123,400.00（大写：壹拾贰万叁仟肆佰元整）, or "" to be written in by hand."""
    return "" if fen is None else f"¥{yuan(fen)}（大写：{capital(fen)}）"


def _scope(form: FundReviewForm) -> str:
    facts = []
    if form.scope_households is not None:
        facts.append(f"共 {form.scope_households} 户")
    if form.scope_area:
        facts.append(f"建筑面积 {form.scope_area} ㎡")
    return "\n".join(part for part in (form.scope, "，".join(facts)) if part)


def _fact_rows(form: FundReviewForm) -> list[list[Cell]]:
    emergency = "\n".join(("是", *form.emergency_lines)) if form.emergency else "否"
    return [
        label_row("小区名称", form.community, "所属社区", form.neighborhood),
        label_row("申请人", form.applicant),
        label_row("联系人及电话", form.contact, "申请日期", cn_date(form.applied_on)),
        label_row("维修项目", form.project),
        label_row("维修部位\n（设施设备）", form.part),
        label_row("维修原因", form.reason),
        label_row("列支范围", _scope(form)),
        label_row("申请金额", _amount(form.budget_fen)),
        label_row("核准金额", _amount(form.approved_fen)),
        label_row("是否紧急使用", emergency),
        label_row("业主表决情况", "\n".join(form.vote_lines)),
        label_row("公示情况", form.disclosure),
    ]


class _ReviewForm(FormPage):
    # --- cells: a "\n" starts a new line; symbols the font lacks get a stand-in -------------

    def lines(self, cell: Cell, size: float) -> list[str]:
        if isinstance(cell.value, bool) or not cell.value:
            return []
        value = printable(cell.value, cell.role)
        font = self.flow.font(cell.role, value)
        width = cell.width - 2 * PAD
        return [line for part in value.split("\n") for line in wrap_words(part, font, size, width)]

    def right(self, text: str, right: float, top: float, h: float) -> None:
        """One fangsong line ending at `right`, centred vertically in the box (top, h)."""
        font = self.flow.font("fangsong", text)
        width = pdfmetrics.stringWidth(text, font, CELL_SIZE)
        self.canvas.setFont(font, CELL_SIZE)
        self.canvas.drawString(right - width, self.flow.baseline(top, font, CELL_SIZE, h), text)

    def heading(self, text: str, keep: float = 2 * ROW_H) -> None:
        """A section heading, kept on one page with the first `keep` points below it."""
        self.flow.ensure(HEAD_SIZE * 1.8 + 4 * mm + keep)
        super().heading(text)

    # --- 一、申请情况 ----------------------------------------------------------------------

    def request(self, form: FundReviewForm) -> None:
        rows = _fact_rows(form)
        self.flow.ensure(self.height(rows[0], CELL_SIZE, ROW_H))
        top = self.flow.y
        for cells in rows:
            top = self.fact_row(cells, top)
        self.border(top)

    def fact_row(self, cells: list[Cell], top: float) -> float:
        """One row; a long value continues on the next page. Returns the table's top."""
        h = self.height(cells, CELL_SIZE, ROW_H)
        if len(cells) > 2 or h <= self.flow.room() + 0.01:
            if h > self.flow.room() + 0.01:
                self.border(top)
                self.flow.new_page()
                top = self.flow.y
            self.row(cells, CELL_SIZE, h)
            return top
        label, value = cells
        more = label._replace(value=f"{label.value}\n（续）")
        lines = self.lines(value, CELL_SIZE)
        while True:
            need = max(self.height([label], CELL_SIZE, ROW_H), len(lines) * LEADING + 2 * PAD)
            if need <= self.flow.room() + 0.01:
                self.pair(label, value, lines, need)
                return top
            fit = int((self.flow.room() - 2 * PAD) / LEADING + 1e-6)
            take = min(fit, len(lines) - 2)  # two lines at least on either page
            if take >= 2:
                self.pair(label, value, lines[:take], self.flow.room())
                lines, label = lines[take:], more
            self.border(top)
            self.flow.new_page()
            top = self.flow.y

    def pair(self, label: Cell, value: Cell, lines: list[str], h: float) -> None:
        """A label and some already wrapped lines of its value, in a row of height `h`."""
        top = self.flow.y
        self.text(self.lines(label, CELL_SIZE), label, LEFT, top, h, CELL_SIZE)
        self.text(lines, value, LEFT + label.width, top, h, CELL_SIZE)
        self.canvas.setLineWidth(0.6)
        self.canvas.rect(LEFT, top - h, label.width, h)
        self.canvas.rect(LEFT + label.width, top - h, value.width, h)
        self.flow.y = top - h

    # --- 二、申报材料 and 四、拨付记录 -------------------------------------------------------

    def section_table(self, heading: str, header: list[Cell], bodies: list[list[Cell]]) -> None:
        """A heading and a table whose header row repeats on every page. A table of up to
        KEEP_ROWS rows is kept whole with its heading, a longer one at least its first two."""
        heights = [self.height(cells, CELL_SIZE, TABLE_ROW_H) for cells in [header, *bodies]]
        self.heading(heading, keep=sum(heights[: 3 if len(bodies) > KEEP_ROWS else None]))
        self.rows(bodies, CELL_SIZE, TABLE_ROW_H, header)

    def materials(self, materials: Sequence[tuple[str, str]]) -> None:
        widths = [w * mm for w in MATERIAL_WIDTHS]
        header = table_cells(widths, ("序号", "材料名称", "收取情况"), role="hei")
        bodies = [
            table_cells(widths, (str(n), name, state), left=1)
            for n, (name, state) in enumerate(materials, start=1)
        ]
        self.section_table("二、申报材料", header, bodies)

    def payments(self, payments: Sequence[tuple[str, date, int]]) -> None:
        widths = [w * mm for w in PAYMENT_WIDTHS]
        header = table_cells(widths, ("序号", "款项", "拨付日期", "金额（元）"), role="hei")
        bodies = [
            table_cells(widths, (str(n), kind, cn_date(on), yuan(fen)))
            for n, (kind, on, fen) in enumerate(payments, start=1)
        ]
        total = sum(fen for _kind, _on, fen in payments)
        bodies.append(
            [
                Cell(widths[0], "合计", "hei"),
                Cell(widths[1] + widths[2], f"人民币（大写）：{capital(total)}", align="left"),
                Cell(widths[3], yuan(total)),
            ]
        )
        self.section_table("四、拨付记录", header, bodies)

    # --- 三、审核意见 ---------------------------------------------------------------------

    def review(self, boxes: Sequence[ReviewBox]) -> None:
        """The heading and the boxes, on one page: closed up to fit the rest of this page,
        else on the next; only boxes taller than a page together are laid out one by one."""
        pitch = self.fit_pitch(boxes, self.flow.room()) or self.fit_pitch(boxes, TEXT_H)
        if pitch is not None:
            keep = self.section_h(boxes, pitch) - self.heading_h()
        else:  # taller than a page: each box whole, the first with the heading
            pitch = RULE_PITCH
            keep = self.keep(boxes[0], pitch) if boxes else 0.0
        self.heading("三、审核意见", keep=keep)
        for box in boxes:
            self.box(box, pitch)

    def heading_h(self) -> float:
        return HEAD_SIZE * 1.8 + 4 * mm

    def section_h(self, boxes: Sequence[ReviewBox], pitch: float) -> float:
        return self.heading_h() + sum(self.opinion(box, pitch)[3] for box in boxes)

    def fit_pitch(self, boxes: Sequence[ReviewBox], room: float) -> float | None:
        """The widest pitch of the ruled lines (RULE_PITCH down to MIN_RULE_PITCH) at which
        the heading and all the boxes fit in `room`; None if they do not fit at all."""
        pitch = RULE_PITCH
        while pitch >= MIN_RULE_PITCH - 1e-6:
            if self.section_h(boxes, pitch) <= room + 0.01:
                return pitch
            pitch -= PITCH_STEP
        return None

    def opinion(
        self, box: ReviewBox, pitch: float = RULE_PITCH
    ) -> tuple[Cell, Cell, list[str], float]:
        """The box's title and opinion cells, the opinion's lines and the box's height."""
        title = Cell(TEXT_W, f"{box.level}：", "hei", "left")
        opinion = Cell(TEXT_W - INDENT, box.opinion, align="left")
        lines = self.lines(opinion, CELL_SIZE)
        body = max(BLANK_RULES * pitch, len(lines) * LEADING)
        return title, opinion, lines, self.title_h(title) + body + FOOT_H

    def title_h(self, title: Cell) -> float:
        return self.height([title], CELL_SIZE, 0) - PAD  # no padding below the title

    def keep(self, box: ReviewBox, pitch: float = RULE_PITCH) -> float:
        """The room a box needs below the cursor: all of it, unless it is taller than a page."""
        title, _opinion, _lines, height = self.opinion(box, pitch)
        return height if height <= TEXT_H else self.title_h(title) + 3 * LEADING + PAD

    def box(self, box: ReviewBox, pitch: float = RULE_PITCH) -> None:
        """The level's box: its opinion (or ruled lines `pitch` apart), then 盖章 and
        经办人/date at the bottom right. Kept whole on one page; only an opinion longer than a
        page continues."""
        title, opinion, lines, _height = self.opinion(box, pitch)
        self.flow.ensure(self.keep(box, pitch))
        while self.title_h(title) + len(lines) * LEADING + FOOT_H > self.flow.room() + 0.01:
            take = int((self.flow.room() - self.title_h(title) - PAD) / LEADING)
            self.box_part(title, opinion, lines[:take], self.flow.room())
            lines = lines[take:]
            title = title._replace(value=f"{box.level}（续）：")
            self.flow.new_page()
        body = max(BLANK_RULES * pitch, len(lines) * LEADING)
        h = self.title_h(title) + body + FOOT_H
        top = self.flow.y
        self.box_part(title, opinion, lines, h, ruled=pitch if not box.opinion else 0.0)
        self.foot(box, top - h + PAD)

    def box_part(
        self, title: Cell, opinion: Cell, lines: list[str], h: float, *, ruled: float = 0.0
    ) -> None:
        """Part of a box; `ruled`: the pitch of the lines for a handwritten opinion, if any."""
        top = self.flow.y
        title_lines = self.lines(title, CELL_SIZE)
        title_h = len(title_lines) * LEADING
        self.text(title_lines, title, LEFT, top - PAD, title_h, CELL_SIZE)
        body = top - PAD - title_h
        self.text(lines, opinion, LEFT + INDENT, body, len(lines) * LEADING, CELL_SIZE)
        if ruled:  # room for a handwritten opinion
            self.canvas.setLineWidth(0.4)
            self.canvas.setStrokeGray(0.45)
            for number in range(1, BLANK_RULES + 1):
                y = body - number * ruled
                self.canvas.line(LEFT + INDENT, y, LEFT + TEXT_W - INDENT, y)
            self.canvas.setStrokeGray(0)
        self.canvas.setLineWidth(1.2)
        self.canvas.rect(LEFT, top - h, TEXT_W, h)
        self.flow.y = top - h

    def foot(self, box: ReviewBox, bottom: float) -> None:
        """（盖章） centred over the date, 经办人 and the date on the last line, at the right."""
        when = cn_date(box.on) if box.on else BLANK_CELL_DATE
        right = LEFT + TEXT_W - 2 * CELL_SIZE
        date_w = pdfmetrics.stringWidth(when, self.flow.font("fangsong", when), CELL_SIZE)
        font = self.flow.font("fangsong", box.seal_label)
        self.canvas.setFont(font, CELL_SIZE)
        base = self.flow.baseline(bottom + 2 * FOOT_LEADING, font, CELL_SIZE, FOOT_LEADING)
        self.canvas.drawCentredString(right - date_w / 2, base, box.seal_label)
        sign = f"经办人：{box.operator or BLANK_NAME}\u3000\u3000"
        self.right(sign, right - date_w, bottom + FOOT_LEADING, FOOT_LEADING)
        self.right(when, right, bottom + FOOT_LEADING, FOOT_LEADING)


def draw_review_form(flow: OfficialFlow, form: FundReviewForm) -> None:
    """The form on fresh pages of the flow's canvas, numbered from 1."""
    flow.begin()
    flow.title(TITLE)
    header_line(flow, f"申请编号：{form.serial}", f"填表日期：{cn_date(form.printed_on)}")
    page = _ReviewForm(flow)
    page.heading("一、申请情况")
    page.request(form)
    page.materials(form.materials)
    page.review(form.boxes)
    if form.disbursements:
        page.payments(form.disbursements)
    flow.end()


def render_review_form(form: FundReviewForm) -> bytes:
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, TITLE, form.office_name)
    draw_review_form(OfficialFlow(canvas), form)
    canvas.save()
    return buffer.getvalue()
