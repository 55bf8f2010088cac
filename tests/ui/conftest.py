from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.ui.app import install_translations
from app.ui.common.files import FileService
from app.ui.common.messages import MessageService
from app.ui.fonts import ensure_cjk_font
from app.ui.main_window import MainWindow
from app.ui.state import UiState


class FakeFiles(FileService):
    """A FileService that shows no dialog and opens nothing: it records what was opened
    (`opened`) and answers the path questions from `save_to` (a callable taking the
    suggested path, default: the suggested path itself; None answers "cancelled") and
    `open_from` (a list of paths, [] answers "cancelled")."""

    def __init__(self, data_dir, *, opens: bool = True) -> None:
        super().__init__(data_dir)
        self.opened: list[Path] = []
        self.opens = opens
        self.save_to = lambda suggested: suggested
        self.open_from: list[Path] = []
        self.asked: list[str] = []  # the titles of the path questions asked
        self.open_filters: list[str] = []

    def ask_save_path(self, parent, title, suggested):
        self.asked.append(title)
        answer = self.save_to(suggested)
        return Path(answer) if answer is not None else None

    def ask_open_paths(self, parent, title, file_filter, *, many=False):
        self.asked.append(title)
        self.open_filters.append(file_filter)
        return list(self.open_from) if many else list(self.open_from[:1])

    def open(self, path):
        self.opened.append(Path(path))
        return self.opens


@pytest.fixture
def files(tmp_path):
    """A FakeFiles over a scratch data folder (pages given `services` use theirs)."""
    return FakeFiles(tmp_path / "files-data")


def files_for(services) -> FakeFiles:
    return FakeFiles(services.ctx.data_dir)


@pytest.fixture
def fake_files(demo):
    """A FakeFiles over the demo office's data folder."""
    return files_for(demo)


@pytest.fixture
def opened_files(fake_files):
    """Files the UI would open in a viewer (none is ever launched)."""
    return fake_files.opened


@pytest.fixture
def window(qtbot, qapp, opened, services):
    install_translations(qapp)
    ensure_cjk_font(qapp)
    w = MainWindow(
        services,
        opened.settings,
        UiState(opened.data_dir),
        MessageService(dialogs=False),
        FakeFiles(opened.data_dir),
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
