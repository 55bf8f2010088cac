from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from app.documents import fonts
from app.domain.errors import PropDeskError

EXT_B = "\U00020000"  # 𠀀, CJK Extension B: not in WenQuanYi Micro Hei


@pytest.fixture(autouse=True)
def fresh_registration():
    fonts.forget_registration()
    yield
    fonts.forget_registration()


@pytest.fixture
def no_system_fonts(monkeypatch, tmp_path):
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setattr(fonts, "system_font_dirs", lambda: [empty])
    return empty


def make_font(path: Path, family: str, chars: str, *, cff: bool = False) -> Path:
    """A tiny font with a square glyph for each character (TrueType, or CFF if asked)."""
    fontbuilder = pytest.importorskip("fontTools.fontBuilder")
    from fontTools.pens.t2CharStringPen import T2CharStringPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    chars = "".join(dict.fromkeys(chars))
    names = [".notdef", "space"] + [f"uni{ord(c):04X}" for c in chars]
    fb = fontbuilder.FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({32: "space", **{ord(c): f"uni{ord(c):04X}" for c in chars}})
    if cff:
        glyphs = {}
        for name in names:
            pen = T2CharStringPen(1000, None)
            pen.moveTo((100, 0))
            pen.lineTo((100, 800))
            pen.lineTo((900, 800))
            pen.closePath()
            glyphs[name] = pen.getCharString()
        fb.setupCFF(family.replace(" ", ""), {"FullName": family}, glyphs, {})
    else:
        glyphs = {}
        for name in names:
            pen = TTGlyphPen(None)
            pen.moveTo((100, 0))
            pen.lineTo((100, 800))
            pen.lineTo((900, 800))
            pen.closePath()
            glyphs[name] = pen.glyph()
        fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({name: (1000, 100) for name in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(fsType=0)
    fb.setupPost()
    fb.save(str(path))
    return path


def test_every_role_resolves_to_an_existing_truetype_file():
    faces = fonts.resolve_fonts()
    assert set(faces) == set(fonts.ROLES)
    for role, face in faces.items():
        assert face.role == role
        assert face.path.is_file()
        assert face.path.suffix.lower() in (".ttf", ".ttc")
        assert face.subfont_index >= 0


def test_bundled_font_is_found():
    path = fonts.bundled_font_path()
    assert path is not None and path.name == "wqy-microhei.ttc"
    assert fonts.ui_font_files() == [path]


def test_falls_back_to_the_bundled_font_without_system_fonts(no_system_fonts):
    faces = fonts.resolve_fonts()
    for face in faces.values():
        assert face.bundled
        assert face.path == fonts.bundled_font_path()
        assert face.family == "WenQuanYi Micro Hei"
        assert face.display_name == "文泉驿微米黑"
    names = fonts.register_pdf_fonts()
    assert set(names.values()) == {faces["song"].pdf_name}


def test_a_system_font_is_preferred_for_its_role(tmp_path, monkeypatch):
    make_font(tmp_path / "SimHei.ttf", "Test Hei", fonts._BASICS + "物业监管工作台")
    monkeypatch.setattr(fonts, "system_font_dirs", lambda: [tmp_path])
    faces = fonts.registered_faces()
    assert faces["hei"].path == tmp_path / "SimHei.ttf"
    assert not faces["hei"].bundled
    assert all(faces[role].bundled for role in ("fangsong", "song", "kai"))
    fonts.check_coverage("物业监管工作台", "hei")
    with pytest.raises(fonts.MissingGlyphError, match="字体“Test Hei”中没有字符“区”"):
        fonts.check_coverage("物业区", "hei")


def test_cff_fonts_are_skipped(tmp_path):
    make_font(tmp_path / "simfang.ttf", "Test CFF", fonts._BASICS, cff=True)
    faces = fonts.resolve_fonts([tmp_path])
    assert faces["fangsong"].bundled


def test_a_system_font_without_digits_falls_back(tmp_path, monkeypatch):
    make_font(tmp_path / "simkai.ttf", "Test Kai", "物业监管工作台")
    monkeypatch.setattr(fonts, "system_font_dirs", lambda: [tmp_path])
    assert fonts.resolve_fonts()["kai"].family == "Test Kai"
    assert fonts.registered_faces()["kai"].bundled


def test_register_is_idempotent():
    first = fonts.register_pdf_fonts()
    assert fonts.register_pdf_fonts() == first
    assert set(first) == set(fonts.ROLES)
    for name in first.values():
        assert name in pdfmetrics.getRegisteredFontNames()


def test_common_text_is_covered_by_every_role():
    for role in fonts.ROLES:
        fonts.check_coverage("物业监管工作台", role)
        fonts.check_coverage("兹定于2026年12月1日召开业主大会。\n\t\u3000（第1号）\u200b", role)


def test_bundled_font_really_lacks_extension_b():
    ttlib = pytest.importorskip("fontTools.ttLib")
    collection = ttlib.TTCollection(str(fonts.bundled_font_path()))
    assert ord(EXT_B) not in collection.fonts[0].getBestCmap()
    assert ord("监") in collection.fonts[0].getBestCmap()


def test_missing_character_is_named(no_system_fonts):
    with pytest.raises(fonts.MissingGlyphError) as info:
        fonts.check_coverage(f"业主{EXT_B}某", "fangsong")
    err = info.value
    assert isinstance(err, PropDeskError)
    assert err.chars == (EXT_B,)
    assert str(err) == (
        f"字体“文泉驿微米黑”中没有字符“{EXT_B}”(U+20000)，无法打印。请修改这些文字后再试。"
    )


def test_many_missing_characters_are_summarised(no_system_fonts):
    rare = "".join(chr(0x20000 + i) for i in range(8))
    with pytest.raises(fonts.MissingGlyphError, match="等8个字符") as info:
        fonts.check_coverage(rare + rare, "song")
    assert len(info.value.chars) == 8


def test_unknown_role_is_a_bug():
    with pytest.raises(ValueError, match="unknown font role"):
        fonts.check_coverage("物业", "bold")
