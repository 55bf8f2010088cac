"""The 文书 page: every issued 整改通知书, 送达回证 and 复查意见书 — find, reopen, save the exact
stored file again (重印) and void with a reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.domain.doc_records import DocumentQuery, DocumentRow
from app.domain.enums import DocType
from app.domain.errors import ValidationError
from app.services import Services
from app.ui.common import documents
from app.ui.common.fields import DateField
from app.ui.common.files import FileService
from app.ui.common.messages import MessageService
from app.ui.common.page import Page
from app.ui.common.tables import record_table, select_row
from app.ui.dialogs.void_dialog import VoidDialog
from app.ui.errors import guarded
from app.ui.models.document_table_model import SORT_ROLE, DocumentTableModel
from app.ui.state import UiState

STATE_KEY = "documents"
ISSUED_COLUMN = 3
CHAIN_TYPES = (DocType.RECTIFICATION_NOTICE, DocType.SERVICE_RECEIPT, DocType.REINSPECTION_OPINION)


class DocumentsPage(Page):
    title = "文书"

    def __init__(self, services: Services, messages: MessageService, files: FileService) -> None:
        super().__init__()
        self._services = services
        self._messages = messages
        self._files = files
        self._generation: int | None = None
        self.model = DocumentTableModel()
        self.proxy = QSortFilterProxyModel(self)  # a small, fully loaded list
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self._build()
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.refresh)

    # ---- view --------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit(placeholderText="搜索文号或受文单位（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.doc_type = QComboBox()
        self.doc_type.addItem("全部类型", None)
        for t in CHAIN_TYPES:
            self.doc_type.addItem(t.label, t)
        self.issued_from = DateField("issued_from", "签发日期（起）")
        self.issued_to = DateField("issued_to", "签发日期（止）")
        for field in (self.issued_from, self.issued_to):
            field.setPlaceholderText("不限")
            field.setMaximumWidth(120)
        self.include_voided = QCheckBox("含已作废")
        self.include_voided.setChecked(True)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.doc_type, 1)
        filters.addWidget(QLabel("签发日期"))
        filters.addWidget(self.issued_from)
        filters.addWidget(QLabel("至"))
        filters.addWidget(self.issued_to)
        filters.addWidget(self.include_voided)

        self.open_button = QPushButton("打开")
        self.open_button.setToolTip("打开签发时保存的原文件，可直接打印（Ctrl+P）")
        self.save_button = QPushButton("另存为/重印…")
        self.save_button.setToolTip("保存签发时的原文件，与当初打印的完全一致")
        self.void_button = QPushButton("作废…")
        self.count = QLabel()
        actions = QHBoxLayout()
        for b in (self.open_button, self.save_button, self.void_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.count)

        # no row numbers: a sorted proxy's row numbers mislead
        self.table = record_table(
            self.proxy,
            self.model.columns,
            sorting=True,
            word_wrap=True,
            row_numbers=False,
            stretch_last=True,
        )
        self.table.sortByColumn(ISSUED_COLUMN, Qt.SortOrder.DescendingOrder)  # newest first

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table)

        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for field in (self.issued_from, self.issued_to):
            field.textChanged.connect(lambda _t: self._debounce.start())
        self.doc_type.currentIndexChanged.connect(lambda _i: self.refresh())
        self.include_voided.toggled.connect(lambda _c: self.refresh())
        self.open_button.clicked.connect(self._on_open)
        self.save_button.clicked.connect(self._on_save_as)
        self.void_button.clicked.connect(self._on_void)
        self.table.doubleClicked.connect(lambda _i: self._on_open())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.search.setFocus),
            (QKeySequence.StandardKey.Print, self._on_open),
            (QKeySequence(QKeySequence.StandardKey.Refresh), self.refresh),
        ):
            QShortcut(keys, self, activated=slot)
        self._update_buttons()

    # ---- controller --------------------------------------------------------------------
    def _date(self, field: DateField) -> date | None:
        try:
            return field.value()
        except ValidationError:
            return None  # half-typed or unreadable: marked red, not applied

    def query(self) -> DocumentQuery:
        return DocumentQuery(
            text=self.search.text().strip(),
            doc_type=self.doc_type.currentData(),
            issued_from=self._date(self.issued_from),
            issued_to=self._date(self.issued_to),
            include_voided=self.include_voided.isChecked(),
        )

    def refresh(self) -> None:
        selected = self.selected_id()
        self._generation = self._services.documents.generation()
        rows = self._services.documents.search(self.query())
        self.model.set_rows(rows)
        voided = sum(1 for r in rows if r.voided)
        self.count.setText(f"共 {len(rows)} 份" + (f"（其中已作废 {voided} 份）" if voided else ""))
        if selected is not None:
            self.select(selected)
        self._update_buttons()

    def activate(self) -> None:
        if self._generation != self._services.documents.generation():
            self.refresh()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.id_at(self.proxy.mapToSource(rows[0]).row())

    def selected_row(self) -> DocumentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def select(self, document_id: int) -> None:
        row = self.model.row_of(document_id)
        if row < 0:
            return
        select_row(self.table, self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.open_button.setEnabled(row is not None)
        self.save_button.setEnabled(row is not None)
        self.void_button.setEnabled(row is not None and not row.voided)

    def _on_open(self) -> None:
        doc_id = self.selected_id()
        if doc_id is not None:
            documents.open_document(self._services, self._messages, self._files, doc_id)

    def _on_save_as(self) -> None:
        doc_id = self.selected_id()
        if doc_id is not None:
            documents.save_document_as(self, self._services, self._messages, self._files, doc_id)

    def void_dialog(self, row: DocumentRow) -> VoidDialog:
        return VoidDialog(
            row,
            self,
            submit=lambda reason: self._services.documents.void(row.id, reason),
            messages=self._messages,
        )

    @guarded()
    def _on_void(self) -> None:
        row = self.selected_row()
        if row is None or row.voided:
            return
        dialog = self.void_dialog(row)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.select(row.id)
            self._messages.info(f"已作废 {row.doc_number}。该文号不再使用，记录和原文件保留备查。")

    # ---- state -------------------------------------------------------------------------
    def save_state(self, state: UiState) -> None:
        state.save_header(STATE_KEY, self.table.horizontalHeader())

    def restore_state(self, state: UiState) -> None:
        state.restore_header(STATE_KEY, self.table.horizontalHeader())
