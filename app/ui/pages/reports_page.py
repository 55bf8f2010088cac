"""报表: the ledgers that can be sent upward, and which ones are still to come."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout

from app.ui.common.page import Page

PENDING = [
    "业委会组建情况台账",
    "维修资金使用台账",
    "信息公示检查台账",
    "问题整改台账",
    "月度排查整治情况统计表",
]


class ReportsPage(Page):
    title = "报表"

    def __init__(self, export_communities: Callable[[], None], template: Callable[[], None]):
        super().__init__()
        self.export_button = QPushButton("导出小区底数台账（Excel）…")
        self.template_button = QPushButton("导出小区导入模板（Excel）…")
        self.export_button.clicked.connect(export_communities)
        self.template_button.clicked.connect(template)
        ready = QGroupBox("可以导出")
        inner = QVBoxLayout(ready)
        inner.addWidget(self.export_button)
        inner.addWidget(self.template_button)
        inner.addWidget(QLabel("台账按 A4 横向打印设置，每页重复表头；手机号默认隐藏中间四位。"))
        pending = QLabel("尚未完成（将随对应模块提供）：" + "、".join(PENDING) + "。")
        pending.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(ready)
        layout.addWidget(pending)
        layout.addStretch(1)
