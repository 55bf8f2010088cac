"""An id-list table model over a service query that the database filters and sorts: the
query is a frozen dataclass with `sort` (a column's sort key) and `descending`; clicking a
header runs the query again in that order. Shared by the 问题台账 and 维修资金 tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import Qt

from app.ui.models.id_table_model import Column, IdTableModel

R = TypeVar("R")


class QueryService(Protocol):
    def search_ids(self, query: Any) -> list[int]: ...
    def rows(self, ids: Sequence[int]) -> list[Any]: ...
    def generation(self) -> int: ...


class QueryTableModel(IdTableModel[R]):
    def __init__(
        self,
        columns: Sequence[Column[R]],
        service: QueryService,
        query: Any,
        clock: Callable[[], date],
        row_id: Callable[[R], int],
        muted: Callable[[R], bool] = lambda _r: False,
    ) -> None:
        super().__init__(columns, service.rows, row_id, muted)
        self._service = service
        self._clock = clock
        self.today = clock()
        self.query = query
        self.loaded = False  # no query runs until the page is first shown
        self.generation = -1  # the data generation the ids were read at

    def refresh(self) -> None:
        self.show_result(
            self.query, self._service.search_ids(self.query), self._service.generation()
        )

    def show_result(self, query: Any, ids: Sequence[int], generation: int) -> None:
        """Show ids found for `query` (possibly by a background search)."""
        self.query = query
        self.loaded = True
        self.today = self._clock()
        self.generation = generation
        self.set_ids(ids)

    def column_of(self, sort_key: str) -> int:
        return next((i for i, c in enumerate(self.columns) if c.sort_key == sort_key), -1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by the database: the query is run again with the column's sort key (a
        column without one leaves the order as it is)."""
        key = self.columns[column].sort_key if 0 <= column < len(self.columns) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.query = replace(self.query, sort=key, descending=descending)
        if self.loaded:
            self.refresh()
