"""The 问题台账 page: filters, per-status counts, the issue table, the detail panel, and the
actions along the chain 登记 → 通知书 → 送达 → 整改 → 复查/销号."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolBar,
    QVBoxLayout,
)

from app.domain.enums import IssueStatus
from app.domain.errors import PropDeskError
from app.domain.issues import OPEN_STATES, REINSPECTABLE, IssueQuery, StatusCounts
from app.services import Services
from app.ui.common import palette
from app.ui.common.messages import MessageService
from app.ui.common.page import Page
from app.ui.common.style import set_role
from app.ui.common.tables import Selection, record_table, toolbar_action
from app.ui.errors import guarded
from app.ui.issues.actions import IssueActions
from app.ui.issues.detail import IssueDetailPanel
from app.ui.issues.filters import IssueFilterBar
from app.ui.issues.table_model import IssueTableModel
from app.ui.search_runner import SearchRunner
from app.ui.state import UiState

STATE_KEY = "issues"
NOTICE_STATES = frozenset({IssueStatus.OPEN, IssueStatus.NOTIFIED, IssueStatus.RECTIFYING})
MAX_CHECKED = 500  # a bigger selection is not pre-checked row by row; the service decides
TOOLBAR_STYLE = (  # until the pages name their toolbar "page_toolbar" (resources/qss)
    "QToolBar { border: none; spacing: 4px; }"
    f"QToolButton {{ border: 1px solid {palette.BORDER}; border-radius: 3px; padding: 3px 8px;"
    f" background: {palette.BUTTON_BG}; }}"
    f"QToolButton:hover {{ background: {palette.HOVER_BG}; border-color: {palette.HOVER_BORDER}; }}"
    f"QToolButton:disabled {{ color: {palette.DISABLED_FG}; border-color: {palette.DISABLED_BORDER}; }}"
    "QToolButton#qt_toolbar_ext_button { border: none; background: transparent; padding: 0; }"
)


class IssuesPage(IssueActions, Page):
    title = "问题台账"

    def __init__(
        self,
        services: Services,
        messages: MessageService,
        *,
        jobs: bool = True,
        state: UiState | None = None,
    ) -> None:
        super().__init__()
        self._services = services
        self._messages = messages
        self._jobs = jobs
        self._keep: tuple[list[int], int | None] = ([], None)
        self._pending: list[int] | None = None
        self.model = IssueTableModel(services.issues)
        self._choices_generation = -1  # the pickers are filled on first show (start-up speed)
        self._search = SearchRunner(self, background=jobs)
        self._build()
        self._update_actions()
        if state is not None:
            self.restore_state(state)

    # ---- view --------------------------------------------------------------------------
    def _build(self) -> None:
        self.filters = IssueFilterBar(self._services.issues.today())
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setStyleSheet(TOOLBAR_STYLE)
        act = self._action
        self.add_action = act("新增问题", self._on_add, "登记一个问题（Ctrl+N）")
        self.inspection_action = act("登记检查", self._on_inspection, "登记一次检查及发现的问题")
        self.edit_action = act("编辑", self._on_edit)
        self.delete_action = act("删除", self._on_delete, "删除尚未开具文书的问题（Del）")
        self.report_action = act("登记整改情况", self._on_report)
        self.toolbar.addSeparator()
        self.notice_action = act(
            "开具整改通知书", self._on_notice, "为所选问题开具一份整改通知书（Ctrl+P）"
        )
        self.batch_action = act("批量开具", self._on_batch, "按责任单位分别开具整改通知书")
        self.serve_action = act("登记送达", self._on_serve, "登记整改通知书的送达情况")
        self.reinspect_action = act("复查/销号", self._on_reinspect, "登记复查结果，合格即销号")
        self.toolbar.addSeparator()
        self.export_action = act("导出台账…", self._on_export, "按当前筛选导出Excel（Ctrl+E）")
        self.print_action = act("打印台账…", self._on_print, "按当前筛选生成PDF")

        self.counts_label = QLabel()
        self.overdue_label = QLabel()
        counts = QHBoxLayout()
        counts.addWidget(self.counts_label)
        counts.addWidget(self.overdue_label)
        counts.addStretch(1)

        self.table = record_table(
            self.model,
            self.model.columns,
            sorting=True,
            indicator=(self.model.column_of(self.model.query.sort), Qt.SortOrder.DescendingOrder),
            selection=Selection.ExtendedSelection,
            movable=True,
        )
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._keep_sort_indicator)
        self.detail = IssueDetailPanel()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([720, 360])

        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.toolbar)
        layout.addLayout(counts)
        layout.addWidget(self.splitter, 1)

        self.filters.changed.connect(self.apply_filters)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._on_selection())
        self.table.doubleClicked.connect(lambda _i: self._on_double_click())
        self.detail.document_requested.connect(self.open_document)
        self.detail.photo_requested.connect(self.show_photo)
        self.detail.add_photo_requested.connect(self._on_add_photo)
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.filters.search.setFocus),
            (QKeySequence.StandardKey.New, self._on_add),
            (QKeySequence.StandardKey.Print, self._on_notice),
            (QKeySequence("Ctrl+E"), self._on_export),
            (QKeySequence(QKeySequence.StandardKey.Refresh), self.apply_filters),
            (QKeySequence.StandardKey.Delete, self._on_delete),
        ):
            QShortcut(keys, self, activated=slot)

    def _keep_sort_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        """A column the database can't sort by (描述, 文书号) leaves the sort as it was."""
        if 0 <= column < len(self.model.columns) and self.model.columns[column].sort_key:
            return
        header = self.table.horizontalHeader()
        order = (
            Qt.SortOrder.DescendingOrder
            if self.model.query.descending
            else Qt.SortOrder.AscendingOrder
        )
        header.blockSignals(True)
        header.setSortIndicator(self.model.column_of(self.model.query.sort), order)
        header.blockSignals(False)

    def _action(self, text: str, slot: Callable[[], Any], tip: str = "") -> QAction:
        return toolbar_action(self, self.toolbar, text, slot, tip)

    # ---- queries and selection ---------------------------------------------------------
    def query(self) -> IssueQuery:
        """The on-screen filter with the table's sort: exactly what the table shows."""
        return self.filters.query(self.model.query.sort, self.model.query.descending)

    def apply_filters(self) -> None:
        """Query for the filters. With jobs on, the search runs in a worker thread (some
        filters scan 200,000 issues for half a second) and only the newest answer shows."""
        q, issues = self.query(), self._services.issues

        def work() -> tuple[list[int], StatusCounts, int]:
            generation = issues.generation()
            return issues.search_ids(q), issues.counts(q), generation

        if self._search.background:
            self.counts_label.setText("正在查询…")
        self._search.run(
            work,
            lambda r: self._show_search(q, *r),
            self._on_search_error,
        )

    def _on_search_error(self, exc: Exception) -> None:
        if not isinstance(exc, PropDeskError):
            raise exc  # a bug: to the crash dialog, as on the UI thread
        self._messages.warn(exc.message)

    def _show_search(
        self, q: IssueQuery, ids: Sequence[int], counts: StatusCounts, generation: int
    ) -> None:
        self.model.show_result(q, ids, generation)
        parts = [f"{s.label} {counts.by_status.get(s, 0)}" for s in IssueStatus]
        self.counts_label.setText(f"共 {counts.total} 个问题：" + " · ".join(parts))
        self.overdue_label.setText(f"· 逾期 {counts.overdue}")
        set_role(self.overdue_label, "overdue" if counts.overdue else None)

    def refresh(self, select: Sequence[int] | None = None) -> None:
        """Re-read after a write, keeping (or setting) the selection."""
        self._pending = list(select) if select is not None else None
        self._reload_choices()
        self.apply_filters()

    def _reload_choices(self) -> None:
        """Refill the pickers (20,000 communities take ~170 ms) only after a write."""
        generation = self._services.issues.generation()
        if generation != self._choices_generation:
            self.filters.reload_choices(self._services)
            self._choices_generation = generation

    def activate(self) -> None:
        self._reload_choices()
        stale = self.model.generation != self._services.issues.generation()
        if not self.model.loaded or stale or self.model.today != self._services.issues.today():
            self.apply_filters()

    def selected_rows(self) -> list[int]:
        """Rows read from the selection's ranges: rows are always selected whole here, and
        QItemSelectionModel.selectedRows would ask the model for every cell's flags."""
        rows: set[int] = set()
        for r in self.table.selectionModel().selection():
            rows.update(range(r.top(), r.bottom() + 1))
        return sorted(rows)

    def selected_ids(self) -> list[int]:
        return [i for i in (self.model.id_at(r) for r in self.selected_rows()) if i is not None]

    def current_id(self) -> int | None:
        sm = self.table.selectionModel()
        current = self.table.currentIndex()
        if current.isValid() and sm.isRowSelected(current.row()):
            return self.model.id_at(current.row())
        rows = self.selected_rows()
        return self.model.id_at(rows[0]) if rows else None

    def select_ids(self, ids: Sequence[int], current: int | None = None) -> None:
        """Select these issues (those still in the table) and make `current` the one shown."""
        pos = {issue_id: row for row, issue_id in enumerate(self.model.ids())} if ids else {}
        rows = sorted(pos[i] for i in ids if i in pos)
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        start = 0
        for k, row in enumerate(rows):  # one range per run of adjacent rows
            if k + 1 == len(rows) or rows[k + 1] != row + 1:
                selection.select(self.model.index(rows[start], 0), self.model.index(row, last))
                start = k + 1
        sm = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        sm.select(selection, flags.ClearAndSelect | flags.Rows)
        target = current if current in pos else next((i for i in ids if i in pos), None)
        if target is not None:
            index = self.model.index(pos[target], 0)
            sm.setCurrentIndex(index, flags.NoUpdate)
            self.table.scrollTo(index)
        self._on_selection()

    def _remember_selection(self) -> None:
        self._keep = (self.selected_ids(), self.current_id())

    def _restore_selection(self) -> None:
        ids, current = self._keep
        if self._pending is not None:
            ids, current = self._pending, None
            self._pending = None
        self.select_ids(ids, current)

    def _statuses(self, ids: Sequence[int]) -> list[IssueStatus] | None:
        """The statuses of the selected issues (None for a selection too big to check)."""
        if len(ids) > MAX_CHECKED:
            return None
        records = (self.model.record(self.model.row_of(i)) for i in ids)
        return [r.status for r in records if r is not None]

    def _update_actions(self) -> None:
        ids = self.selected_ids()
        statuses = self._statuses(ids)
        one = statuses[0] if statuses and len(ids) == 1 else None

        def all_in(states: frozenset[IssueStatus]) -> bool:
            return bool(ids) and (statuses is None or all(s in states for s in statuses))

        self.edit_action.setEnabled(one is not None and one is not IssueStatus.CLOSED)
        self.delete_action.setEnabled(one is IssueStatus.OPEN)
        self.report_action.setEnabled(one is not None and one in OPEN_STATES)
        self.notice_action.setEnabled(all_in(NOTICE_STATES))
        self.batch_action.setEnabled(all_in(NOTICE_STATES))
        self.serve_action.setEnabled(one is IssueStatus.NOTIFIED)
        self.reinspect_action.setEnabled(all_in(REINSPECTABLE))

    def _on_selection(self) -> None:
        self._update_actions()
        self.show_current()

    @guarded()
    def show_current(self) -> None:
        issue_id = self.current_id()
        if issue_id is None:
            n = len(self.selected_ids())
            self.detail.clear(f"已选 {n} 个问题" if n else "选择一条问题查看详情")
            return
        issues = self._services.issues
        self.detail.show_issue(
            issues.get(issue_id),
            self.model.record(self.model.row_of(issue_id)),
            issues.timeline(issue_id),
            self._services.attachments.list(issue_id),
            issues.today(),
        )

    # ---- state -------------------------------------------------------------------------
    def save_state(self, state: UiState) -> None:
        state.save_header(STATE_KEY, self.table.horizontalHeader())
        state.save_splitter(STATE_KEY, self.splitter)

    def restore_state(self, state: UiState) -> None:
        state.restore_header(STATE_KEY, self.table.horizontalHeader())
        state.restore_splitter(STATE_KEY, self.splitter)
