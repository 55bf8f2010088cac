from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PIL import Image  # reportlab's own dependency
from pypdf import PdfReader

from app.documents import fonts
from app.documents.check_page import TITLE, write_check_page

LINES = [
    "物业监管工作台：中文字体嵌入测试。",
    "兹定于2026年12月1日召开业主大会，请各位业主准时参加。",
]


@pytest.fixture
def pdf(tmp_path):
    path = tmp_path / "自检页.pdf"
    write_check_page(path, LINES)
    return path


def _fonts(reader: PdfReader) -> list:
    found = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            found.append(ref.get_object())
    return found


def test_text_is_real_and_extractable(pdf):
    text = "".join(PdfReader(pdf).pages[0].extract_text().split())
    assert TITLE in text
    for line in LINES:
        assert line in text


def test_fonts_are_embedded_subsets(pdf):
    used = _fonts(PdfReader(pdf))
    assert used
    for font in used:
        assert font["/Subtype"] == "/TrueType"
        assert re.fullmatch(r"/[A-Z]{6}\+\S+", str(font["/BaseFont"]))
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
        assert "/ToUnicode" in font


def test_subset_is_much_smaller_than_the_font(pdf):
    assert pdf.stat().st_size < 200_000  # the full font files are megabytes


def test_page_is_a4(pdf):
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.28) < 1
    assert abs(float(box.height) - 841.89) < 1


def test_long_text_wraps_and_continues_on_a_new_page(tmp_path):
    path = tmp_path / "long.pdf"
    write_check_page(path, ["业主大会" * 40] + [f"第{i}行" for i in range(30)])
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    assert "第29行" in reader.pages[1].extract_text()


def test_missing_glyph_stops_before_drawing(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "system_font_dirs", lambda: [tmp_path / "none"])
    fonts.forget_registration()
    path = tmp_path / "bad.pdf"
    try:
        with pytest.raises(fonts.MissingGlyphError, match="U\\+20000"):
            write_check_page(path, ["业主\U00020000"])
    finally:
        fonts.forget_registration()
    assert not path.exists()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_renders_with_poppler(pdf, tmp_path):
    out = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(out)], check=True, timeout=60)
    pngs = sorted(tmp_path.glob("page*.png"))
    assert len(pngs) == 1
    image = Image.open(pngs[0]).convert("L")
    width, height = image.size  # A4 at 50 dpi is about 413 × 585 px
    assert abs(width - 413) <= 1 and abs(height - 585) <= 1
    dark = sum(image.histogram()[:128])
    assert dark > 500, "the rendered page is blank"
