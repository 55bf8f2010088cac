"""报表: every ledger that can be sent upward, exported whole (never filtered by what another
page shows), and where each printed document is made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.services import Services
from app.ui.common.files import FileService
from app.ui.common.messages import MessageService
from app.ui.common.page import Page
from app.ui.errors import guarded
from app.ui.jobs import Cancelled, run_job

# (button, file name, what is written for a path, phones masked and column groups: the count,
# what one record is called)
Write = Callable[[Services, Path, bool, "list[str] | None"], int]
Ledger = tuple[str, str, Write, str]
COMMUNITIES = "小区底数台账（Excel）"  # the one ledger whose column groups the clerk chooses
LEDGERS: list[Ledger] = [
    (COMMUNITIES, "小区底数台账.xlsx",
     lambda s, p, mask, g: s.ledgers.export_communities(p, mask_phones=mask, groups=g), "个小区"),
    ("业委会组建情况台账（Excel）", "业委会组建情况台账.xlsx",
     lambda s, p, _m, _g: s.ledgers.export_committees(p), "个小区"),
    ("维修资金使用台账（Excel）", "维修资金使用台账.xlsx",
     lambda s, p, _m, _g: s.ledgers.export_funds(p), "项申请"),
    ("信息公示检查台账（Excel）", "信息公示检查台账.xlsx",
     lambda s, p, _m, _g: s.ledgers.export_disclosure(p), "个小区"),
    ("问题整改台账（Excel）", "问题整改台账.xlsx",
     lambda s, p, _m, _g: s.ledgers.export_issues(p), "个问题"),
    ("问题整改台账（PDF）", "问题整改台账.pdf",
     lambda s, p, _m, _g: s.ledgers.print_issues(p), "个问题"),
]  # fmt: skip
# (document, the page that makes it, how)
DOCUMENTS = [
    ("整改通知书、送达回证、复查意见书", "问题台账", "选择问题后开具；已签发的在“文书”中重印"),
    ("业主委员会备案表", "业委会", "选择已选举的业委会或物管会后打印"),
    ("专项维修资金使用申请审核表、分摊明细", "维修资金", "选择申请后打印"),
    ("信息公示检查表、执法进小区公示牌", "信息公示", "选择小区后打印，检查表可打印空白表"),
]


class ReportsPage(Page):
    title = "报表"

    def __init__(
        self,
        services: Services,
        messages: MessageService,
        files: FileService,
        *,
        go: Callable[[str], object],
        mask_phones: Callable[[], bool] = lambda: True,
        jobs: bool = True,
    ) -> None:
        super().__init__()
        self._services = services
        self._messages = messages
        self._files = files
        self._mask_phones = mask_phones
        self._jobs = jobs
        self.ledger_buttons: dict[str, QPushButton] = {}

        ledgers = QGroupBox("台账（导出全部记录，不受各页面筛选条件影响）")
        grid = QGridLayout(ledgers)
        for row, (text, name, write, unit) in enumerate(LEDGERS):
            button = QPushButton(f"导出{text}…")
            button.clicked.connect(
                lambda _c=False, t=text, n=name, w=write, u=unit: self.export(t, n, w, u)
            )
            self.ledger_buttons[text] = button
            grid.addWidget(button, row, 0)
        self.template_button = QPushButton("导出小区导入模板（Excel）…")
        self.template_button.clicked.connect(lambda _c=False: self.write_template())
        grid.addWidget(self.template_button, len(LEDGERS), 0)
        note = QLabel(
            "台账横向打印，每页重复表头；列多时用 A3 纸，正文不小于 7 磅；个人手机号按“设置”中的选项隐藏中间四位。"
            "\n如只需导出部分记录，请在对应页面筛选后点击该页的“导出台账”。"
        )
        note.setWordWrap(True)
        grid.addWidget(note, len(LEDGERS) + 1, 0)

        documents = QGroupBox("文书（在对应页面选择记录后打印）")
        doc_grid = QGridLayout(documents)
        for row, (what, page, how) in enumerate(DOCUMENTS):
            label = QLabel(f"{what}：{how}")
            label.setWordWrap(True)
            button = QPushButton(f"转到“{page}”")
            button.clicked.connect(lambda _c=False, p=page: go(p))
            doc_grid.addWidget(label, row, 0)
            doc_grid.addWidget(button, row, 1)
        doc_grid.setColumnStretch(0, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(ledgers)
        layout.addWidget(documents)
        layout.addStretch(1)

    @guarded()
    def export(self, text: str, name: str, write: Write, unit: str) -> int:
        """Ask where, write the whole ledger with a progress dialog, say what it holds."""
        groups: list[str] | None = None
        if text == COMMUNITIES:
            from app.ui.dialogs.column_groups_dialog import ask_column_groups

            ok, groups = ask_column_groups(self, self._messages)
            if not ok:
                return 0
        files = self._files
        path = files.ask_save_path(self, f"导出{text}", files.exports_dir / name)
        if path is None:
            return 0
        mask = self._mask_phones()
        try:
            n = run_job(
                self,
                f"正在导出{text}…",
                lambda: write(self._services, path, mask, groups),
                show=self._jobs,
            )
        except Cancelled:
            return 0
        self._messages.info(f"已导出全部 {n} {unit}到：{path}")
        return int(n)

    @guarded()
    def write_template(self) -> Path | None:
        files = self._files
        path = files.ask_ledger_path(self, "保存导入模板", "小区底数导入模板.xlsx")
        if path is None:
            return None
        self._services.ledgers.write_community_template(path)
        self._messages.info(f"已保存导入模板：{path}")
        return path
