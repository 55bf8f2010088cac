"""The GB/T 9704-2012 frame shared by the notice, the receipt and the opinion.

`OfficialFlow` draws onto a reportlab canvas from the top of the text block downwards and
starts new pages (with their page numbers) as needed. A document calls `begin()`, then the
pieces in order (letterhead, title, addressee, paragraphs, signature), then `end()`; several
documents can share one canvas, each numbering its pages from 1.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.documents.fonts import check_coverage, register_pdf_fonts
from app.domain.documents import Letterhead, cn_date

PAGE_W, PAGE_H = A4
TOP, LEFT, RIGHT, BOTTOM = 37 * mm, 28 * mm, 26 * mm, 35 * mm
TEXT_W = PAGE_W - LEFT - RIGHT  # 156 mm
TEXT_H = PAGE_H - TOP - BOTTOM  # 225 mm
BODY_SIZE = 16.0  # 三号
TITLE_SIZE = 22.0  # 二号
PAGE_NO_SIZE = 14.0  # 四号
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
PITCH = TEXT_H / LINES_PER_PAGE  # line pitch of the body, about 28.9 pt
# 28 characters of 16 pt are 1.9 mm wider than 156 mm: each gap between characters shrinks
# by SQUEEZE (about 0.21 pt), so the body keeps to a grid of CHAR.
SQUEEZE = (CHARS_PER_LINE * BODY_SIZE - TEXT_W) / (CHARS_PER_LINE - 1)
CHAR = BODY_SIZE - SQUEEZE  # one character cell of the body grid, about 15.8 pt
RED = Color(0xE6 / 255, 0, 0x12 / 255)  # #E60012
HEADER_MAX_SIZE = 40.0  # 发文机关标志
HEADER_SCALE = 80.0  # horizontal scale (%): tall, narrow characters like 小标宋
BLANK_DATE = "\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"  # to fill in by hand

# GB/T 9704 §7.3.5: when the signature and date do not fit below the body, the line spacing
# of the page may be adjusted: the body lines of that page close up to TIGHTEST of the pitch
# (23 lines instead of 22). Failing that, the last KEEP_LINES lines go over with the signature,
# so it never stands on a page of its own (空白印章).
TIGHTEST = 0.95
KEEP_LINES = 2
MIN_SEAL_GAP = 0.5  # blank lines above the issuer, at least

NO_LINE_START = frozenset("，。、；：？！）」』》〉】〕”’…—%,.;:?!)]}")
NO_LINE_END = frozenset("（「『《〈【〔“‘([{")


@lru_cache(maxsize=8192)
def char_width(ch: str, font: str, size: float) -> float:
    """Width of one character; cached, as wrapping asks for every character of every line."""
    return float(pdfmetrics.stringWidth(ch, font, size))


def wrap(text: str, font: str, size: float, width: float, squeeze: float = 0.0) -> list[str]:
    """Break between characters; `squeeze` is how much each gap may shrink (pt).

    Closing punctuation never starts a line and opening punctuation never ends one: the
    previous character moves down with it (禁则, by pushing in).
    """
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for ch in text:
        w = char_width(ch, font, size)
        if line and used + w - squeeze * len(line) > width + 0.01:
            carry: list[str] = []
            if ch in NO_LINE_START:
                while len(line) > 1 and line[-1] in NO_LINE_START:
                    carry.insert(0, line.pop())
                if len(line) > 1:
                    carry.insert(0, line.pop())
            while len(line) > 1 and line[-1] in NO_LINE_END:
                carry.insert(0, line.pop())
            lines.append("".join(line))
            line = carry
            used = sum(char_width(c, font, size) for c in line)
        line.append(ch)
        used += w
    lines.append("".join(line))
    return lines


def new_canvas(buffer: io.BytesIO, title: str, author: str) -> Canvas:
    """An A4 canvas whose output depends only on what is drawn (invariant=1)."""
    fonts = register_pdf_fonts()
    canvas = Canvas(
        buffer, pagesize=A4, invariant=1, pageCompression=1, initialFontName=fonts["fangsong"]
    )
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator("PropDesk")
    canvas.setProducer("PropDesk")
    return canvas


class BodyLine(NamedTuple):
    """One line of a body paragraph, placed on the current page but not drawn yet."""

    text: str
    role: str
    x: float  # offset from the left of the text block (the indent)
    char_space: float
    first: bool  # the first line of its paragraph
    top: float
    height: float


class OfficialFlow:
    """A cursor on the text block of an A4 page; `y` is the top of the free space.

    The body lines of the current page are held back until the page is finished or something
    else is drawn, so that `signature` can still close them up or carry the last of them over
    to the next page.
    """

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.fonts = register_pdf_fonts()
        self.page = 1
        self.page_numbers = True
        self.y = PAGE_H - TOP
        self._held: list[BodyLine] = []

    # --- pages -------------------------------------------------------------------------

    def begin(self, *, page_numbers: bool = True) -> None:
        """Start a document on a fresh page, numbered from 1."""
        self.page, self.page_numbers, self.y = 1, page_numbers, PAGE_H - TOP

    def end(self) -> None:
        self._finish_page()

    def new_page(self) -> None:
        self._finish_page()
        self.page += 1
        self.y = PAGE_H - TOP

    def room(self) -> float:
        return self.y - BOTTOM

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` fits below the cursor (or the page is empty)."""
        if height > self.room() + 0.01 and self.y < PAGE_H - TOP:
            self.new_page()

    def skip(self, lines: float = 1.0) -> None:
        self.flush()
        self.y = max(self.y - lines * PITCH, BOTTOM)

    def sheet_pages(self) -> int:
        """Pages finished on the canvas so far, by every document drawn on it."""
        return int(self.canvas.getPageNumber()) - 1

    def _finish_page(self) -> None:
        self.flush()
        if self.page_numbers:
            label = f"— {self.page} —"
            font = self.font("song", label)
            width = pdfmetrics.stringWidth(label, font, PAGE_NO_SIZE)
            inset = PAGE_NO_SIZE  # 空一字
            x = PAGE_W - RIGHT - inset - width if self.page % 2 else LEFT + inset
            # the dashes sit 7 mm below the text block
            y = BOTTOM - 7 * mm - PAGE_NO_SIZE * 0.5
            self.canvas.setFillColorRGB(0, 0, 0)
            self.canvas.setFont(font, PAGE_NO_SIZE)
            self.canvas.drawString(x, y, label)
        self.canvas.showPage()

    # --- text primitives ---------------------------------------------------------------

    def font(self, role: str, text: str) -> str:
        """The registered font of `role`, after checking it can draw `text`."""
        check_coverage(text, role)
        return self.fonts[role]

    def baseline(self, top: float, font: str, size: float, height: float) -> float:
        """Baseline that centres a line of `size` in a box of `height` starting at `top`."""
        asc, desc = pdfmetrics.getAscent(font), pdfmetrics.getDescent(font)
        em_top = top - (height - size) / 2
        return em_top - size * asc / (asc - desc)

    def line(
        self,
        text: str,
        role: str,
        size: float,
        *,
        align: str = "left",
        x: float = 0.0,
        height: float | None = None,
        char_space: float = 0.0,
        bold: bool = False,
    ) -> None:
        """Draw one line in a box of `height` (default: the body pitch) and move below it."""
        self.flush()
        height = PITCH if height is None else height
        self.ensure(height)
        self._draw(text, role, size, self.y, height, align, x, char_space, bold)
        self.y -= height

    def _draw(
        self,
        text: str,
        role: str,
        size: float,
        top: float,
        height: float,
        align: str = "left",
        x: float = 0.0,
        char_space: float = 0.0,
        bold: bool = False,
    ) -> None:
        font = self.font(role, text)
        y = self.baseline(top, font, size, height)
        width = pdfmetrics.stringWidth(text, font, size) + char_space * max(len(text) - 1, 0)
        if align == "center":
            x = LEFT + (TEXT_W - width) / 2
        elif align == "right":
            x = PAGE_W - RIGHT - x - width
        else:
            x = LEFT + x
        canvas = self.canvas
        canvas.setFont(font, size)
        if bold:  # fill and stroke: a heavier look from a regular face
            canvas.saveState()
            canvas.setLineWidth(size / 50)
            canvas.drawString(x, y, text, mode=2, charSpace=char_space)
            canvas.restoreState()
        else:
            canvas.drawString(x, y, text, charSpace=char_space)

    # --- body lines held back until the page is finished -----------------------------------

    def flush(self) -> None:
        """Draw the held body lines where they were placed."""
        held, self._held = self._held, []
        for line in held:
            self._draw(
                line.text,
                line.role,
                BODY_SIZE,
                line.top,
                line.height,
                "left",
                line.x,
                line.char_space,
            )

    def _hold(self, line: BodyLine) -> None:
        self.ensure(PITCH)
        self._held.append(line._replace(top=self.y, height=PITCH))
        self.y -= PITCH

    def keep_with_body(self, need: float) -> None:
        """Make `need` points of room right below the body for what closes it (the signature).

        When the page is short of room, its body lines close up (down to TIGHTEST of the
        pitch); if that is not enough, the last KEEP_LINES lines (three, rather than leave the
        first line of a paragraph alone) start the next page. Nothing happens unless the body
        lines are the last thing drawn on the page.
        """
        held = self._held
        if need <= self.room() + 0.01 or not held:
            return
        if abs(held[-1].top - held[-1].height - self.y) > 0.01:
            return
        top = held[0].top
        pitch = (top - BOTTOM - need) / len(held)
        if pitch >= PITCH * TIGHTEST - 1e-6:
            self._held = [
                line._replace(top=top - n * pitch, height=pitch) for n, line in enumerate(held)
            ]
            self.y = top - len(held) * pitch
            return
        take = KEEP_LINES
        if take < len(held) and held[-take - 1].first and not held[-take].first:
            take += 1  # the paragraph's first line would stay behind alone
        take = min(take, len(held) - 1)
        carried = held[len(held) - take :] if take > 0 else []
        del held[len(held) - len(carried) :]
        self.y = carried[0].top if carried else self.y
        self.new_page()
        for line in carried:
            self._hold(line)

    # --- the parts of a document ---------------------------------------------------------

    def letterhead(self, head: Letterhead, *, compact: bool = False) -> None:
        """Red office name, 文号 under it (or blank space) and the red line 4 mm below."""
        canvas = self.canvas
        name = head.office_name.strip()
        font = self.font("hei", name)
        natural = pdfmetrics.stringWidth(name, font, 1) * HEADER_SCALE / 100 or 1
        size = min(HEADER_MAX_SIZE if not compact else 30.0, TEXT_W / natural)
        width = natural * size
        asc, desc = pdfmetrics.getAscent(font), pdfmetrics.getDescent(font)
        baseline = self.y - size * asc / (asc - desc)
        canvas.saveState()  # horizontal scale and render mode are graphics state in PDF
        text = canvas.beginText(LEFT + (TEXT_W - width) / 2, baseline)
        text.setFont(font, size)
        text.setHorizScale(HEADER_SCALE)
        text.setTextRenderMode(2)  # fill and stroke: a bold look from a regular face
        canvas.setFillColor(RED)
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(size / 40)
        text.textOut(name)
        canvas.drawText(text)
        canvas.restoreState()
        self.y -= size
        self.skip(0.3 if compact else 1.5)  # 发文字号 under the office name (空二行)
        number_top = self.y
        self.line(head.doc_number, "fangsong", BODY_SIZE, align="center")
        number_font = self.fonts["fangsong"]
        bottom = self.baseline(number_top, number_font, BODY_SIZE, PITCH)
        bottom += BODY_SIZE * pdfmetrics.getDescent(number_font) / 1000
        rule_y = bottom - 4 * mm
        canvas.saveState()
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(0.7 * mm)
        canvas.line(LEFT, rule_y, PAGE_W - RIGHT, rule_y)
        canvas.restoreState()
        self.y = rule_y - 0.35 * mm

    def title(self, text: str) -> None:
        """二号, centred; long titles break into lines of about equal length."""
        self.skip(0.8)
        font = self.font("hei", text)
        total = pdfmetrics.stringWidth(text, font, TITLE_SIZE)
        count = max(1, -(-int(total) // int(TEXT_W - 2 * TITLE_SIZE)))
        width = min(TEXT_W, total / count + TITLE_SIZE)
        for part in wrap(text, font, TITLE_SIZE, width):
            self.line(part, "hei", TITLE_SIZE, align="center", height=TITLE_SIZE * 1.5, bold=True)
        self.skip(0.5)

    def addressee(self, name: str) -> None:
        self.paragraph(f"{name}：", indent=0)

    def paragraph(self, text: str, *, indent: int = 2, role: str = "fangsong") -> None:
        """A body paragraph on the 28-character grid, justified except for its last line."""
        font = self.font(role, text)
        lines = wrap("\u3000" * indent + text, font, BODY_SIZE, TEXT_W, SQUEEZE)
        for number, part in enumerate(lines):
            offset = 0.0
            if number == 0 and indent:  # the indent is drawn as an offset, not as spaces
                part, offset = part[indent:], indent * CHAR
            width = pdfmetrics.stringWidth(part, font, BODY_SIZE)
            last = number == len(lines) - 1
            space = -SQUEEZE if last else (TEXT_W - offset - width) / max(len(part) - 1, 1)
            self._hold(BodyLine(part, role, offset, space, number == 0, 0.0, PITCH))

    def paragraphs(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.paragraph(text)

    def signature(self, issuer: str, when: date | None, *, gap: float = 2.0) -> None:
        """署名 and 成文日期 at the right (date 右空四字, issuer centred over it).

        `gap` blank lines are left above for the seal, which presses on both lines. When the
        page is short of room the gap shrinks to half a line first, then the body lines of the
        page close up, and failing that the last body lines go over to the next page with the
        signature (GB/T 9704 §7.3.5: adjust the spacing rather than leave the signature alone
        on a page).
        """
        self.keep_with_body((min(gap, MIN_SEAL_GAP) + 2) * PITCH)
        room_lines = self.room() / PITCH
        if room_lines + 0.01 < gap + 2:
            gap = max(min(gap, MIN_SEAL_GAP), room_lines - 2)
        self.ensure((gap + 2) * PITCH)
        self.skip(gap)
        date_text = cn_date(when) if when else BLANK_DATE
        font = self.font("fangsong", issuer + date_text)
        date_w = pdfmetrics.stringWidth(date_text, font, BODY_SIZE)
        issuer_w = pdfmetrics.stringWidth(issuer, font, BODY_SIZE)
        date_right = 4 * CHAR
        centre = PAGE_W - RIGHT - date_right - date_w / 2
        issuer_right = max(0.0, PAGE_W - RIGHT - (centre + issuer_w / 2))
        self.line(issuer, "fangsong", BODY_SIZE, align="right", x=issuer_right)
        self.line(date_text, "fangsong", BODY_SIZE, align="right", x=date_right)
