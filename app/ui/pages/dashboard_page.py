"""工作台: real counts from the registry (later issues add their deadlines here)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout

from app.domain.community import CommunityQuery
from app.domain.enums import IssueStatus
from app.services import Services
from app.ui.pages.base import Page


class DashboardPage(Page):
    title = "工作台"

    def __init__(self, services: Services) -> None:
        super().__init__()
        self._services = services
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
        ]
        for i, (key, text) in enumerate(items):
            box = QGroupBox(text)
            value = QLabel("—")
            value.setObjectName(f"figure_{key}")
            value.setStyleSheet("font-size: 26px; font-weight: bold; color: #1f4e79;")
            inner = QVBoxLayout(box)
            inner.addWidget(value)
            grid.addWidget(box, i // 3, i % 3)
            self.figures[key] = value
        note = QLabel("业委会、维修资金和信息公示的待办事项将在这些模块完成后显示在这里。")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addStretch(1)

    def activate(self) -> None:
        from app.domain.enums import ManagementMode

        c = self._services.communities
        days = self._services.ctx.rules.registry.contract_expiry_warning_days
        self.figures["communities"].setText(str(c.count()))
        self.figures["companies"].setText(str(len(self._services.companies.search())))
        self.figures["filings"].setText(str(c.count(CommunityQuery(filings_incomplete_only=True))))
        self.figures["expiring"].setText(
            f"{c.count(c.expiring_window(CommunityQuery()))}（{days}天内）"
        )
        self.figures["unmanaged"].setText(
            str(c.count(CommunityQuery(management_mode=ManagementMode.UNMANAGED)))
        )
        self.figures["old"].setText(str(c.count(CommunityQuery(old_estate_only=True))))
        counts = self._services.issues.counts()
        open_issues = counts.total - counts.by_status.get(IssueStatus.CLOSED, 0)
        self.figures["issues_open"].setText(str(open_issues))
        self.figures["issues_overdue"].setText(str(counts.overdue))
        self.figures["issues_overdue"].setStyleSheet(
            "font-size: 26px; font-weight: bold; color: %s;"
            % ("#c00000" if counts.overdue else "#1f4e79")
        )
        self.figures["issues_reinspect"].setText(
            str(counts.by_status.get(IssueStatus.AWAITING_REINSPECTION, 0))
        )
