"""The 业委会 page: coverage (组建率) against the target, filters, one row per community,
and a detail panel with the current body and the ones before it. The actions along the
formation (申请 → 筹备组 → 首次业主大会 → 选举 → 备案) are in governance_actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
)
from shiboken6 import isValid

from app.domain.errors import PropDeskError
from app.domain.governance import (
    Coverage,
    GovernanceQuery,
    GovernanceRow,
    Stage,
)
from app.services import Services
from app.ui.common.fields import IdCombo
from app.ui.common.messages import MessageService
from app.ui.common.page import Page
from app.ui.common.tables import record_table, select_row, toolbar_action
from app.ui.governance.actions import GovernanceActions
from app.ui.governance.coverage import CoverageStrip
from app.ui.governance.detail import GovernanceDetailPanel
from app.ui.governance.table_model import GovernanceTableModel
from app.ui.issues.page import TOOLBAR_STYLE
from app.ui.search_runner import SearchRunner
from app.ui.state import UiState

STATE_KEY = "governance"
KINDS = [("全部", ""), ("业委会", "committee"), ("物管会", "interim"), ("筹备组", "prep_group"),
         ("无", "none")]  # fmt: skip
Result = tuple[int, list[GovernanceRow], tuple[Coverage, list[Coverage], int] | None]


class GovernancePage(GovernanceActions, Page):
    title = "业委会"

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
        self._generation = -1  # of the rows shown
        self._all_rows: list[GovernanceRow] | None = None
        self._all_key: tuple[int, Any] = (-1, None)
        self._coverage_generation = -1
        self._choices_generation = -1
        self._pending: int | None = None  # the community to select after the next load
        self.model = GovernanceTableModel(services.ctx.today())
        # no parent: an answer arriving after the page is gone finds a live runner
        self._search = SearchRunner(None, background=jobs)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.apply_filters)
        self._build()
        self._update_actions()
        if state is not None:
            self.restore_state(state)

    # ---- view ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.coverage = CoverageStrip()
        self.coverage_label, self.hood_coverage = self.coverage.total, self.coverage.hoods
        self.coverage.link.connect(self._on_coverage_link)

        self.search = QLineEdit(placeholderText="搜索小区名称（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.stage = QComboBox()
        self.stage.addItem("全部", None)
        for s in Stage:
            self.stage.addItem(s.label, s.value)
        self.neighborhood = IdCombo("全部")
        self.kind = QComboBox()
        for text, value in KINDS:
            self.kind.addItem(text, value)
        self.overdue = QCheckBox("有逾期节点")
        self.uncovered = QCheckBox("可组建未覆盖")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for text, combo in (("阶段", self.stage), ("社区", self.neighborhood), ("组织", self.kind)):
            filters.addWidget(QLabel(text))
            filters.addWidget(combo, 1)
        filters.addWidget(self.overdue)
        filters.addWidget(self.uncovered)

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setStyleSheet(TOOLBAR_STYLE)
        act = self._action
        self.start_action = act(
            "启动组建（业主申请）", self._on_start, "登记业主书面申请（Ctrl+N）"
        )
        self.prep_action = act("登记筹备组成立", self._on_prep)
        self.dates_action = act(
            "登记步骤日期", self._on_dates, "公告、首次业主大会、业委会首次会议"
        )
        self.elect_action = act("登记选举结果", self._on_elect, "选举或换届选举产生业委会")
        self.file_action = act("备案", self._on_file, "登记备案日期和备案编号")
        self.add_member_action = QAction("增加成员…", self)
        self.add_member_action.triggered.connect(lambda _c=False: self._on_add_member())
        self.edit_member_action = QAction("修改成员信息…", self)
        self.edit_member_action.triggered.connect(lambda _c=False: self._on_edit_member())
        self.end_member_action = QAction("成员离任…", self)
        self.end_member_action.triggered.connect(lambda _c=False: self._on_end_member())
        menu = QMenu(self)
        menu.addActions([self.add_member_action, self.edit_member_action, self.end_member_action])
        self.members_button = QToolButton(text="成员增减")
        self.members_button.setMenu(menu)
        self.members_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.members_button)
        self.interim_action = act("成立物管会", self._on_interim, "成立物业管理委员会")
        self.dissolve_action = act("解散/终止", self._on_dissolve, "登记组织解散或终止")
        self.toolbar.addSeparator()
        self.print_action = act("打印备案表", self._on_print, "业主委员会备案表PDF（Ctrl+P）")
        self.export_action = act("导出台账…", self._on_export, "按当前筛选导出Excel（Ctrl+E）")
        self.count = QLabel()

        # sorted by the service (社区, 小区) until a header is clicked
        self.table = record_table(
            self.model,
            self.model.columns,
            sorting=True,
            indicator=(-1, Qt.SortOrder.AscendingOrder),
        )
        self.detail = GovernanceDetailPanel()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([380, 300])

        bar = QHBoxLayout()
        bar.addWidget(self.toolbar, 1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.coverage)
        layout.addLayout(filters)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.stage, self.neighborhood, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for box in (self.overdue, self.uncovered):
            box.toggled.connect(lambda _c: self.apply_filters())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._on_selection())
        self.detail.audit_requested.connect(self._on_complete_audit)
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.search.setFocus),
            (QKeySequence.StandardKey.New, self._on_start),
            (QKeySequence.StandardKey.Print, self._on_print),
            (QKeySequence("Ctrl+E"), self._on_export),
            (QKeySequence(QKeySequence.StandardKey.Refresh), self.apply_filters),
        ):
            QShortcut(keys, self, activated=slot)

    def _action(self, text: str, slot: Callable[[], Any], tip: str = "") -> QAction:
        return toolbar_action(self, self.toolbar, text, slot, tip)

    # ---- loading ---------------------------------------------------------------------------
    def query(self) -> GovernanceQuery:
        stage = self.stage.currentData()
        return GovernanceQuery(
            text=self.search.text().strip(),
            stage=Stage(stage) if stage else None,
            neighborhood_id=self.neighborhood.value(),
            kind=self.kind.currentData() or "",
            overdue_only=self.overdue.isChecked(),
            uncovered_only=self.uncovered.isChecked(),
        )

    def apply_filters(self) -> None:
        """Show the rows for the filters. Every community's row is computed once per data
        generation (off the UI thread when jobs are on: 20,000 communities take about half a
        second); changing a filter then only sieves the rows already held."""
        q, gov = self.query(), self._services.governance
        today = self._services.ctx.today()
        if self._all_rows is not None and self._all_key == (gov.generation(), today):
            rows = [r for r in self._all_rows if gov.matches(r, q)]
            self._show((self._all_key[0], rows, None))
            return

        def work() -> tuple[int, list[GovernanceRow], Any]:
            generation = gov.generation()
            everything = gov.rows()
            total, parts = gov.coverage(everything)
            lapsed = sum(1 for r in everything if r.stage is Stage.TERM_OVERDUE)
            return generation, everything, (total, parts, lapsed)

        def done(result: tuple[int, list[GovernanceRow], Any]) -> None:
            if not isValid(self):
                return
            generation, everything, cov = result
            self._all_rows, self._all_key = everything, (generation, today)
            rows = [r for r in everything if gov.matches(r, self.query())]
            self._show((generation, rows, cov))

        if self._search.background:
            self.count.setText("正在查询…")
        self._search.run(work, done, self._on_search_error)

    def _on_search_error(self, exc: Exception) -> None:
        if not isValid(self):
            return  # the page was closed while the search ran (the database may be too)
        if not isinstance(exc, PropDeskError):
            raise exc  # a bug: to the crash dialog, as on the UI thread
        self._messages.warn(exc.message)

    def _show(self, result: Result) -> None:
        if not isValid(self):
            return  # the page was closed while the search ran
        generation, rows, cov = result
        keep = self._pending if self._pending is not None else self.selected_id()
        self._pending = None
        self._generation = generation
        self.model.set_rows(rows, self._services.ctx.today())
        self.count.setText(f"共 {len(rows)} 个小区")
        if cov is not None:
            self._coverage_generation = generation
            self.show_coverage(*cov)
        if keep is not None:
            self.select_community(keep)
        self._on_selection()

    def show_coverage(self, total: Coverage, parts: list[Coverage], lapsed: int) -> None:
        ids = {name: nid for nid, name in self._services.communities.neighborhoods()}
        self.coverage.show_coverage(total, parts, lapsed, ids)

    def _on_coverage_link(self, href: str) -> None:
        if href == "lapsed":
            self.set_filters(stage=Stage.TERM_OVERDUE)
        elif href.startswith("hood:"):
            nid = href.removeprefix("hood:")
            self.show_uncovered(int(nid) if nid else None)

    def show_uncovered(self, neighborhood_id: int | None) -> None:
        """The communities behind a coverage figure: eligible, with no filed committee or
        interim committee, in that neighbourhood (None: all)."""
        self.set_filters(neighborhood_id=neighborhood_id, uncovered=True)

    def set_filters(
        self,
        *,
        stage: Stage | None = None,
        neighborhood_id: int | None = None,
        uncovered: bool = False,
    ) -> None:
        """Set every filter at once (the others cleared) and load once."""
        widgets = (self.search, self.stage, self.neighborhood, self.kind, self.overdue,
                   self.uncovered)  # fmt: skip
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        self.stage.setCurrentIndex(max(0, self.stage.findData(stage.value if stage else None)))
        self.neighborhood.set_value(neighborhood_id)
        self.kind.setCurrentIndex(0)
        self.overdue.setChecked(False)
        self.uncovered.setChecked(uncovered)
        for w in widgets:
            w.blockSignals(False)
        self.apply_filters()

    def reload_choices(self) -> None:
        self.neighborhood.blockSignals(True)
        self.neighborhood.set_choices(self._services.communities.neighborhoods())
        self.neighborhood.blockSignals(False)
        self._choices_generation = self._services.governance.generation()

    def refresh(self, select: int | None = None) -> None:
        """Re-read after a write, keeping (or setting) the selected community."""
        self._pending = select
        self.apply_filters()

    def activate(self) -> None:
        generation = self._services.governance.generation()
        if generation != self._choices_generation:
            self.reload_choices()
        if generation != self._generation or self.model.today != self._services.ctx.today():
            self.apply_filters()

    # ---- selection -------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        row = self.current_row()
        return row.community_id if row else None

    def current_row(self) -> GovernanceRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def select_community(self, community_id: int) -> bool:
        return select_row(self.table, self.model.row_of(community_id))

    def _on_selection(self) -> None:
        self._update_actions()
        self.show_current()

    def today(self) -> date:
        return self._services.ctx.today()

    # ---- state -----------------------------------------------------------------------------
    def save_state(self, state: UiState) -> None:
        state.save_header(STATE_KEY, self.table.horizontalHeader())
        state.save_splitter(STATE_KEY, self.splitter)

    def restore_state(self, state: UiState) -> None:
        state.restore_header(STATE_KEY, self.table.horizontalHeader())
        state.restore_splitter(STATE_KEY, self.splitter)
