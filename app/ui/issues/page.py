"""The 问题台账 page: filters, per-status counts, the issue table, the detail panel, and the
actions along the chain 登记 → 通知书 → 送达 → 整改 → 复查/销号."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.domain.enums import IssueStatus
from app.domain.issues import OPEN_STATES, REINSPECTABLE, IssueQuery, StatusCounts
from app.ui.common.feature_page import FeaturePage, splitter
from app.ui.common.style import set_role
from app.ui.common.tables import Selection, record_table
from app.ui.errors import guarded
from app.ui.issues.actions import IssueActions
from app.ui.issues.detail import IssueDetailPanel
from app.ui.issues.filters import IssueFilterBar
from app.ui.issues.table_model import IssueTableModel

NOTICE_STATES = frozenset({IssueStatus.OPEN, IssueStatus.NOTIFIED, IssueStatus.RECTIFYING})
MAX_CHECKED = 500  # a bigger selection is not pre-checked row by row; the service decides


class IssuesPage(IssueActions, FeaturePage):
    title = "问题台账"
    state_key = "issues"

    # ---- view --------------------------------------------------------------------------
    def _build(self) -> None:
        self._keep: tuple[list[int], int | None] = ([], None)
        self._pending: list[int] | None = None
        self._choices_generation = -1  # the pickers are filled on first show (start-up speed)
        self.model = IssueTableModel(self._services.issues, self._services.ctx.today)
        self.filters = IssueFilterBar(self._services.ctx.today())
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
        self.export_action = self._export_action()
        self.print_action = act("打印台账…", self._on_print, "按当前筛选生成PDF")

        self.counts_label = self.status
        self.overdue_label = QLabel()

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
        self.splitter = splitter(
            Qt.Orientation.Horizontal, [self.table, self.detail], [3, 1], [720, 360]
        )
        self._assemble(beside_status=self.overdue_label)

        self.filters.changed.connect(self.apply_filters)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.table.doubleClicked.connect(lambda _i: self._on_double_click())
        self.detail.document_requested.connect(self.open_document)
        self.detail.photo_requested.connect(self.show_photo)
        self.detail.add_photo_requested.connect(self._on_add_photo)
        self._shortcuts(new=self._on_add, print_=self._on_notice, delete=self._on_delete)

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

        self._run_search(work, lambda r: self._show_search(q, *r))

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
        if not self.model.loaded or stale or self.model.today != self._services.ctx.today():
            self.apply_filters()

    def _remember_selection(self) -> None:
        self._keep = (self.selected_ids(), self.current_id())

    def _restore_selection(self) -> None:
        ids, current = self._keep
        if self._pending is not None:
            ids, current = self._pending, None
            self._pending = None
        self.select_ids(ids, current)
        self._on_selection()

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
            self._services.ctx.today(),
        )
