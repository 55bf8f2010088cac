"""Message boxes behind a small service, so controllers can be tested without dialogs."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


class MessageService:
    """Shows plain Chinese messages. With `dialogs=False` it logs and records instead
    (tests read `.shown`, and `confirm_answer` decides confirmations)."""

    def __init__(self, parent: QWidget | None = None, *, dialogs: bool = True) -> None:
        self.parent = parent
        self.dialogs = dialogs
        self.shown: list[tuple[str, str]] = []
        self.confirm_answer = True

    def _record(self, kind: str, text: str) -> None:
        self.shown.append((kind, text))
        log.info("message %s: %s", kind, text)

    def info(self, text: str, title: str = "提示") -> None:
        self._record("info", text)
        if self.dialogs:
            QMessageBox.information(self.parent, title, text)

    def warn(self, text: str, title: str = "无法完成") -> None:
        self._record("warn", text)
        if self.dialogs:
            QMessageBox.warning(self.parent, title, text)

    def error(self, text: str, title: str = "出错了") -> None:
        self._record("error", text)
        if self.dialogs:
            QMessageBox.critical(self.parent, title, text)

    def confirm(self, text: str, title: str = "请确认") -> bool:
        self._record("confirm", text)
        if not self.dialogs:
            return self.confirm_answer
        answer = QMessageBox.question(
            self.parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def last(self) -> str:
        return self.shown[-1][1] if self.shown else ""
