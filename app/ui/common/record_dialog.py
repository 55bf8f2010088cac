"""The add/edit flow shared by record dialogs: read the form, save through the service,
and on a bad value keep the dialog open, focus the field and say what is wrong."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QTabWidget, QWidget

from app.ui.common.attempt import attempt
from app.ui.common.messages import MessageService


class RecordDialog(QDialog):
    tabs: QTabWidget | None = None

    def __init__(
        self, service: Any, messages: MessageService, record: Any, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._messages = messages
        self._record = record
        self.saved: Any = None

    def fields(self) -> Any:
        """Read the form; raise ValidationError naming the bad field."""
        raise NotImplementedError

    def _focus(self, field: str | None) -> None:
        widget = self.findChild(QWidget, field or "")
        if widget is None:
            return
        if self.tabs is not None:
            for i in range(self.tabs.count()):
                if self.tabs.widget(i).isAncestorOf(widget):
                    self.tabs.setCurrentIndex(i)
        widget.setFocus()

    def _save(self) -> None:
        f = self.fields()
        if self._record:
            self.saved = self._service.update(self._record.id, f)
        else:
            self.saved = self._service.create(f)

    def _on_accept(self) -> None:
        if attempt(self._save, self._focus, self._messages):
            self.accept()
