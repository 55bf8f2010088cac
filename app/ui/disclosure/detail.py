"""The lower panel of the 信息公示 page (view): the selected community's items with their state
today, its check visits (newest first) and what the selected visit found per item. It only
shows; the page decides what a click does (`photo_requested`, `issue_requested`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.disclosure import CheckView, DisclosureRow, EntryView, ItemState, ItemStatus
from app.ui.common import palette
from app.ui.common.style import set_role
from app.ui.common.tables import ID_ROLE, detail_table, fill_table

RED, GREEN, AMBER, GREY = palette.DANGER, palette.OK, palette.WARNING, palette.MUTED
STATE_COLORS = {
    ItemState.CURRENT: GREEN,
    ItemState.OVERDUE: RED,
    ItemState.FAILING: RED,
    ItemState.UNCHECKED: GREY,
}


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


_fill = partial(fill_table, tip_over=8)


def state_rows(statuses: Sequence[ItemStatus], today: date) -> list[tuple[str, str, str, str]]:
    """(公示事项, 频次, 状态, 说明) per active item."""
    return [
        (s.item.name, s.item.frequency.label, s.state.label, s.describe(today)) for s in statuses
    ]


def issue_text(e: EntryView) -> str:
    if e.issue_id is not None:
        return f"已生成问题 #{e.issue_id}"
    return "未生成问题" if e.result.failing else ""


def check_summary(c: CheckView) -> str:
    failing = sum(e.result.failing for e in c.entries)
    return f"{failing} 项" if failing else "无"


class DisclosureDetailPanel(QWidget):
    photo_requested = Signal(str)  # the stored photo's path
    issue_requested = Signal(int)  # 生成问题 on a failing entry (its id)
    check_selected = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row: DisclosureRow | None = None
        self.checks: list[CheckView] = []
        self.title = QLabel()
        set_role(self.title, "title")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.items = detail_table(
            ["公示事项", "频次", "状态", "说明"], [230, 64, 72, 200], stretch=3
        )
        self.history = detail_table(
            ["检查日期", "检查人", "检查项数", "未通过"], [90, 150, 64, 60], stretch=1
        )
        self.entries = detail_table(
            ["公示事项", "结果", "公示日期", "备注", "照片", "问题"],
            [190, 64, 86, 120, 50, 110],
            stretch=3,
        )
        self.entries.setToolTip("双击有照片的一行查看照片")
        self.entries_title = QLabel("本次检查结果")
        self.photo_button = QPushButton("查看照片")
        self.issue_button = QPushButton("生成问题…")
        self.issue_button.setToolTip("把所选的未通过事项登记到问题台账（类别：信息公示）")

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.title)
        left.addWidget(self.summary)
        left.addWidget(self.items, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.entries_title, 1)
        buttons.addWidget(self.photo_button)
        buttons.addWidget(self.issue_button)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(QLabel("检查记录"))
        right.addWidget(self.history, 1)
        right.addLayout(buttons)
        right.addWidget(self.entries, 3)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(left, 5)
        layout.addLayout(right, 6)

        self.history.itemSelectionChanged.connect(self._on_check)
        self.entries.itemSelectionChanged.connect(self._update_buttons)
        self.entries.itemDoubleClicked.connect(lambda _i: self._on_photo())
        self.photo_button.clicked.connect(self._on_photo)
        self.issue_button.clicked.connect(self._on_issue)
        self.clear()

    # ---- showing -----------------------------------------------------------------------
    def clear(self, text: str = "选择一个小区查看公示事项和检查记录") -> None:
        self.row, self.checks = None, []
        self.title.setText(text)
        self.summary.setText("")
        for t in (self.items, self.history, self.entries):
            t.setRowCount(0)
        self.entries_title.setText("本次检查结果")
        self._update_buttons()

    def show_community(
        self,
        row: DisclosureRow,
        checks: Sequence[CheckView],
        today: date,
        keep_check: int | None = None,
    ) -> None:
        self.row, self.checks = row, list(checks)
        place = " · ".join(x for x in (row.neighborhood, row.company) if x)
        self.title.setText(f"{row.community}　{place}".strip())
        last = f"最近检查 {_day(row.last_check)}" if row.last_check else "从未检查"
        overdue = f"　逾期/未通过 {len(row.overdue)} 项" if row.overdue else ""
        self.summary.setText(f"公示情况 {row.compliance.text()}　{last}{overdue}")
        _fill(
            self.items,
            state_rows(row.statuses, today),
            colors=[{2: STATE_COLORS[s.state], 3: STATE_COLORS[s.state]} for s in row.statuses],
        )
        _fill(
            self.history,
            [
                (_day(c.checked_on), c.inspector, str(len(c.entries)), check_summary(c))
                for c in self.checks
            ],
            ids=[c.id for c in self.checks],
            colors=[
                {3: RED} if any(e.result.failing for e in c.entries) else {} for c in self.checks
            ],
        )
        ids = [c.id for c in self.checks]
        self.history.selectRow(ids.index(keep_check) if keep_check in ids else 0)
        self._on_check()

    def _show_entries(self, c: CheckView | None) -> None:
        keep = self.selected_entry()
        entries = c.entries if c else ()
        self.entries_title.setText(f"{_day(c.checked_on)} 检查结果" if c else "本次检查结果")
        _fill(
            self.entries,
            [
                (
                    e.item_name,
                    e.result.label,
                    _day(e.posted_on),
                    e.note,
                    "有" if e.photo_path else "",
                    issue_text(e),
                )
                for e in entries
            ],
            ids=[e.id for e in entries],
            colors=[
                {
                    1: RED if e.result.failing else GREEN,
                    5: GREEN if e.issue_id is not None else AMBER,
                }
                for e in entries
            ],
        )
        for r, e in enumerate(entries):
            if e.photo_path:
                self.entries.item(r, 4).setToolTip(e.photo_path)
        if keep is not None:
            self.select_entry(keep.id)

    # ---- selection ---------------------------------------------------------------------
    def selected_check(self) -> CheckView | None:
        rows = self.history.selectionModel().selectedRows()
        return self.checks[rows[0].row()] if rows and rows[0].row() < len(self.checks) else None

    def selected_entry(self) -> EntryView | None:
        c = self.selected_check()
        rows = self.entries.selectionModel().selectedRows()
        if c is None or not rows:
            return None
        item = self.entries.item(rows[0].row(), 0)
        entry_id = item.data(ID_ROLE) if item is not None else None
        return next((e for e in c.entries if e.id == entry_id), None)

    def select_entry(self, entry_id: int) -> bool:
        for r in range(self.entries.rowCount()):
            if self.entries.item(r, 0).data(ID_ROLE) == entry_id:
                self.entries.selectRow(r)
                return True
        return False

    def select_item(self, item_name: str) -> bool:
        """Select the selected visit's entry for an item, by name."""
        c = self.selected_check()
        entry = next((e for e in c.entries if e.item_name == item_name), None) if c else None
        return entry is not None and self.select_entry(entry.id)

    def _on_check(self) -> None:
        self._show_entries(self.selected_check())
        self._update_buttons()
        self.check_selected.emit()

    def _update_buttons(self) -> None:
        e = self.selected_entry()
        self.photo_button.setEnabled(bool(e and e.photo_path))
        self.issue_button.setEnabled(e is not None and e.result.failing and e.issue_id is None)

    def _on_photo(self) -> None:
        e = self.selected_entry()
        if e is not None and e.photo_path:
            self.photo_requested.emit(e.photo_path)

    def _on_issue(self) -> None:
        e = self.selected_entry()
        if e is not None and self.issue_button.isEnabled():
            self.issue_requested.emit(e.id)
