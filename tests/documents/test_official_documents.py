from __future__ import annotations

import dataclasses
import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image  # reportlab's own dependency
from reportlab.pdfgen.canvas import Canvas

from app.documents import official_layout as layout
from app.documents.fonts import MissingGlyphError, register_pdf_fonts
from app.documents.official_layout import OfficialFlow, new_canvas, wrap
from app.documents.rectification_notice import (
    combine_pdfs,
    draw_notice,
    receipt_for,
    render_notice,
    render_notices,
)
from app.documents.reinspection_opinion import render_opinion
from app.documents.service_receipt import render_receipt
from app.domain.documents import (
    Letterhead,
    NoticeDoc,
    NoticeText,
    OpinionDoc,
    ReceiptDoc,
    cn_date,
    format_doc_number,
)

from .pdf_checks import (
    all_text,
    assert_a4,
    assert_fonts_embedded_subsets,
    assert_renders_to_png,
    page_texts,
    reader,
)

EXT_B = "\U00020000"  # 𠀀, not in the fonts
OFFICE = "青禾镇物业管理监督办公室"
NUMBER = format_doc_number("青禾镇物整", 2026, 7)
FACTS = ["1.幸福里小区3号楼消防通道堆放杂物，影响紧急疏散；", "2.地下车库照明设施损坏12处。"]


def notice(facts: str = "\n".join(FACTS), number: str = NUMBER, **changes: object) -> NoticeDoc:
    text = NoticeText(
        addressee="青禾物业服务有限公司",
        facts=facts,
        legal_basis="《物业管理条例》第四十条",
        requirements="1.立即清理消防通道；\n2.修复损坏的照明设施。",
        deadline=date(2026, 11, 23),
        contact="王明，0571-88886666",
        issuer=OFFICE,
        issue_date=date(2026, 11, 9),
    )
    return NoticeDoc(Letterhead(OFFICE, number), dataclasses.replace(text, **changes))


def opinion(**changes: object) -> OpinionDoc:
    doc = OpinionDoc(
        letterhead=Letterhead(OFFICE, format_doc_number("青禾镇物复", 2026, 3)),
        addressee="青禾物业服务有限公司",
        notice_ref=NUMBER,
        community="幸福里小区",
        reinspection_date=date(2026, 11, 24),
        inspector="王明、李强",
        items=["1.消防通道：已清理；", "2.照明设施：尚有2处未修复。"],
        passed=False,
        opinion="部分问题未整改到位。",
        new_deadline=date(2026, 12, 8),
        issuer=OFFICE,
        issue_date=date(2026, 11, 25),
    )
    return dataclasses.replace(doc, **changes)


def filled_receipt() -> ReceiptDoc:
    return ReceiptDoc(
        letterhead=Letterhead(OFFICE, ""),
        served_document=f"整改通知书（{NUMBER}）",
        recipient="青禾物业服务有限公司",
        place="幸福里小区物业服务中心",
        method="留置送达",
        server="王明、李强",
        served_date=date(2026, 11, 10),
        refusal_reason="拒绝签收，已留置送达。",
        witness="张华",
        notes="另附照片3张",
        issuer=OFFICE,
        issue_date=date(2026, 11, 10),
    )


# --- the notice --------------------------------------------------------------------------


def test_notice_says_what_it_should():
    data = render_notice(notice())
    pages = page_texts(data)
    text = "".join(pages)
    for expected in (OFFICE, NUMBER, "整改通知书", "青禾物业服务有限公司：", *FACTS):
        assert expected in text
    assert f"于{cn_date(date(2026, 11, 23))}前整改完毕" in text
    assert text.index("整改通知书") < text.index("青禾物业服务有限公司：") < text.index(FACTS[0])
    assert "2026年11月9日" in text
    # the blank receipt comes last, on its own page, naming the notice and the addressee
    assert "送达回证" in pages[-1] and "送达回证" not in "".join(pages[:-1])
    assert f"整改通知书（{NUMBER}）" in pages[-1]
    assert "青禾物业服务有限公司" in pages[-1]


def test_notice_without_receipt():
    text = all_text(render_notice(notice(), with_receipt=False))
    assert "送达回证" not in text
    assert "—1—" in text


def test_pdf_is_a4_with_embedded_subset_fonts_and_metadata():
    data = render_notice(notice())
    assert_a4(data)
    assert_fonts_embedded_subsets(data)
    info = reader(data).metadata
    assert info.title == "整改通知书"
    assert info.author == OFFICE
    assert info.creator == "PropDesk"


def test_one_notice_is_small():
    assert len(render_notice(notice())) <= 80_000


def test_same_input_gives_identical_bytes():
    assert render_notice(notice()) == render_notice(notice())
    assert render_opinion(opinion()) == render_opinion(opinion())
    assert render_receipt(filled_receipt()) == render_receipt(filled_receipt())


@pytest.mark.parametrize("field", ["facts", "addressee", "issuer"])
def test_a_character_the_font_lacks_is_named(field):
    with pytest.raises(MissingGlyphError, match="U\\+20000") as caught:
        render_notice(notice(**{field: f"幸福里{EXT_B}小区"}))
    assert EXT_B in str(caught.value)


def test_missing_glyph_in_letterhead_opinion_and_receipt():
    with pytest.raises(MissingGlyphError, match=EXT_B):
        render_notice(notice(number=f"青禾镇物整〔2026〕{EXT_B}号"))
    with pytest.raises(MissingGlyphError, match=EXT_B):
        render_opinion(opinion(community=f"幸福里{EXT_B}"))
    with pytest.raises(MissingGlyphError, match=EXT_B):
        render_receipt(dataclasses.replace(filled_receipt(), place=EXT_B))


def test_long_facts_flow_onto_page_two():
    facts = "\n".join(
        f"{i}.第{i}栋楼道内电动车违规充电、飞线充电，存在严重火灾隐患，物业服务企业未及时劝阻。"
        for i in range(1, 16)
    )
    pages = page_texts(render_notice(notice(facts=facts), with_receipt=False))
    assert len(pages) >= 2
    assert "—1—" in pages[0] and "—2—" in pages[1]
    text = "".join(pages)
    assert "15.第15栋楼道内电动车违规充电" in text
    assert pages[-1].endswith(f"2026年11月9日—{len(pages)}—")


def test_several_notices_number_their_pages_from_one():
    docs = [notice(number=format_doc_number("青禾镇物整", 2026, n)) for n in (1, 2, 3)]
    data = render_notices(docs)
    pages = page_texts(data)
    assert len(pages) == 3 * len(page_texts(render_notice(docs[0])))
    assert sum("—1—" in page for page in pages) == 3
    assert sum("送达回证" in page for page in pages) == 3
    for n in (1, 2, 3):
        assert f"青禾镇物整〔2026〕{n}号" in "".join(pages)
    assert_fonts_embedded_subsets(data)


def test_draw_notice_into_a_shared_canvas():
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, "整改通知书", OFFICE)
    flow = OfficialFlow(canvas)
    draw_notice(flow, notice(), with_receipt=False)
    draw_notice(flow, notice(number=""), with_receipt=False)
    canvas.save()
    assert isinstance(canvas, Canvas)
    assert all_text(buffer.getvalue()).count("整改通知书") == 2


def test_no_notices_is_an_error():
    with pytest.raises(ValueError):
        render_notices([])
    with pytest.raises(ValueError):
        combine_pdfs([])


def test_combine_pdfs_keeps_the_pages_in_order():
    first, second = render_notice(notice()), render_opinion(opinion())
    combined = combine_pdfs([first, second])
    pages = page_texts(combined)
    assert pages == page_texts(first) + page_texts(second)
    assert_a4(combined)
    assert_fonts_embedded_subsets(combined)


# --- the receipt and the opinion -------------------------------------------------------------


def test_blank_receipt_has_every_row_and_method():
    doc = receipt_for(notice())
    assert doc.letterhead == Letterhead(OFFICE, "")
    text = all_text(render_receipt(doc))
    labels = ["送达文书名称及文号", "受送达人", "送达地点", "送达方式", "送达人（签名）"]
    labels += ["受送达人（签收）", "签收日期", "拒收事由", "见证人（签名）", "备注"]
    for expected in [*labels, *doc.method_choices, f"整改通知书（{NUMBER}）", OFFICE]:
        assert expected in text
    assert "年月日" in text  # a blank date to fill in by hand


