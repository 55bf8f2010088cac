"""登记检查: one inspection (date, kind, inspectors, communities) and the issues it found,
saved together in one transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import InspectionKind
from app.domain.errors import ValidationError
from app.domain.issues import InspectionFields, IssueFields, split_names
from app.services import Services
from app.ui.common.fields import DateField, EnumCombo
from app.ui.common.form_dialog import FormDialog
from app.ui.common.messages import MessageService
from app.ui.issues.issue_dialog import IssueDialog
from app.ui.models.id_table_model import Column
from app.ui.models.list_table_model import ListTableModel


class InspectionDialog(FormDialog):
    def __init__(
        self, services: Services, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, messages=messages)
        self._services = services
        self._names = dict(services.communities.choices())
        self.setWindowTitle("登记检查")
        self.resize(760, 620)
        self._build()
        self.inspected_on.set_value(services.ctx.today())
        for cid, name in self._names.items():
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.communities.addItem(item)
        self._update_chosen()

    # ---- view --------------------------------------------------------------------------
    def _build(self) -> None:
        self.inspected_on = DateField("inspected_on", "检查日期")
        self.kind = EnumCombo(InspectionKind)
        self.kind.setObjectName("kind")
        self.inspectors = QLineEdit(objectName="inspectors")
        self.inspectors.setPlaceholderText("多人用顿号或逗号分隔，如：张三、李四")
        self.notes = QLineEdit(objectName="notes")
        self.community_filter = QLineEdit(placeholderText="筛选小区名称")
        self.community_filter.setClearButtonEnabled(True)
        self.communities = QListWidget(objectName="community_ids")
        self.chosen = QLabel()
        columns: list[Column[IssueFields]] = [
            Column("小区", lambda f: self._names.get(f.community_id or 0, ""), width=130),
            Column("类别", lambda f: f.category, width=150),
            Column("描述", lambda f: " ".join(f.description.split()), width=200),
            Column("责任单位", lambda f: f.responsible_name, width=130),
            Column("整改时限", lambda f: f.deadline.isoformat(), width=90),
        ]
        self.issues = ListTableModel(columns)
        self.issue_table = QTableView()
        self.issue_table.setModel(self.issues)
        self.issue_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.issue_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.issue_table.verticalHeader().setDefaultSectionSize(26)
        for i, col in enumerate(columns):
            self.issue_table.setColumnWidth(i, col.width)
        self.add_issue_button = QPushButton("添加问题…")
        self.edit_issue_button = QPushButton("修改")
        self.remove_issue_button = QPushButton("移除")

        form = QFormLayout()
        form.addRow("检查日期 *", self.inspected_on)
        form.addRow("检查类型", self.kind)
        form.addRow("检查人员 *", self.inspectors)
        form.addRow("备注", self.notes)
        picker = QVBoxLayout()
        picker.addWidget(QLabel("被检查小区 *"))
        picker.addWidget(self.community_filter)
        picker.addWidget(self.communities, 1)
        picker.addWidget(self.chosen)
        top = QHBoxLayout()
        top.addLayout(form, 3)
        top.addLayout(picker, 2)

        issue_buttons = QHBoxLayout()
        issue_buttons.addWidget(QLabel("本次发现的问题（可以没有）"))
        issue_buttons.addStretch(1)
        for b in (self.add_issue_button, self.edit_issue_button, self.remove_issue_button):
            issue_buttons.addWidget(b)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(top, 2)
        layout.addLayout(issue_buttons)
        layout.addWidget(self.issue_table, 2)
        layout.addWidget(buttons)

        self.community_filter.textChanged.connect(self._filter_communities)
        self.communities.itemChanged.connect(lambda _i: self._update_chosen())
        self.add_issue_button.clicked.connect(self._on_add_issue)
        self.edit_issue_button.clicked.connect(self._on_edit_issue)
        self.remove_issue_button.clicked.connect(self._on_remove_issue)
        self.issue_table.doubleClicked.connect(lambda _i: self._on_edit_issue())
        self.issue_table.selectionModel().selectionChanged.connect(lambda *_a: self._buttons())
        self._buttons()

    # ---- communities -------------------------------------------------------------------
    def _filter_communities(self, text: str) -> None:
        t = text.strip()
        for i in range(self.communities.count()):
            item = self.communities.item(i)
            item.setHidden(bool(t) and t not in item.text())

    def set_checked(self, community_ids: list[int]) -> None:
        wanted = set(community_ids)
        for i in range(self.communities.count()):
            item = self.communities.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def checked_ids(self) -> list[int]:
        return [
            int(self.communities.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.communities.count())
            if self.communities.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _update_chosen(self) -> None:
        self.chosen.setText(f"已选 {len(self.checked_ids())} 个小区")

    # ---- issues found ------------------------------------------------------------------
    def _buttons(self) -> None:
        one = bool(self.issue_table.selectionModel().selectedRows())
        self.edit_issue_button.setEnabled(one)
        self.remove_issue_button.setEnabled(one)

    def _selected_row(self) -> int:
        rows = self.issue_table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def issue_dialog(self, initial: IssueFields | None = None) -> IssueDialog | None:
        """The nested dialog that collects one issue, or None (with a message) when the
        inspection is not ready for it yet."""
        chosen = self.checked_ids()
        if not chosen:
            self._messages.warn("请先勾选被检查的小区，再添加问题。")
            return None
        try:
            found = self.inspected_on.value()
        except ValidationError as err:
            self.inspected_on.setFocus()
            self._messages.warn(err.message, "请检查输入")
            return None
        choices = [(cid, self._names[cid]) for cid in chosen]
        return IssueDialog(
            self._services,
            self._messages,
            None,
            self,
            collect_only=True,
            communities=choices,
            initial=initial,
            found_date=found or self._services.ctx.today(),
        )

    def add_issue(self, f: IssueFields) -> None:
        self.issues.set_rows([*self.issues.rows(), f])

    def _on_add_issue(self) -> None:
        dialog = self.issue_dialog()
        if dialog is not None and dialog.exec() and dialog.result_value is not None:
            self.add_issue(dialog.result_value)

    def _on_edit_issue(self) -> None:
        row = self._selected_row()
        if row < 0:
            return
        dialog = self.issue_dialog(self.issues.record(row))
        if dialog is not None and dialog.exec() and dialog.result_value is not None:
            rows = self.issues.rows()
            rows[row] = dialog.result_value
            self.issues.set_rows(rows)

    def _on_remove_issue(self) -> None:
        row = self._selected_row()
        if row >= 0:
            rows = self.issues.rows()
            del rows[row]
            self.issues.set_rows(rows)
            self._buttons()

    # ---- controller --------------------------------------------------------------------
    def fields(self) -> InspectionFields:
        when = self.inspected_on.value()
        if when is None:
            self.inspected_on.mark_error(True)
            raise ValidationError("请填写检查日期", field="inspected_on", value="")
        return InspectionFields(
            inspected_on=when,
            kind=InspectionKind(self.kind.value()),  # EnumCombo gives the code string
            inspectors=split_names(self.inspectors.text()),
            community_ids=tuple(self.checked_ids()),
            notes=self.notes.text().strip(),
        )

    def _save(self, reason: str = "") -> Any:
        """(inspection id, ids of the issues found), all in one transaction."""
        f = self.fields()
        found: date = f.inspected_on
        issues = [replace(i, found_date=found) for i in self.issues.rows()]
        return self._services.issues.record_inspection(f, issues)
