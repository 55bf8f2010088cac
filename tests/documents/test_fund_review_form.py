from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image  # reportlab's own dependency

from app.documents import (
    fonts,  # noqa: E402
)
from app.documents.fonts import MissingGlyphError
from app.documents.fund_review_form import render_review_form
from app.domain.fund_documents import FundReviewForm, ReviewBox

from .pdf_checks import (
    all_text,
    assert_a4,
    assert_fonts_embedded_subsets,
    assert_renders_to_png,
    page_texts,
    reader,
)

EXT_B = "\U00020000"  # 𠀀, not in the fonts
LEVELS = ("社区（居委会）初审意见", "乡镇人民政府审核意见", "县住房和城乡建设局核准意见")
VOTES = (
    "参与表决专有部分面积 20,000.00/30,000.00 = 66.67%（需 ≥ 2/3）✓",
    "参与表决人数 200/300 = 66.67%（需 ≥ 2/3）✓",
    "同意面积 12,000.00/20,000.00 = 60.00%（需 > 1/2）✓",
    "同意人数 150/200 = 75.00%（需 > 1/2）✓",
)
MATERIALS = (
    ("申请表", "2026-10-08 已收"),
    ("维修方案与预算", "2026-10-08 已收"),
    ("业主表决结果", "2026-10-09 已收"),
    ("公示证明", "未收"),
)
OPINION_1 = "经核实，该小区3栋屋面防水层老化渗漏属实，表决及公示程序符合规定，同意上报。"
OPINION_2 = "材料齐全，预算经第三方审核，建议核准金额为123,400.00元。"


def ordinary(**changes: object) -> FundReviewForm:
    doc = FundReviewForm(
        office_name="青禾镇人民政府",
        serial="2026-003",
        community="幸福家园小区",
        neighborhood="青禾社区居委会",
        applicant="业委会\u3000幸福家园业主委员会",
        contact="张三\u3000138****5678",
        applied_on=date(2026, 10, 8),
        project="3栋屋面防水维修",
        part="3栋屋面防水层及雨水管",
        reason="3栋屋面防水层老化开裂，连续降雨后顶层12户室内渗水，墙面霉变，影响正常居住。",
        scope="3栋全体业主",
        scope_households=412,
        scope_area="12,345.67",
        budget_fen=12_340_000,
        approved_fen=10_005_00,
        emergency=False,
        emergency_lines=(),
        vote_lines=VOTES,
        disclosure="2026-10-01 至 2026-10-07（共 7 天）",
        materials=MATERIALS,
        boxes=(
            ReviewBox(LEVELS[0], OPINION_1, "李四", date(2026, 11, 3)),
            ReviewBox(LEVELS[1], OPINION_2, "王五", date(2026, 11, 10)),
            ReviewBox(LEVELS[2]),
        ),
        disbursements=(),
        printed_on=date(2026, 11, 23),
    )
    return dataclasses.replace(doc, **changes)


def emergency(**changes: object) -> FundReviewForm:
    doc = ordinary(
        serial="2026-J01",
        project="2号楼电梯曳引机更换",
        emergency=True,
        emergency_lines=(
            "类别：电梯故障危及人身安全",
            "证明材料：检测机构整改通知书（青特检〔2026〕88号）",
            "确认：青禾镇城建办 赵六，2026年10月20日",
        ),
        vote_lines=("紧急使用，依规定无需业主表决",),
        disclosure="",
        budget_fen=1_640_902,
        approved_fen=1_640_902,
        disbursements=(
            ("首付款", date(2026, 11, 1), 1_000_000),
            ("尾款", date(2026, 11, 20), 640_902),
        ),
    )
    return dataclasses.replace(doc, **changes)


def test_ordinary_request_says_what_it_should():
    text = all_text(render_review_form(ordinary()))
    for part in [
        "专项维修资金使用申请审核表",
        "申请编号：2026-003",
        "填表日期：2026年11月23日",
        "小区名称幸福家园小区",
        "所属社区青禾社区居委会",
        "申请人业委会幸福家园业主委员会",
        "张三138****5678",
        "申请日期2026年10月8日",
        "维修项目3栋屋面防水维修",
        "3栋屋面防水层及雨水管",
        "顶层12户室内渗水",
        "3栋全体业主",
        "共412户，建筑面积12,345.67㎡",
        "申请金额¥123,400.00（大写：壹拾贰万叁仟肆佰元整）",
        "核准金额¥10,005.00（大写：壹万零伍元整）",
        "是否紧急使用否",
        "2026-10-01至2026-10-07（共7天）",
    ]:
        assert part in text, part
    for vote in VOTES:
        assert vote.replace(" ", "") in text, vote
    for name, state in MATERIALS:
        assert name + state.replace(" ", "") in text, name
    assert "拨付记录" not in text


