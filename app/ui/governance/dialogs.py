"""Dialogs of the 业委会 page: their base and the small ones (a date with a reason,
filing, step dates).

A dialog reads its form (`fields()`), then calls `submit(fields)`, which writes through
the governance service (FormDialog). A bad value keeps the dialog open with the field
focused; a broken rule (NeedsReason) shows the findings and asks for a reason, then the
same call is made again with `reason=`: the office records what really happened."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.ui.common.fields import DateField
from app.ui.common.form_dialog import FormDialog, Submit
from app.ui.common.messages import MessageService
from app.ui.common.style import set_role

# fields the service names by their Chinese label (or by the record's attribute)
ALIASES = {
    "申请日期": "applied_on",
    "筹备组成立日期": "formed_on",
    "选举日期": "elected_on",
    "成立日期": "formed_on",
    "离任日期": "ended_on",
    "name": "members",
}


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_role(label, "warning")
    return label


def required(widget: DateField) -> date:
    value = widget.value()
    if value is None:
        widget.mark_error(True)
        raise ValidationError(f"请填写{widget.label}", field=widget.field)
    return value


class GovernanceFormDialog(FormDialog):
    """Base of the 业委会 dialogs: a title, 保存/取消, and the fields the service names by
    their Chinese label. `submit(fields)` writes; after a breach, `submit(fields, reason=…)`."""

    field_aliases = ALIASES

    def __init__(
        self,
        title: str,
        parent: QWidget | None = None,
        *,
        submit: Submit | None = None,
        messages: MessageService | None = None,
        accept_text: str = "保存",
    ) -> None:
        super().__init__(parent, submit=submit, messages=messages)
        self.setWindowTitle(title)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            accept_text, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

    def focus_field(self, field: str | None) -> QWidget | None:
        widget = super().focus_field(field)
        if isinstance(widget, QLineEdit) and widget.isEnabled():
            widget.selectAll()
        return widget


@dataclass(frozen=True)
class DateText:
    on: date
    text: str = ""
    choice: Any = None


class DateTextDialog(GovernanceFormDialog):
    """A date, optionally a text (reason, result) and a choice (which member): used for the
    owners' application, a member leaving, dissolving a body and completing an audit."""

    def __init__(
        self,
        title: str,
        *,
        today: date,
        date_label: str,
        date_field: str = "on",
        text_label: str = "",
        text_field: str = "text",
        text_hint: str = "",
        choice_label: str = "",
        choices: Sequence[tuple[Any, str]] = (),
        choice_current: Any = None,
        info: str = "",
        parent: QWidget | None = None,
        submit: Submit | None = None,
        messages: MessageService | None = None,
        accept_text: str = "保存",
    ) -> None:
        super().__init__(title, parent, submit=submit, messages=messages, accept_text=accept_text)
        self.resize(480, 260 if text_label else 160)
        form = QFormLayout()
        self.choice = QComboBox(objectName="choice")
        for value, text in choices:
            self.choice.addItem(text, value)
        self.choice.setCurrentIndex(max(0, self.choice.findData(choice_current)))
        if choice_label:
            form.addRow(choice_label, self.choice)
        self.date = DateField(date_field, date_label)
        self.date.set_value(today)
        form.addRow(date_label, self.date)
        self.text = QPlainTextEdit(objectName=text_field)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(text_hint)
        self.text.setMaximumHeight(80)
        if text_label:
            form.addRow(text_label, self.text)
        layout = QVBoxLayout(self)
        self.info = hint(info)
        self.info.setVisible(bool(info))
        layout.addWidget(self.info)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._has_text, self._has_choice = bool(text_label), bool(choice_label)

    def fields(self) -> DateText:
        on = required(self.date)
        text = self.text.toPlainText().strip() if self._has_text else ""
        return DateText(on, text, self.choice.currentData() if self._has_choice else None)


class FilingDialog(GovernanceFormDialog):
    """备案: the filing date and the certificate number."""

    def __init__(
        self,
        body_name: str,
        *,
        today: date,
        info: str = "",
        parent: QWidget | None = None,
        submit: Submit | None = None,
        messages: MessageService | None = None,
    ) -> None:
        super().__init__("登记备案", parent, submit=submit, messages=messages)
        self.resize(480, 220)
        self.filed_on = DateField("filed_on", "备案日期")
        self.filed_on.set_value(today)
        self.certificate_no = QLineEdit(objectName="certificate_no")
        self.certificate_no.setPlaceholderText("备案证明编号，如 青禾备〔2026〕3号")
        form = QFormLayout()
        form.addRow("组织", QLabel(body_name))
        form.addRow("备案日期", self.filed_on)
        form.addRow("备案编号", self.certificate_no)
        layout = QVBoxLayout(self)
        self.info = hint(info)
        self.info.setVisible(bool(info))
        layout.addWidget(self.info)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def fields(self) -> tuple[date, str]:
        return required(self.filed_on), self.certificate_no.text().strip()


@dataclass(frozen=True)
class StepDate:
    field: str  # the service's date field, e.g. "notice_on"
    label: str  # 首次业主大会公告日期
    value: date | None
    rule: str = ""  # the rule in plain Chinese, shown under the field


class DatesDialog(GovernanceFormDialog):
    """登记步骤日期: the notice, the first meeting, the committee's first session…
    `fields()` gives only the dates that changed (a cleared field clears the date)."""

    def __init__(
        self,
        body_name: str,
        steps: Sequence[StepDate],
        *,
        parent: QWidget | None = None,
        submit: Submit | None = None,
        messages: MessageService | None = None,
    ) -> None:
        super().__init__("登记步骤日期", parent, submit=submit, messages=messages)
        self.resize(520, 120 + 64 * len(steps))
        self.steps = list(steps)
        self.dates: dict[str, DateField] = {}
        form = QFormLayout()
        form.addRow("组织", QLabel(body_name))
        for step in self.steps:
            edit = DateField(step.field, step.label)
            edit.set_value(step.value)
            self.dates[step.field] = edit
            form.addRow(step.label, edit)
            if step.rule:
                form.addRow("", hint(step.rule))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def fields(self) -> dict[str, date | None]:
        return {s.field: v for s in self.steps if (v := self.dates[s.field].value()) != s.value}
