"""Window, splitter and column geometry remembered between runs (an ini in the data dir)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget


class UiState:
    def __init__(self, data_dir: Path) -> None:
        self._s = QSettings(str(data_dir / "ui-state.ini"), QSettings.Format.IniFormat)

    def _load(self, key: str) -> QByteArray | None:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_window(self, key: str, w: QWidget) -> None:
        self._s.setValue(f"{key}/geometry", w.saveGeometry())

    def restore_window(self, key: str, w: QWidget) -> bool:
        data = self._load(f"{key}/geometry")
        return bool(data and w.restoreGeometry(data))

    def save_header(self, key: str, h: QHeaderView) -> None:
        self._s.setValue(f"{key}/header", h.saveState())

    def restore_header(self, key: str, h: QHeaderView) -> bool:
        data = self._load(f"{key}/header")
        return bool(data and h.restoreState(data))

    def save_splitter(self, key: str, s: QSplitter) -> None:
        self._s.setValue(f"{key}/splitter", s.saveState())

    def restore_splitter(self, key: str, s: QSplitter) -> bool:
        data = self._load(f"{key}/splitter")
        return bool(data and s.restoreState(data))

    def sync(self) -> None:
        self._s.sync()
