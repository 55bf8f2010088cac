"""The 信息公示 table: one row per community (DisclosureRow), fully loaded.

The service computes every community's row in one pass; the model holds the rows the
filters let through and sorts them in Python. 公示情况 shows red below the pack's target,
最近检查 amber for a community never checked, 逾期事项 red when there are any."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from app.domain.disclosure import DisclosureRow, ItemState
from app.ui.common import palette
from app.ui.models.community_rows_model import CommunityRowsModel
from app.ui.models.id_table_model import Column

Index = QModelIndex | QPersistentModelIndex
RED, AMBER = palette.color(palette.DANGER), palette.color(palette.WARNING)
NEVER = "从未检查"
LISTED = 2  # item names shown in the 逾期事项 cell before "等"
SortKey = Callable[[DisclosureRow], Any]


def overdue_names(r: DisclosureRow) -> list[str]:
    return [s.item.name for s in r.statuses if s.state in (ItemState.OVERDUE, ItemState.FAILING)]


def overdue_text(r: DisclosureRow) -> str:
    """The count, then the first names: "2 项：公共收益…、车位…"."""
    names = overdue_names(r)
    if not names:
        return ""
    shown = "、".join(names[:LISTED]) + ("等" if len(names) > LISTED else "")
    return f"{len(names)} 项：{shown}"


def below_target(r: DisclosureRow, target: Fraction) -> bool:
    rate = r.compliance.rate
    return rate is not None and rate < target


class DisclosureTableModel(CommunityRowsModel[DisclosureRow]):
    def __init__(self, target: Fraction = Fraction(1)) -> None:
        self.target = target
        cols: list[tuple[Column[DisclosureRow], SortKey]] = [
            (Column("小区", lambda r: r.community, width=110), lambda r: r.community),
            (Column("社区", lambda r: r.neighborhood, width=72), lambda r: r.neighborhood),
            (Column("物业企业", lambda r: r.company, width=172), lambda r: r.company),
            (Column("公示情况", lambda r: r.compliance.text(), width=92),
             lambda r: r.compliance.rate),
            (Column("最近检查", lambda r: r.last_check.isoformat() if r.last_check else NEVER,
                    width=86), lambda r: r.last_check),
            (Column("逾期事项", overdue_text, width=200), lambda r: len(overdue_names(r))),
        ]  # fmt: skip
        super().__init__(cols)

    # ---- contents ------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[DisclosureRow], target: Fraction | None = None) -> None:
        if target is not None:
            self.target = target
        self._replace(rows)

    # ---- Qt model API ----------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        header = self.columns[index.column()].header
        if role == Qt.ItemDataRole.ForegroundRole:
            if header == "公示情况" and below_target(r, self.target):
                return QBrush(RED)
            if header == "逾期事项" and r.has_overdue:
                return QBrush(RED)
            if header == "最近检查" and r.last_check is None:
                return QBrush(AMBER)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if header == "逾期事项" and r.overdue:
                return "\n".join(r.overdue)
            if header == "公示情况" and r.compliance.rate is not None:
                mark = "未达标" if below_target(r, self.target) else "达标"
                return f"{r.compliance.text()}（{mark}）"
            return None
        if role == Qt.ItemDataRole.UserRole:
            return r.community_id
        return self.cell(r, index.column(), role)
