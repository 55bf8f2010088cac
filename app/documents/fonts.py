"""Chinese fonts for PDFs: the system's fonts where they exist, the bundled one otherwise.

Roles follow GB/T 9704 habits: "fangsong" for the body of notices, "song" (serif), "hei"
(titles, sans) and "kai". Windows has FangSong, SimSun, SimHei and KaiTi; Linux may have
TrueType CJK fonts (WenQuanYi, AR PL). Any role still missing falls back to WenQuanYi Micro
Hei from the pip package paperang-p2-fonts-cjk. reportlab embeds only TrueType outlines, so
CFF fonts (Noto CJK .otf/.ttc) are skipped. reportlab always embeds TrueType fonts as subsets
(prefix "AAAAAA+"), which keeps the PDFs small.
"""

from __future__ import annotations

import importlib.resources
import logging
import os
import struct
import sys
import threading
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from app.domain.errors import PropDeskError

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

# reportlab is imported where a font is registered (_load, _problem), not at the top: the UI
# imports this module at start-up for ui_font_files(), and reportlab takes ~50 ms to import.

log = logging.getLogger(__name__)

ROLES = ("fangsong", "song", "hei", "kai")
ROLE_NAMES = {"fangsong": "仿宋", "song": "宋体", "hei": "黑体", "kai": "楷体"}

BUNDLED_PACKAGE = "paperang_p2_fonts_cjk"
BUNDLED_FILE = ("fonts", "wqy-microhei.ttc")

# Per role, in order of preference: (file name, English family of the wanted face in a .ttc).
_CANDIDATES: dict[str, tuple[tuple[str, str | None], ...]] = {
    "fangsong": (("simfang.ttf", None), ("simsun.ttc", "SimSun"), ("uming.ttc", "AR PL UMing CN")),
    "song": (("simsun.ttc", "SimSun"), ("uming.ttc", "AR PL UMing CN")),
    "hei": (
        ("simhei.ttf", None),
        ("msyh.ttc", "Microsoft YaHei"),
        ("wqy-microhei.ttc", "WenQuanYi Micro Hei"),
        ("wqy-zenhei.ttc", "WenQuanYi Zen Hei"),
    ),
    "kai": (("simkai.ttf", None), ("ukai.ttc", "AR PL UKai CN")),
}
# A system font must draw at least these, or the bundled font is used instead (Droid Sans
# Fallback, say, has no Latin letters or digits).
_BASICS = "0123456789ABCXYZabcxyz,.:;()%（），。：；、“”《》〔〕—…·年月日第号物业监管通知"
_WANTED = frozenset(name for cands in _CANDIDATES.values() for name, _ in cands)


@dataclass(frozen=True)
class FontFace:
    role: str
    family: str  # English family name, e.g. "SimSun"
    display_name: str  # the name a Chinese user knows, e.g. "宋体"
    path: Path
    subfont_index: int
    pdf_name: str  # the name registered with reportlab
    bundled: bool = False


class MissingGlyphError(PropDeskError):
    """The font lacks some characters; reportlab would silently print empty boxes."""

    def __init__(self, font: str, chars: Sequence[str]) -> None:
        shown = "、".join(f"“{c}”(U+{ord(c):04X})" for c in chars[:5])
        more = f"等{len(chars)}个字符" if len(chars) > 5 else ""
        super().__init__(f"字体“{font}”中没有字符{shown}{more}，无法打印。请修改这些文字后再试。")
        self.font = font
        self.chars = tuple(chars)


# --- reading font files (just enough of the sfnt format: outlines and names) ---------------


@dataclass(frozen=True)
class _FaceInfo:
    index: int
    family: str
    chinese_family: str
    truetype: bool  # glyf outlines that reportlab can embed (not CFF)


def _names(fh: BinaryIO, table: tuple[int, int] | None) -> tuple[str, str]:
    if table is None:
        return "", ""
    fh.seek(table[0])
    _fmt, count, strings = struct.unpack(">HHH", fh.read(6))
    records = [struct.unpack(">6H", fh.read(12)) for _ in range(count)]
    english = chinese = ""
    for platform, _enc, lang, name_id, length, offset in records:
        if name_id != 1 or platform != 3:
            continue
        fh.seek(table[0] + strings + offset)
        text = fh.read(length).decode("utf-16-be", errors="replace")
        if lang == 0x409:
            english = text
        elif lang in (0x804, 0x1004) and not chinese:
            chinese = text
    return english, chinese


