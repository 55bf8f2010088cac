"""What every page offers the main window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.ui.state import UiState


class Page(QWidget):
    title = ""

    def activate(self) -> None:
        """Called when the page is shown; refresh what may have changed."""

    def save_state(self, state: UiState) -> None:
        """Remember column widths and splitters."""

    def restore_state(self, state: UiState) -> None:
        """Restore what save_state remembered."""


class LazyPage(Page):
    """Holds the place of a page that is built (and its modules imported) on first show,
    to keep start-up short. Saving and restoring state reach the page once it exists."""

    def __init__(self, title: str, build: Callable[[], Page]) -> None:
        super().__init__()
        self.title = title
        self._build = build
        self._page: Page | None = None
        self._state: UiState | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def page(self) -> Page:
        if self._page is None:
            self._page = self._build()
            if self._state is not None:
                self._page.restore_state(self._state)
            self._layout.addWidget(self._page)
        return self._page

    def activate(self) -> None:
        self.page.activate()

    def save_state(self, state: UiState) -> None:
        if self._page is not None:
            self._page.save_state(state)

    def restore_state(self, state: UiState) -> None:
        self._state = state
        if self._page is not None:
            self._page.restore_state(state)
