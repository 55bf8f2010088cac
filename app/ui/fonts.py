"""Make sure the UI can draw Chinese, even on a machine with no CJK font installed."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.services.fonts import ui_font_files

log = logging.getLogger(__name__)
PREFERRED = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "SimHei",
    "DengXian",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
]


def ensure_cjk_font(app: QApplication) -> str:
    """Pick a CJK UI family, loading the bundled open font when the system has none."""
    families = set(QFontDatabase.families())
    family = next((f for f in PREFERRED if f in families), None)
    if family is None:
        for path in ui_font_files():
            fid = QFontDatabase.addApplicationFont(str(path))
            loaded = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
            log.info("loaded UI font %s -> %s", path, loaded)
            if loaded and family is None:
                family = loaded[0]
    if family is None:
        log.warning("no CJK font found for the UI")
        return app.font().family()
    font = QFont(family, 10)
    app.setFont(font)
    return family
