"""The 信息公示 page: filters, one row per community (公示情况, 逾期事项, 最近检查), the 公示率
per neighbourhood and per company against the pack's target, and the selected community's
items and check visits. The actions (登记检查, 生成问题, printing, export) are in
disclosure_actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
)
from shiboken6 import isValid

from app.domain.disclosure import DisclosureQuery, DisclosureRow, RateRow
from app.domain.errors import PropDeskError
from app.services import Services
from app.ui.common.messages import MessageService
from app.ui.common.page import Page
from app.ui.common.tables import record_table, select_row, toolbar_action
from app.ui.disclosure.actions import DisclosureActions
from app.ui.disclosure.detail import DisclosureDetailPanel
from app.ui.disclosure.filters import DisclosureFilterBar
from app.ui.disclosure.rates import RatesPanel
from app.ui.disclosure.table_model import DisclosureTableModel
from app.ui.errors import guarded
from app.ui.issues.page import TOOLBAR_STYLE
from app.ui.search_runner import SearchRunner
from app.ui.state import UiState

STATE_KEY = "disclosure"
Rates = tuple[list[RateRow], list[RateRow]]


class DisclosurePage(DisclosureActions, Page):
    title = "信息公示"

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
        self._all_rows: list[DisclosureRow] | None = None
        self._all_key: tuple[int, date | None] = (-1, None)
        self._choices_generation = -1
        self._pending: int | None = None  # the community to select after the next load
        self._pending_check: int | None = None  # and the visit to show
        self.model = DisclosureTableModel(services.ctx.rules.disclosure.target_rate)
        # no parent: an answer arriving after the page is gone finds a live runner
        self._search = SearchRunner(None, background=jobs)
        self._build()
        self._update_actions()
        if state is not None:
            self.restore_state(state)

    # ---- view ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.filters = DisclosureFilterBar()
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setStyleSheet(TOOLBAR_STYLE)
        act = self._action
        self.check_action = act("登记检查", self._on_check, "登记一次信息公示检查（Ctrl+N）")
        self.toolbar.addSeparator()
        self.blank_one_action = QAction("空白表（所选小区）", self)
        self.blank_all_action = QAction("空白表（筛选结果全部小区）", self)
        self.filled_action = QAction("本次检查结果", self)
        self.checklist_button = self._menu_button(
            "打印检查表", "信息公示检查表PDF：空白表供现场勾选，或所选检查的结果（Ctrl+P）",
            [(self.blank_one_action, lambda: self.print_checklist("one")),
             (self.blank_all_action, lambda: self.print_checklist("all")),
             (self.filled_action, lambda: self.print_checklist("filled"))],
        )  # fmt: skip
        self.poster_a4_action = QAction("A4 纸", self)
        self.poster_a3_action = QAction("A3 纸", self)
        self.poster_button = self._menu_button(
            "打印公示牌", "所选小区的执法进小区公示牌PDF（职能部门、职责和联系电话）",
            [(self.poster_a4_action, lambda: self.print_poster("A4")),
             (self.poster_a3_action, lambda: self.print_poster("A3"))],
        )  # fmt: skip
        self.export_action = act("导出台账…", self._on_export, "按当前筛选导出Excel（Ctrl+E）")
        self.toolbar.addSeparator()
        self.items_action = act("检查事项设置", self._on_items, "启用、停用检查事项，增加本地事项")
        self.refresh_action = act("刷新", self.reload, "重新读取（F5）")
        self.count = QLabel()

        # sorted by the service (社区, 小区) until a header is clicked
        self.table = record_table(
            self.model,
            self.model.columns,
            sorting=True,
            indicator=(-1, Qt.SortOrder.AscendingOrder),
            row_numbers=False,
            movable=True,
            stretch_last=True,
        )
        self.rates = RatesPanel()
        self.top = QSplitter(Qt.Orientation.Horizontal)
        self.top.addWidget(self.table)
        self.top.addWidget(self.rates)
        self.top.setStretchFactor(0, 1)
        self.top.setSizes([780, 420])
        self.detail = DisclosureDetailPanel()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.top)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 320])

        bar = QHBoxLayout()
        bar.addWidget(self.toolbar, 1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self.filters.changed.connect(self.apply_filters)
        self.rates.group.connect(self._on_group)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._on_selection())
        self.detail.photo_requested.connect(self._on_photo)
        self.detail.issue_requested.connect(self._on_issue)
        self.detail.check_selected.connect(self._update_actions)
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.filters.search.setFocus),
            (QKeySequence.StandardKey.New, self._on_check),
            (QKeySequence.StandardKey.Print, self.checklist_button.showMenu),
            (QKeySequence("Ctrl+E"), self._on_export),
            (QKeySequence(QKeySequence.StandardKey.Refresh), self.reload),
        ):
            QShortcut(keys, self, activated=slot)

    def _action(self, text: str, slot: Callable[[], Any], tip: str = "") -> QAction:
        return toolbar_action(self, self.toolbar, text, slot, tip)

    def _menu_button(
        self, text: str, tip: str, entries: list[tuple[QAction, Callable[[], Any]]]
    ) -> QToolButton:
        menu = QMenu(self)
        for action, slot in entries:
            action.triggered.connect(lambda _c=False, s=slot: s())
            menu.addAction(action)
        button = QToolButton(text=text)
        button.setToolTip(tip)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(button)
        return button

    # ---- loading ---------------------------------------------------------------------------
    def query(self) -> DisclosureQuery:
        return self.filters.query()

    def apply_filters(self) -> None:
        """Show the rows for the filters. Every community's row (14 items' states each) is
        computed once per data generation and day, off the UI thread when jobs are on;
        changing a filter then only sieves the rows already held."""
        q, disclosure = self.query(), self._services.disclosure
        today = disclosure.today()
        if self._all_rows is not None and self._all_key == (disclosure.generation(), today):
            rows = [r for r in self._all_rows if disclosure.matches(r, q)]
            self._show(rows, None)
            return

        def work() -> tuple[int, list[DisclosureRow], Rates]:
            generation = disclosure.generation()
            everything = disclosure.rows()
            return generation, everything, disclosure.rates(everything)

        def done(result: tuple[int, list[DisclosureRow], Rates]) -> None:
            if not isValid(self):
                return
            generation, everything, rates = result
            self._all_rows, self._all_key = everything, (generation, today)
            rows = [r for r in everything if disclosure.matches(r, self.query())]
            self._show(rows, rates)

        if self._search.background:
            self.count.setText("正在查询…")
        self._search.run(work, done, self._on_search_error)

    def _on_search_error(self, exc: Exception) -> None:
        if not isValid(self):
            return  # the page was closed while the search ran (the database may be too)
        if not isinstance(exc, PropDeskError):
            raise exc  # a bug: to the crash dialog, as on the UI thread
        self._messages.warn(exc.message)

    def _show(self, rows: list[DisclosureRow], rates: Rates | None) -> None:
        keep = self._pending if self._pending is not None else self.selected_id()
        self._pending = None
        self.model.set_rows(rows, self._services.ctx.rules.disclosure.target_rate)
        total = len(self._all_rows or ())
        self.count.setText(f"共 {len(rows)} 个小区" + (f"（全部 {total} 个）"
                                                      if len(rows) != total else ""))  # fmt: skip
        if rates is not None:
            self.rates.show_rates(*rates)
        if keep is not None:
            self.select_community(keep)
        self._on_selection()

    def reload(self) -> None:
        """Recompute every row (F5): also after a change made elsewhere on the same day."""
        self._all_rows = None
        self.refresh()

    def refresh(
        self, select: int | None = None, check: int | None = None, *, changed: int | None = None
    ) -> None:
        """Re-read after a write, keeping (or setting) the selected community and visit.
        `changed`: the one community the caller's write touched (a visit, an issue made
        from it). When the rows held are exactly that one write behind, only its row is
        recomputed (a few ms, against ~10 s for a county of 20,000); otherwise every row."""
        self._pending = select
        self._pending_check = check
        self._reload_choices()
        if changed is not None and not self._update_one(changed):
            self._all_rows = None
        self.apply_filters()

    def _update_one(self, community_id: int) -> bool:
        disclosure = self._services.disclosure
        generation, today = disclosure.generation(), disclosure.today()
        held, (held_generation, held_day) = self._all_rows, self._all_key
        if held is None or held_day != today or generation != held_generation + 1:
            return False
        fresh = {r.community_id: r for r in disclosure.rows(community_ids=[community_id])}
        rows = [fresh.pop(r.community_id, r) for r in held]
        if fresh:  # a community the held rows did not have: recompute everything
            return False
        self._all_rows, self._all_key = rows, (generation, today)
        self.rates.show_rates(*disclosure.rates(rows))
        return True

    def _reload_choices(self) -> None:
        generation = self._services.disclosure.generation()
        if generation == self._choices_generation:
            return
        companies = [(c.id, c.fields.name) for c in self._services.companies.search()]
        self.filters.reload_choices(self._services.communities.neighborhoods(), companies)
        self._choices_generation = generation

    def activate(self) -> None:
        self._reload_choices()
        disclosure = self._services.disclosure
        if self._all_key != (disclosure.generation(), disclosure.today()):
            self.apply_filters()

    # ---- selection -------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        row = self.current_row()
        return row.community_id if row else None

    def current_row(self) -> DisclosureRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def select_community(self, community_id: int) -> bool:
        return select_row(self.table, self.model.row_of(community_id))

    def _on_selection(self) -> None:
        self.show_current()
        self._update_actions()

    @guarded()
    def show_current(self) -> None:
        r = self.current_row()
        keep = self._pending_check
        self._pending_check = None
        if r is None:
            self.detail.clear()
            return
        shown = self.detail.row
        if keep is None and shown is not None and shown.community_id == r.community_id:
            c = self.detail.selected_check()
            keep = c.id if c else None
        disclosure = self._services.disclosure
        self.detail.show_community(r, disclosure.checks(r.community_id), disclosure.today(), keep)

    # ---- state -----------------------------------------------------------------------------
    def save_state(self, state: UiState) -> None:
        state.save_header(STATE_KEY, self.table.horizontalHeader())
        state.save_splitter(STATE_KEY, self.splitter)
        state.save_splitter(f"{STATE_KEY}_top", self.top)

    def restore_state(self, state: UiState) -> None:
        state.restore_header(STATE_KEY, self.table.horizontalHeader())
        state.restore_splitter(STATE_KEY, self.splitter)
        state.restore_splitter(f"{STATE_KEY}_top", self.top)
