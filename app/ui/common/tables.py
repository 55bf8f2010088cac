"""The table set-ups the pages share: a record table over a model (one row per record, whole
rows selected), the small read-only detail tables of the lower panels, and filling them."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)

from app.ui.models.id_table_model import Column

ID_ROLE = Qt.ItemDataRole.UserRole
Selection = QAbstractItemView.SelectionMode


def record_table(
    model: QAbstractItemModel,
    columns: Sequence[Column[Any]],
    *,
    sorting: bool = False,
    indicator: tuple[int, Qt.SortOrder] | None = None,
    selection: QAbstractItemView.SelectionMode = Selection.SingleSelection,
    word_wrap: bool = False,
    row_numbers: bool = True,
    row_height: int | None = 26,
    movable: bool = False,
    stretch_last: bool = False,
) -> QTableView:
    """A page's main table: whole rows selected, alternating colours, `columns`' widths.

    `indicator` is set before sorting is switched on (-1: the model's own order until a
    click); `row_numbers=False` hides the vertical header; `row_height=None` keeps Qt's."""
    table = QTableView()
    table.setModel(model)
    if indicator is not None:
        table.horizontalHeader().setSortIndicator(*indicator)
    if sorting:
        table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(word_wrap)
    if not row_numbers:
        table.verticalHeader().setVisible(False)
    if row_height is not None:
        table.verticalHeader().setDefaultSectionSize(row_height)
    if movable:
        table.horizontalHeader().setSectionsMovable(True)  # remembered with the header state
    if stretch_last:
        table.horizontalHeader().setStretchLastSection(True)
    for i, col in enumerate(columns):
        table.setColumnWidth(i, col.width)
    return table


def select_row(table: QTableView, row: int) -> bool:
    """Select the table's row and scroll to it; False (nothing done) for a row of -1."""
    if row < 0:
        return False
    table.selectRow(row)
    table.scrollTo(table.model().index(row, 0))
    return True


def detail_table(
    headers: Sequence[str],
    widths: Sequence[int] = (),
    *,
    stretch: int | None = None,
    stretch_last: bool = False,
    row_height: int = 24,
) -> QTableWidget:
    """A small read-only table of a detail panel: one row selected whole, no row numbers,
    no word wrap. `stretch` is a column that takes the width left over."""
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(list(headers))
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(row_height)
    if stretch_last:
        t.horizontalHeader().setStretchLastSection(True)
    t.setWordWrap(False)
    for col, width in enumerate(widths):
        t.setColumnWidth(col, width)
    if stretch is not None:
        t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return t


def fill_table(
    t: QTableWidget,
    rows: Sequence[Sequence[str]],
    *,
    tip_over: int,
    ids: Sequence[int] = (),
    right: Collection[int] = (),
    colors: Sequence[Mapping[int, str]] = (),
    row_colors: Sequence[QColor | None] = (),
) -> None:
    """Rows of texts. A text longer than `tip_over` is also its tooltip; ids[r] is kept on
    every cell of row r (ID_ROLE); `right` columns are right-aligned; colors[r] maps a
    column to a colour, row_colors[r] colours the whole row."""
    t.setRowCount(0)
    t.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setToolTip(text if len(text) > tip_over else "")
            if ids:
                item.setData(ID_ROLE, ids[r])
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            color = colors[r].get(c) if colors else None
            if color:
                item.setForeground(QBrush(QColor(color)))
            if row_colors and row_colors[r] is not None:
                item.setForeground(QBrush(row_colors[r]))
            t.setItem(r, c, item)
