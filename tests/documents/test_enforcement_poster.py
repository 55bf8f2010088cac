from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any, cast

import pytest
from PIL import Image  # reportlab's own dependency

from app.documents import (
    fonts,  # noqa: E402
)
from app.documents.enforcement_poster import render_poster
from app.documents.fonts import MissingGlyphError
from app.domain.disclosure_documents import DepartmentLine, PosterDoc

from .pdf_checks import all_text, assert_fonts_embedded_subsets, page_texts, reader

A3_SHORT, A3_LONG = 841.89, 1190.55
EXT_B = "\U00020000"  # 𠀀, not in the fonts
DEPARTMENTS = (
    ("县住房和城乡建设局", "物业服务企业监管（服务质量、信息公示、合同和承接查验备案）、住宅专项维修资金使用审核、房屋质量与室内装饰装修管理", "张伟", "0833-5123401"),
    ("县城市管理和综合执法局", "查处小区内违章搭建、占用绿地和公共场地、擅自改变房屋外立面和用途、乱贴乱画等行为，负责垃圾清运等环境卫生管理", "李娜", "0833-5123402 / 13800001111"),
    ("县市场监督管理局", "查处物业收费中超标准收费、强制收费、不明码标价等价格违法行为和无照经营，负责电梯等特种设备安全监察", "王芳", "12315"),
    ("县公安局", "小区治安防范和安防设施监督，物业保安管理，处理车辆乱停乱放、占用消防通道，查处影响公共安全和秩序的违法行为", "刘洋", "110、0833-5123404"),
    ("县消防救援大队", "住宅小区消防安全监管，开展火灾预防和消防监督执法，查处违反消防规定的行为", "陈静", "119"),
    ("县应急管理局", "督促指导小区消防安全管理和隐患排查整治，组织消防安全巡查、培训和演练", "杨磊", "0833-5123406"),
    ("县自然资源局", "住宅小区规划和配套设施配置，审核小区内规划申请，处理涉及规划的纠纷和历史遗留问题", "赵敏", "0833-5123407"),
    ("县发展和改革局", "制定物业服务收费政府指导价，受理物业收费政策咨询、投诉和纠纷", "黄强", "0833-5123408"),
    ("县生态环境分局", "监督管理小区周边企业排污和工业噪声污染，查处环境违法行为", "周杰", "0833-5123409"),
    ("县卫生健康局", "二次供水等居民饮用水卫生监督，查处未经许可利用住宅开办餐饮等影响环境卫生的经营活动", "吴霞", "0833-5123410"),
    ("县司法局", "指导乡镇、社区人民调解组织调解物业管理矛盾纠纷", "徐斌", "0833-5123411"),
    ("县信访局", "物业管理问题的信访登记、接待、转办和督办", "孙丽", "0833-5123412"),
)  # fmt: skip
HEADER = "序号部门主要职责联系人联系电话"


def poster(**changes: Any) -> PosterDoc:
    doc = PosterDoc(
        office_name="青禾镇人民政府",
        community="幸福家园小区",
        complaint_phone="0833-5120000",
        departments=tuple(DepartmentLine(*d) for d in DEPARTMENTS),
        company="青禾物业服务有限公司",
        company_phone="0833-5129999",
        printed_on=date(2026, 11, 23),
    )
    return dataclasses.replace(doc, **changes)


def long_duties(times: int = 4) -> tuple[DepartmentLine, ...]:
    return tuple(dataclasses.replace(d, duties=d.duties * times) for d in poster().departments)


def font_sizes(data: bytes, page: int = 0) -> list[float]:
    """The size of every font selection (Tf) on a page, in drawing order."""
    content = stream(data, page)
    return [float(size) for size in re.findall(rb"([\d.]+) Tf", content)]


def body_size(data: bytes) -> float:
    return Counter(font_sizes(data)).most_common(1)[0][0]


def stream(data: bytes, page: int = 0) -> bytes:
    """The decompressed content stream of a page."""
    stream = reader(data).pages[page].get_contents()
    assert stream is not None
    return bytes(stream.get_data())


def render_png(data: bytes, tmp_path: Path, dpi: int = 40) -> list[Image.Image]:
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm (poppler-utils) is missing; the project's setup installs it"
    tmp_path.mkdir(exist_ok=True)
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(data)
    subprocess.run([pdftoppm, "-r", str(dpi), "-png", str(pdf), str(tmp_path / "p")], check=True)
    return [Image.open(png).convert("RGB") for png in sorted(tmp_path.glob("p*.png"))]


def test_a4_poster_shows_everything_on_one_page():
    data = render_poster(poster())
    assert len(reader(data).pages) == 1
    text = all_text(data)
    assert text.startswith("执法进小区公示牌幸福家园小区青禾镇人民政府" + HEADER)
    for number, (name, duties, contact, phone) in enumerate(DEPARTMENTS, start=1):
        assert f"{number}{name}{duties}{contact}{phone.replace(' ', '')}" in text, name
    assert "乡镇（街道）投诉电话：0833-5120000" in text
    assert "物业服务企业：青禾物业服务有限公司服务电话：0833-5129999" in text
    assert text.endswith("青禾镇人民政府2026年11月23日")
    assert "第1页" not in text and "—1—" not in text  # no page number on a one-page poster


