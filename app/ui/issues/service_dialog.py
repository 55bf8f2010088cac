"""登记送达: how a 整改通知书 reached the responsible unit, and its 送达回证."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.doc_records import DocumentRow
from app.domain.enums import ServiceMethod
from app.domain.errors import PropDeskError, ValidationError
from app.domain.issues import ServiceFields
from app.ui.common.fields import DateField, EnumCombo
from app.ui.common.form_dialog import FormDialog, Submit
from app.ui.common.messages import MessageService
from app.ui.common.style import set_role


class ServiceDialog(FormDialog):
    def __init__(
        self,
        notice: DocumentRow,
        parent: QWidget | None = None,
        *,
        today: date,
        server: str = "",
        submit: Submit | None = None,
        messages: MessageService | None = None,
        print_blank: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(parent, submit=submit, messages=messages)
        self.notice = notice
        self._print_blank = print_blank
        self.setWindowTitle("登记送达")
        self.resize(560, 520)
        self._build()
        self.served_on.set_value(today)
        self.recipient.setText(notice.addressee)
        self.server.setText(server)
        self._update_refusal()

    # ---- view --------------------------------------------------------------------------
    def _build(self) -> None:
        header = QLabel(
            f"送达文书：{self.notice.title}（{self.notice.doc_number}），"
            f"签发日期 {self.notice.issued_on:%Y-%m-%d}"
        )
        header.setWordWrap(True)
        self.method = EnumCombo(ServiceMethod)
        self.method.setObjectName("method")
        self.served_on = DateField("served_on", "送达日期")
        self.recipient = QLineEdit(objectName="recipient")
        self.signer = QLineEdit(objectName="signer", placeholderText="签收人姓名")
        self.server = QLineEdit(objectName="server", placeholderText="送达人，多人用顿号分隔")
        self.place = QLineEdit(objectName="place")
        self.refused = QCheckBox("受送达人拒绝签收", objectName="refused")
        self.refusal_reason = QLineEdit(objectName="refusal_reason")
        self.witness = QLineEdit(objectName="witness", placeholderText="见证人姓名及身份")
        self.refusal_hint = QLabel("拒收或留置送达时，须写明拒收事由并由见证人签名。")
        set_role(self.refusal_hint, "warning")
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.print_receipt = QCheckBox("打印送达回证（自动编号并存档）", objectName="print_receipt")
        self.print_receipt.setChecked(True)

        form = QFormLayout()
        form.addRow("送达方式", self.method)
        form.addRow("送达日期", self.served_on)
        form.addRow("受送达人", self.recipient)
        form.addRow("签收人", self.signer)
        form.addRow("送达人", self.server)
        form.addRow("送达地点", self.place)
        form.addRow("", self.refused)
        form.addRow("拒收事由", self.refusal_reason)
        form.addRow("见证人", self.witness)
        form.addRow("", self.refusal_hint)
        form.addRow("备注", self.notes)
        form.addRow("", self.print_receipt)

        self.buttons = QDialogButtonBox()
        self.buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.blank_button = QPushButton("打印空白回证…")
        self.blank_button.setToolTip("打印一张空白送达回证，送达时带去由对方手写签收")
        self.blank_button.setVisible(self._print_blank is not None)
        bottom = QHBoxLayout()
        bottom.addWidget(self.blank_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(bottom)

        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        self.blank_button.clicked.connect(self._on_blank)
        self.refused.toggled.connect(lambda _c: self._update_refusal())
        self.method.currentIndexChanged.connect(lambda _i: self._update_refusal())

    def _update_refusal(self) -> None:
        needed = self.refused.isChecked() or self.method_value() is ServiceMethod.LEFT
        for w in (self.refusal_reason, self.witness, self.refusal_hint):
            w.setEnabled(needed)
        self.signer.setEnabled(not self.refused.isChecked())

    # ---- controller --------------------------------------------------------------------
    def fields(self) -> ServiceFields:
        served = self.served_on.value()
        if served is None:
            self.served_on.mark_error(True)
            raise ValidationError("请填写送达日期", field="served_on")
        needed = self.refusal_reason.isEnabled()
        refused = self.refused.isChecked()
        return ServiceFields(
            method=self.method_value(),
            served_on=served,
            recipient=self.recipient.text().strip(),
            signer="" if refused else self.signer.text().strip(),
            server=self.server.text().strip(),
            place=self.place.text().strip(),
            refused=refused,
            refusal_reason=self.refusal_reason.text().strip() if needed else "",
            witness=self.witness.text().strip() if needed else "",
            notes=self.notes.toPlainText().strip(),
        )

    def method_value(self) -> ServiceMethod:
        return ServiceMethod(self.method.value())

    def wants_receipt(self) -> bool:
        return self.print_receipt.isChecked()

    def _on_blank(self) -> None:
        if self._print_blank is None:
            return
        try:
            self._print_blank()
        except PropDeskError as err:
            self._messages.warn(err.message)
