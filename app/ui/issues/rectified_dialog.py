"""登记整改情况: the responsible unit reports its fix; the issue then waits for re-inspection."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.domain.issues import IssueRecord
from app.services import Services
from app.ui.common.fields import DateField
from app.ui.common.form_dialog import FormDialog
from app.ui.common.messages import MessageService


class RectifiedDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        messages: MessageService,
        record: IssueRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, messages=messages)
        self._services = services
        self._record = record
        self.setWindowTitle("登记整改情况")
        self.resize(480, 300)
        about = QLabel(f"#{record.id} {record.community}：{record.fields.description}")
        about.setWordWrap(True)
        self.result_text = QPlainTextEdit(objectName="result")
        self.result_text.setPlaceholderText("如：已清理通道内停放的电动车，并设置禁停标识")
        self.result_text.setPlainText(record.result)
        self.result_text.setTabChangesFocus(True)
        self.completed_on = DateField("completed_on", "完成日期")
        self.completed_on.set_value(record.completed_on or services.ctx.today())
        form = QFormLayout()
        form.addRow("整改情况 *", self.result_text)
        form.addRow("完成日期 *", self.completed_on)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def fields(self) -> tuple[str, date]:
        when = self.completed_on.value()
        if when is None:
            raise ValidationError("请填写完成日期", field="completed_on", value="")
        return self.result_text.toPlainText(), when

    def _save(self, reason: str = "") -> IssueRecord:
        result, when = self.fields()
        return self._services.issues.report_rectified(self._record.id, result, when)