@lru_cache(maxsize=64)
def _faces_in(path: Path) -> tuple[_FaceInfo, ...]:
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
            if head[:4] == b"ttcf":
                (count,) = struct.unpack(">I", head[8:12])
                offsets = struct.unpack(f">{count}I", fh.read(4 * count))
            else:
                offsets = (0,)
            faces = []
            for index, offset in enumerate(offsets):
                fh.seek(offset)
                version, num_tables = struct.unpack(">4sH", fh.read(6))
                fh.seek(offset + 12)
                tables = {}
                for _ in range(num_tables):
                    tag, _sum, where, length = struct.unpack(">4sIII", fh.read(16))
                    tables[tag] = (where, length)
                truetype = version in (b"\0\1\0\0", b"true") and b"glyf" in tables
                family, chinese = _names(fh, tables.get(b"name"))
                faces.append(_FaceInfo(index, family or path.stem, chinese, truetype))
            return tuple(faces)
    except (OSError, struct.error, ValueError) as exc:
        log.warning("cannot read font file %s: %s", path, exc)
        return ()


# --- finding fonts ---------------------------------------------------------------------------


def system_font_dirs() -> list[Path]:
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
        dirs = [Path(windir) / "Fonts"]
        if os.environ.get("LOCALAPPDATA"):  # fonts installed "for this user only"
            dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    home = Path.home()
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
    ]


@lru_cache(maxsize=8)
def _index(dirs: tuple[Path, ...]) -> dict[str, Path]:
    """Lower-cased file name -> path, for the candidate files found under the dirs."""
    found: dict[str, Path] = {}
    for top in dirs:
        for folder, _subdirs, files in os.walk(top):
            for name in files:
                key = name.lower()
                if key in _WANTED and key not in found:
                    found[key] = Path(folder) / name
    return found


def bundled_font_path() -> Path | None:
    """WenQuanYi Micro Hei from the pip package (also found inside the PyInstaller bundle)."""
    try:
        resource = importlib.resources.files(BUNDLED_PACKAGE)
    except ModuleNotFoundError:
        return None
    for part in BUNDLED_FILE:
        resource = resource / part
    path = Path(str(resource))
    return path if path.is_file() else None


def _face(role: str, path: Path, want: str | None, bundled: bool = False) -> FontFace | None:
    faces = [f for f in _faces_in(path) if f.truetype]
    chosen = next((f for f in faces if want and f.family == want), faces[0] if faces else None)
    if chosen is None:
        return None
    slug = "".join(ch for ch in chosen.family if ch.isascii() and ch.isalnum()) or path.stem
    return FontFace(
        role=role,
        family=chosen.family,
        display_name=chosen.chinese_family or chosen.family,
        path=path,
        subfont_index=chosen.index,
        # Unique per file, so a font of the same family elsewhere never reuses this one.
        pdf_name=f"PropDesk-{slug}-{chosen.index}-{zlib.crc32(str(path).encode()):08x}",
        bundled=bundled,
    )


def _bundled_face(role: str) -> FontFace | None:
    path = bundled_font_path()
    return _face(role, path, "WenQuanYi Micro Hei", bundled=True) if path else None


def resolve_fonts(font_dirs: Sequence[Path] | None = None) -> dict[str, FontFace]:
    """Role -> font face: the system's font if present, else the bundled one."""
    index = _index(tuple(system_font_dirs() if font_dirs is None else font_dirs))
    faces: dict[str, FontFace] = {}
    for role in ROLES:
        face = None
        for name, want in _CANDIDATES[role]:
            if name in index and (face := _face(role, index[name], want)):
                break
        face = face or _bundled_face(role)
        if face is None:
            raise PropDeskError("找不到可用的中文字体，无法生成 PDF。请重新安装 PropDesk。")
        faces[role] = face
    return faces


