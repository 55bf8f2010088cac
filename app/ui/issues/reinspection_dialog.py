"""复查: 合格 closes the issues out (销号); 不合格 sets a new deadline. Optionally issues the
复查意见书."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.domain.issues import ReinspectionFields
from app.ui.common.fields import DateField
from app.ui.common.form_dialog import FormDialog, Submit
from app.ui.common.messages import MessageService

MAX_LISTED = 6


class ReinspectionDialog(FormDialog):
    def __init__(
        self,
        items: Sequence[str],
        parent: QWidget | None = None,
        *,
        today: date,
        inspector: str = "",
        submit: Submit | None = None,
        messages: MessageService | None = None,
    ) -> None:
        super().__init__(parent, submit=submit, messages=messages)
        self._today = today
        self.setWindowTitle("登记复查")
        self.resize(560, 480)
        self._build(items)
        self.inspected_on.set_value(today)
        self.inspector.setText(inspector)
        self._update_deadline()

    # ---- view --------------------------------------------------------------------------
    def _build(self, items: Sequence[str]) -> None:
        listed = list(items[:MAX_LISTED])
        if len(items) > MAX_LISTED:
            listed.append(f"……等共 {len(items)} 个问题")
        summary = QLabel("复查问题：\n" + "\n".join(listed))
        summary.setWordWrap(True)
        self.inspected_on = DateField("inspected_on", "复查日期")
        self.inspector = QLineEdit(objectName="inspector", placeholderText="复查人，多人用顿号分隔")
        self.passed = QRadioButton("合格（销号）", objectName="passed")
        self.failed = QRadioButton("不合格（继续整改）", objectName="failed")
        self.passed.setChecked(True)
        self._verdict = QButtonGroup(self)
        self._verdict.addButton(self.passed)
        self._verdict.addButton(self.failed)
        verdict = QHBoxLayout()
        verdict.addWidget(self.passed)
        verdict.addWidget(self.failed)
        verdict.addStretch(1)
        self.opinion = QPlainTextEdit(objectName="opinion")
        self.opinion.setTabChangesFocus(True)
        self.opinion.setPlaceholderText("如：消防通道已清理畅通，符合要求。")
        self.opinion.setMaximumHeight(90)
        self.new_deadline = DateField("new_deadline", "新的整改时限")
        self.print_opinion = QCheckBox(
            "出具复查意见书（自动编号并存档）", objectName="print_opinion"
        )
        self.print_opinion.setChecked(True)

        form = QFormLayout()
        form.addRow("复查日期", self.inspected_on)
        form.addRow("复查人", self.inspector)
        form.addRow("复查结论", verdict)
        form.addRow("复查意见", self.opinion)
        form.addRow("新的整改时限", self.new_deadline)
        form.addRow("", self.print_opinion)

        self.buttons = QDialogButtonBox()
        self.buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.failed.toggled.connect(lambda _c: self._update_deadline())

    def _update_deadline(self) -> None:
        failed = self.failed.isChecked()
        self.new_deadline.setEnabled(failed)
        if failed and not self.new_deadline.text().strip():
            self.new_deadline.set_value(self._today + timedelta(days=7))

    # ---- controller --------------------------------------------------------------------
    def fields(self) -> ReinspectionFields:
        inspected = self.inspected_on.value()
        if inspected is None:
            self.inspected_on.mark_error(True)
            raise ValidationError("请填写复查日期", field="inspected_on")
        passed = self.passed.isChecked()
        return ReinspectionFields(
            inspected_on=inspected,
            inspector=self.inspector.text().strip(),
            passed=passed,
            opinion=self.opinion.toPlainText().strip(),
            new_deadline=None if passed else self.new_deadline.value(),
        )

    def wants_opinion(self) -> bool:
        return self.print_opinion.isChecked()
