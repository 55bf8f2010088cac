"""The 业委会 page: coverage (组建率) against the target, filters, one row per community,
and a detail panel with the current body and the ones before it. The actions along the
formation (申请 → 筹备组 → 首次业主大会 → 选举 → 备案) are in governance_actions."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from app.domain.governance import Coverage, GovernanceQuery, GovernanceRow, Stage
from app.ui.common.feature_page import FeaturePage, splitter
from app.ui.common.tables import record_table
from app.ui.governance.actions import GovernanceActions
from app.ui.governance.coverage import CoverageStrip
from app.ui.governance.detail import GovernanceDetailPanel
from app.ui.governance.filters import GovernanceFilterBar
from app.ui.governance.table_model import GovernanceTableModel

Result = tuple[int, list[GovernanceRow], tuple[Coverage, list[Coverage], int] | None]


class GovernancePage(GovernanceActions, FeaturePage):
    title = "业委会"
    state_key = "governance"

    # ---- view ------------------------------------------------------------------------------
    def _build(self) -> None:
        self._generation = -1  # of the rows shown
        self._all_rows: list[GovernanceRow] | None = None
        self._all_key: tuple[int, Any] = (-1, None)
        self._coverage_generation = -1
        self._choices_generation = -1
        self._pending: int | None = None  # the community to select after the next load
        self.model = GovernanceTableModel(self._services.ctx.today())
        self.coverage = CoverageStrip()
        self.coverage_label, self.hood_coverage = self.coverage.total, self.coverage.hoods
        self.coverage.link.connect(self._on_coverage_link)
        self.filters = GovernanceFilterBar()

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
        self.edit_member_action = QAction("修改成员信息…", self)
        self.end_member_action = QAction("成员离任…", self)
        self.members_button = self._menu_button(
            "成员增减",
            "增加成员、修改成员信息或登记成员离任",
            [
                (self.add_member_action, self._on_add_member),
                (self.edit_member_action, self._on_edit_member),
                (self.end_member_action, self._on_end_member),
            ],
        )
        self.interim_action = act("成立物管会", self._on_interim, "成立物业管理委员会")
        self.dissolve_action = act("解散/终止", self._on_dissolve, "登记组织解散或终止")
        self.toolbar.addSeparator()
        self.print_action = act("打印备案表", self._on_print, "业主委员会备案表PDF（Ctrl+P）")
        self.export_action = self._export_action()
        self.count = self.status

        # sorted by the service (社区, 小区) until a header is clicked
        self.table = record_table(
            self.model,
            self.model.columns,
            sorting=True,
            indicator=(-1, Qt.SortOrder.AscendingOrder),
        )
        self.detail = GovernanceDetailPanel()
        self.splitter = splitter(
            Qt.Orientation.Vertical, [self.table, self.detail], [3, 2], [380, 300]
        )
        self._assemble(self.coverage)

        self.filters.changed.connect(self.apply_filters)
        self.detail.audit_requested.connect(self._on_complete_audit)
        self._shortcuts(new=self._on_start, print_=self._on_print)

    # ---- loading ---------------------------------------------------------------------------
    def query(self) -> GovernanceQuery:
        return self.filters.query()

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
            gov.ensure_term_audits()  # a lapsed term's 换届审计 first: a write, a new generation
            generation = gov.generation()  # (rows() then finds nothing due: one cheap read)
            everything = gov.rows()
            total, parts = gov.coverage(everything)
            lapsed = sum(1 for r in everything if r.stage is Stage.TERM_OVERDUE)
            return generation, everything, (total, parts, lapsed)

        def done(result: tuple[int, list[GovernanceRow], Any]) -> None:
            generation, everything, cov = result
            self._all_rows, self._all_key = everything, (generation, today)
            rows = [r for r in everything if gov.matches(r, self.query())]
            self._show((generation, rows, cov))

        self._run_search(work, done)

    def _show(self, result: Result) -> None:
        generation, rows, cov = result
        keep = self._pending if self._pending is not None else self.current_id()
        self._pending = None
        self._generation = generation
        self.model.set_rows(rows, self._services.ctx.today())
        self.count.setText(f"共 {len(rows)} 个小区")
        if cov is not None:
            self._coverage_generation = generation
            self.show_coverage(*cov)
        if keep is not None:
            self.select_id(keep)
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
        self.filters.set_filters(stage=stage, neighborhood_id=neighborhood_id, uncovered=uncovered)

    def reload_choices(self) -> None:
        self.filters.reload_choices(self._services.communities.neighborhoods())
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
    def current_row(self) -> GovernanceRow | None:
        community_id = self.current_id()
        return self.model.record(self.model.row_of(community_id)) if community_id else None

    def today(self) -> date:
        return self._services.ctx.today()
