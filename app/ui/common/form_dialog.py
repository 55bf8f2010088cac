"""The one base of every form dialog: read the form, write through a service, keep the
dialog open on a bad value, ask for a reason when a rule is broken, remember the size.

Result: `result_value` is what the write returned (the fields themselves when the dialog
has nothing to write through). It is None until the dialog is accepted through its save
path, after a cancel, and when the write returns nothing.

Save path (`_on_accept`, which each dialog connects to its OK button):
1. `_save(reason)` writes. By default it reads the form (`fields()`, which raises a
   ValidationError naming the bad field) and calls `submit(fields)`; a dialog that writes
   through its own service overrides `_save` and returns what it wrote.
2. A ValidationError focuses the widget whose objectName is the field (or its alias in
   `field_aliases`), switching tabs and scrolling to it, and says the message; any other
   PropDeskError is said once. Either way the dialog stays open and nothing typed is lost.
3. A rule breach (NeedsReason) lists what is broken and asks why (`ask_reason`). Given a
   reason, the same write is made again: `submit(fields, reason=...)` (or `_save(reason)`).
   Cancelled, the dialog stays open and nothing was written.
`stay_open()`, called inside `_save`, keeps the dialog open without an error (e.g. after
a declined confirmation).

Geometry: the size and position are saved when the dialog closes (accepted or not) and
restored when it is first shown, keyed by `state_key` (default: the class name), in the
UiState passed as `state=`; without one, in the UiState the parent's top-level window
exposes as `ui_state` (MainWindow does). With neither, nothing is remembered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import PropDeskError, ValidationError
from app.domain.governance import Finding, NeedsReason
from app.ui.common.messages import MessageService
from app.ui.common.style import set_role
from app.ui.state import UiState

Submit = Callable[..., Any]  # submit(fields) -> result; submit(fields, reason=...) after a breach


def record_submit(service: Any, record: Any) -> Submit:
    """The write of an add/edit dialog: `service.update(record.id, fields)` for an existing
    record, else `service.create(fields)`."""
    if record:
        return lambda f: service.update(record.id, f)
    return lambda f: service.create(f)


class FormDialog(QDialog):
    # a field the service names differently from the widget's objectName
    field_aliases: ClassVar[Mapping[str, str]] = {}

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        submit: Submit | None = None,
        messages: MessageService | None = None,
        state: UiState | None = None,
        state_key: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._messages = messages or MessageService(self)
        self._ui_state = state
        self._state_key = state_key or type(self).__name__
        self._shown = False
        self._stay = False
        self.result_value: Any = None  # what the save returned; None until saved
        self.breach_reason = ""  # the reason given for a broken rule, if one was asked for

    # ---- the form ----------------------------------------------------------------------
    def fields(self) -> Any:
        """Read the form; raise ValidationError naming the bad field."""
        raise NotImplementedError

    def set_submit(self, submit: Submit | None) -> None:
        self._submit = submit

    def _save(self, reason: str = "") -> Any:
        """Write the form and return what was written (see the module's docstring)."""
        f = self.fields()
        if self._submit is None:
            return f
        return self._submit(f, reason=reason) if reason else self._submit(f)

    def stay_open(self) -> None:
        """Inside `_save`: keep the dialog open without an error; nothing is kept."""
        self._stay = True

    def ask_reason(self, breach: NeedsReason) -> str | None:
        """The reason for breaking a rule, or None when the user goes back to the form."""
        return BreachReasonDialog.ask(breach.findings, self)

    def focus_field(self, field: str | None) -> QWidget | None:
        """Bring the widget named `field` into view and focus it; return it (None when the
        form has no such widget)."""
        if not field:
            return None
        widget = self.findChild(QWidget, field)
        alias = self.field_aliases.get(field)
        if widget is None and alias:
            widget = self.findChild(QWidget, alias)
        if widget is None:
            return None
        for tabs in self.findChildren(QTabWidget):
            for i in range(tabs.count()):
                page = tabs.widget(i)
                if page is not None and page.isAncestorOf(widget):
                    tabs.setCurrentIndex(i)
        for area in self.findChildren(QScrollArea):
            inner = area.widget()
            if inner is not None and inner.isAncestorOf(widget):
                area.ensureWidgetVisible(widget)
        widget.setFocus()
        return widget

    def _on_accept(self) -> None:
        reason = ""
        while True:
            self._stay = False
            try:
                value = self._save(reason)
            except NeedsReason as err:
                given = None if reason else self.ask_reason(err)
                if not given:
                    return  # back to the form: nothing written, nothing lost
                reason = given
                continue
            except ValidationError as err:
                self.focus_field(err.field)
                self._messages.warn(err.message, "请检查输入")
                return
            except PropDeskError as err:
                self._messages.warn(err.message)
                return
            if self._stay:
                return
            self.result_value = value
            self.breach_reason = reason
            self.accept()
            return

    # ---- remembered geometry -----------------------------------------------------------
    def geometry_state(self) -> UiState | None:
        """Where the geometry is kept: `state=`, else the `ui_state` of the parent's window
        (a dialog opened from another dialog uses that dialog's)."""
        if self._ui_state is not None:
            return self._ui_state
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        if isinstance(window, FormDialog):
            return window.geometry_state()
        found = getattr(window, "ui_state", None)
        return found if isinstance(found, UiState) else None

    def _geometry_key(self) -> str:
        return f"dialogs/{self._state_key}"

    def showEvent(self, event: QShowEvent) -> None:
        if not self._shown:
            self._shown = True
            state = self.geometry_state()
            if state is not None:
                state.restore_window(self._geometry_key(), self)
        super().showEvent(event)

    def done(self, r: int) -> None:
        state = self.geometry_state() if self._shown else None
        if state is not None:
            state.save_window(self._geometry_key(), self)
        super().done(r)


class BreachReasonDialog(QDialog):
    """The records break a rule: list each finding and ask why (kept as a warning)."""

    def __init__(self, findings: Sequence[Finding], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings = list(findings)
        self.setWindowTitle("不符合规定，请说明原因")
        self.resize(520, 320)
        self.findings_label = QLabel("\n".join(f"• {f.text}" for f in self.findings))
        self.findings_label.setWordWrap(True)
        set_role(self.findings_label, "danger")
        self.reason = QPlainTextEdit(objectName="reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText("必填，如：申请材料补正耗时较长")
        self.reason.setMaximumHeight(90)
        self.error = QLabel("")
        set_role(self.error, "danger")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            "如实登记", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("返回修改", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        note = QLabel("如情况属实，请填写原因后登记；这些情况将作为警示记录在案。")
        note.setWordWrap(True)
        set_role(note, "warning")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("登记的情况不符合以下规定："))
        layout.addWidget(self.findings_label)
        layout.addWidget(note)
        layout.addWidget(QLabel("原因"))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def _on_accept(self) -> None:
        if not self.reason_text():
            self.error.setText("请填写原因")
            self.reason.setFocus()
            return
        self.accept()

    @classmethod
    def ask(cls, findings: Sequence[Finding], parent: QWidget | None = None) -> str | None:
        dialog = cls(findings, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.reason_text() if accepted else None
