"""The 维修资金 table: ids from a FundQuery, rows loaded lazily. Emergencies stand out in red,
closed requests are grey (不予核准 also in italics), and a request waiting too long in an
open stage is marked amber."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont

from app.domain.amounts import yuan
from app.domain.fund_records import FundQuery, FundRow
from app.domain.funds import CLOSED_STAGES, FundStage
from app.services.fund_service import FundService
from app.ui.common import palette
from app.ui.models.id_table_model import Column, Index
from app.ui.models.query_table_model import QueryTableModel

WAITING_DAYS = 30  # longer than this in an open stage is marked
WAITING_BACKGROUND = palette.color(palette.WARNING_BG)
WAITING_TEXT = palette.color(palette.WARNING)
URGENT_TEXT = palette.color(palette.DANGER)
CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
URGENT, DAYS = 7, 9  # the 紧急 and 本阶段天数 columns


def _money(fen: int | None) -> str:
    return yuan(fen) if fen is not None else ""


def is_waiting(r: FundRow, days: int = WAITING_DAYS) -> bool:
    return r.stage not in CLOSED_STAGES and r.days_in_stage > days


class FundTableModel(QueryTableModel[FundRow]):
    """Holds the ordered ids of the current query (newest request first)."""

    def __init__(self, service: FundService, clock: Callable[[], date]) -> None:
        self.today = clock()
        columns: list[Column[FundRow]] = [
            Column("申请编号", lambda r: r.serial, "serial", width=84),
            Column("小区", lambda r: r.community, "community", width=130),
            Column("社区", lambda r: r.neighborhood, width=80),
            Column("维修项目", lambda r: r.project, "project", width=170),
            Column("申请金额(元)", lambda r: yuan(r.budget_fen), "budget", True, 104),
            Column("核准金额(元)", lambda r: _money(r.approved_fen), "approved", True, 104),
            Column("已拨付(元)", lambda r: _money(r.disbursed_fen or None), "disbursed", True, 104),
            Column("紧急", lambda r: "是" if r.emergency else "", "emergency", width=44),
            Column("阶段", lambda r: r.stage.label, "stage", width=86),
            Column("本阶段天数", lambda r: str(r.days_in_stage), "days", True, 76),
        ]
        super().__init__(
            columns, service, FundQuery(), clock, lambda r: r.id, lambda r: r.stage in CLOSED_STAGES
        )

    # ---- Qt model API -------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rec = self.record(index.row())
        if rec is None:
            return None
        col = index.column()
        closed = rec.stage in CLOSED_STAGES
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(WAITING_BACKGROUND) if col == DAYS and is_waiting(rec) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if closed:
                return palette.brush(palette.MUTED)
            if col == URGENT and rec.emergency:
                return QBrush(URGENT_TEXT)
            if col == DAYS and is_waiting(rec):
                return QBrush(WAITING_TEXT)
            return None
        if role == Qt.ItemDataRole.FontRole:
            bold = (col == URGENT and rec.emergency) or (col == DAYS and is_waiting(rec))
            italic = rec.stage is FundStage.REJECTED
            if not (bold or italic):
                return None
            font = QFont()
            font.setBold(bold)
            font.setItalic(italic)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == URGENT:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == DAYS:
                tip = (
                    f"{rec.stage_since:%Y-%m-%d}进入“{rec.stage.label}”，已 {rec.days_in_stage} 天"
                )
                return tip + (f"（超过 {WAITING_DAYS} 天）" if is_waiting(rec) else "")
            if col == URGENT and rec.emergency:
                return "紧急使用维修资金"
            return self.columns[col].text(rec) or None
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags
