"""The fonts the windowed program needs when the system has no Chinese font: the same
bundled font the PDFs fall back to, found by app.documents.fonts (which does not import
reportlab until a PDF font is registered, so this is cheap at start-up)."""

from __future__ import annotations

from pathlib import Path

from app.documents import fonts


def ui_font_files() -> list[Path]:
    """CJK font files for QFontDatabase.addApplicationFont (empty if none is bundled)."""
    return fonts.ui_font_files()
