"""作废文书: a reason is required; the 文号 stays used and the record and file are kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.doc_records import DocumentRow, validate_void_reason
from app.domain.enums import DocType
from app.ui.common.form_dialog import FormDialog, Submit
from app.ui.common.messages import MessageService
from app.ui.common.style import set_role


class VoidDialog(FormDialog):
    def __init__(
        self,
        row: DocumentRow,
        parent: QWidget | None = None,
        *,
        submit: Submit | None = None,
        messages: MessageService | None = None,
    ) -> None:
        super().__init__(parent, submit=submit, messages=messages)
        self.row = row
        self.setWindowTitle("作废文书")
        self.resize(480, 300)

        notes = [
            "作废后文书记录和原文件仍保留备查，可随时查看；",
            f"文号“{row.doc_number}”仍视为已使用，不会再分配给其他文书。",
        ]
        if row.doc_type is DocType.RECTIFICATION_NOTICE:
            notes.append("所涉问题如没有其他有效的整改通知书，将回到“待整改”。")
        info = QLabel("\n".join(notes))
        info.setWordWrap(True)
        set_role(info, "warning")
        self.reason = QPlainTextEdit(objectName="reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText("必填，如：受文单位名称写错，已重新开具")
        self.reason.setMaximumHeight(80)

        form = QFormLayout()
        self.number_label = QLabel(row.doc_number)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("文号", self.number_label)
        form.addRow("文书", QLabel(f"{row.title}　受文单位：{row.addressee}"))
        form.addRow("作废原因", self.reason)

        self.buttons = QDialogButtonBox()
        self.buttons.addButton("作废", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(info)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def fields(self) -> str:
        """The reason, checked as the service will (required)."""
        return validate_void_reason(self.reason.toPlainText())
