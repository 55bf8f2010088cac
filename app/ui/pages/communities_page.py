"""The 小区 page: search, filters, a sortable table, and the community dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.domain.community import CommunityQuery
from app.domain.enums import ManagementMode
from app.services import Services
from app.ui.common.files import EXCEL_FILTER, FileService
from app.ui.common.messages import MessageService
from app.ui.common.page import Page
from app.ui.common.tables import record_table, select_row
from app.ui.dialogs.community_dialog import CommunityDialog
from app.ui.dialogs.import_dialog import ImportDialog
from app.ui.errors import guarded
from app.ui.jobs import Cancelled, run_job
from app.ui.models.community_table_model import CommunityTableModel
from app.ui.state import UiState

STATE_KEY = "communities"


class CommunitiesPage(Page):
    title = "小区"

    def __init__(
        self,
        services: Services,
        messages: MessageService,
        files: FileService,
        *,
        jobs: bool = True,
        mask_phones: Callable[[], bool] = lambda: True,
    ):
        super().__init__()
        self._mask_phones = mask_phones
        self._services = services
        self._messages = messages
        self._files = files
        self._jobs = jobs
        self.model = CommunityTableModel(services.communities)
        self._build()
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.apply_filters)
        self.reload_choices()

    # ---- view --------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit(placeholderText="搜索小区名称、地址或物业企业（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.neighborhood = QComboBox()
        self.mode = QComboBox()
        self.mode.addItem("全部管理方式", None)
        for m in ManagementMode:
            self.mode.addItem(m.label, m)
        self.old_estate = QCheckBox("老旧小区")
        self.filings_incomplete = QCheckBox("五备案不全")
        days = self._services.ctx.rules.registry.contract_expiry_warning_days
        self.expiring = QCheckBox(f"合同{days}天内到期")
        self.show_archived = QCheckBox("显示已归档")
        self.count = QLabel()

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.neighborhood, 1)
        filters.addWidget(self.mode, 1)
        for w in (self.old_estate, self.filings_incomplete, self.expiring, self.show_archived):
            filters.addWidget(w)

        self.add_button = QPushButton("新增小区")
        self.edit_button = QPushButton("编辑")
        self.archive_button = QPushButton("归档")
        self.delete_button = QPushButton("删除")
        self.import_button = QPushButton("从Excel导入…")
        self.template_button = QPushButton("导出导入模板…")
        self.export_button = QPushButton("导出小区底数台账…")
        actions = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.archive_button, self.delete_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.count)
        actions.addStretch(1)
        for b in (self.import_button, self.template_button, self.export_button):
            actions.addWidget(b)

        self.table = record_table(self.model, self.model.columns, sorting=True, word_wrap=True)
        self.table.horizontalHeader().setSortIndicator(
            0, self.table.horizontalHeader().sortIndicatorOrder()
        )

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table)

        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.neighborhood, self.mode):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for box in (self.old_estate, self.filings_incomplete, self.expiring, self.show_archived):
            box.toggled.connect(lambda _c: self.apply_filters())
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.archive_button.clicked.connect(self._on_archive)
        self.delete_button.clicked.connect(self._on_delete)
        self.import_button.clicked.connect(self._on_import)
        self.template_button.clicked.connect(self._on_template)
        self.export_button.clicked.connect(self._on_export)
        self.table.doubleClicked.connect(lambda _i: self._on_edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.search.setFocus),
            (QKeySequence.StandardKey.New, self._on_add),
            (QKeySequence("Ctrl+E"), self._on_export),
            (QKeySequence(QKeySequence.StandardKey.Refresh), self.apply_filters),
            (QKeySequence.StandardKey.Delete, self._on_archive),
        ):
            QShortcut(keys, self, activated=slot)

    def reload_choices(self) -> None:
        current = self.neighborhood.currentData()
        self.neighborhood.blockSignals(True)
        self.neighborhood.clear()
        self.neighborhood.addItem("全部社区", None)
        for nid, name in self._services.communities.neighborhoods():
            self.neighborhood.addItem(name, nid)
        self.neighborhood.setCurrentIndex(max(0, self.neighborhood.findData(current)))
        self.neighborhood.blockSignals(False)

    # ---- controller --------------------------------------------------------------------
    def query(self) -> CommunityQuery:
        q = CommunityQuery(
            text=self.search.text(),
            neighborhood_id=self.neighborhood.currentData(),
            management_mode=self.mode.currentData(),
            old_estate_only=self.old_estate.isChecked(),
            filings_incomplete_only=self.filings_incomplete.isChecked(),
            include_archived=self.show_archived.isChecked(),
            sort_key=self.model.query.sort_key,
            descending=self.model.query.descending,
        )
        return self._services.communities.expiring_window(q) if self.expiring.isChecked() else q

    def apply_filters(self) -> None:
        self.model.set_query(self.query())
        self.count.setText(f"共 {self.model.rowCount()} 个小区")
        self._update_buttons()

    def activate(self) -> None:
        self.reload_choices()
        self.apply_filters()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        cid = self.selected_id()
        for b in (self.edit_button, self.archive_button, self.delete_button):
            b.setEnabled(cid is not None)
        if cid is not None:
            row = self.model.record(self.model.row_of(cid))
            self.archive_button.setText("恢复" if row and row.archived else "归档")

    def _select(self, community_id: int) -> None:
        select_row(self.table, self.model.row_of(community_id))

    def open_dialog(self, community_id: int | None = None) -> CommunityDialog:
        record = self._services.communities.get(community_id) if community_id else None
        return CommunityDialog(self._services.communities, self._messages, record, self)

    def _after_save(self, dialog: CommunityDialog) -> None:
        if dialog.result_value is not None:
            self.reload_choices()
            self.apply_filters()
            self._select(dialog.result_value.id)

    @guarded()
    def _on_add(self) -> None:
        dialog = self.open_dialog()
        if dialog.exec():
            self._after_save(dialog)

    @guarded()
    def _on_edit(self) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        dialog = self.open_dialog(cid)
        if dialog.exec():
            self._after_save(dialog)

    @guarded()
    def _on_archive(self) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        rec = self._services.communities.get(cid)
        if rec.archived:
            self._services.communities.set_archived(cid, False)
        else:
            if not self._messages.confirm(
                f"归档小区“{rec.fields.name}”？\n归档后默认不再显示，记录仍然保留，可随时恢复。"
            ):
                return
            self._services.communities.set_archived(cid, True)
        self.apply_filters()

    @guarded()
    def _on_delete(self) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        rec = self._services.communities.get(cid)
        if self._services.communities.has_history(cid):
            self._messages.warn(
                f"小区“{rec.fields.name}”已有修改或业务记录，不能删除。可以点击“归档”将其隐藏。"
            )
            return
        if self._messages.confirm(f"删除小区“{rec.fields.name}”？此操作不能撤销。"):
            self._services.communities.delete(cid)
            self.apply_filters()

    def _ask_path(self, title: str, default_name: str, save: bool) -> Path | None:
        if save:
            return self._files.ask_ledger_path(self, title, default_name)
        return self._files.ask_open_path(self, title, EXCEL_FILTER)

    def _job(self, label: str, fn):  # type: ignore[no-untyped-def]
        return run_job(self, label, fn, show=self._jobs)

    @guarded()
    def import_file(self, path: Path) -> None:
        try:
            report = self._job("正在检查导入文件…", lambda: self._services.imports.check(path))
        except Cancelled:
            return
        dialog = ImportDialog(report, self)
        dialog.open()
        if not self._messages.dialogs:
            dialog.close()
            accepted = report.ok and self._messages.confirm_answer
        else:
            accepted = dialog.exec() == ImportDialog.DialogCode.Accepted
        if not accepted or not report.ok:
            return
        try:
            result = self._job("正在导入…", lambda: self._services.imports.apply(report))
        except Cancelled:
            self._messages.info("已停止等待；导入在后台一次性完成或完全不写入，请刷新查看。")
            return
        self.reload_choices()
        self.apply_filters()
        self._messages.info(
            f"导入完成：新增小区 {result.created} 个，更新 {result.updated} 个，"
            f"新增物业企业 {result.companies_created} 家。"
        )

    def _on_import(self) -> None:
        path = self._ask_path("选择要导入的小区底数表", "", save=False)
        if path:
            self.import_file(path)

    @guarded()
    def _on_template(self) -> None:
        path = self._ask_path("保存导入模板", "小区底数导入模板.xlsx", save=True)
        if path:
            self._services.ledgers.write_community_template(path)
            self._messages.info(f"已保存导入模板：{path}")

    @guarded()
    def export_ledger(self, path: Path, groups: list[str] | None = None) -> int:
        q = self.query()
        mask = self._mask_phones()
        try:
            n = self._job(
                "正在导出小区底数台账…",
                lambda: self._services.ledgers.export_communities(
                    path, q, mask_phones=mask, groups=groups
                ),
            )
        except Cancelled:
            return 0
        self._messages.info(
            f"已导出 {n} 个小区到：{path}\n（按当前筛选条件导出；"
            + ("手机号已隐藏中间四位）" if mask else "手机号完整导出，请注意保护个人信息）")
        )
        return int(n)

    def _on_export(self) -> None:
        from app.ui.dialogs.column_groups_dialog import ask_column_groups

        ok, groups = ask_column_groups(self, self._messages)
        if not ok:
            return
        path = self._ask_path("导出小区底数台账", "小区底数台账.xlsx", save=True)
        if path:
            self.export_ledger(path, groups)

    # ---- state -------------------------------------------------------------------------
    def save_state(self, state: UiState) -> None:
        state.save_header(STATE_KEY, self.table.horizontalHeader())

    def restore_state(self, state: UiState) -> None:
        state.restore_header(STATE_KEY, self.table.horizontalHeader())
