from __future__ import annotations

import dataclasses
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image  # reportlab's own dependency

from app.documents.committee_filing import render_filing
from app.documents.fonts import MissingGlyphError
from app.domain.documents import FilingForm, FilingMember

from .pdf_checks import (
    all_text,
    assert_a4,
    assert_fonts_embedded_subsets,
    assert_renders_to_png,
    page_texts,
    reader,
)

EXT_B = "\U00020000"  # 𠀀, not in the fonts
HEADER = "序号姓名职务房号是否业主中共党员得票数联系电话"
NAMES = [
    "张建国",
    "李秀英",
    "王志强",
    "刘桂芳",
    "陈明",
    "杨丽华",
    "赵德胜",
    "黄海燕",
    "周文斌",
    "吴晓东",
    "徐静",
    "孙立新",
    "马玉兰",
    "朱宏伟",
    "胡春梅",
]
DOCUMENTS = [
    ("业主大会会议决议及选举结果公告", True),
    ("业主大会议事规则", True),
    ("管理规约", True),
    ("业主委员会委员名单及身份证明复印件", True),
    ("业主大会筹备组工作报告", False),
]


def members(count: int) -> list[FilingMember]:
    roles = ["主任", "副主任", "副主任"] + ["委员"] * (count - 5) + ["候补委员"] * 2
    return [
        FilingMember(
            NAMES[i],
            roles[i],
            room=f"{i % 6 + 1}栋{i % 3 + 1}单元{(i + 3) * 100 + 2}",
            is_owner=i != 4,
            party_member=i % 3 == 0,
            votes=310 - 7 * i,
            phone=f"1380571{i:04d}",
        )
        for i in range(count)
    ]


def form(count: int = 9, **changes: object) -> FilingForm:
    doc = FilingForm(
        office_name="青禾镇物业管理监督办公室",
        community="幸福里小区",
        address="青禾镇幸福路88号",
        body_name="幸福里小区业主委员会",
        term_no=2,
        elected_on=date(2026, 10, 18),
        term_start=date(2026, 11, 1),
        term_end=date(2031, 10, 31),
        seats=count - 2,
        households=412,
        total_area="38652.47",
        participation="参与表决专有部分面积 28650.30/38652.47（74.12%）、人数 318/412（77.18%）；"
        "同意票占参与表决面积及人数均超过半数，选举结果有效。",
        members=members(count),
        documents=DOCUMENTS,
        filed_on=date(2026, 11, 9),
        certificate_no="青禾业备〔2026〕12号",
        contact="张建国，13805710000",
    )
    return dataclasses.replace(doc, **changes)


def member_row(number: int, member: FilingMember) -> str:
    """One row of the members table as the extracted text reads it."""
    yes = {True: "是", False: "否"}
    return (
        f"{number}{member.name}{member.role}{member.room}{yes[member.is_owner]}"
        f"{yes[member.party_member]}{member.votes}{member.phone}"
    )


def test_form_says_what_it_should():
    doc = form()
    text = all_text(render_filing(doc))
    for part in [
        "业主委员会备案表",
        "受理单位：青禾镇物业管理监督办公室",
        "备案编号：青禾业备〔2026〕12号",
        "小区名称幸福里小区",
        "届次第2届",
        "地址青禾镇幸福路88号",
        "业委会名称幸福里小区业主委员会",
        "选举日期2026年10月18日",
        "委员人数7人",
        "2026年11月1日至2031年10月31日",
        "412户",
        "38652.47",
        "28650.30/38652.47",
        "选举结果有效。",
        "张建国，13805710000",
        "业主委员会（盖章）",
        "主任签字：",
        "受理单位意见：",
        "受理人：",
        "日期：2026年11月9日",
    ]:
        assert part in text, part
    for name, _done in DOCUMENTS:
        assert name in text
    assert "☑" not in text and "☐" not in text  # the tick boxes are drawn, not glyphs


def test_every_member_and_role_is_listed():
    doc = form(9)
    text = all_text(render_filing(doc))
    assert HEADER in text
    for number, member in enumerate(doc.members, start=1):
        assert member_row(number, member) in text
    assert {m.role for m in doc.members} == {"主任", "副主任", "委员", "候补委员"}


def test_fifteen_members_flow_to_page_two_with_the_header_repeated():
    doc = form(15)
    pages = page_texts(render_filing(doc))
    assert len(pages) >= 2
    assert HEADER in pages[0] and HEADER in pages[1]
    text = "".join(pages)
    for number, member in enumerate(doc.members, start=1):
        assert text.count(member_row(number, member)) == 1, member.name
    assert member_row(1, doc.members[0]) in pages[0]
    assert member_row(15, doc.members[-1]) in pages[1]
    assert "—1—" in pages[0] and "—2—" in pages[1]


def test_pdf_is_a4_with_embedded_subset_fonts():
    data = render_filing(form(15))
    assert_a4(data)
    assert_fonts_embedded_subsets(data)
    assert reader(data).metadata.title == "业主委员会备案表"
    assert len(data) < 150_000


def test_same_input_gives_identical_bytes():
    assert render_filing(form(15)) == render_filing(form(15))


def test_blank_certificate_and_dates_and_no_members():
    doc = form(0, members=[], documents=[], certificate_no="", filed_on=None, elected_on=None)
    text = all_text(render_filing(doc))
    assert "备案编号：" in text and HEADER in text
    assert "日期：年月日" in text


@pytest.mark.parametrize("where", ["name", "participation", "document", "office"])
def test_a_character_the_font_lacks_is_named(where):
    doc = form()
    if where == "name":
        people = [*doc.members[:-1], dataclasses.replace(doc.members[-1], name=f"王{EXT_B}")]
        doc = dataclasses.replace(doc, members=people)
    elif where == "participation":
        doc = dataclasses.replace(doc, participation=f"参与{EXT_B}")
    elif where == "document":
        doc = dataclasses.replace(doc, documents=[(f"决议{EXT_B}", True)])
    else:
        doc = dataclasses.replace(doc, office_name=f"青禾{EXT_B}镇")
    with pytest.raises(MissingGlyphError, match="U\\+20000") as caught:
        render_filing(doc)
    assert EXT_B in caught.value.chars


def test_renders_to_png(tmp_path):
    assert_renders_to_png(render_filing(form(9)), tmp_path)


def test_every_page_keeps_inside_the_side_margins(tmp_path: Path):
    """Long cell text wraps inside the table; nothing is drawn left or right of it."""
    long_text = "参与表决专有部分面积及人数均超过三分之二，" * 6
    data = render_filing(form(15, participation=long_text, address="青禾镇" + "幸福路" * 20))
    assert long_text.replace(" ", "") in all_text(data)
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(data)
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm
    subprocess.run([pdftoppm, "-r", "50", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p*.png"))
    assert len(pngs) == len(reader(data).pages) >= 2
    for png in pngs:
        image = Image.open(png).convert("L")
        px_per_mm = image.width / 210
        left, right = int(28 * px_per_mm) - 1, int((210 - 26) * px_per_mm) + 2
        for x in [*range(0, left), *range(right, image.width)]:
            column = [image.getpixel((x, y)) for y in range(image.height)]
            assert min(column) > 200, f"ink in the margin at x={x / px_per_mm:.1f} mm"
