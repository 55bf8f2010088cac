"""The baseline for the batch-notice benchmark: bare reportlab drawing the same text in the
same layout as app/documents (red letterhead and line, 文号, title, addressee, the body on the
28 × 22 grid, signature, page numbers, then the blank 送达回证 table), one PDF per notice
plus one combined PDF, with no database, no number allocation and no checks.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

W, H = A4
TOP, LEFT, RIGHT, BOTTOM = 37 * mm, 28 * mm, 26 * mm, 35 * mm
TEXT_W = W - LEFT - RIGHT
PITCH = (H - TOP - BOTTOM) / 22
RED = Color(0xE6 / 255, 0, 0x12 / 255)
FONT = "RawBody"  # the body face (仿宋 role), as the app uses
HEAD = "RawHead"  # letterhead and titles (黑体 role), as the app uses
SQUEEZE = (28 * 16 - TEXT_W) / 27  # 28 characters of 三号 on a 156 mm line


def _register() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    from app.documents.fonts import font_face  # only to find the same font files

    for name, role in ((FONT, "fangsong"), (HEAD, "hei")):
        face = font_face(role)
        pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.subfont_index))


def _wrap(text: str, size: float, width: float) -> list[str]:
    lines, line, used = [], "", 0.0
    for ch in text:
        w = pdfmetrics.stringWidth(ch, FONT, size)
        if line and used + w > width:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    return [*lines, line]


def _cn(d: str) -> str:
    y, m, day = (int(x) for x in d.split("-"))
    return f"{y}年{m}月{day}日"


def _paragraphs(t: dict[str, Any]) -> list[str]:
    paras = ["经检查，发现你单位存在以下问题："]
    paras += [x.strip() for x in t["facts"].splitlines() if x.strip()]
    basis = f"根据{t['legal_basis']}的规定，" if t["legal_basis"].strip() else ""
    paras.append(f"{basis}现责令你单位于{_cn(t['deadline'])}前整改完毕，整改要求如下：")
    paras += [x.strip() for x in t["requirements"].splitlines() if x.strip()]
    paras.append("整改完成后，请将整改情况书面报送我单位，我单位将组织复查。")
    if t["closing"].strip():
        paras.append(t["closing"].strip())
    if t["contact"].strip():
        paras.append(f"联系人及电话：{t['contact'].strip()}")
    return paras


def _draw(c: Canvas, doc: dict[str, Any]) -> None:
    head, t = doc["letterhead"], doc["text"]
    page = 1

    def page_no() -> None:
        c.setFont(FONT, 14)
        label = f"— {page} —"
        if page % 2:
            c.drawRightString(W - RIGHT - 14, BOTTOM - 7 * mm - 14, label)
        else:
            c.drawString(LEFT + 14, BOTTOM - 7 * mm - 14, label)

    y = H - TOP
    c.setFillColor(RED)
    text = c.beginText()
    text.setFont(HEAD, 36)
    text.setHorizScale(80)
    width = pdfmetrics.stringWidth(head["office_name"], HEAD, 36) * 0.8
    text.setTextOrigin((W - width) / 2, y - 36)
    text.textLine(head["office_name"])
    c.drawText(text)
    c.setFillColorRGB(0, 0, 0)
    y -= 36 + PITCH
    c.setFont(FONT, 16)
    c.drawCentredString(W / 2, y, head["doc_number"])
    c.setStrokeColor(RED)
    c.setLineWidth(1.5)
    c.line(LEFT, y - 4 * mm, W - RIGHT, y - 4 * mm)
    c.setStrokeColorRGB(0, 0, 0)
    y -= 4 * mm + 2 * PITCH
    c.setFont(HEAD, 22)
    c.drawCentredString(W / 2, y, doc["title"])
    y -= 2 * PITCH
    c.setFont(FONT, 16)
    c.drawString(LEFT, y, f"{t['addressee']}：")
    y -= PITCH
    for para in _paragraphs(t):
        lines = _wrap("\u3000\u3000" + para, 16, TEXT_W + 27 * SQUEEZE)
        for n, line in enumerate(lines):
            if y < BOTTOM:
                page_no()
                c.showPage()
                page += 1
                y = H - TOP
                c.setFont(FONT, 16)
            # justified on the 28-character grid, the last line of a paragraph left-aligned
            width = pdfmetrics.stringWidth(line, FONT, 16)
            last = n == len(lines) - 1
            space = -SQUEEZE if last else (TEXT_W - width) / max(len(line) - 1, 1)
            c.drawString(LEFT, y, line, charSpace=space)
            y -= PITCH
    y -= 2 * PITCH
    c.drawRightString(W - RIGHT - 4 * 16, y, t["issuer"])
    c.drawRightString(W - RIGHT - 4 * 16, y - PITCH, _cn(t["issue_date"]))
    page_no()
    c.showPage()
    _draw_receipt(c, head["office_name"], f"{doc['title']}（{head['doc_number']}）", t["addressee"])


def _draw_receipt(c: Canvas, office: str, served: str, recipient: str) -> None:
    y = H - TOP
    c.setFillColor(RED)
    c.setFont(HEAD, 30)
    c.drawCentredString(W / 2, y - 30, office)
    c.setFillColorRGB(0, 0, 0)
    y -= 30 + 2 * PITCH
    c.setFont(HEAD, 22)
    c.drawCentredString(W / 2, y, "送达回证")
    y -= PITCH
    rows = [
        ("送达文书名称及文号", served),
        ("受送达人", recipient),
        ("送达地点", ""),
        ("送达方式", "□直接送达 □留置送达 □邮寄送达 □委托送达"),
        ("送达人（签名）", ""),
        ("受送达人（签收）", ""),
        ("签收日期", "      年    月    日"),
        ("拒收事由", ""),
        ("见证人（签名）", ""),
        ("备注", ""),
    ]
    label_w = 44 * mm
    c.setFont(FONT, 14)
    for label, value in rows:
        h = 16 * mm
        c.rect(LEFT, y - h, TEXT_W, h)
        c.line(LEFT + label_w, y, LEFT + label_w, y - h)
        c.drawString(LEFT + 2 * mm, y - h / 2 - 5, label)
        if value:
            c.drawString(LEFT + label_w + 2 * mm, y - h / 2 - 5, value[:24])
        y -= h
    c.showPage()


def _canvas(buffer: io.BytesIO) -> Canvas:
    return Canvas(buffer, pagesize=A4, pageCompression=1, invariant=1)


def raw_render_batch(docs: list[dict[str, Any]]) -> tuple[list[bytes], bytes]:
    """Each notice as its own PDF, then all of them in one PDF for the printer."""
    _register()
    singles = []
    for doc in docs:
        buf = io.BytesIO()
        c = _canvas(buf)
        _draw(c, doc)
        c.save()
        singles.append(buf.getvalue())
    buf = io.BytesIO()
    c = _canvas(buf)
    for doc in docs:
        _draw(c, doc)
    c.save()
    return singles, buf.getvalue()
