from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any, cast

import pytest
from PIL import Image  # reportlab's own dependency

from app.documents.disclosure_checklist import render_checklist
from app.documents.fonts import MissingGlyphError
from app.domain.disclosure import CheckResult
from app.domain.disclosure_documents import ChecklistDoc, ChecklistLine, ChecklistPage

from .pdf_checks import (
    A4_LONG,
    all_text,
    assert_a4,
    assert_fonts_embedded_subsets,
    page_texts,
    reader,
)

EXT_B = "\U00020000"  # 𠀀, not in the fonts
ITEMS = (
    ("物业服务企业营业执照及基本信息", "长期公示"),
    ("项目负责人姓名、照片、联系电话", "长期公示"),
    ("报修投诉监督电话", "长期公示"),
    ("服务内容与服务标准（等级）", "长期公示"),
    ("收费项目、收费标准及计费方式", "长期公示"),
    ("电梯、消防、监控维保单位及联系方式、应急预案", "长期公示"),
    ("管理规约（临时管理规约）", "长期公示"),
    ("装饰装修安全注意事项", "长期公示"),
    ("执法进小区公示牌", "长期公示"),
    ("共有部分经营收益及收支情况", "每半年"),
    ("车位、车库使用及出售情况", "每年"),
    ("公共水电费用分摊情况", "每季度"),
    ("维修资金筹集、使用情况", "每年"),
    ("业委会年度账目", "每年"),
)
RESULTS = (CheckResult.POSTED, CheckResult.MISSING, CheckResult.INCOMPLETE, CheckResult.EXPIRED)
HEADER = "序号公示事项公示频次已公示未公示内容不全已过期公示日期备注"
COMMUNITIES = (
    ("幸福家园小区", "青禾社区居委会", "青禾物业服务有限公司"),
    ("锦绣花园", "东风社区居委会", "安居物业管理有限公司"),
    ("老街安置小区", "老街社区居委会", ""),
)
BOX = re.compile(rb"n ([\d.]+) ([\d.]+) 10\.20472 10\.20472 re S")  # FormPage.tick_box
TICK = re.compile(rb"n ([\d.]+) ([\d.]+) m [\d.]+ [\d.]+ l [\d.]+ [\d.]+ l\s+S")


def lines() -> tuple[ChecklistLine, ...]:
    return tuple(ChecklistLine(name, frequency) for name, frequency in ITEMS)


def checked_lines() -> tuple[ChecklistLine, ...]:
    """Each result in turn; the fifth line has no result (not checked on this visit)."""
    out = []
    for n, (name, frequency) in enumerate(ITEMS):
        result = None if n == 4 else RESULTS[n % 4]
        posted = date(2026, 5, n + 1) if result is CheckResult.POSTED else None
        note = f"缺少第{n}项内容" if result is CheckResult.INCOMPLETE else ""
        out.append(ChecklistLine(name, frequency, result, posted, note))
    return tuple(out)


def blank_doc(items: tuple[ChecklistLine, ...] | None = None) -> ChecklistDoc:
    pages = tuple(
        ChecklistPage(community, neighborhood, company, items or lines())
        for community, neighborhood, company in COMMUNITIES
    )
    return ChecklistDoc("青禾镇人民政府", pages, blank=True, printed_on=date(2026, 11, 23))


def filled_doc(**changes: Any) -> ChecklistDoc:
    page = ChecklistPage(
        "幸福家园小区",
        "青禾社区居委会",
        "青禾物业服务有限公司",
        checked_lines(),
        checked_on=date(2026, 11, 20),
        inspector="李四、王五",
        notes="共有部分经营收益公示已过期，已要求一周内更新。",
    )
    doc = ChecklistDoc("青禾镇人民政府", (page,), blank=False, printed_on=date(2026, 11, 23))
    return dataclasses.replace(doc, pages=(dataclasses.replace(page, **changes),))


def tick_boxes(data: bytes, page: int = 0) -> list[tuple[float, float, bool]]:
    """The tick boxes of a page in drawing order: (x, y, ticked), from the content stream."""
    content = stream(data, page)
    ticks = [(float(x), float(y)) for x, y in TICK.findall(content)]
    boxes = []
    for x, y in ((float(x), float(y)) for x, y in BOX.findall(content)):
        ticked = any(x < tx < x + 10.3 and y < ty < y + 10.3 for tx, ty in ticks)
        boxes.append((x, y, ticked))
    assert len(ticks) == sum(ticked for _x, _y, ticked in boxes)  # every tick is in a box
    return boxes


def stream(data: bytes, page: int = 0) -> bytes:
    """The decompressed content stream of a page."""
    stream = reader(data).pages[page].get_contents()
    assert stream is not None
    return bytes(stream.get_data())


def render_png(data: bytes, tmp_path: Path, dpi: int) -> list[Image.Image]:
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (poppler-utils) is missing; the project's setup installs it"
    pdf = tmp_path / "checklist.pdf"
    pdf.write_bytes(data)
    subprocess.run([pdftoppm, "-r", str(dpi), "-png", str(pdf), str(tmp_path / "p")], check=True)
    return [Image.open(png).convert("L") for png in sorted(tmp_path.glob("p*.png"))]