def test_filled_receipt_shows_the_service():
    data = render_receipt(filled_receipt())
    pages = page_texts(data)
    assert len(pages) == 1
    for expected in (
        "幸福里小区物业服务中心",
        "王明、李强",
        "2026年11月10日",
        "拒绝签收，已留置送达。",
    ):
        assert expected in pages[0]
    assert "张华" in pages[0] and "另附照片3张" in pages[0]
    assert_a4(data)
    assert_fonts_embedded_subsets(data)


def test_opinion_says_what_it_should():
    data = render_opinion(opinion())
    text = all_text(data)
    for expected in ("复查意见书", "青禾镇物复〔2026〕3号", "青禾物业服务有限公司：", NUMBER):
        assert expected in text
    assert "复查不合格。" in text
    assert "请你单位于2026年12月8日前继续整改完毕" in text
    assert "2026年11月25日" in text and "—1—" in text
    assert_a4(data)
    assert_fonts_embedded_subsets(data)


def test_passed_opinion():
    text = all_text(render_opinion(opinion(passed=True, new_deadline=None)))
    assert "复查合格，准予销号。" in text


@pytest.mark.parametrize("kind", ["notice", "receipt", "opinion"])
def test_renders_to_png(kind, tmp_path):
    data = {
        "notice": lambda: render_notice(notice()),
        "receipt": lambda: render_receipt(filled_receipt()),
        "opinion": lambda: render_opinion(opinion()),
    }[kind]()
    assert_renders_to_png(data, tmp_path)


# --- the layout ------------------------------------------------------------------------------


def test_body_lines_hold_28_characters_and_never_start_with_closing_punctuation():
    font = register_pdf_fonts()["fangsong"]
    squeeze = layout.SQUEEZE
    text = "一" * 28 + "，二三。" + "四" * 40 + "（五）"
    lines = wrap(text, font, layout.BODY_SIZE, layout.TEXT_W, squeeze)
    assert "".join(lines) == text
    assert lines[0] == "一" * 27
    assert lines[1].startswith("一，")
    assert all(line[0] not in layout.NO_LINE_START for line in lines)
    assert all(line[-1] not in layout.NO_LINE_END for line in lines)
    assert len(wrap("中" * 56, font, layout.BODY_SIZE, layout.TEXT_W, squeeze)) == 2


def test_long_title_and_long_office_name_stay_in_the_text_block(tmp_path):
    long_name = "青禾市青禾区青禾镇人民政府物业管理监督办公室综合执法队"
    doc = dataclasses.replace(
        notice(),
        letterhead=Letterhead(long_name, NUMBER),
        title="关于幸福里小区物业服务企业未按规定履行消防安全管理义务的整改通知书",
    )
    data = render_notice(doc, with_receipt=False)
    text = all_text(data)
    assert long_name in text and doc.title in text
    assert_margins_blank(data, tmp_path)


def assert_margins_blank(data: bytes, tmp_path: Path) -> None:
    """Nothing is drawn left or right of the text block (rendered by pdftoppm)."""
    assert_renders_to_png(data, tmp_path)
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    px_per_mm = image.width / 210
    left = int(28 * px_per_mm) - 1
    right = int((210 - 26) * px_per_mm) + 2
    for x in [*range(0, left), *range(right, image.width)]:
        column = [image.getpixel((x, y)) for y in range(image.height)]
        assert min(column) > 200, f"ink in the margin at x={x / px_per_mm:.1f} mm"


@pytest.mark.parametrize("kind", ["notice", "receipt", "opinion"])
def test_text_stays_inside_the_side_margins(kind, tmp_path):
    data = {
        "notice": lambda: render_notice(notice(), with_receipt=False),
        "receipt": lambda: render_receipt(filled_receipt()),
        "opinion": lambda: render_opinion(opinion()),
    }[kind]()
    assert_margins_blank(data, tmp_path)
