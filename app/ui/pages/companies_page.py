"""The 物业企业 page: list, add, edit and delete companies."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.domain.community import CompanyRecord
from app.services import Services
from app.ui.common.messages import MessageService
from app.ui.common.page import Page
from app.ui.common.tables import record_table
from app.ui.dialogs.company_dialog import CompanyDialog
from app.ui.errors import guarded
from app.ui.models.id_table_model import Column
from app.ui.models.list_table_model import ListTableModel
from app.ui.state import UiState

COLUMNS: list[Column[CompanyRecord]] = [
    Column("企业名称", lambda r: r.fields.name, width=260),
    Column("统一社会信用代码", lambda r: r.fields.uscc, width=170),
    Column("法定代表人", lambda r: r.fields.legal_representative, width=90),
    Column("联系电话", lambda r: r.fields.phone, width=120),
    Column("信用等级", lambda r: r.fields.credit_grade, width=70),
    Column(
        "红黑名单",
        lambda r: "" if r.fields.listing.value == "none" else r.fields.listing.label,
        width=80,
    ),
    Column("服务小区数", lambda r: str(r.community_count), align_right=True, width=80),
]
STATE_KEY = "companies"


class CompaniesPage(Page):
    title = "物业企业"

    def __init__(self, services: Services, messages: MessageService) -> None:
        super().__init__()
        self._services = services
        self._messages = messages
        self.model = ListTableModel(COLUMNS)
        self.proxy = QSortFilterProxyModel(self)  # a small, fully loaded list
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(placeholderText="搜索企业名称或信用代码")
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton("新增企业")
        self.edit_button = QPushButton("编辑")
        self.delete_button = QPushButton("删除")
        self.count = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for b in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(b)
        bar.addWidget(self.count)
        self.table = record_table(
            self.proxy, COLUMNS, sorting=True, word_wrap=True, row_height=None
        )
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button.clicked.connect(self._on_delete)
        self.table.doubleClicked.connect(lambda _i: self._on_edit())
        QShortcut(QKeySequence.StandardKey.New, self, activated=self._on_add)

    def refresh(self) -> None:
        self.model.set_rows(self._services.companies.search(self.search.text()))
        self.count.setText(f"共 {self.model.rowCount()} 家")

    def activate(self) -> None:
        self.refresh()

    def selected(self) -> CompanyRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.record(self.proxy.mapToSource(rows[0]).row())

    def open_dialog(self, record: CompanyRecord | None = None) -> CompanyDialog:
        return CompanyDialog(self._services.companies, self._messages, record, self)

    @guarded()
    def _on_add(self) -> None:
        if self.open_dialog().exec():
            self.refresh()

    @guarded()
    def _on_edit(self) -> None:
        rec = self.selected()
        if rec and self.open_dialog(self._services.companies.get(rec.id)).exec():
            self.refresh()

    @guarded()
    def _on_delete(self) -> None:
        rec = self.selected()
        if rec is None:
            return
        if self._messages.confirm(f"删除物业服务企业“{rec.fields.name}”？"):
            self._services.companies.delete(rec.id)
            self.refresh()

    def save_state(self, state: UiState) -> None:
        state.save_header(STATE_KEY, self.table.horizontalHeader())

    def restore_state(self, state: UiState) -> None:
        state.restore_header(STATE_KEY, self.table.horizontalHeader())
