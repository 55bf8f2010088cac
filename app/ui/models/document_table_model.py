"""The 文书 register as a table: a small, fully loaded list (thousands of rows at most).

Voided documents are greyed out. SORT_ROLE gives keys that sort the way people read them
(X镇物整〔2026〕10号 after 〔2026〕9号), for the page's QSortFilterProxyModel.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.domain.doc_records import DocumentRow
from app.ui.models.id_table_model import Column
from app.ui.models.list_table_model import ListTableModel

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_NUMBER = re.compile(r"^(.*)〔(\d+)〕(\d+)号$")


def status_text(r: DocumentRow) -> str:
    if r.voided_on is None:
        return "正常"
    return f"已作废（{r.void_reason}）" if r.void_reason else "已作废"


def issues_text(r: DocumentRow) -> str:
    return " ".join(f"#{i}" for i in r.issue_ids)


def number_key(r: DocumentRow) -> str:
    m = _NUMBER.match(r.doc_number)
    if m is None:
        return r.doc_number
    return f"{m.group(1)}|{int(m.group(2)):05d}|{int(m.group(3)):08d}"


COLUMNS: list[Column[DocumentRow]] = [
    Column("文号", lambda r: r.doc_number, width=200),
    Column("类型", lambda r: r.doc_type.label, width=90),
    Column("受文单位", lambda r: r.addressee, width=230),
    Column("签发日期", lambda r: r.issued_on.isoformat(), width=90),
    Column("经办人", lambda r: r.issued_by, width=80),
    Column("关联问题", issues_text, width=110),
    Column("状态", status_text, width=200),
]
_SORT_KEYS = {
    0: number_key,
    3: lambda r: f"{r.issued_on.isoformat()}|{r.id:09d}",
    5: lambda r: " ".join(f"{i:09d}" for i in r.issue_ids),
}


class DocumentTableModel(ListTableModel[DocumentRow]):
    def __init__(self) -> None:
        super().__init__(COLUMNS)

    def id_at(self, row: int) -> int | None:
        rec = self.record(row)
        return rec.id if rec is not None else None

    def row_of(self, document_id: int) -> int:
        for n, r in enumerate(self._rows):
            if r.id == document_id:
                return n
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rec = self.record(index.row())
        if rec is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return rec.id
        if role == SORT_ROLE:
            key = _SORT_KEYS.get(index.column())
            return key(rec) if key else self.columns[index.column()].text(rec)
        if role == Qt.ItemDataRole.ToolTipRole and rec.voided:
            assert rec.voided_on is not None
            return f"{rec.voided_on:%Y-%m-%d} 作废：{rec.void_reason}"
        return self.cell(rec, index.column(), role, muted=rec.voided)
