"""Add or edit a property company; shows the communities it serves."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import uscc as uscc_rules
from app.domain.community import CREDIT_GRADES, CommunityRow, CompanyFields, CompanyRecord
from app.domain.enums import Listing
from app.domain.errors import ValidationError
from app.services.company_service import CompanyService
from app.ui.common.fields import DateField, EnumCombo
from app.ui.common.form_dialog import FormDialog, record_submit
from app.ui.common.messages import MessageService
from app.ui.common.style import set_role
from app.ui.models.id_table_model import Column
from app.ui.models.list_table_model import ListTableModel

SERVED_COLUMNS: list[Column[CommunityRow]] = [
    Column("小区", lambda r: r.name + ("（已归档）" if r.archived else "")),
    Column("所属社区", lambda r: r.neighborhood),
    Column(
        "户数",
        lambda r: "" if r.household_count is None else str(r.household_count),
        align_right=True,
    ),
    Column("合同到期", lambda r: r.contract_end.isoformat() if r.contract_end else ""),
]


class CompanyDialog(FormDialog):
    def __init__(
        self,
        service: CompanyService,
        messages: MessageService,
        record: CompanyRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, submit=record_submit(service, record), messages=messages)
        self._companies = service
        self.setWindowTitle("编辑物业服务企业" if record else "新增物业服务企业")
        self.resize(560, 560)
        self.name = QLineEdit(objectName="name")
        self.uscc = QLineEdit(objectName="uscc", placeholderText="18位统一社会信用代码")
        self.uscc_hint = QLabel()
        self.uscc_hint.setObjectName("uscc_hint")
        self.uscc_hint.setWordWrap(True)
        # doubts that do not stop the save (unknown authority/type, region, GB 11714 code)
        self.uscc_warnings = QLabel()
        self.uscc_warnings.setObjectName("uscc_warnings")
        self.uscc_warnings.setWordWrap(True)
        set_role(self.uscc_warnings, "warning")
        self.uscc_warnings.hide()
        self.legal_representative = QLineEdit(objectName="legal_representative")
        self.address = QLineEdit(objectName="address")
        self.phone = QLineEdit(objectName="phone")
        self.credit_grade = QComboBox(objectName="credit_grade")
        self.credit_grade.addItems(CREDIT_GRADES)
        self.listing = EnumCombo(Listing)
        self.listing_date = DateField("listing_date", "列入名单日期")
        self.listing_reason = QLineEdit(objectName="listing_reason")
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setMaximumHeight(70)
        form = QFormLayout()
        form.addRow("企业名称 *", self.name)
        form.addRow("统一社会信用代码", self.uscc)
        form.addRow("", self.uscc_hint)
        form.addRow("", self.uscc_warnings)
        form.addRow("法定代表人", self.legal_representative)
        form.addRow("地址", self.address)
        form.addRow("联系电话", self.phone)
        form.addRow("信用等级", self.credit_grade)
        form.addRow("红黑名单", self.listing)
        form.addRow("列入日期", self.listing_date)
        form.addRow("列入原因", self.listing_reason)
        form.addRow("备注", self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.served = ListTableModel(SERVED_COLUMNS)
        if record:
            self.served.set_rows(service.communities(record.id))
            layout.addWidget(QLabel(f"服务的小区（{self.served.rowCount()} 个）"))
            table = QTableView()
            table.setModel(self.served)
            table.horizontalHeader().setStretchLastSection(True)
            layout.addWidget(table)
            self._load(record.fields)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.uscc.textChanged.connect(self._on_uscc_changed)

    def _load(self, f: CompanyFields) -> None:
        self.name.setText(f.name)
        self.uscc.setText(f.uscc)
        self.legal_representative.setText(f.legal_representative)
        self.address.setText(f.address)
        self.phone.setText(f.phone)
        self.credit_grade.setCurrentText(f.credit_grade)
        self.listing.set_value(f.listing)
        self.listing_date.set_value(f.listing_date)
        self.listing_reason.setText(f.listing_reason)
        self.notes.setPlainText(f.notes)

    def fields(self) -> CompanyFields:
        return CompanyFields(
            name=self.name.text().strip(),
            uscc=self.uscc.text() if uscc_rules.normalize(self.uscc.text()) else "",
            legal_representative=self.legal_representative.text().strip(),
            address=self.address.text().strip(),
            phone=self.phone.text().strip(),
            credit_grade=self.credit_grade.currentText(),
            listing=self.listing.value(),  # type: ignore[arg-type]
            listing_date=self.listing_date.value(),
            listing_reason=self.listing_reason.text().strip(),
            notes=self.notes.toPlainText().strip(),
        )

    def _on_uscc_changed(self, text: str) -> None:
        doubts: list[str] = []
        if not uscc_rules.normalize(text):
            self.uscc_hint.setText("")
        else:
            try:
                code = uscc_rules.validate(text)
                self.uscc_hint.setText(f"✓ 校验通过：{code}")
                set_role(self.uscc_hint, "ok")
                doubts = self._companies.uscc_warnings(code)
            except ValidationError as err:
                self.uscc_hint.setText(err.message)
                set_role(self.uscc_hint, "danger")
        lines = [f"⚠ {d}" for d in doubts] + (
            ["（仅为提醒，不影响保存，请核对）"] if doubts else []
        )
        self.uscc_warnings.setText("\n".join(lines))
        self.uscc_warnings.setVisible(bool(doubts))
