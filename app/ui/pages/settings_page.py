"""The 设置 page: office profile, document-number prefixes, operator, data folder."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.domain.enums import DocType, OfficeLevel
from app.domain.errors import ValidationError
from app.domain.office import OfficeProfile
from app.services import Services
from app.settings import SettingsStore
from app.ui.common.fields import EnumCombo
from app.ui.common.files import FileService
from app.ui.common.messages import MessageService
from app.ui.common.page import Page
from app.ui.errors import guarded


class SettingsPage(Page):
    title = "设置"

    def __init__(
        self,
        services: Services,
        settings: SettingsStore,
        messages: MessageService,
        files: FileService,
    ) -> None:
        super().__init__()
        self._services = services
        self._settings = settings
        self._messages = messages
        self._files = files
        self.office_name = QLineEdit(objectName="name", placeholderText="如：青禾镇人民政府")
        self.level = EnumCombo(OfficeLevel)
        self.county = QLineEdit(objectName="county")
        self.contact_person = QLineEdit(objectName="contact_person")
        self.contact_phone = QLineEdit(objectName="contact_phone")
        self.complaint_phone = QLineEdit(objectName="complaint_phone")
        self.address = QLineEdit(objectName="address")
        self.prefixes = {
            t: QLineEdit(objectName=f"prefix:{t.value}", placeholderText="如：青禾镇物整")
            for t in DocType
        }
        office = QFormLayout()
        office.addRow("单位名称 *", self.office_name)
        office.addRow("单位级别", self.level)
        office.addRow("所属县（市、区）", self.county)
        office.addRow("联系人", self.contact_person)
        office.addRow("联系电话", self.contact_phone)
        office.addRow("投诉电话", self.complaint_phone)
        office.addRow("地址", self.address)
        for t, edit in self.prefixes.items():
            office.addRow(f"{t.label}文号前缀", edit)
        office.addRow("", QLabel("文号形如“前缀〔2026〕7号”，年份和序号由程序自动编排。"))
        self.save_office = QPushButton("保存本单位信息")
        office.addRow("", self.save_office)
        office_box = QGroupBox("本单位（打印在每份文书上）")
        office_box.setLayout(office)

        self.operator = QLineEdit(objectName="operator", placeholderText="您的姓名")
        self.save_operator = QPushButton("保存")
        op_row = QHBoxLayout()
        op_row.addWidget(self.operator)
        op_row.addWidget(self.save_operator)
        operator_box = QGroupBox("经办人（记入每条修改记录）")
        operator_box.setLayout(op_row)

        self.data_dir = QLabel(str(services.ctx.data_dir))
        self.data_dir.setObjectName("data_dir")
        self.open_data = QPushButton("打开数据文件夹")
        data_row = QHBoxLayout()
        data_row.addWidget(self.data_dir, 1)
        data_row.addWidget(self.open_data)
        data_box = QGroupBox("数据文件夹（数据库、备份、日志都在这里；请定期复制备份）")
        data_box.setLayout(data_row)

        self.edit_categories = QPushButton("问题类别与默认整改期限…")
        rules_row = QHBoxLayout()
        rules_row.addWidget(
            QLabel("每个问题类别的默认整改期限、牵头部门和整改通知书引用的法律依据"), 1
        )
        rules_row.addWidget(self.edit_categories)
        self.mask_phones = QCheckBox("导出上报台账时隐藏个人手机号中间四位（如 138****5678）")
        rules_col = QVBoxLayout()
        rules_col.addLayout(rules_row)
        rules_col.addWidget(self.mask_phones)
        rules_box = QGroupBox("台账与问题类别")
        rules_box.setLayout(rules_col)

        self.duplex = QCheckBox("双面打印（送达回证另起一张纸）")
        self.duplex.setObjectName("duplex")
        self.duplex.setToolTip(
            "整改通知书页数为单数时，在送达回证前插入一页空白页（此页无正文），"
            "双面打印时送达回证不会印在通知书最后一页的背面"
        )
        print_col = QVBoxLayout()
        print_col.addWidget(self.duplex)
        print_box = QGroupBox("打印")
        print_box.setLayout(print_col)

        layout = QVBoxLayout(self)
        layout.addWidget(office_box)
        layout.addWidget(operator_box)
        layout.addWidget(rules_box)
        layout.addWidget(print_box)
        layout.addWidget(data_box)
        layout.addStretch(1)
        self.save_office.clicked.connect(self._on_save_office)
        self.save_operator.clicked.connect(self._on_save_operator)
        self.open_data.clicked.connect(self._on_open_data)
        self.edit_categories.clicked.connect(self._on_categories)
        self.mask_phones.toggled.connect(self._on_mask_phones)
        self.duplex.toggled.connect(self._on_duplex)
        self.load()

    def load(self) -> None:
        p = self._services.office.profile()
        self.office_name.setText(p.name)
        self.level.set_value(p.level)
        for name in ("county", "contact_person", "contact_phone", "complaint_phone", "address"):
            getattr(self, name).setText(getattr(p, name))
        for t, edit in self.prefixes.items():
            edit.setText(p.prefix(t))
        self.operator.setText(self._settings.get().operator_name)
        self.mask_phones.blockSignals(True)
        self.mask_phones.setChecked(self._settings.get().mask_phones_in_exports)
        self.mask_phones.blockSignals(False)
        self.duplex.blockSignals(True)
        self.duplex.setChecked(self._settings.get().duplex_printing)
        self.duplex.blockSignals(False)

    def activate(self) -> None:
        self.load()

    def profile(self) -> OfficeProfile:
        return replace(
            OfficeProfile(),
            name=self.office_name.text(),
            level=self.level.value(),
            county=self.county.text().strip(),
            contact_person=self.contact_person.text().strip(),
            contact_phone=self.contact_phone.text().strip(),
            complaint_phone=self.complaint_phone.text().strip(),
            address=self.address.text().strip(),
            prefixes={t: e.text() for t, e in self.prefixes.items() if e.text().strip()},
        )

    @guarded()
    def _on_save_office(self) -> None:
        try:
            self._services.office.save_profile(self.profile())
        except ValidationError as err:
            widget = self.findChild(QLineEdit, err.field or "")
            if widget is not None:
                widget.setFocus()
            raise
        self._messages.info("本单位信息已保存。")

    def _on_save_operator(self) -> None:
        self._settings.update(operator_name=self.operator.text().strip())
        self._messages.info("经办人已保存。")

    def _on_mask_phones(self, on: bool) -> None:
        self._settings.update(mask_phones_in_exports=on)

    def _on_duplex(self, on: bool) -> None:
        self._settings.update(duplex_printing=on)

    def _on_categories(self) -> None:
        from app.ui.dialogs.category_dialog import open_categories

        open_categories(self._services, self._messages, self)

    def _on_open_data(self) -> None:
        folder = Path(self._services.ctx.data_dir)
        if not self._files.open(folder):
            self._messages.warn(f"无法打开数据文件夹，请在文件管理器中打开：{folder}")