def test_a4_and_a3_page_sizes():
    for size, want in [("A4", (595.28, 841.89)), ("A3", (A3_SHORT, A3_LONG))]:
        (page,) = reader(render_poster(poster(size=size))).pages
        assert abs(float(page.mediabox.width) - want[0]) < 1, size
        assert abs(float(page.mediabox.height) - want[1]) < 1, size


def test_a3_is_the_same_design_larger(tmp_path: Path):
    a4, a3 = render_poster(poster()), render_poster(poster(size="A3"))
    assert page_texts(a3) == page_texts(a4)
    assert font_sizes(a3) == font_sizes(a4)  # the same layout, drawn through a scale
    content = stream(a3, 0)
    assert re.search(rb"^1\.414\d* 0 0 1\.414\d* 0 0 cm", content, re.M)
    (small,) = render_png(a4, tmp_path / "a4")
    (large,) = render_png(a3, tmp_path / "a3")
    assert large.width == pytest.approx(small.width * 2**0.5, abs=2)


def test_the_body_shrinks_for_many_departments_but_never_below_11_pt():
    few = render_poster(poster(departments=poster().departments[:3]))
    many = render_poster(poster())
    assert body_size(few) > body_size(many) >= 11
    assert min(font_sizes(many)) >= 11
    assert len(reader(many).pages) == 1


def test_too_many_departments_continue_on_a_second_page(tmp_path: Path):
    data = render_poster(poster(departments=long_duties()))
    pages = page_texts(data)
    assert len(pages) >= 2
    assert min(font_sizes(data, 0)) >= 10  # the page numbers; the body stays at 11 pt
    assert body_size(data) == 11
    assert all(HEADER in page for page in pages)
    assert "执法进小区公示牌（续）幸福家园小区" in pages[1]
    text = "".join(pages)
    for name, *_rest in DEPARTMENTS:
        assert text.count(name) == 1, name
    assert "投诉电话：0833-5120000" in pages[-1]
    assert "投诉电话" not in "".join(pages[:-1])
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页共{len(pages)}页" in page
    # nothing runs off the paper: the 12 mm margins stay white (the page number sits lower)
    for image in render_png(data, tmp_path):
        px = image.width / 210
        gray = image.convert("L")
        edges = [(x, y) for x in range(image.width) for y in (1, int(10 * px))]
        edges += [(x, y) for y in range(image.height) for x in (1, int(10 * px), image.width - 2)]
        edges += [(x, image.height - 2) for x in range(image.width)]
        assert min(int(gray.getpixel(point)) for point in edges) > 200  # type: ignore[arg-type]


def test_phone_numbers_are_never_split():
    phones = "0833-5123402 / 13800001111 / 13900002222、0833-5123456转801、400-800-1234-5678-9012"
    departments = tuple(
        dataclasses.replace(d, phone=phones) if n % 3 == 0 else d
        for n, d in enumerate(long_duties(2))
    )
    for size in ("A4", "A3"):
        data = render_poster(poster(departments=departments, size=size))
        lines = [
            line.strip() for page in reader(data).pages for line in page.extract_text().split("\n")
        ]
        for number in re.split(r" / |、", phones):
            assert any(number in line for line in lines), number
        assert all_text(data).count("400-800-1234-5678-9012") == 4


def test_without_complaint_phone_or_company():
    text = all_text(render_poster(poster(complaint_phone="", company="", company_phone="")))
    assert "乡镇（街道）投诉电话：青禾镇人民政府2026年11月23日" in text  # a line to write on
    assert "物业服务企业：" not in text and "服务电话" not in text


def test_company_without_phone_leaves_it_blank():
    text = all_text(render_poster(poster(company_phone="")))
    assert "物业服务企业：青禾物业服务有限公司服务电话：青禾镇人民政府" in text


def test_title_band_is_red_with_white_letters_and_rows_alternate(tmp_path: Path):
    data = render_poster(poster())
    (image,) = render_png(data, tmp_path, dpi=50)
    px = image.width / 210
    band = [
        cast(tuple[int, int, int], image.getpixel((int(x * px), int(21 * px))))
        for x in range(13, 197)
    ]
    red = [p for p in band if p[0] > 200 and p[1] < 80 and p[2] < 80]
    white = [p for p in band if min(p) > 200]
    assert len(red) > len(band) / 2 and white
    content = stream(data, 0)
    assert content.count(b".99 .92 .92 rg") == len(DEPARTMENTS) // 2  # every other row


def test_fonts_are_embedded_subsets_and_output_is_stable():
    data = render_poster(poster(size="A3"))
    assert_fonts_embedded_subsets(data)
    meta = reader(data).metadata
    assert meta is not None and meta.title == "执法进小区公示牌（幸福家园小区）"
    assert render_poster(poster(size="A3")) == data


def test_unknown_size_is_refused():
    with pytest.raises(ValueError, match="A5"):
        render_poster(poster(size="A5"))


def test_a_character_the_font_lacks_is_named():
    departments = (DepartmentLine("县住建局", f"物业监管{EXT_B}", "张伟", "110"),)
    with pytest.raises(MissingGlyphError, match="U\\+20000"):
        render_poster(poster(departments=departments))


def test_symbols_the_font_lacks_are_replaced(monkeypatch):
    monkeypatch.setattr(fonts, "missing_chars", lambda text, role: [c for c in text if c == "☎"])
    departments = (DepartmentLine("县住建局", "物业监管", "张伟", "☎0833-5123401"),)
    text = all_text(render_poster(poster(departments=departments)))
    assert "电话0833-5123401" in text and "☎" not in text
