"""The maintenance-fund request form (DOMAIN.md §3 "FundRequest") and the owners' vote
(§5.1), whose four tests are shown live against their thresholds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.domain.fund_records import FundFields, FundView
from app.domain.funds import Applicant, disclosure_days
from app.domain.votes import VoteCount, VoteMatter, number_text
from app.ui.common.fields import DateField, DecimalField, EnumCombo, IdCombo, IntField
from app.ui.common.form_dialog import FormDialog, record_submit
from app.ui.common.messages import MessageService
from app.ui.common.style import set_role, set_strong
from app.ui.funds.step_dialogs import (
    FundActionDialog,
    MoneyField,
    required_date,
)


def _group(title: str, layout: QFormLayout | QVBoxLayout) -> QGroupBox:
    box = QGroupBox(title)
    box.setLayout(layout)
    return box


class FundDialog(FormDialog):
    """新建 / 修改 a request. View: four sections in two columns; controller: `fields()`."""

    def __init__(
        self,
        service: Any,
        messages: MessageService,
        record: FundView | None,
        parent: QWidget | None = None,
        *,
        communities: Sequence[tuple[int, str]],
        today: date,
    ) -> None:
        super().__init__(parent, submit=record_submit(service, record), messages=messages)
        self._service = service
        self._rules = service.rules
        self._today = today
        title = f"修改维修资金使用申请 {record.serial}" if record else "新建维修资金使用申请"
        self.setWindowTitle(title)
        self.resize(1000, 640)
        self._build()
        self.community.set_choices(list(communities))
        if record is not None:
            self._load(record.fields)
        else:
            self.applied_on.set_value(today)
        self._sync_emergency()
        self._show_evidence()
        self._show_days()

    # ---- view --------------------------------------------------------------------------
    def _build(self) -> None:
        self.community = IdCombo("（请选择小区）")
        self.community.setObjectName("community_id")
        self.applicant = EnumCombo(Applicant)
        self.applicant.setObjectName("applicant")
        self.applicant_name = QLineEdit(objectName="applicant_name")
        self.applicant_name.setPlaceholderText("如：某某小区业主委员会")
        self.contact = QLineEdit(objectName="contact")
        self.phone = QLineEdit(objectName="phone")
        self.applied_on = DateField("applied_on", "申请日期")
        basic = QFormLayout()
        basic.addRow("小区 *", self.community)
        basic.addRow("申请人", self.applicant)
        basic.addRow("申请人名称", self.applicant_name)
        basic.addRow("联系人", self.contact)
        basic.addRow("联系电话", self.phone)
        basic.addRow("申请日期", self.applied_on)

        self.project = QLineEdit(objectName="project")
        self.project.setPlaceholderText("如：3号楼屋面防水维修")
        self.part = QLineEdit(objectName="part")
        self.reason = QPlainTextEdit(objectName="reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(60)
        self.budget = MoneyField("budget_fen", "申请金额")
        self.scope_text = QLineEdit(objectName="scope_text")
        self.scope_text.setPlaceholderText("如：3号楼全体业主")
        self.scope_households = IntField("scope_households", "户数")
        self.scope_area = DecimalField("scope_area", "建筑面积", "㎡，最多两位小数")
        for w in (self.scope_households, self.scope_area):
            w.setMaximumWidth(160)
        repair = QFormLayout()
        repair.addRow("维修项目 *", self.project)
        repair.addRow("维修部位（设施设备）", self.part)
        repair.addRow("维修原因", self.reason)
        repair.addRow("申请金额(元)", self.budget)
        repair.addRow("", self.budget.capital)
        repair.addRow("列支范围", self.scope_text)
        repair.addRow("户数", self.scope_households)
        repair.addRow("建筑面积(㎡)", self.scope_area)

        self.emergency = QCheckBox("紧急使用（无需业主表决）", objectName="emergency")
        self.category = QComboBox(objectName="emergency_category")
        self.category.addItem("（请选择类别）", "")
        for c in self._rules.emergency_categories:
            self.category.addItem(c.name, c.code)
        self.evidence = QLabel()
        self.evidence.setWordWrap(True)
        set_role(self.evidence, "warning")
        self.confirmed_by = QLineEdit(objectName="confirmed_by")
        self.confirmed_by.setPlaceholderText("确认紧急情况的单位和人员")
        self.confirmed_on = DateField("confirmed_on", "确认日期")
        urgent = QFormLayout()
        urgent.addRow(self.emergency)
        urgent.addRow("紧急情况类别", self.category)
        urgent.addRow("", self.evidence)
        urgent.addRow("确认人", self.confirmed_by)
        urgent.addRow("确认日期", self.confirmed_on)

        self.disclosure_start = DateField("disclosure_start", "公示开始日期")
        self.disclosure_end = DateField("disclosure_end", "公示结束日期")
        self.days = QLabel(objectName="disclosure_days")
        self.days.setWordWrap(True)
        public = QFormLayout()
        public.addRow("公示开始", self.disclosure_start)
        public.addRow("公示结束", self.disclosure_end)
        public.addRow("", self.days)

        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setTabChangesFocus(True)
        notes = QVBoxLayout()
        notes.addWidget(self.notes)

        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(_group("基本信息", basic))
        left.addWidget(_group("维修事项", repair), 1)
        right.addWidget(_group("紧急使用", urgent))
        right.addWidget(_group("公示", public))
        right.addWidget(_group("备注", notes), 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        self.emergency.toggled.connect(lambda _c: self._sync_emergency())
        self.category.currentIndexChanged.connect(lambda _i: self._show_evidence())
        self.disclosure_start.textChanged.connect(lambda _t: self._show_days())
        self.disclosure_end.textChanged.connect(lambda _t: self._show_days())

    def _load(self, f: FundFields) -> None:
        self.community.set_value(f.community_id)
        self.applicant.set_value(f.applicant)
        self.applicant_name.setText(f.applicant_name)
        self.contact.setText(f.contact)
        self.phone.setText(f.phone)
        self.applied_on.set_value(f.applied_on)
        self.project.setText(f.project)
        self.part.setText(f.part)
        self.reason.setPlainText(f.reason)
        self.budget.set_value(f.budget_fen or None)
        self.scope_text.setText(f.scope_text)
        self.scope_households.set_value(f.scope_households)
        self.scope_area.set_value(f.scope_area)
        self.emergency.setChecked(f.emergency)
        self.category.setCurrentIndex(max(0, self.category.findData(f.emergency_category)))
        self.confirmed_by.setText(f.confirmed_by)
        self.confirmed_on.set_value(f.confirmed_on)
        self.disclosure_start.set_value(f.disclosure_start)
        self.disclosure_end.set_value(f.disclosure_end)
        self.notes.setPlainText(f.notes)

    # ---- controller --------------------------------------------------------------------
    def _sync_emergency(self) -> None:
        on = self.emergency.isChecked()
        for w in (self.category, self.evidence, self.confirmed_by, self.confirmed_on):
            w.setEnabled(on)
        if on and not self.confirmed_on.text().strip():
            self.confirmed_on.set_value(self._today)

    def _show_evidence(self) -> None:
        category = self._rules.category(self.category.currentData() or "")
        self.evidence.setText(f"须提供证明材料：{category.evidence}" if category else "")

    def _show_days(self) -> None:
        try:
            start, end = self.disclosure_start.value(), self.disclosure_end.value()
        except ValidationError:
            start = end = None
        text, role = "填写起止日期后计算公示天数", "hint"
        if start and end:
            days = disclosure_days(start, end)
            minimum = self._rules.disclosure_min_days
            if end < start:
                text, role = "公示结束日期早于开始日期", "danger"
            elif days < minimum:
                text, role = f"共 {days} 天，少于规定的 {minimum} 天", "danger"
            else:
                text, role = f"共 {days} 天", "ok"
        self.days.setText(text)
        set_role(self.days, role)

    def fields(self) -> FundFields:
        community_id = self.community.value()
        if community_id is None:
            raise ValidationError("请选择小区", field="community_id")
        return FundFields(
            community_id=community_id,
            project=self.project.text().strip(),
            applicant=Applicant(self.applicant.value()),
            applicant_name=self.applicant_name.text().strip(),
            contact=self.contact.text().strip(),
            phone=self.phone.text().strip(),
            applied_on=self.applied_on.value(),
            part=self.part.text().strip(),
            reason=self.reason.toPlainText().strip(),
            budget_fen=self.budget.value() or 0,
            scope_text=self.scope_text.text().strip(),
            scope_households=self.scope_households.value(),
            scope_area=self.scope_area.value(),
            emergency=self.emergency.isChecked(),
            emergency_category=self.category.currentData() or "",
            confirmed_by=self.confirmed_by.text().strip(),
            confirmed_on=self.confirmed_on.value(),
            disclosure_start=self.disclosure_start.value(),
            disclosure_end=self.disclosure_end.value(),
            notes=self.notes.toPlainText().strip(),
        )


FIGURES = (("total_area", "专有部分总面积(㎡)"), ("total_owners", "业主总人数"),
           ("part_area", "参与表决面积(㎡)"), ("part_owners", "参与表决人数"),
           ("yes_area", "同意面积(㎡)"), ("yes_owners", "同意人数"))  # fmt: skip


class VoteDialog(FundActionDialog):
    """登记业主表决结果: six figures and the matter; the tests are shown on every edit."""

    def __init__(
        self,
        service: Any,
        messages: MessageService,
        view: FundView,
        parent: QWidget | None = None,
        *,
        today: date,
    ) -> None:
        super().__init__(
            service, messages, view, parent, f"{view.serial}：登记业主表决结果", today=today
        )
        self.resize(640, 480)
        rules = service.vote_rules
        self.matter = EnumCombo(VoteMatter)
        self.matter.setObjectName("matter")
        self.matter.set_value(VoteMatter(view.vote_matter) if view.vote_matter else VoteMatter.USE)
        self.voted_on = DateField("voted_on", "表决日期")
        self.voted_on.set_value(view.voted_on or today)
        self.figures: dict[str, DecimalField | IntField] = {}
        grid = QGridLayout()
        for i, (name, label) in enumerate(FIGURES):
            edit = (DecimalField if name.endswith("area") else IntField)(name, label)
            if view.vote_count is not None:
                edit.setText(number_text(getattr(view.vote_count, name)))
            edit.textChanged.connect(lambda _t: self._refresh())
            self.figures[name] = edit
            grid.addWidget(QLabel(label), i // 2, (i % 2) * 2)
            grid.addWidget(edit, i // 2, (i % 2) * 2 + 1)
        self.matter.currentIndexChanged.connect(lambda _i: self._refresh())
        # 总面积 and 业主总人数 from the unit list, when the request has one (DOMAIN §5.1)
        self.owner_count = service.papers.owner_count(view.id)
        self.derivation = QLabel()
        self.derivation.setWordWrap(True)
        self.from_list = QPushButton("按房屋清单填入", objectName="fill_from_units")
        self.from_list.clicked.connect(self.fill_from_units)
        if self.owner_count is not None:
            self.derivation.setText(self.owner_count.derivation())
            set_role(self.derivation, "hint")
        self.derivation.setVisible(self.owner_count is not None)
        self.from_list.setVisible(self.owner_count is not None)
        self.rule = QLabel(f"表决规则：{rules.label}")
        self.rule.setWordWrap(True)
        self.legacy = QLabel(f"正在使用旧规则：{rules.label.removeprefix('旧规则：')}")
        self.legacy.setWordWrap(True)
        set_role(self.legacy, "banner")
        self.legacy.setVisible(rules.legacy)
        self._result_box = QVBoxLayout()
        self._result_box.setSpacing(4)
        self.result_labels: list[QLabel] = []
        panel = QGroupBox("表决结果（随输入自动计算）")
        inner = QVBoxLayout(panel)
        inner.addWidget(self.rule)
        inner.addWidget(self.legacy)
        inner.addLayout(self._result_box)
        head = QLabel(f"{view.community}　{view.fields.project}")
        self.form.addRow("表决事项", self.matter)
        self.form.addRow("表决日期", self.voted_on)
        self.form.addRow(grid)
        derived = QHBoxLayout()
        derived.addWidget(self.derivation, 1)
        derived.addWidget(self.from_list)
        self.form.addRow(derived)
        self._finish(head, below=(panel,))
        self._refresh()

    def fill_from_units(self) -> None:
        """Type the unit list's 总面积 and 业主总人数 into the form."""
        if self.owner_count is not None:
            self.figures["total_area"].setText(number_text(self.owner_count.area))
            self.figures["total_owners"].setText(str(self.owner_count.owners))

    def result_lines(self) -> list[str]:
        return [label.text() for label in self.result_labels if not label.isHidden()]

    def _show(self, lines: list[tuple[str, str, bool]]) -> None:
        """One label per (text, role, bold) line (reused from edit to edit; spare ones are
        hidden)."""
        while len(self.result_labels) < len(lines):
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            self._result_box.addWidget(label)
            self.result_labels.append(label)
        for i, label in enumerate(self.result_labels):
            text, role, bold = lines[i] if i < len(lines) else ("", "hint", False)
            label.setText(text)
            set_role(label, role)
            set_strong(label, bold)
            label.setHidden(i >= len(lines))

    def count(self, *, strict: bool = True) -> VoteCount | None:
        """The figures; None when one is blank (strict: a ValidationError naming it)."""
        values = {}
        for name, label in FIGURES:
            value = self.figures[name].value()
            if value is None:
                if strict:
                    raise ValidationError(f"请填写{label.removesuffix('(㎡)')}", field=name)
                return None
            values[name] = value
        return VoteCount(**values)

    def _refresh(self) -> None:
        for edit in self.figures.values():
            edit.mark_error(False)
        try:
            count = self.count(strict=False)
            if count is None:
                self._show([("请填写全部数字", "hint", False)])
                return
            result = self._service.evaluate_vote(count, self.matter.value())
        except ValidationError as err:
            if err.field in self.figures:
                self.figures[err.field].mark_error(True)
            self._show([(err.message, "danger", False)])
            return
        lines = [(t.text(), "ok" if t.passed else "danger", False) for t in result.tests]
        if self.owner_count is not None:
            typed = self.owner_count.differences(count.total_area, count.total_owners)
            lines += [(f"注意：{w}", "warning", False) for w in typed]
        verdict = "ok" if result.passed else "danger"
        lines.append((f"结论：{'通过' if result.passed else '未通过'}", verdict, True))
        if not result.passed:
            lines.append(("未通过的表决也会如实登记，但申请不能进入“表决通过”。", "hint", False))
        self._show(lines)

    def _save(self, reason: str = "") -> Any:
        count = self.count(strict=True)
        assert count is not None
        return self._service.record_vote(
            self.view.id, count, VoteMatter(self.matter.value()), required_date(self.voted_on)
        )
