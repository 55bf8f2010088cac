"""Add or edit a community: every field of DOMAIN.md §3, the five filings and the contract."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.community import CommunityFields, CommunityRecord
from app.domain.enums import SERVICE_GRADES, CommitteeStatus, EstateType, FilingKind, ManagementMode
from app.services.community_service import CommunityService
from app.ui.common.fields import DateField, DecimalField, EnumCombo, IdCombo, IntField
from app.ui.common.form_dialog import FormDialog, record_submit
from app.ui.common.messages import MessageService

_ACTIONS = {
    "create": "新增",
    "update": "修改",
    "import": "导入",
    "archive": "归档",
    "restore": "恢复",
}


class CommunityDialog(FormDialog):
    """View: the form. Controller: `_on_accept` validates through the service."""

    def __init__(
        self,
        service: CommunityService,
        messages: MessageService,
        record: CommunityRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, submit=record_submit(service, record), messages=messages)
        self._service = service
        self._record = record
        self.setWindowTitle("编辑小区" if record else "新增小区")
        self.resize(620, 560)
        self._build()
        self.company.set_choices(service.company_choices())
        self.neighborhood.addItems([name for _id, name in service.neighborhoods()])
        self.neighborhood.setCurrentText("")
        if record:
            self._load(record.fields)
            self._load_history(record.id)

    # ---- view --------------------------------------------------------------------------
    def _build(self) -> None:
        self.name = QLineEdit(objectName="name")
        self.neighborhood = QComboBox(objectName="neighborhood", editable=True)
        self.address = QLineEdit(objectName="address")
        self.year_built = IntField("year_built", "建成年份", "如 2008")
        self.building_count = IntField("building_count", "楼栋数")
        self.household_count = IntField("household_count", "户数")
        self.private_area = DecimalField("private_area", "专有部分面积", "平方米，最多两位小数")
        self.delivered_share = DecimalField("delivered_share", "已交付面积占比", "0–100")
        self.is_high_rise = QCheckBox("高层住宅", objectName="is_high_rise")
        self.elevator_count = IntField("elevator_count", "电梯数")
        self.is_old_estate = QCheckBox("老旧小区（2000年前建成）", objectName="is_old_estate")
        self.estate_type = EnumCombo(EstateType)
        self.has_party_branch = QCheckBox(
            "已建立党组织（党组织覆盖）", objectName="has_party_branch"
        )
        self.management_mode = EnumCombo(ManagementMode)
        self.company = IdCombo()
        self.company.setObjectName("company_id")
        self.project_manager_name = QLineEdit(objectName="project_manager_name")
        self.project_manager_phone = QLineEdit(objectName="project_manager_phone")
        self.committee_status = EnumCombo(CommitteeStatus)
        self.contract_start = DateField("contract_start", "合同开始日期")
        self.contract_end = DateField("contract_end", "合同到期日期")
        self.service_grade = QComboBox(objectName="service_grade", editable=True)
        self.service_grade.addItems(["", *SERVICE_GRADES])
        self.fee_standard = DecimalField("fee_standard", "物业费标准", "元/㎡·月")
        self.filings = {
            kind: DateField(f"filing_{kind.value}", f"{kind.label}日期") for kind in FilingKind
        }
        self.notes = QPlainTextEdit(objectName="notes")
        self.history = QListWidget()

        tabs = QTabWidget()
        basic = QFormLayout()
        basic.addRow("小区名称 *", self.name)
        basic.addRow("所属社区 *", self.neighborhood)
        basic.addRow("地址", self.address)
        basic.addRow("建成年份", self.year_built)
        basic.addRow("楼栋数", self.building_count)
        basic.addRow("户数", self.household_count)
        basic.addRow("专有部分面积(㎡)", self.private_area)
        basic.addRow("已交付面积占比(%)", self.delivered_share)
        basic.addRow("", self.is_high_rise)
        basic.addRow("电梯数", self.elevator_count)
        basic.addRow("", self.is_old_estate)
        basic.addRow("房屋类型", self.estate_type)
        basic.addRow("", self.has_party_branch)
        tabs.addTab(_page(basic), "基本信息")

        manage = QFormLayout()
        manage.addRow("管理方式", self.management_mode)
        manage.addRow("物业服务企业", self.company)
        manage.addRow("项目负责人", self.project_manager_name)
        manage.addRow("项目负责人电话", self.project_manager_phone)
        manage.addRow("业委会情况", self.committee_status)
        manage.addRow("合同开始日期", self.contract_start)
        manage.addRow("合同到期日期", self.contract_end)
        manage.addRow("服务等级", self.service_grade)
        manage.addRow("物业费标准(元/㎡·月)", self.fee_standard)
        tabs.addTab(_page(manage), "物业管理与合同")

        filings = QFormLayout()
        filings.addRow(QLabel("填写备案日期；未备案的留空。"))
        for kind, edit in self.filings.items():
            filings.addRow(kind.label, edit)
        tabs.addTab(_page(filings), "五备案")

        notes = QVBoxLayout()
        notes.addWidget(QLabel("备注"))
        notes.addWidget(self.notes)
        if self._record:
            notes.addWidget(QLabel("修改记录"))
            notes.addWidget(self.history)
        tabs.addTab(_page(notes), "备注与记录")
        self.tabs = tabs

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def _load(self, f: CommunityFields) -> None:
        self.name.setText(f.name)
        self.neighborhood.setCurrentText(f.neighborhood)
        self.address.setText(f.address)
        for w in (self.year_built, self.building_count, self.household_count, self.elevator_count):
            w.set_value(getattr(f, w.field))
        for d in (self.private_area, self.delivered_share, self.fee_standard):
            d.set_value(getattr(f, d.field))
        self.is_high_rise.setChecked(f.is_high_rise)
        self.is_old_estate.setChecked(f.is_old_estate)
        self.has_party_branch.setChecked(f.has_party_branch)
        self.estate_type.set_value(f.estate_type)
        self.management_mode.set_value(f.management_mode)
        self.company.set_value(f.company_id)
        self.project_manager_name.setText(f.project_manager_name)
        self.project_manager_phone.setText(f.project_manager_phone)
        self.committee_status.set_value(f.committee_status)
        self.contract_start.set_value(f.contract_start)
        self.contract_end.set_value(f.contract_end)
        self.service_grade.setCurrentText(f.service_grade)
        for kind, edit in self.filings.items():
            edit.set_value(f.filing(kind))
        self.notes.setPlainText(f.notes)

    def _load_history(self, community_id: int) -> None:
        for entry in reversed(self._service.history(community_id)):
            when = entry.at.strftime("%Y-%m-%d %H:%M")
            fields_changed = "、".join(entry.changes)[:80]
            action = _ACTIONS.get(entry.action, entry.action)
            self.history.addItem(f"{when}  {entry.operator}  {action}  {fields_changed}")

    # ---- controller --------------------------------------------------------------------
    def fields(self) -> CommunityFields:
        """Read the form; raises ValidationError naming the bad field."""
        return CommunityFields(
            name=self.name.text().strip(),
            neighborhood=self.neighborhood.currentText().strip(),
            address=self.address.text().strip(),
            year_built=self.year_built.value(),
            building_count=self.building_count.value(),
            household_count=self.household_count.value(),
            private_area=self.private_area.value(),
            delivered_share=self.delivered_share.value(),
            is_high_rise=self.is_high_rise.isChecked(),
            elevator_count=self.elevator_count.value(),
            is_old_estate=self.is_old_estate.isChecked(),
            estate_type=self.estate_type.value(),  # type: ignore[arg-type]
            management_mode=self.management_mode.value(),  # type: ignore[arg-type]
            company_id=self.company.value(),
            project_manager_name=self.project_manager_name.text().strip(),
            project_manager_phone=self.project_manager_phone.text().strip(),
            has_party_branch=self.has_party_branch.isChecked(),
            committee_status=self.committee_status.value(),  # type: ignore[arg-type]
            contract_start=self.contract_start.value(),
            contract_end=self.contract_end.value(),
            service_grade=self.service_grade.currentText().strip(),
            fee_standard=self.fee_standard.value(),
            notes=self.notes.toPlainText().strip(),
            **{f"filing_{k.value}": e.value() for k, e in self.filings.items()},
        )


def _page(layout: QFormLayout | QVBoxLayout) -> QWidget:
    w = QWidget()
    w.setLayout(layout)
    return w
