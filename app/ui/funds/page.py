"""The 维修资金 page: filters, the totals of what they show, the request table and the detail
of the selected request. The actions along the chain (表决 → 社区初审 → 乡镇审核 → 报县住建局
→ 核准 → 拨付 → 竣工验收 → 决算公示 → 办结) are in fund_actions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt

from app.domain.amounts import yuan
from app.domain.fund_records import FundQuery, FundTotals, FundView
from app.ui.common.feature_page import FeaturePage, splitter
from app.ui.common.tables import record_table
from app.ui.errors import guarded
from app.ui.funds.actions import FundActions
from app.ui.funds.detail import FundDetailPanel
from app.ui.funds.filters import FundFilterBar
from app.ui.funds.table_model import FundTableModel


def totals_text(t: FundTotals) -> str:
    return (
        f"共 {t.count} 件　申请金额 ¥{yuan(t.requested_fen)}　"
        f"核准金额 ¥{yuan(t.approved_fen)}　已拨付 ¥{yuan(t.disbursed_fen)}"
    )


class FundsPage(FundActions, FeaturePage):
    title = "维修资金"
    state_key = "funds"

    # ---- view ----------------------------------------------------------------------------
    def _build(self) -> None:
        self._pending: int | None = None  # the request to select after the next load
        self._choices_generation = -1
        self.view: FundView | None = None
        self._expect: int | None = None
        self.model = FundTableModel(self._services.funds, self._services.ctx.today)
        self.filters = FundFilterBar()
        act = self._action
        self.new_action = act("新建申请", self._on_new, "登记一项维修资金使用申请（Ctrl+N）")
        self.edit_action = act("修改", self._on_edit, "修改申请内容（审核前或退回补正后）")
        self.delete_action = act("删除", self._on_delete, "删除草拟阶段的申请（Del）")
        self.toolbar.addSeparator()
        self.vote_action = act("登记表决结果", self._on_vote, "登记业主表决的面积和人数")
        self.next_action = act("下一步", self._on_next)
        self.send_back_action = act("退回补正", self._on_send_back, "退回申请人补正材料")
        self.reject_action = act("不予核准", self._on_reject, "终止申请（须说明理由）")
        self.disburse_action = act("登记拨付", self._on_disburse, "登记一笔拨付款项")
        self.toolbar.addSeparator()
        self.split_action = act("分摊明细", self._on_split, "导入房屋清单，按面积分摊维修费用")
        self.print_action = act(
            "打印审核表", self.print_review_form, "专项维修资金使用申请审核表PDF（Ctrl+P）"
        )
        self.export_action = self._export_action()
        self.refresh_action = act("刷新", self.apply_filters, "重新读取（F5）")

        self.totals = self.status
        self.totals.setObjectName("fund_totals")
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = record_table(
            self.model,
            self.model.columns,
            sorting=True,
            indicator=(self.model.column_of(self.model.query.sort), Qt.SortOrder.DescendingOrder),
            row_numbers=False,
            movable=True,
        )
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._keep_sort_indicator)
        self.detail = FundDetailPanel()
        self.splitter = splitter(
            Qt.Orientation.Vertical, [self.table, self.detail], [2, 3], [260, 400]
        )
        self._assemble()

        self.filters.changed.connect(self.apply_filters)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.table.doubleClicked.connect(lambda _i: self._on_edit())
        self.detail.material_requested.connect(self._on_material)
        self.detail.scan_requested.connect(self._on_scan)
        self.detail.reverse_requested.connect(self._on_reverse)
        self._shortcuts(new=self._on_new, print_=self.print_review_form, delete=self._on_delete)

    # ---- loading -------------------------------------------------------------------------
    def query(self) -> FundQuery:
        """The on-screen filter with the table's sort: exactly what the table shows."""
        return self.filters.query(self.model.query.sort, self.model.query.descending)

    def apply_filters(self) -> None:
        """Query for the filters (in a worker thread when jobs are on; only the newest
        answer shows): the ids in order and the totals of the same filter."""
        q, funds = self.query(), self._services.funds

        def work() -> tuple[list[int], FundTotals, int]:
            generation = funds.generation()
            return funds.search_ids(q), funds.totals(q), generation

        self._run_search(work, lambda r: self._show_search(q, *r))

    def _show_search(
        self, q: FundQuery, ids: Sequence[int], totals: FundTotals, generation: int
    ) -> None:
        self.model.show_result(q, ids, generation)
        self.totals.setText(totals_text(totals))
        expected, self._expect = self._expect, None
        if expected is not None and self.model.row_of(expected) < 0:
            self._messages.info(
                "申请已保存，但不符合当前筛选条件，表中未显示；可点击“清除筛选”查看。"
            )

    def refresh(self, select: int | None = None) -> None:
        """Re-read after a write, keeping (or setting) the selected request."""
        self._pending = select
        self._reload_choices()
        self.apply_filters()

    def _reload_choices(self) -> None:
        generation = self._services.funds.generation()
        if generation != self._choices_generation:
            self.filters.reload_choices(self._services.communities)
            self._choices_generation = generation

    def activate(self) -> None:
        self._reload_choices()
        funds = self._services.funds
        stale = self.model.generation != funds.generation()
        if not self.model.loaded or stale or self.model.today != self._services.ctx.today():
            self.apply_filters()

    # ---- selection -----------------------------------------------------------------------
    def _remember_selection(self) -> None:
        if self._pending is None:
            self._pending = self.current_id()

    def _restore_selection(self) -> None:
        keep, self._pending = self._pending, None
        if keep is None or not self.select_id(keep):
            self._on_selection()

    @guarded()
    def show_current(self) -> None:
        request_id = self.current_id()
        self.view = None
        if request_id is None:
            self.detail.clear()
            return
        funds = self._services.funds
        self.view = funds.get(request_id)
        self.detail.show_request(self.view, funds.rules, self._services.ctx.today())
