"""执法进小区公示牌: the enforcement departments of one community, to pin on a notice board.

A poster rather than a GB/T 9704 notice: a red title band, the community, a bordered table of
the departments (序号 | 部门 | 主要职责 | 联系人 | 联系电话) and, at the foot, the township's
complaint number, the property company and the office. The design is laid out in A4 points and
drawn through a scale transform, so A3 is the same poster larger. The body font shrinks in steps
until the table fits one page; below the smallest step the table continues on more pages, its
header row drawn again, rather than being clipped. Phone numbers never break inside a number.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.lib.colors import Color, white
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.documents.fonts import check_coverage, printable, register_pdf_fonts
from app.documents.form_layout import BLANK_CELL_DATE, wrap_words
from app.documents.official_layout import RED, new_canvas
from app.domain.disclosure_documents import PosterDoc
from app.domain.documents import cn_date

TITLE = "执法进小区公示牌"
PAGE_SIZES = {"A4": A4, "A3": A3}
W, H = A4  # the design's coordinates; an A3 page scales them by √2
MARGIN = 12 * mm
TEXT_W = W - 2 * MARGIN
BODY_SIZES = tuple(n / 2 for n in range(32, 21, -1))  # 16 … 11 pt, tried until one fits
DUTIES_MIN = 0.4  # the least share of the width left to 主要职责 (else a smaller size)
DUTIES_SHARE = 0.5  # 部门 wraps rather than leave 主要职责 less than this share of the rest
LEADING = 1.25  # line pitch inside a cell, as a multiple of the font size
PAD_X, PAD_Y = 0.4, 0.3  # a cell's padding, likewise
BAND_H = 19 * mm
TITLE_SIZE = 40.0
NAME_SIZE = 24.0  # the community
OFFICE_SIZE = 15.0
TOP_H = BAND_H + 2 * mm + NAME_SIZE * 1.45 + OFFICE_SIZE * 1.5 + 3 * mm
MORE_SIZE = 15.0  # "（续）" line heading a continuation page
MORE_H = MORE_SIZE * 2
BOX_H = 14 * mm  # the complaint box
FOOT_GAP = 5 * mm  # between the table and the complaint box
BOX_SIZE = 21.0
LINE_SIZE = 15.0  # the company line and the office/date line
LINE_H = LINE_SIZE * 1.75
PAGE_NO_SIZE = 10.0
SHADE = Color(0.99, 0.92, 0.92)  # every other body row; light grey on a mono printer
BOX_FILL = Color(1, 0.96, 0.96)
PHONE_MAX = 48 * mm  # a phone number wider than this is drawn smaller, never broken
# Symbols some system fonts lack, and what to print instead.
HEADS = ("序号", "部门", "主要职责", "联系人", "联系电话")
ROLES = ("hei", "hei", "song", "hei", "hei")
ALIGN = ("center", "left", "left", "center", "center")
ORPHAN = 3  # a last line this short takes characters from the lines above
# A phone number with the separators after it ("0833-5123402 / ", "110、"): a line breaks only
# between these.
PHONE_PART = re.compile(r"[^/、，,;；\s]*[/、，,;；\s]+|[^/、，,;；\s]+")


def _printable(text: str, role: str) -> str:
    """fonts.printable, and a clear error naming any other character the font lacks."""
    text = printable(text, role)
    check_coverage(text, role)
    return text


def _width(text: str, role: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, register_pdf_fonts()[role], size))


def _fit(text: str, role: str, size: float) -> float:
    """`size`, or smaller if `text` would be wider than the text block."""
    return min(size, TEXT_W / max(_width(_printable(text, role), role, 1), 1))


Box = tuple[float, float, float, float]  # x, top, width, height


@dataclass(frozen=True)
class _Row:
    cells: tuple[tuple[str, ...], ...]  # the wrapped lines of each cell
    height: float
    sizes: tuple[float, ...]  # the font size of each cell (a long phone number is smaller)


@dataclass(frozen=True)
class _Table:
    size: float
    widths: tuple[float, ...]
    head: _Row
    rows: tuple[_Row, ...]


def _phone_lines(text: str, size: float, width: float) -> list[str]:
    """Phone numbers joined greedily into lines; a break falls only between numbers."""
    lines: list[str] = []
    for part in PHONE_PART.findall(text):
        if lines and _width((lines[-1] + part).rstrip(), "hei", size) <= width + 0.01:
            lines[-1] += part
        else:
            lines.append(part)
    return [line.strip() for line in lines]


def _widest_phone(text: str, size: float) -> float:
    return max((_width(p.strip(), "hei", size) for p in PHONE_PART.findall(text)), default=0.0)


def _balanced(
    text: str, font: str, size: float, width: float, *, orphans: bool = False
) -> list[str]:
    """`wrap_words` into as few lines as `width` allows, but of about equal length; with
    `orphans`, only until the last line has more than ORPHAN characters."""
    lines = wrap_words(text, font, size, width)
    while width > size and not (orphans and len(lines[-1]) > ORPHAN):
        narrower = wrap_words(text, font, size, width - size)
        if len(narrower) != len(lines):
            break
        lines, width = narrower, width - size
    return lines


def _columns(doc: PosterDoc, size: float) -> tuple[float, ...]:
    """Column widths (pt): the narrow columns fit their header and contents, 主要职责 the rest.
    部门 is as wide as the longest name if 主要职责 keeps DUTIES_SHARE of the width."""
    pad = 2 * PAD_X * size
    count = str(len(doc.departments))
    number = max(_width("序号", "hei", size), _width(count, "hei", size)) + pad
    contacts = [_width(d.contact, "hei", size) for d in doc.departments]
    contact = min(max([*contacts, 3 * size]), 5 * size) + pad
    phones = [_widest_phone(_printable(d.phone, "hei"), size) for d in doc.departments]
    phone = min(max([*phones, 6.5 * size]) + pad, PHONE_MAX)
    names = [_width(d.name, "hei", size) for d in doc.departments]
    rest = TEXT_W - number - contact - phone
    name = min(max([*names, 4 * size]), 10 * size, rest * (1 - DUTIES_SHARE) - pad)
    name = max(name, 4 * size) + pad
    return number, name, rest - name, contact, phone


def _row(values: Sequence[str], widths: Sequence[float], size: float, roles: Sequence[str]) -> _Row:
    pad_x, pad_y = PAD_X * size, PAD_Y * size
    cells, sizes = [], []
    for column, (value, width, role) in enumerate(zip(values, widths, roles, strict=True)):
        text, cell_size, room = _printable(value, role), size, width - 2 * pad_x
        if column == 4 and text:
            cell_size = min(size, size * room / max(_widest_phone(text, size), 1))
            lines = _phone_lines(text, cell_size, room)
        else:
            font = register_pdf_fonts()[role]
            lines = [ln for part in text.split("\n") for ln in wrap_words(part, font, size, room)]
            if "\n" not in text and column == 1:  # a name in lines of about equal length
                lines = _balanced(text, font, size, room)
            elif "\n" not in text and len(lines) > 1 and len(lines[-1]) <= ORPHAN:
                lines = _balanced(text, font, size, room, orphans=True)
        cells.append(tuple(line for line in lines if line))
        sizes.append(cell_size)
    most = max((len(lines) for lines in cells), default=0)
    return _Row(tuple(cells), max(most, 1) * size * LEADING + 2 * pad_y, tuple(sizes))


def _table(doc: PosterDoc, size: float) -> _Table:
    widths = _columns(doc, size)
    head = _row(HEADS, widths, size, ["hei"] * 5)
    rows = tuple(
        _row((str(n), d.name, d.duties, d.contact, d.phone), widths, size, ROLES)
        for n, d in enumerate(doc.departments, start=1)
    )
    return _Table(size, widths, head, rows)


def _foot_h(doc: PosterDoc) -> float:
    return FOOT_GAP + BOX_H + 2 * mm + (LINE_H if doc.company else 0.0) + LINE_H


def _plan(doc: PosterDoc) -> tuple[_Table, list[list[int]]]:
    """The largest body size whose table fits one page, or the smallest one split into pages
    (the rows' indices on each page; the foot goes on the last page with at least one row)."""
    foot = _foot_h(doc)
    room = H - 2 * MARGIN - TOP_H - foot
    for size in BODY_SIZES:
        table = _table(doc, size)
        if table.widths[2] < DUTIES_MIN * TEXT_W and size > BODY_SIZES[-1]:
            continue
        used = table.head.height + sum(r.height for r in table.rows)
        if used <= room:
            if table.rows:  # spare room: more air in each row, up to a line's worth
                grow = min((room - used) / len(table.rows), size * LEADING)
                rows = tuple(replace(r, height=r.height + grow) for r in table.rows)
                table = replace(table, rows=rows)
            return table, [list(range(len(table.rows)))]
    pages: list[list[int]] = [[]]
    room = H - 2 * MARGIN - TOP_H - table.head.height
    for index, row in enumerate(table.rows):
        if pages[-1] and row.height > room + 0.01:
            pages.append([])
            room = H - 2 * MARGIN - MORE_H - table.head.height
        pages[-1].append(index)
        room -= row.height
    if room < foot and len(pages[-1]) > 1:
        pages.append([pages[-1].pop()])  # the foot never stands alone on a page
    elif room < foot:
        pages.append([])
    return table, pages


class _Poster:
    def __init__(self, doc: PosterDoc, canvas: Canvas) -> None:
        self.doc, self.canvas = doc, canvas
        self.fonts = register_pdf_fonts()

    def text(
        self,
        text: str,
        role: str,
        size: float,
        box: Box,
        align: str = "left",
        *,
        bold: bool = False,
        space: float = 0.0,
    ) -> float:
        """One line centred vertically in `box` (x, top, width, height); returns its width."""
        x, top, width, height = box
        text = _printable(text, role)
        font = self.fonts[role]
        asc, desc = pdfmetrics.getAscent(font), pdfmetrics.getDescent(font)
        base = top - (height - size) / 2 - size * asc / (asc - desc)
        drawn = _width(text, role, size) + space * max(len(text) - 1, 0)
        x += {"center": (width - drawn) / 2, "right": width - drawn}.get(align, 0.0)
        self.canvas.saveState()
        self.canvas.setFont(font, size)
        self.canvas.setLineWidth(size / 45)  # fill and stroke: a bold look from a regular face
        self.canvas.drawString(x, base, text, mode=2 if bold else 0, charSpace=space)
        self.canvas.restoreState()
        return drawn

    # --- the blocks, top to bottom ----------------------------------------------------------

    def top(self) -> float:
        """The red title band, the community and the office; returns the y below them."""
        canvas, y = self.canvas, H - MARGIN
        canvas.setFillColor(RED)
        canvas.rect(MARGIN, y - BAND_H, TEXT_W, BAND_H, stroke=0, fill=1)
        canvas.setFillColor(white)
        canvas.setStrokeColor(white)
        box = (MARGIN, y, TEXT_W, BAND_H)
        self.text(TITLE, "hei", TITLE_SIZE, box, "center", bold=True, space=TITLE_SIZE / 4)
        canvas.setFillGray(0)
        canvas.setStrokeGray(0)
        y -= BAND_H + 2 * mm
        name, office = self.doc.community, self.doc.office_name
        box = (MARGIN, y, TEXT_W, NAME_SIZE * 1.45)
        self.text(name, "hei", _fit(name, "hei", NAME_SIZE), box, "center", bold=True)
        y -= NAME_SIZE * 1.45
        box = (MARGIN, y, TEXT_W, OFFICE_SIZE * 1.5)
        self.text(office, "song", _fit(office, "song", OFFICE_SIZE), box, "center")
        return y - OFFICE_SIZE * 1.5 - 3 * mm

    def more(self) -> float:
        """The heading of a continuation page; returns the y below it."""
        y = H - MARGIN
        text = f"{TITLE}（续）\u3000{self.doc.community}"
        self.text(text, "hei", _fit(text, "hei", MORE_SIZE), (MARGIN, y, TEXT_W, MORE_H), bold=True)
        return y - MORE_H

    def row(self, row: _Row, table: _Table, y: float, *, head: bool, shade: bool) -> float:
        canvas, x = self.canvas, MARGIN
        pad_x = PAD_X * table.size
        if head or shade:
            canvas.setFillColor(RED if head else SHADE)
            canvas.rect(MARGIN, y - row.height, TEXT_W, row.height, stroke=0, fill=1)
        canvas.setFillColor(white if head else Color(0, 0, 0))
        for column, (lines, width, size) in enumerate(
            zip(row.cells, table.widths, row.sizes, strict=True)
        ):
            role = "hei" if head else ROLES[column]
            align = "center" if head else ALIGN[column]
            leading = table.size * LEADING
            top = y - (row.height - len(lines) * leading) / 2
            for line in lines:
                self.text(line, role, size, (x + pad_x, top, width - 2 * pad_x, leading), align)
                top -= leading
            x += width
        canvas.setFillGray(0)
        canvas.setLineWidth(0.8)
        x = MARGIN
        for width in table.widths:
            canvas.rect(x, y - row.height, width, row.height)
            x += width
        return y - row.height

    def table(self, table: _Table, indices: list[int], y: float) -> None:
        if not indices:
            return
        top = y
        y = self.row(table.head, table, y, head=True, shade=False)
        for index in indices:
            y = self.row(table.rows[index], table, y, head=False, shade=index % 2 == 1)
        self.canvas.setLineWidth(1.6)
        self.canvas.rect(MARGIN, y, TEXT_W, top - y)

    def foot(self) -> None:
        """The complaint box, the company line and the office with the date, at the bottom."""
        canvas, doc = self.canvas, self.doc
        y = MARGIN + _foot_h(doc) - FOOT_GAP
        canvas.saveState()
        canvas.setFillColor(BOX_FILL)
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(2)
        canvas.rect(MARGIN, y - BOX_H, TEXT_W, BOX_H, stroke=1, fill=1)
        canvas.restoreState()
        label = "乡镇（街道）投诉电话："
        phone = _printable(doc.complaint_phone.strip(), "hei")
        label_w = _width(label, "hei", BOX_SIZE)
        phone_w = _width(phone, "hei", BOX_SIZE * 1.15) if phone else 55 * mm
        scale = min(1.0, (TEXT_W - BOX_SIZE) / (label_w + phone_w))  # a long number: smaller
        x = MARGIN + (TEXT_W - (label_w + phone_w) * scale) / 2
        x += self.text(label, "hei", BOX_SIZE * scale, (x, y, 0, BOX_H), bold=True)
        if phone:
            canvas.setFillColor(RED)
            canvas.setStrokeColor(RED)
            self.text(phone, "hei", BOX_SIZE * 1.15 * scale, (x, y, 0, BOX_H), bold=True)
            canvas.setFillGray(0)
            canvas.setStrokeGray(0)
        else:  # a line to write the number on by hand
            under = y - BOX_H / 2 - BOX_SIZE * 0.45
            canvas.setLineWidth(1)
            canvas.line(x, under, x + phone_w * scale, under)
        y -= BOX_H + 2 * mm
        if doc.company:
            service = doc.company_phone or "\u3000" * 8
            line = f"物业服务企业：{doc.company}\u3000服务电话：{service}"
            box = (MARGIN, y, TEXT_W, LINE_H)
            self.text(line, "hei", _fit(line, "hei", LINE_SIZE), box, "center")
            y -= LINE_H
        when = cn_date(doc.printed_on) if doc.printed_on else BLANK_CELL_DATE
        line = f"{doc.office_name}\u3000{when}"
        self.text(line, "song", _fit(line, "song", LINE_SIZE), (MARGIN, y, TEXT_W, LINE_H), "right")

    def page_number(self, number: int, count: int) -> None:
        label = f"第{number}页\u3000共{count}页"
        box = (MARGIN, MARGIN * 0.6, TEXT_W, PAGE_NO_SIZE * 1.2)
        self.text(label, "song", PAGE_NO_SIZE, box, "center")


def draw_poster(canvas: Canvas, doc: PosterDoc) -> None:
    """The poster on fresh pages of `canvas`, whose page size is set from `doc.size`."""
    page_w, page_h = PAGE_SIZES[doc.size]
    canvas.setPageSize((page_w, page_h))
    scale = page_w / W
    table, pages = _plan(doc)
    poster = _Poster(doc, canvas)
    for number, indices in enumerate(pages, start=1):
        canvas.saveState()
        canvas.scale(scale, scale)
        y = poster.top() if number == 1 else poster.more()
        poster.table(table, indices, y)
        if number == len(pages):
            poster.foot()
        if len(pages) > 1:
            poster.page_number(number, len(pages))
        canvas.restoreState()
        canvas.showPage()


def render_poster(doc: PosterDoc) -> bytes:
    if doc.size not in PAGE_SIZES:
        raise ValueError(f"unknown poster size {doc.size!r}; expected A4 or A3")
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, f"{TITLE}（{doc.community}）", doc.office_name)
    draw_poster(canvas, doc)
    canvas.save()
    return buffer.getvalue()
