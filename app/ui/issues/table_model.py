"""The 问题台账 table: ids from an IssueQuery, rows loaded lazily; overdue rows stand out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from app.domain.enums import IssueStatus
from app.domain.issues import IssueQuery, IssueRow, is_overdue, status_text
from app.services.issue_service import IssueService
from app.ui.common import palette
from app.ui.models.id_table_model import Column, Index
from app.ui.models.query_table_model import QueryTableModel

OVERDUE_BACKGROUND = palette.color(palette.DANGER_BG)
OVERDUE_TEXT = palette.color(palette.OVERDUE)
SOURCE = 3  # its tooltip adds the 工单号
CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
DESCRIPTION = 6  # its tooltip is the full, multi-line text


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


def _source(r: IssueRow) -> str:
    return f"{r.source.label}（{r.source_ref}）" if r.source_ref else r.source.label


def _one_line(text: str) -> str:
    return " ".join(text.split())


class IssueTableModel(QueryTableModel[IssueRow]):
    """Holds the ordered ids of the current query; `today` decides what is overdue."""

    def __init__(self, service: IssueService, clock: Callable[[], date]) -> None:
        self.today = clock()
        columns: list[Column[IssueRow]] = [
            Column("编号", lambda r: str(r.id), "id", align_right=True, width=56),
            Column("小区", lambda r: r.community, "community", width=150),
            Column("社区", lambda r: r.neighborhood, "neighborhood", width=90),
            Column("来源", lambda r: r.source.label, "source", width=90),
            Column("发现日期", lambda r: _day(r.found_date), "found_date", width=96),
            Column("类别", lambda r: r.category, "category", width=150),
            Column("描述", lambda r: _one_line(r.description), None, width=240),
            Column("责任单位", lambda r: r.responsible_name, "responsible_name", width=160),
            Column("整改时限", lambda r: _day(r.deadline), "deadline", width=96),
            Column(
                "状态", lambda r: status_text(r.status, r.deadline, self.today), "status", width=150
            ),
            Column("文书号", lambda r: r.doc_numbers, None, width=180),
            Column("销号日期", lambda r: _day(r.closed_on), "closed_on", width=96),
        ]
        super().__init__(
            columns,
            service,
            IssueQuery(),
            clock,
            lambda r: r.id,
            lambda r: r.status is IssueStatus.CLOSED,
        )

    # ---- contents -----------------------------------------------------------------------

    def is_overdue_row(self, row: int) -> bool:
        rec = self.record(row)
        return rec is not None and is_overdue(rec.status, rec.deadline, self.today)

    # ---- Qt model API -------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(OVERDUE_BACKGROUND) if self.is_overdue_row(index.row()) else None
        if role == Qt.ItemDataRole.ForegroundRole and self.is_overdue_row(index.row()):
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole:
            rec = self.record(index.row())
            if rec is None:
                return None
            if index.column() == DESCRIPTION:
                return rec.description
            if index.column() == SOURCE:
                return _source(rec)
            return self.columns[index.column()].text(rec) or None
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        # computed once: selecting all of a big result asks this for every cell
        return CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags
