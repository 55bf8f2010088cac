"""What every page offers the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.state import UiState


class Page(QWidget):
    title = ""

    def activate(self) -> None:
        """Called when the page is shown; refresh what may have changed."""

    def save_state(self, state: UiState) -> None:
        """Remember column widths and splitters."""

    def restore_state(self, state: UiState) -> None:
        """Restore what save_state remembered."""


class PlaceholderPage(Page):
    """A page a later release fills: one honest line, never fake data."""

    def __init__(self, title: str, what: str) -> None:
        super().__init__()
        self.title = title
        label = QLabel(f"“{title}”功能尚未完成：{what}将在后续版本中提供。")
        label.setObjectName("placeholder")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
