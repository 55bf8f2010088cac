from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.ui.app import install_translations
from app.ui.common.messages import MessageService
from app.ui.fonts import ensure_cjk_font
from app.ui.main_window import MainWindow
from app.ui.state import UiState


@pytest.fixture
def window(qtbot, qapp, opened, services):
    install_translations(qapp)
    ensure_cjk_font(qapp)
    w = MainWindow(
        services,
        opened.settings,
        UiState(opened.data_dir),
        MessageService(dialogs=False),
        jobs=False,
    )
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def type_into(widget, text: str) -> None:
    """Type text key by key, as a user would (QTest.keyClicks only handles ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def drive(monkeypatch, dialog_cls, fill):
    """Replace dialog_cls.exec: fill the form, press the accept button, return the result."""
    seen = []

    def fake_exec(self):
        seen.append(self)
        fill(self)
        return self.result()

    monkeypatch.setattr(dialog_cls, "exec", fake_exec)
    return seen


def press_ok(d: QDialog) -> None:
    box = d.findChild(QDialogButtonBox)
    role = QDialogButtonBox.ButtonRole.AcceptRole
    (button,) = [b for b in box.buttons() if box.buttonRole(b) == role]
    button.click()