def ui_font_files() -> list[Path]:
    """CJK font files for QFontDatabase.addApplicationFont when the system has no CJK font."""
    path = bundled_font_path()
    return [path] if path else []


# --- reportlab registration and coverage -----------------------------------------------------

_lock = threading.Lock()
_loaded: dict[str, TTFont] = {}  # pdf_name -> TTFont
_registered: dict[str, FontFace] = {}  # role -> face


def _load(face: FontFace) -> TTFont:
    font = _loaded.get(face.pdf_name)
    if font is None:
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        font = TTFont(face.pdf_name, str(face.path), subfontIndex=face.subfont_index)
        pdfmetrics.registerFont(font)
        # Chinese fonts have no bold or italic: map them to the regular face so that
        # <b>/<i> in Paragraph markup never fails.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(face.pdf_name, bold, italic, face.pdf_name)
        _loaded[face.pdf_name] = font
        log.info("PDF font %s: %s (subfont %d)", face.pdf_name, face.path, face.subfont_index)
    return font


def _problem(face: FontFace) -> str | None:
    """Load the face into reportlab; say why it cannot be used, if it cannot."""
    from reportlab.pdfbase.ttfonts import TTFError

    try:
        cmap = _load(face).face.charToGlyph
    except (TTFError, OSError, ValueError, struct.error) as exc:  # corrupt, CFF, no embedding
        return str(exc)
    lacks = "" if face.bundled else "".join(c for c in _BASICS if not cmap.get(ord(c)))
    return f"lacks {lacks!r}" if lacks else None


def registered_faces() -> dict[str, FontFace]:
    """Role -> the face actually registered with reportlab (registers on first use)."""
    with _lock:
        if not _registered:
            chosen = {}
            for role, face in resolve_fonts().items():
                problem = _problem(face)
                if problem and not face.bundled and (fallback := _bundled_face(role)):
                    log.warning("cannot use font %s (%s); using %s", face.path, problem, fallback)
                    face, problem = fallback, _problem(fallback)
                if problem:
                    log.error("cannot use font %s: %s", face.path, problem)
                    raise PropDeskError(
                        f"无法读取字体文件 {face.path}，无法生成 PDF。请重新安装 PropDesk。"
                    )
                chosen[role] = face
            _registered.update(chosen)
        return dict(_registered)


def register_pdf_fonts() -> dict[str, str]:
    """Register the four roles with reportlab (idempotent); returns role -> font name."""
    return {role: face.pdf_name for role, face in registered_faces().items()}


def font_face(role: str) -> FontFace:
    try:
        return registered_faces()[role]
    except KeyError:
        raise ValueError(f"unknown font role {role!r}; expected one of {ROLES}") from None


def missing_chars(text: str, role: str) -> list[str]:
    """Characters of text (each once, in order) that the role's font cannot draw."""
    face = font_face(role)
    cmap = _loaded[face.pdf_name].face.charToGlyph
    missing = []
    for ch in dict.fromkeys(text):
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        if not cmap.get(ord(ch)):
            missing.append(ch)
    return missing


# stand-ins for symbols a font may lack (the bundled WenQuanYi has no ✗; GBK fonts no ✓)
FALLBACKS = {"✓": "√", "✗": "×", "¥": "￥", "㎡": "平方米", "☎": "电话", "–": "-"}


def printable(text: str, role: str) -> str:
    """`text` with the symbols the role's font lacks replaced by ones it has (FALLBACKS);
    any other missing character is left for check_coverage to name."""
    for ch in missing_chars(text, role):
        text = text.replace(ch, FALLBACKS.get(ch, ch))
    return text


def check_coverage(text: str, role: str) -> None:
    """Raise MissingGlyphError naming every character the role's font lacks."""
    missing = missing_chars(text, role)
    if missing:
        raise MissingGlyphError(font_face(role).display_name, missing)


def forget_registration() -> None:
    """Resolve and register again on next use (after fonts were installed; used by tests)."""
    with _lock:
        _registered.clear()
        _index.cache_clear()
        _faces_in.cache_clear()
