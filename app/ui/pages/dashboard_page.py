"""工作台: the counts a clerk starts the day with, from every module."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout

from app.domain.community import CommunityQuery
from app.domain.enums import IssueStatus
from app.domain.errors import PropDeskError
from app.domain.issues import StatusCounts
from app.services import Services
from app.ui.common.page import Page
from app.ui.common.style import set_role
from app.ui.first_paint import FirstFrame
from app.ui.search_runner import SearchRunner

STARTUP_DELAY_MS = 400
WAITING_DAYS = 30
Others = tuple[int, int, str, bool, int]  # funds open/waiting, 公示率 text/ok, late places


class DashboardPage(Page):
    title = "工作台"

    def __init__(self, services: Services, *, background: bool = True) -> None:
        super().__init__()
        self._services = services
        # committee figures go over every community (~0.35 s for 20,000): off the UI thread
        self._search = SearchRunner(self, background=background)
        self._first = True
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        items = [
            ("communities", "在册小区"),
            ("companies", "物业服务企业"),
            ("filings", "五备案不全的小区"),
            ("expiring", "合同即将到期"),
            ("unmanaged", "无物业(失管)小区"),
            ("old", "老旧小区"),
            ("issues_open", "未销号问题"),
            ("issues_overdue", "逾期未整改问题"),
            ("issues_reinspect", "待复查问题"),
            ("coverage", "业委会（物管会）组建率"),
            ("committee_overdue", "组建/换届节点逾期的小区"),
            ("term_lapsed", "逾期未换届"),
            ("funds_open", "办理中的维修资金申请"),
            ("funds_waiting", "维修资金申请本阶段超过30天"),
            ("disclosure_rate", "信息公示率"),
            ("disclosure_overdue", "有逾期公示事项的小区"),
        ]
        for i, (key, text) in enumerate(items):
            box = QGroupBox(text)
            value = QLabel("—")
            value.setObjectName(f"figure_{key}")
            # set_role(value, "figure") without its polish check, which would set up PySide's
            # Qt namespace (~20 ms) before the first frame; nothing to re-polish yet.
            value.setProperty("role", "figure")
            inner = QVBoxLayout(box)
            inner.addWidget(value)
            grid.addWidget(box, i // 3, i % 3)
            self.figures[key] = value
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addStretch(1)

    def activate(self) -> None:
        if self._first and self._search.background:
            # At start-up the window's first frame shows this page at once, its figures
            # still "—": they are counted right after that frame (the first query also sets
            # up every ORM mapper, ~50 ms), and the scan of the ledgers starts
            # STARTUP_DELAY_MS later, so that neither competes with the first paint.
            self._first = False
            FirstFrame(self, self._after_first_frame)
            return
        self._count()
        self._start_committees()

    def _after_first_frame(self) -> None:
        self._count()
        QTimer.singleShot(STARTUP_DELAY_MS, self._start_committees)

    def _count(self) -> None:
        from app.domain.enums import ManagementMode

        c = self._services.communities
        days = self._services.ctx.rules.registry.contract_expiry_warning_days
        self.figures["communities"].setText(str(c.count()))
        self.figures["companies"].setText(str(self._services.companies.count()))
        self.figures["filings"].setText(str(c.count(CommunityQuery(filings_incomplete_only=True))))
        self.figures["expiring"].setText(
            f"{c.count(c.expiring_window(CommunityQuery()))}（{days}天内）"
        )
        self.figures["unmanaged"].setText(
            str(c.count(CommunityQuery(management_mode=ManagementMode.UNMANAGED)))
        )
        self.figures["old"].setText(str(c.count(CommunityQuery(old_estate_only=True))))

    def _start_committees(self) -> None:
        self._search.run(self._ledger_figures, self._show_ledger_figures, self._no_committees)

    def _ledger_figures(self) -> tuple[StatusCounts, tuple[str, bool, int, int], Others]:
        """The figures that scan the ledgers (issues, every community's committee, fund
        requests, every community's disclosure items)."""
        from app.domain.fund_records import FundQuery
        from app.domain.governance import Stage

        counts = self._services.issues.counts()
        gov = self._services.governance
        rows = gov.rows()
        total, _ = gov.coverage(rows)
        overdue = sum(1 for r in rows if r.overdue)
        lapsed = sum(1 for r in rows if r.stage is Stage.TERM_OVERDUE)
        funds = self._services.funds
        open_funds = funds.totals(FundQuery(open_only=True)).count
        waiting = funds.totals(FundQuery(waiting_over_days=WAITING_DAYS)).count
        disclosure = self._services.disclosure
        places = disclosure.rows()
        by_hood, _ = disclosure.rates(places)
        rate = by_hood[-1]
        late = sum(1 for r in places if r.has_overdue)
        others = (
            open_funds,
            waiting,
            f"{rate.percent()}（目标 {int(rate.target * 100)}%）",
            rate.meets_target,
            late,
        )
        return counts, (total.text(), total.meets_target, overdue, lapsed), others

    def _show_ledger_figures(
        self, result: tuple[StatusCounts, tuple[str, bool, int, int], Others]
    ) -> None:
        counts, (text, ok, overdue, lapsed), others = result
        open_funds, waiting, rate, rate_ok, late = others
        self.figures["funds_open"].setText(str(open_funds))
        self.figures["funds_waiting"].setText(str(waiting))
        self._colour("funds_waiting", waiting > 0)
        self.figures["disclosure_rate"].setText(rate)
        self._colour("disclosure_rate", not rate_ok)
        self.figures["disclosure_overdue"].setText(str(late))
        self._colour("disclosure_overdue", late > 0)
        open_issues = counts.total - counts.by_status.get(IssueStatus.CLOSED, 0)
        self.figures["issues_open"].setText(str(open_issues))
        self.figures["issues_overdue"].setText(str(counts.overdue))
        self._colour("issues_overdue", counts.overdue > 0)
        self.figures["issues_reinspect"].setText(
            str(counts.by_status.get(IssueStatus.AWAITING_REINSPECTION, 0))
        )
        self.figures["coverage"].setText(text)
        self._colour("coverage", not ok)
        self.figures["committee_overdue"].setText(str(overdue))
        self._colour("committee_overdue", overdue > 0)
        self.figures["term_lapsed"].setText(str(lapsed))
        self._colour("term_lapsed", lapsed > 0)

    def _no_committees(self, exc: Exception) -> None:
        if not isinstance(exc, PropDeskError):
            raise exc
        self.figures["coverage"].setText("—")

    def _colour(self, key: str, alarm: bool) -> None:
        set_role(self.figures[key], "figure_alarm" if alarm else "figure")
