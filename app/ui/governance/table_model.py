"""The 业委会 table: one row per community (GovernanceRow), fully loaded.

The service computes the rows (20,000 at most, from a few bulk queries); the model holds
them and sorts them in Python. Rows with an overdue step or a vacancy that forces a
re-election stand out; a lapsed term (逾期未换届) shows its stage in red."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from app.domain.governance import GovernanceRow, Stage
from app.ui.common import palette
from app.ui.models.community_rows_model import CommunityRowsModel
from app.ui.models.id_table_model import Column

Index = QModelIndex | QPersistentModelIndex
ALERT_BACKGROUND = palette.color(palette.DANGER_BG)
RED = palette.color(palette.DANGER)
SortKey = Callable[[GovernanceRow], Any]
STAGE_ORDER = {s: n for n, s in enumerate(Stage)}


def _term(r: GovernanceRow) -> str:
    if r.term_start is None and r.term_end is None:
        return ""
    start = r.term_start.isoformat() if r.term_start else "？"
    return f"{start}–{r.term_end.isoformat() if r.term_end else ''}"


def _members(r: GovernanceRow) -> str:
    if r.kind is None:
        return ""
    if r.seats:
        return f"{r.active_members}/{r.seats}"
    return str(r.active_members) if r.active_members else ""


class GovernanceTableModel(CommunityRowsModel[GovernanceRow]):
    def __init__(self, today: date) -> None:
        self.today = today
        cols: list[tuple[Column[GovernanceRow], SortKey]] = [
            (Column("社区", lambda r: r.neighborhood, width=80), lambda r: r.neighborhood),
            (Column("小区", lambda r: r.community, width=120), lambda r: r.community),
            (
                Column(
                    "户数",
                    lambda r: "" if r.households is None else str(r.households),
                    align_right=True,
                    width=56,
                ),
                lambda r: r.households,
            ),
            (
                Column("可组建", lambda r: "是" if r.eligible else "否", width=56),
                lambda r: r.eligible,
            ),
            (
                Column("阶段", lambda r: r.stage.label, width=130),
                lambda r: STAGE_ORDER[r.stage],
            ),
            (
                Column("组织", lambda r: r.kind.label if r.kind else "无", width=60),
                lambda r: r.kind.label if r.kind else "",
            ),
            (
                Column("届次", lambda r: "" if r.term_no is None else f"第{r.term_no}届", width=56),
                lambda r: r.term_no,
            ),
            (Column("任期", _term, width=160), lambda r: r.term_start),
            (
                Column("成员/名额", _members, align_right=True, width=72),
                lambda r: (r.active_members, r.seats or 0) if r.kind else None,
            ),
            (
                Column(
                    "下一节点",
                    lambda r: r.next_due.describe(self.today) if r.next_due else "",
                    width=280,
                ),
                lambda r: r.next_due.due if r.next_due else None,
            ),
            (Column("逾期", lambda r: "；".join(r.overdue), width=180), lambda r: len(r.overdue)),
            (
                Column(
                    "警示",
                    lambda r: str(len(r.findings)) if r.findings else "",
                    align_right=True,
                    width=48,
                ),
                lambda r: len(r.findings),
            ),
        ]
        super().__init__(cols)

    # ---- contents ------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[GovernanceRow], today: date | None = None) -> None:
        if today is not None:
            self.today = today
        self._replace(rows)

    @staticmethod
    def alert(r: GovernanceRow) -> bool:
        return bool(r.overdue) or r.must_reelect

    # ---- Qt model API ----------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(ALERT_BACKGROUND) if self.alert(r) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            red = (col == self.column_of("阶段") and r.stage is Stage.TERM_OVERDUE) or (
                col == self.column_of("逾期") and r.overdue
            )
            return QBrush(RED) if red else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r, col)
        if role == Qt.ItemDataRole.UserRole:
            return r.community_id
        return self.cell(r, col, role)

    def _tooltip(self, r: GovernanceRow, col: int) -> str | None:
        header = self.columns[col].header
        lines: list[str] = []
        if header == "警示":
            lines = list(r.findings)
        elif header == "逾期":
            lines = list(r.overdue)
        elif header == "下一节点" and r.next_due is not None:
            lines = [r.next_due.describe(self.today)]
        if r.must_reelect and header in ("成员/名额", "阶段"):
            lines.append("在任成员不足名额半数，应当补选或换届")
        return "\n".join(lines) or None