def test_a_blank_form_has_one_page_per_community():
    data = render_checklist(blank_doc())
    pages = page_texts(data)
    assert len(pages) == 3
    for page, (community, neighborhood, company) in zip(pages, COMMUNITIES, strict=True):
        assert page.startswith(
            "物业小区信息公示检查表检查单位：青禾镇人民政府打印日期：2026年11月23日"
        )
        assert f"小区名称{community}所属社区{neighborhood}物业服务企业{company}" in page
        assert "检查日期年月日检查人" in page  # blank, to be written by hand
        assert HEADER in page
        for number, (name, frequency) in enumerate(ITEMS, start=1):
            assert f"{number}{name}{frequency}" in page, name
        assert (
            "检查情况说明：检查人（签字）：日期：年月日物业服务企业负责人（签字）：日期：年月日"
            in page
        )
        assert "—1—" in page and "—2—" not in page  # each community numbered from 1


def test_a_blank_form_ticks_nothing_and_leaves_dates_and_notes_empty():
    doc = blank_doc(checked_lines())  # results on the lines are ignored on a blank form
    data = render_checklist(dataclasses.replace(doc, pages=doc.pages[:1]))
    boxes = tick_boxes(data)
    assert len(boxes) == 4 * len(ITEMS)
    assert not any(ticked for *_xy, ticked in boxes)
    text = all_text(data)
    assert "2026-05-01" not in text and "缺少" not in text


def test_a_filled_form_ticks_the_recorded_result():
    data = render_checklist(filled_doc())
    assert len(reader(data).pages) >= 1
    boxes = [box for page in range(len(reader(data).pages)) for box in tick_boxes(data, page)]
    assert len(boxes) == 4 * len(ITEMS)
    for number, line in enumerate(checked_lines()):
        row = [ticked for *_xy, ticked in boxes[4 * number : 4 * number + 4]]
        want = [line.result is result for result in RESULTS]
        assert row == want, (number, line.result)
    # the four columns, left to right
    xs = sorted({round(x) for x, _y, _ticked in boxes})
    assert len(xs) == 4 and all(round(x) == xs[i % 4] for i, (x, *_r) in enumerate(boxes))


def test_a_filled_form_prints_dates_notes_and_the_inspector():
    text = all_text(render_checklist(filled_doc()))
    assert "检查日期2026年11月20日检查人李四、王五" in text
    for number, line in enumerate(checked_lines(), start=1):
        posted = line.posted_on.isoformat() if line.posted_on else ""
        assert f"{number}{line.name}{line.frequency}{posted}{line.note}" in text, line.name
    assert "检查情况说明：共有部分经营收益公示已过期，已要求一周内更新。" in text
    assert text.count("日期：2026年11月20日") == 2


def test_ticked_boxes_are_visibly_darker(tmp_path: Path):
    data = render_checklist(filled_doc(lines=checked_lines()[:8]))
    boxes = tick_boxes(data)
    (image,) = render_png(data, tmp_path, dpi=100)
    scale = 100 / 72

    def darkness(x: float, y: float) -> float:
        left, top = int((x + 1.5) * scale), int((A4_LONG - y - 10.2 + 1.5) * scale)
        size = int(7.2 * scale)  # the inside of the box, clear of its border
        pixels = [
            cast(int, image.getpixel((left + i, top + j))) for i in range(size) for j in range(size)
        ]
        return 255 - sum(pixels) / len(pixels)

    ticked = [darkness(x, y) for x, y, t in boxes if t]
    empty = [darkness(x, y) for x, y, t in boxes if not t]
    assert len(ticked) == 7 and len(empty) == 25
    assert min(ticked) > 40 > 5 > max(empty)


def test_many_items_flow_onto_a_second_page_with_the_header_again():
    many = tuple(ChecklistLine(f"自定公示事项第{n}项", "每年") for n in range(1, 41))
    doc = blank_doc(many)
    data = render_checklist(dataclasses.replace(doc, pages=doc.pages[:2]))
    pages = page_texts(data)
    assert len(pages) == 4
    assert [p.count(HEADER) for p in pages] == [1, 1, 1, 1]
    assert "物业小区信息公示检查表（续）小区名称：幸福家园小区" in pages[1]
    assert "物业小区信息公示检查表（续）小区名称：锦绣花园" in pages[3]
    assert ["—1—" in p for p in pages] == [True, False, True, False]
    assert ["—2—" in p for p in pages] == [False, True, False, True]
    first = pages[0] + pages[1]
    for n in range(1, 41):
        assert first.count(f"自定公示事项第{n}项") == 1
    assert "检查人（签字）" in pages[1] and "检查人（签字）" not in pages[0]


def test_notes_longer_than_a_page_continue():
    notes = "经现场检查，公示栏内容陈旧，部分信息与实际不符。" * 80
    pages = page_texts(render_checklist(filled_doc(notes=notes)))
    assert len(pages) >= 3
    assert any("检查情况说明（续）：" in p for p in pages)
    text = re.sub(r"—\d+—", "", "".join(pages))
    text = re.sub(r"物业小区信息公示检查表（续）小区名称：幸福家园小区", "", text)
    assert notes in text.replace("检查情况说明（续）：", "")
    assert "物业服务企业负责人（签字）：" in pages[-1]


def test_pdf_is_a4_with_embedded_subset_fonts_and_stable():
    data = render_checklist(blank_doc())
    assert_a4(data)
    assert_fonts_embedded_subsets(data)
    meta = reader(data).metadata
    assert meta is not None and meta.title == "物业小区信息公示检查表"
    assert render_checklist(blank_doc()) == data


def test_a_character_the_font_lacks_is_named():
    with pytest.raises(MissingGlyphError, match="U\\+20000"):
        render_checklist(filled_doc(notes=f"公示栏{EXT_B}"))
