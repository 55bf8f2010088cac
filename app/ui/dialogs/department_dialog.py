"""Add or edit one department of the registry (职能部门)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.departments import Department, DepartmentFields
from app.services.department_service import DepartmentService
from app.ui.common.form_dialog import FormDialog, record_submit
from app.ui.common.messages import MessageService


class DepartmentDialog(FormDialog):
    def __init__(
        self,
        service: DepartmentService,
        messages: MessageService,
        record: Department | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, submit=record_submit(service, record), messages=messages)
        self._record = record
        self.setWindowTitle("修改职能部门" if record else "新增职能部门")
        self.resize(560, 340)
        self.name = QLineEdit(objectName="name", placeholderText="如：县住房和城乡建设局")
        self.duties = QPlainTextEdit(objectName="duties")
        self.duties.setPlaceholderText("居民可以就哪些事找这个部门，用一句话写清楚")
        self.duties.setMaximumHeight(110)
        self.duties.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contact_person = QLineEdit(objectName="contact_person")
        self.phone = QLineEdit(objectName="phone", placeholderText="如：0731-1234567")
        self.active = QCheckBox("在“执法进小区公示牌”上显示", objectName="active")
        self.active.setChecked(True)
        hint = QLabel("职责和联系方式将原样印在各小区的公示牌上。")
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("部门名称 *", self.name)
        form.addRow("主要职责", self.duties)
        form.addRow("联系人", self.contact_person)
        form.addRow("联系电话", self.phone)
        form.addRow("", self.active)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        if record:
            self._load(record.fields)

    def _load(self, f: DepartmentFields) -> None:
        self.name.setText(f.name)
        self.duties.setPlainText(f.duties)
        self.contact_person.setText(f.contact_person)
        self.phone.setText(f.phone)
        self.active.setChecked(f.active)

    def fields(self) -> DepartmentFields:
        return DepartmentFields(
            name=self.name.text(),
            duties=self.duties.toPlainText(),
            contact_person=self.contact_person.text(),
            phone=self.phone.text(),
            sort_order=self._record.fields.sort_order if self._record else 0,
            active=self.active.isChecked(),
        )
