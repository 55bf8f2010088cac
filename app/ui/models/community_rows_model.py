"""A model over one row per community, fully loaded and sorted in Python: the rows a page's
service computes for every community at once (业委会, 信息公示), of which the filters let
some through. Rows are known by their community (`community_id`); blanks sort last either
way, then by the community's name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.ui.models.id_table_model import Column, ColumnsModel

Index = QModelIndex | QPersistentModelIndex


class CommunityRow(Protocol):
    @property
    def community_id(self) -> int: ...
    @property
    def community(self) -> str: ...


R = TypeVar("R", bound=CommunityRow)


class CommunityRowsModel(ColumnsModel[R]):
    def __init__(self, columns: Sequence[tuple[Column[R], Callable[[R], Any]]]) -> None:
        super().__init__()
        self.columns = [c for c, _k in columns]
        self._keys = [k for _c, k in columns]
        self._rows: list[R] = []
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    # ---- contents ------------------------------------------------------------------------
    def _replace(self, rows: Sequence[R]) -> None:
        """Show `rows`, in the sort the user chose."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted is not None:
            self._rows.sort(**self._sort_args(*self._sorted))
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def record(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, community_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.community_id == community_id), -1)

    def id_at(self, row: int) -> int | None:
        """The community of a row (the rows' id)."""
        r = self.record(row)
        return r.community_id if r is not None else None

    def column_of(self, header: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.header == header)

    # ---- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[i.row()].community_id for i in old]
        self._sorted = (column, order)
        self._rows.sort(**self._sort_args(column, order))
        pos = {r.community_id: n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            old, [self.index(pos[cid], i.column()) for cid, i in zip(ids, old, strict=True)]
        )
        self.layoutChanged.emit()

    def _sort_args(self, column: int, order: Qt.SortOrder) -> dict[str, Any]:
        key = self._keys[column]
        descending = order == Qt.SortOrder.DescendingOrder

        def sort_key(r: R) -> tuple[bool, Any, str]:
            value = key(r)
            # blanks last either way, then the community name for a stable, readable order
            return (value is None) != descending, value if value is not None else 0, r.community

        return {"key": sort_key, "reverse": descending}
