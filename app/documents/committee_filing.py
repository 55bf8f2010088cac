"""业主委员会备案表: the committee's facts, its members and attachments as a bordered A4 form.

The cells, rows and tables come from `form_layout`. The members and the attachments are tables
whose header row is drawn again at the top of every page they flow onto.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm

from app.documents.form_layout import (
    BLANK_CELL_DATE,
    CELL_SIZE,
    PAD,
    ROW_H,
    SMALL_SIZE,
    Cell,
    FormPage,
    header_line,
    label_row,
)
from app.documents.official_layout import LEFT, TEXT_W, OfficialFlow, new_canvas
from app.domain.documents import FilingForm, FilingMember, cn_date

SIGN_H = 44 * mm
# 序号 姓名 职务 房号 是否业主 中共党员 得票数 联系电话 (mm, 156 in all)
MEMBER_HEADERS = ("序号", "姓名", "职务", "房号", "是否业主", "中共党员", "得票数", "联系电话")
MEMBER_WIDTHS = (11, 19, 19, 27, 18, 18, 15, 29)
DOC_WIDTHS = (13, 115, 28)  # 序号 材料名称 已提交
YES = {True: "是", False: "否"}


def _member_row(number: int, member: FilingMember) -> list[str]:
    votes = "" if member.votes is None else str(member.votes)
    return [
        str(number),
        member.name,
        member.role,
        member.room,
        YES[member.is_owner],
        YES[member.party_member],
        votes,
        member.phone,
    ]


class _FilingForm(FormPage):
    def facts(self, form: FilingForm) -> None:
        term = ""
        if form.term_start or form.term_end:
            term = f"{cn_date(form.term_start)}至{cn_date(form.term_end)}"
        households = "" if form.households is None else f"{form.households}户"
        rows = [
            label_row("小区名称", form.community, "届次", f"第{form.term_no}届"),
            label_row("地址", form.address),
            label_row("业委会名称", form.body_name),
            label_row("选举日期", cn_date(form.elected_on), "委员人数", f"{form.seats}人"),
            label_row("任期（起止）", term),
            label_row("户数", households, "总面积（m²）", form.total_area),
            label_row("表决情况", form.participation),
            label_row("联系人及电话", form.contact),
        ]
        self.flow.ensure(sum(self.height(cells, CELL_SIZE, ROW_H) for cells in rows))
        self.rows(rows, CELL_SIZE, ROW_H)

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
            cell = Cell(half, caption, "hei", "left")
            self.text(self.lines(cell, CELL_SIZE), cell, x, top - PAD, leading, CELL_SIZE)
            for line, text in enumerate(foot):
                line_top = top - SIGN_H + (len(foot) - line) * leading + PAD
                cell = Cell(half, text, align="left")
                self.text(self.lines(cell, CELL_SIZE), cell, x, line_top, leading, CELL_SIZE)
            self.canvas.setLineWidth(0.6)
            self.canvas.rect(x, top - SIGN_H, half, SIGN_H)
        self.flow.y = top - SIGN_H
        self.border(top)


def draw_filing(flow: OfficialFlow, form: FilingForm) -> None:
    """The form on fresh pages of the flow's canvas, numbered from 1."""
    flow.begin()
    flow.title(form.title or "业主委员会备案表")
    number = f"备案编号：{form.certificate_no or '　' * 8}"
    header_line(flow, f"受理单位：{form.office_name}", number)
    page = _FilingForm(flow)
    page.heading("一、基本情况")
    page.facts(form)
    page.heading("二、委员名单")
    members = [_member_row(n, m) for n, m in enumerate(form.members, start=1)]
    page.table(MEMBER_WIDTHS, MEMBER_HEADERS, members, SMALL_SIZE)
    page.heading("三、随附材料")
    documents: list[list[str | bool]] = [
        [str(n), name, done] for n, (name, done) in enumerate(form.documents, start=1)
    ]
    page.table(DOC_WIDTHS, ("序号", "材料名称", "已提交"), documents, CELL_SIZE, left=1)
    page.signatures(form)
    flow.end()


def render_filing(form: FilingForm) -> bytes:
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, form.title or "业主委员会备案表", form.office_name)
    draw_filing(OfficialFlow(canvas), form)
    canvas.save()
    return buffer.getvalue()
