"""The rates panel of the 信息公示 page (view): 公示率 (items current ÷ items required) of all
communities against the pack's target, then per neighbourhood and per company, each list
ending with its total. A double-click on a group emits `group` for the page to filter by."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.disclosure import RateRow
from app.ui.common import palette
from app.ui.common.style import set_role, set_strong
from app.ui.common.tables import detail_table

RED, GREEN, GREY = palette.DANGER, palette.OK, palette.HINT
ROLES = {RED: "danger", GREEN: "ok", GREY: "hint"}  # the label's role for a verdict's colour
HEADERS = ["名称", "小区", "现行/应公示", "公示率", "达标"]
NEIGHBORHOOD, COMPANY = "neighborhood", "company"


def target_text(target: Fraction) -> str:
    return f"{float(target * 100):g}%"


def rate_line(r: RateRow) -> str:
    """公示率 92.8%（目标 100%）."""
    return f"公示率 {r.percent()}（目标 {target_text(r.target)}）"


def verdict(r: RateRow) -> tuple[str, str]:
    """(达标 / 未达标 / —, its colour)."""
    if r.rate is None:
        return "—", GREY
    return ("达标", GREEN) if r.meets_target else ("未达标", RED)


def _table() -> QTableWidget:
    t = detail_table(HEADERS, (180, 36, 80, 54, 46), stretch=0, row_height=22)
    t.setToolTip("双击查看该社区（物业企业）的小区")
    return t


class RatesPanel(QWidget):
    group = Signal(str, str)  # (NEIGHBORHOOD or COMPANY, the group's name) double-clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total = QLabel("公示率 —")
        self.total.setObjectName("disclosure_total_rate")
        self.total.setWordWrap(True)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.by_neighborhood = _table()
        self.by_company = _table()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.by_neighborhood, "按社区")
        self.tabs.addTab(self.by_company, "按物业企业")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.total)
        layout.addWidget(self.tabs, 1)
        for kind, table in ((NEIGHBORHOOD, self.by_neighborhood), (COMPANY, self.by_company)):
            table.cellDoubleClicked.connect(
                lambda row, _c, k=kind, t=table: self._on_double_click(k, t, row)
            )

    def show_rates(self, by_neighborhood: Sequence[RateRow], by_company: Sequence[RateRow]) -> None:
        total = by_neighborhood[-1] if by_neighborhood else None
        if total is None or not total.communities:
            self.total.setText("公示率 —（没有小区）")
            set_role(self.total, "hint")
            set_strong(self.total, False)
        else:
            word, color = verdict(total)
            self.total.setText(
                f"{rate_line(total)}　{word}\n"
                f"共 {total.communities} 个小区，现行 {total.current}/"
                f"{total.required} 项"
            )
            set_role(self.total, ROLES[color])
            set_strong(self.total, True)
        self._fill(self.by_neighborhood, by_neighborhood)
        self._fill(self.by_company, by_company)
        if total is not None:
            for table in (self.by_neighborhood, self.by_company):
                table.horizontalHeaderItem(3).setToolTip(f"目标 {target_text(total.target)}")

    def _fill(self, table: QTableWidget, rows: Sequence[RateRow]) -> None:
        table.setRowCount(0)
        table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            word, color = verdict(r)
            texts = [r.name, str(r.communities), f"{r.current}/{r.required}", r.percent(), word]
            last = n == len(rows) - 1
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c in (1, 2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if c >= 3:
                    item.setForeground(palette.brush(color))
                if last:
                    font = QFont(table.font())
                    font.setBold(True)
                    item.setFont(font)
                item.setToolTip(f"{r.name}：{rate_line(r)}，{word}")
                table.setItem(n, c, item)

    def rows(self, kind: str) -> list[list[str]]:
        """The texts shown in one tab (NEIGHBORHOOD or COMPANY), row by row."""
        t = self.by_neighborhood if kind == NEIGHBORHOOD else self.by_company
        return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]

    def _on_double_click(self, kind: str, table: QTableWidget, row: int) -> None:
        if row < table.rowCount() - 1:  # not the total
            self.group.emit(kind, table.item(row, 0).text())
