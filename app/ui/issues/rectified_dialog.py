"""登记整改情况: the responsible unit reports its fix; the issue then waits for re-inspection."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import PropDeskError, ValidationError
from app.domain.issues import IssueRecord
from app.services import Services
from app.ui.common.fields import DateField
from app.ui.common.messages import MessageService


class RectifiedDialog(QDialog):
    def __init__(
        self,
        services: Services,
        messages: MessageService,
        record: IssueRecord,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._messages = messages
        self._record = record
        self.saved: IssueRecord | None = None
        self.setWindowTitle("登记整改情况")
        self.resize(480, 300)
        about = QLabel(f"#{record.id} {record.community}：{record.fields.description}")
        about.setWordWrap(True)
        self.result_text = QPlainTextEdit(objectName="result")
        self.result_text.setPlaceholderText("如：已清理通道内停放的电动车，并设置禁停标识")
        self.result_text.setPlainText(record.result)
        self.result_text.setTabChangesFocus(True)
        self.completed_on = DateField("completed_on", "完成日期")
        self.completed_on.set_value(record.completed_on or services.issues.today())
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

    def _on_accept(self) -> None:
        try:
            when = self.completed_on.value()
            if when is None:
                raise ValidationError("请填写完成日期", field="completed_on", value="")
            self.saved = self._services.issues.report_rectified(
                self._record.id, self.result_text.toPlainText(), when
            )
        except ValidationError as err:
            widget = self.findChild(QWidget, err.field or "")
            if widget is not None:
                widget.setFocus()
            self._messages.warn(err.message, "请检查输入")
            return
        except PropDeskError as err:
            self._messages.warn(err.message)
            return
        self.accept()
