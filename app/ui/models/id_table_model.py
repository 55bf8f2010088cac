"""A table model that holds only the ordered ids of a query and loads rows lazily.

The database filters and sorts; the model fetches the visible rows in batches into a
cache, which is dropped after a write (`refresh`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.ui.common import palette

R = TypeVar("R")
BATCH = 200
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    text: Callable[[R], str]
    sort_key: str | None = None
    align_right: bool = False
    width: int = 120


class ColumnsModel(QAbstractTableModel, Generic[R]):
    """Headers, flags and cell roles shared by every table model built from Columns."""

    columns: list[Column[R]]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def cell(self, rec: R, column: int, role: int, muted: bool = False) -> Any:
        col = self.columns[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(rec)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and muted:
            return palette.brush(palette.MUTED)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class IdTableModel(ColumnsModel[R]):
    def __init__(
        self,
        columns: Sequence[Column[R]],
        fetch: Callable[[Sequence[int]], list[R]],
        row_id: Callable[[R], int],
        muted: Callable[[R], bool] = lambda _r: False,
    ) -> None:
        super().__init__()
        self.columns = list(columns)
        self._fetch = fetch
        self._row_id = row_id
        self._muted = muted
        self._ids: list[int] = []
        self._cache: dict[int, R] = {}

    # ---- contents -----------------------------------------------------------------------
    def set_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._cache.clear()
        self.endResetModel()

    def ids(self) -> list[int]:
        return list(self._ids)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def record(self, row: int) -> R | None:
        if not 0 <= row < len(self._ids):
            return None
        rid = self._ids[row]
        if rid not in self._cache:
            start = row - row % BATCH
            batch = [i for i in self._ids[start : start + BATCH] if i not in self._cache]
            for r in self._fetch(batch):
                self._cache[self._row_id(r)] = r
        return self._cache.get(rid)

    # ---- Qt model API -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rec = self.record(index.row())
        if rec is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self._row_id(rec)
        return self.cell(rec, index.column(), role, self._muted(rec))
