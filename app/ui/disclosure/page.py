"""The 信息公示 page: filters, one row per community (公示情况, 逾期事项, 最近检查), the 公示率
per neighbourhood and per company against the pack's target, and the selected community's
items and check visits. The actions (登记检查, 生成问题, printing, export) are in
disclosure_actions."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter

from app.domain.disclosure import DisclosureQuery, DisclosureRow, RateRow
from app.ui.common.feature_page import FeaturePage, splitter
from app.ui.common.tables import record_table
from app.ui.disclosure.actions import DisclosureActions
from app.ui.disclosure.detail import DisclosureDetailPanel
from app.ui.disclosure.filters import DisclosureFilterBar
from app.ui.disclosure.rates import RatesPanel
from app.ui.disclosure.table_model import DisclosureTableModel
from app.ui.errors import guarded

Rates = tuple[list[RateRow], list[RateRow]]


class DisclosurePage(DisclosureActions, FeaturePage):
    title = "信息公示"
    state_key = "disclosure"

    # ---- view ------------------------------------------------------------------------------
    def _build(self) -> None:
        self._all_rows: list[DisclosureRow] | None = None
        self._all_key: tuple[int, date | None] = (-1, None)
        self._choices_generation = -1
        self._pending: int | None = None  # the community to select after the next load
        self._pending_check: int | None = None  # and the visit to show
        self.model = DisclosureTableModel(self._services.ctx.rules.disclosure.target_rate)
        self.filters = DisclosureFilterBar()
        act = self._action
        self.check_action = act("登记检查", self._on_check, "登记一次信息公示检查（Ctrl+N）")
        self.toolbar.addSeparator()
        self.blank_one_action = QAction("空白表（所选小区）", self)
        self.blank_all_action = QAction("空白表（筛选结果全部小区）", self)
        self.filled_action = QAction("本次检查结果", self)
        self.checklist_button = self._menu_button(
            "打印检查表",
            "信息公示检查表PDF：空白表供现场勾选，或所选检查的结果（Ctrl+P）",
            [
                (self.blank_one_action, lambda: self.print_checklist("one")),
                (self.blank_all_action, lambda: self.print_checklist("all")),
                (self.filled_action, lambda: self.print_checklist("filled")),
            ],
        )
        self.poster_a4_action = QAction("A4 纸", self)
        self.poster_a3_action = QAction("A3 纸", self)
        self.poster_button = self._menu_button(
            "打印公示牌",
            "所选小区的执法进小区公示牌PDF（职能部门、职责和联系电话）",
            [
                (self.poster_a4_action, lambda: self.print_poster("A4")),
                (self.poster_a3_action, lambda: self.print_poster("A3")),
            ],
        )
        self.export_action = self._export_action()
        self.toolbar.addSeparator()
        self.items_action = act("检查事项设置", self._on_items, "启用、停用检查事项，增加本地事项")
        self.refresh_action = act("刷新", self.reload, "重新读取（F5）")
        self.count = self.status

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
        self.top = splitter(Qt.Orientation.Horizontal, [self.table, self.rates], [1, 0], [780, 420])
        self.detail = DisclosureDetailPanel()
        self.splitter = splitter(
            Qt.Orientation.Vertical, [self.top, self.detail], [1, 1], [300, 320]
        )
        self._assemble()

        self.filters.changed.connect(self.apply_filters)
        self.rates.group.connect(self._on_group)
        self.detail.photo_requested.connect(self._on_photo)
        self.detail.issue_requested.connect(self._on_issue)
        self.detail.check_selected.connect(self._update_actions)
        self._shortcuts(
            new=self._on_check, print_=self.checklist_button.showMenu, refresh=self.reload
        )

    def _splitters(self) -> dict[str, QSplitter]:
        return {"": self.splitter, "_top": self.top}

    # ---- loading ---------------------------------------------------------------------------
    def query(self) -> DisclosureQuery:
        return self.filters.query()

    def apply_filters(self) -> None:
        """Show the rows for the filters. Every community's row (14 items' states each) is
        computed once per data generation and day, off the UI thread when jobs are on;
        changing a filter then only sieves the rows already held."""
        q, disclosure = self.query(), self._services.disclosure
        today = self._services.ctx.today()
        if self._all_rows is not None and self._all_key == (disclosure.generation(), today):
            rows = [r for r in self._all_rows if disclosure.matches(r, q)]
            self._show(rows, None)
            return

        def work() -> tuple[int, list[DisclosureRow], Rates]:
            generation = disclosure.generation()
            everything = disclosure.rows()
            return generation, everything, disclosure.rates(everything)

        def done(result: tuple[int, list[DisclosureRow], Rates]) -> None:
            generation, everything, rates = result
            self._all_rows, self._all_key = everything, (generation, today)
            rows = [r for r in everything if disclosure.matches(r, self.query())]
            self._show(rows, rates)

        self._run_search(work, done)

    def _show(self, rows: list[DisclosureRow], rates: Rates | None) -> None:
        keep = self._pending if self._pending is not None else self.current_id()
        self._pending = None
        self.model.set_rows(rows, self._services.ctx.rules.disclosure.target_rate)
        total = len(self._all_rows or ())
        self.count.setText(
            f"共 {len(rows)} 个小区" + (f"（全部 {total} 个）" if len(rows) != total else "")
        )
        if rates is not None:
            self.rates.show_rates(*rates)
        if keep is not None:
            self.select_id(keep)
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
        generation, today = disclosure.generation(), self._services.ctx.today()
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
        if self._all_key != (disclosure.generation(), self._services.ctx.today()):
            self.apply_filters()

    # ---- selection -------------------------------------------------------------------------
    def current_row(self) -> DisclosureRow | None:
        community_id = self.current_id()
        return self.model.record(self.model.row_of(community_id)) if community_id else None

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
        checks = self._services.disclosure.checks(r.community_id)
        self.detail.show_community(r, checks, self._services.ctx.today(), keep)
