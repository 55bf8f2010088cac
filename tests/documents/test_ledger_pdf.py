from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from app.documents.fonts import MissingGlyphError
from app.documents.ledger_pdf import column_widths, render_ledger
from app.domain.documents import LedgerTable

from .pdf_checks import (
    all_text,
    assert_a4,
    assert_fonts_embedded_subsets,
    assert_renders_to_png,
    page_texts,
    reader,
)

HEADERS = ["序号", "小区名称", "物业服务企业", "问题描述", "整改期限", "整改情况"]


def rows(count: int) -> list[list[str]]:
    return [
        [
            str(n),
            f"幸福里{n}期",
            "青禾物业服务有限公司",
            "消防通道堆放杂物，地下车库照明设施损坏，公示栏未公示收费标准" if n % 2 else "无",
            "2026年11月23日",
            "已整改" if n % 3 else "整改中",
        ]
        for n in range(1, count + 1)
    ]


def ledger(count: int = 30, **changes: object) -> LedgerTable:
    table = LedgerTable(
        title="青禾镇物业服务问题整改台账",
        office_name="青禾镇物业管理监督办公室",
        filled_date=date(2026, 11, 30),
        headers=HEADERS,
        rows=rows(count),
        col_widths_mm=(12, 30, 45, 90, 30, 20),
        preparer="王明",
        reviewer="李强",
        phone="0571-88886666",
    )
    return dataclasses.replace(table, **changes)


def test_title_info_rows_and_footer():
    data = render_ledger(ledger())
    text = all_text(data)
    assert "青禾镇物业服务问题整改台账" in text
    assert "填报单位：青禾镇物业管理监督办公室" in text
    assert "填报日期：2026年11月30日" in text
    assert "幸福里30期" in text and "公示栏未公示收费标准" in text
    assert "制表人：王明" in text and "审核人：李强" in text and "联系电话：0571-88886666" in text
    assert text.index("幸福里30期") < text.index("制表人：王明")


def test_landscape_a4_with_embedded_subset_fonts():
    data = render_ledger(ledger())
    assert_a4(data, landscape=True)
    assert_fonts_embedded_subsets(data)
    info = reader(data).metadata
    assert info.title == "青禾镇物业服务问题整改台账"
    assert info.creator == "PropDesk"


def test_header_is_repeated_and_pages_are_numbered():
    pages = page_texts(render_ledger(ledger(200)))
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert "".join(HEADERS) in page
        assert f"第{number}页共{len(pages)}页" in page
    assert "制表人" in pages[-1]


def test_no_rows():
    data = render_ledger(ledger(0))
    pages = page_texts(data)
    assert len(pages) == 1
    assert "".join(HEADERS) in pages[0] and "第1页共1页" in pages[0]
    assert "制表人：王明" in pages[0]


@pytest.mark.slow
def test_two_thousand_rows():
    pages = page_texts(render_ledger(ledger(2000)))
    assert len(pages) > 50
    assert "幸福里2000期" in pages[-1]
    assert all("".join(HEADERS) in page for page in pages)


def test_blank_footer_fields_and_markup_characters():
    table = ledger(2, reviewer="", phone="", rows=[["1", "A<B>&C", "", "", "", ""]])
    text = all_text(render_ledger(table))
    assert "A<B>&C" in text
    assert "审核人：" in text and "联系电话：" in text


def test_same_input_gives_identical_bytes():
    assert render_ledger(ledger()) == render_ledger(ledger())


def test_a_character_the_font_lacks_is_named():
    bad = ledger(rows=[["1", "幸福里\U00020000期", "", "", "", ""]])
    with pytest.raises(MissingGlyphError, match="U\\+20000"):
        render_ledger(bad)
    with pytest.raises(MissingGlyphError, match="U\\+20000"):
        render_ledger(ledger(preparer="王\U00020000"))


def test_column_widths():
    assert column_widths(ledger(), 227.0) == pytest.approx([12, 30, 45, 90, 30, 20])
    assert column_widths(ledger(col_widths_mm=()), 60.0) == [10.0] * 6
    assert column_widths(ledger(col_widths_mm=(1, 2)), 60.0) == [10.0] * 6  # wrong count


def test_short_rows_are_padded():
    text = all_text(render_ledger(ledger(rows=[["1", "幸福里"]])))
    assert "幸福里" in text


def test_renders_to_png(tmp_path):
    assert_renders_to_png(render_ledger(ledger()), tmp_path)


# ---- columns sized from their content (issue 12 item 15) --------------------------------------
SOURCE = "12345工单（GD2026120100123）"
PROSE = "3号楼消防通道被电动车占用，楼道内堆放杂物，消火栓箱无水带，应急照明损坏，" * 3


def test_a_short_column_keeps_its_line_and_the_prose_wraps():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from app.documents.fonts import register_pdf_fonts
    from app.documents.ledger_pdf import CELL_SIZE, PAD, content_widths

    font = register_pdf_fonts()["fangsong"]
    headers = ["序号", "来源", "问题描述", "整改时限"]
    table = ledger(headers=headers, rows=[[1, SOURCE, PROSE, "2026-12-31"]] * 3,
                   col_widths_mm=(10, 20, 100, 20))  # fmt: skip
    widths = content_widths(table, 600.0, font, font)
    assert sum(widths) == pytest.approx(600.0)
    need = stringWidth(SOURCE, font, CELL_SIZE) + 2 * PAD
    assert 2 * (widths[1] - 2 * PAD) >= need  # 来源 on two lines at most (seven before)
    assert widths[3] >= stringWidth("2026-12-31", font, CELL_SIZE) + 2 * PAD
    assert widths[2] < stringWidth(PROSE, font, CELL_SIZE)  # the description wraps
    # all of it fits: each column gets its need and the rest is shared in proportion
    short = ledger(headers=headers, rows=[[1, "排查", "短", "2026-12-31"]],
                   col_widths_mm=(10, 20, 100, 20))  # fmt: skip
    assert sum(content_widths(short, 600.0, font, font)) == pytest.approx(600.0)


def test_the_source_reference_is_not_broken_across_lines_in_the_pdf():
    table = ledger(headers=["序号", "来源", "问题描述", "整改时限"],
                   rows=[[n, SOURCE, PROSE, "2026-12-31"] for n in range(1, 4)],
                   col_widths_mm=(10, 20, 100, 20))  # fmt: skip
    text = all_text(render_ledger(table))
    assert text.count("GD2026120100123") == 3  # whole on a line each time