def test_review_boxes_in_order_with_opinions_operators_and_dates():
    text = all_text(render_review_form(ordinary()))
    places = [text.index(f"{level}：") for level in LEVELS]
    assert places == sorted(places)
    first, second, third = (
        text[a:b] for a, b in zip(places, [*places[1:], len(text)], strict=True)
    )
    assert OPINION_1 in first and "（盖章）经办人：李四2026年11月3日" in first
    assert OPINION_2 in second and "（盖章）经办人：王五2026年11月10日" in second
    assert "（盖章）经办人：年月日" in third  # blank: to be filled in by hand
    assert text.count("（盖章）") == 3


def test_emergency_request_with_disbursements():
    text = all_text(render_review_form(emergency()))
    for part in [
        "是否紧急使用是类别：电梯故障危及人身安全",
        "检测机构整改通知书（青特检〔2026〕88号）",
        "业主表决情况紧急使用，依规定无需业主表决",
        "申请金额¥16,409.02（大写：壹万陆仟肆佰零玖元零贰分）",
        "四、拨付记录",
        "序号款项拨付日期金额（元）",
        "1首付款2026年11月1日10,000.00",
        "2尾款2026年11月20日6,409.02",
        "合计人民币（大写）：壹万陆仟肆佰零玖元零贰分16,409.02",
    ]:
        assert part in text, part
    assert "公示情况" in text and "2026-10-01" not in text


def test_unknown_approval_is_left_blank():
    text = all_text(render_review_form(ordinary(approved_fen=None)))
    assert "核准金额是否紧急使用" in text  # an empty cell, to be filled in by hand
    assert "壹万零伍元整" not in text


def test_scope_without_households_or_area():
    text = all_text(render_review_form(ordinary(scope_households=None, scope_area="")))
    assert "列支范围3栋全体业主申请金额" in text


def test_long_reason_flows_onto_the_next_page_whole():
    reason = "".join(
        f"第{n}处：屋面防水卷材起鼓开裂，雨水沿女儿墙渗入顶层住户。" for n in range(55)
    )
    assert len(reason) > 1500
    data = render_review_form(ordinary(reason=reason))
    pages = page_texts(data)
    assert len(pages) >= 3 and "维修原因（续）" in pages[1]
    text = re.sub(r"—\d+—", "", "".join(pages)).replace("维修原因（续）", "")
    assert text.count(reason) == 1
    assert "第0处" in pages[0] and "第54处" in pages[1]


def test_a_review_box_is_never_split_across_pages():
    """However long the reason, each box's title and its 经办人 line share a page."""
    for count in range(0, 40, 3):
        pages = page_texts(render_review_form(ordinary(reason="屋面渗水。" * 10 * count)))
        for level in LEVELS:
            (page,) = [p for p in pages if f"{level}：" in p]
            assert "经办人：" in page[page.index(f"{level}：") :], (count, level)
        (page,) = [p for p in pages if "三、审核意见" in p]
        assert f"{LEVELS[0]}：" in page, count  # the heading is never left alone


def test_symbols_the_font_lacks_are_replaced(monkeypatch):
    lacking = {"¥", "㎡", "✗"}

    def missing(text: str, role: str) -> list[str]:
        return [ch for ch in dict.fromkeys(text) if ch in lacking]

    monkeypatch.setattr(fonts, "missing_chars", missing)
    doc = ordinary(vote_lines=("同意面积 10,000.00/20,000.00 = 50.00%（需 > 1/2）✗",))
    text = all_text(render_review_form(doc))
    assert "申请金额￥123,400.00" in text and "建筑面积12,345.67平方米" in text
    assert "50.00%（需>1/2）×" in text
    assert "¥" not in text and "㎡" not in text and "✗" not in text


