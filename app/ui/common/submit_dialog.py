"""The accept flow shared by the document-chain dialogs: read the form, hand it to the
controller's `submit` callable (which writes through a service), and on a bad value keep
the dialog open, focus the field and say what is wrong. Nothing the user typed is lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from app.ui.common.attempt import attempt
from app.ui.common.messages import MessageService

Submit = Callable[[Any], Any]


class SubmitDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        submit: Submit | None = None,
        messages: MessageService | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._messages = messages or MessageService(self)
        self.outcome: Any = None  # what submit returned

    def set_submit(self, submit: Submit | None) -> None:
        self._submit = submit

    def fields(self) -> Any:
        """Read the form; raise ValidationError naming the bad field."""
        raise NotImplementedError

    def focus_field(self, field: str | None) -> None:
        widget = self.findChild(QWidget, field or "") if field else None
        if widget is not None and widget.isEnabled():
            widget.setFocus()

    def _save(self) -> None:
        f = self.fields()
        self.outcome = self._submit(f) if self._submit is not None else f

    def _on_accept(self) -> None:
        if attempt(self._save, self.focus_field, self._messages):
            self.accept()
