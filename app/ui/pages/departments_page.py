"""The 职能部门 page: the departments, duties and contacts printed on every community's
执法进小区公示牌. Add, edit, delete, reorder, and bring back missing default departments."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.departments import Department
from app.services.department_service import DepartmentService
from app.ui.common.messages import MessageService
from app.ui.common.page import Page
from app.ui.common.tables import record_table
from app.ui.dialogs.department_dialog import DepartmentDialog
from app.ui.errors import guarded
from app.ui.models.id_table_model import Column
from app.ui.models.list_table_model import ListTableModel
from app.ui.state import UiState

HINT = "以下部门及联系方式将印在各小区的“执法进小区公示牌”上，请按本地实际填写联系人和电话。"
COLUMNS: list[Column[Department]] = [
    Column("部门", lambda d: d.fields.name, width=190),
    Column("主要职责", lambda d: d.fields.duties, width=560),
    Column("联系人", lambda d: d.fields.contact_person, width=90),
    Column("联系电话", lambda d: d.fields.phone, width=130),
    Column("公示牌上显示", lambda d: "是" if d.fields.active else "否", width=100),
]
STATE_KEY = "departments"
Index = QModelIndex | QPersistentModelIndex


class DepartmentTableModel(ListTableModel[Department]):
    """The whole (short) list; hidden departments are greyed, duties shown in full on hover."""

    def __init__(self) -> None:
        super().__init__(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rec = self.record(index.row()) if index.isValid() else None
        if rec is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return rec.fields.duties or None
        return self.cell(rec, index.column(), role, muted=not rec.fields.active)

    def row_of(self, department_id: int) -> int:
        ids = [d.id for d in self.rows()]
        return ids.index(department_id) if department_id in ids else -1


class DepartmentsPage(Page):
    title = "职能部门"

    def __init__(
        self,
        departments: DepartmentService,
        messages: MessageService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._departments = departments
        self._messages = messages
        self.model = DepartmentTableModel()
        hint = QLabel(HINT)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.add_button = QPushButton("新增")
        self.edit_button = QPushButton("修改")
        self.delete_button = QPushButton("删除")
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.restore_button = QPushButton("恢复默认部门")
        self.restore_button.setToolTip("把被删除的默认部门重新加入列表，已有的部门不受影响")
        self.count = QLabel()
        bar = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(b)
        bar.addSpacing(16)
        bar.addWidget(self.up_button)
        bar.addWidget(self.down_button)
        bar.addSpacing(16)
        bar.addWidget(self.restore_button)
        bar.addStretch(1)
        bar.addWidget(self.count)
        self.table = record_table(self.model, COLUMNS, word_wrap=True, row_height=44)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button.clicked.connect(self._on_delete)
        self.up_button.clicked.connect(lambda: self._on_move(True))
        self.down_button.clicked.connect(lambda: self._on_move(False))
        self.restore_button.clicked.connect(self._on_restore)
        self.table.doubleClicked.connect(lambda _i: self._on_edit())
        for keys, slot in (
            (QKeySequence.StandardKey.New, self._on_add),
            (QKeySequence.StandardKey.Delete, self._on_delete),
            (QKeySequence(QKeySequence.StandardKey.Refresh), self.refresh),
        ):
            QShortcut(keys, self, activated=slot)

    # ---- view ----------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        keep = select if select is not None else self._selected_id()
        self.model.set_rows(self._departments.list())
        shown = sum(1 for d in self.model.rows() if d.fields.active)
        self.count.setText(f"共 {self.model.rowCount()} 个部门，公示牌显示 {shown} 个")
        if keep is not None:
            self.select(keep)

    def activate(self) -> None:
        self.refresh()

    def select(self, department_id: int) -> None:
        row = self.model.row_of(department_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.setCurrentIndex(index)

    def selected(self) -> Department | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _selected_id(self) -> int | None:
        rec = self.selected()
        return rec.id if rec else None

    def open_dialog(self, record: Department | None = None) -> DepartmentDialog:
        return DepartmentDialog(self._departments, self._messages, record, self)

    # ---- controller ----------------------------------------------------------------------
    @guarded()
    def _on_add(self) -> None:
        dialog = self.open_dialog()
        if dialog.exec():
            self.refresh(select=dialog.result_value)

    @guarded()
    def _on_edit(self) -> None:
        rec = self.selected()
        if rec and self.open_dialog(self._departments.get(rec.id)).exec():
            self.refresh(select=rec.id)

    @guarded()
    def _on_delete(self) -> None:
        rec = self.selected()
        if rec is None:
            return
        if self._messages.confirm(f"删除职能部门“{rec.fields.name}”？删除后它不再出现在公示牌上。"):
            self._departments.delete(rec.id)
            self.refresh()

    @guarded()
    def _on_move(self, up: bool) -> None:
        rec = self.selected()
        if rec and self._departments.move(rec.id, up):
            self.refresh(select=rec.id)

    @guarded()
    def _on_restore(self) -> None:
        if not self._messages.confirm(
            "把被删除的默认部门重新加入列表？已有的部门及其联系人、电话不受影响。"
        ):
            return
        added = self._departments.restore_defaults()
        self.refresh()
        if added:
            self._messages.info(f"已恢复 {added} 个默认部门，请补填联系人和电话。")
        else:
            self._messages.info("默认部门都在列表中，没有需要恢复的部门。")

    def save_state(self, state: UiState) -> None:
        state.save_header(STATE_KEY, self.table.horizontalHeader())

    def restore_state(self, state: UiState) -> None:
        state.restore_header(STATE_KEY, self.table.horizontalHeader())