@pytest.mark.parametrize("where", ["reason", "vote", "opinion", "material"])
def test_a_character_the_font_lacks_is_named(where):
    changes: dict[str, object] = {
        "reason": {"reason": f"渗水{EXT_B}"},
        "vote": {"vote_lines": (f"表决{EXT_B}",)},
        "opinion": {"boxes": (ReviewBox(LEVELS[0], f"同意{EXT_B}"),)},
        "material": {"materials": ((f"申请表{EXT_B}", "未收"),)},
    }[where]
    with pytest.raises(MissingGlyphError, match="U\\+20000"):
        render_review_form(ordinary(**changes))


def test_pdf_is_a4_with_embedded_subset_fonts_and_page_numbers():
    data = render_review_form(emergency())
    assert_a4(data)
    assert_fonts_embedded_subsets(data)
    assert reader(data).metadata.title == "专项维修资金使用申请审核表"
    pages = page_texts(data)
    for number, page in enumerate(pages, start=1):
        assert f"—{number}—" in page


def test_same_input_gives_identical_bytes():
    assert render_review_form(emergency()) == render_review_form(emergency())


def test_renders_to_png(tmp_path):
    assert_renders_to_png(render_review_form(ordinary()), tmp_path)


def test_a_short_materials_table_is_kept_whole():
    """Up to ten rows never split across pages, whatever stands above them."""
    materials = MATERIALS + (("施工合同", "未收"), ("验收证明", "未收"), ("决算书", "未收"))
    for count in range(0, 40, 2):
        pages = page_texts(
            render_review_form(ordinary(reason="屋面渗水。" * 10 * count, materials=materials))
        )
        (page,) = [p for p in pages if "二、申报材料" in p]
        assert "1申请表" in page and "7决算书未收" in page, count


def test_a_long_materials_table_repeats_its_header():
    materials = tuple((f"补充材料{n}", "未收") for n in range(1, 41))
    pages = page_texts(render_review_form(ordinary(materials=materials)))
    with_rows = [p for p in pages if "补充材料" in p]
    assert len(with_rows) == 2
    assert all("序号材料名称收取情况" in p for p in with_rows)
    assert "".join(with_rows).count("补充材料") == 40


def test_an_opinion_longer_than_a_page_continues():
    opinion = "经审核，" + "该项目维修方案可行，预算合理。" * 120
    doc = ordinary(boxes=(ReviewBox(LEVELS[0], opinion, "李四", date(2026, 11, 3)),))
    pages = page_texts(render_review_form(doc))
    text = re.sub(r"—\d+—", "", "".join(pages)).replace(f"{LEVELS[0]}（续）：", "")
    assert opinion in text
    assert any(f"{LEVELS[0]}（续）：" in p for p in pages)
    (page,) = [p for p in pages if "三、审核意见" in p]
    assert f"{LEVELS[0]}：" in page
    assert "经办人：李四2026年11月3日" in pages[-1]


def test_long_texts_stay_inside_the_text_block(tmp_path: Path):
    """Nothing is drawn in the side margins, above the text block or below it (down to the
    page number), so nothing is clipped when printed."""
    doc = ordinary(
        reason="屋面防水卷材起鼓开裂，雨水沿女儿墙渗入顶层住户。" * 60,
        vote_lines=VOTES * 12,
        project="3栋屋面防水及外墙渗漏综合维修工程" * 6,
        boxes=(ReviewBox(LEVELS[0], "同意。" * 600, "李四"), *ordinary().boxes[1:]),
    )
    data = render_review_form(doc)
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(data)
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm
    subprocess.run([pdftoppm, "-r", "50", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p*.png"))
    assert len(pngs) == len(reader(data).pages) >= 4
    for number, png in enumerate(pngs, start=1):
        image = Image.open(png).convert("L")
        px = image.width / 210  # pixels per mm
        left, right = int(28 * px) - 1, int((210 - 26) * px) + 2
        for x in [*range(0, left), *range(right, image.width)]:
            column = [image.getpixel((x, y)) for y in range(image.height)]
            assert min(column) > 200, f"page {number}: ink in the margin at x={x / px:.1f} mm"
        for y in [*range(0, int(37 * px) - 1), *range(int(263 * px), int(267 * px))]:
            row = [image.getpixel((x, y)) for x in range(image.width)]
            assert min(row) > 200, (
                f"page {number}: ink above or below the text at y={y / px:.1f} mm"
            )
