"""The one shape of a feature page (问题台账, 业委会, 维修资金, 信息公示): a filter bar, a toolbar
of actions with the standard shortcuts, a status line, the table and a detail panel in a
splitter. The base owns what every feature does the same way:

- the toolbar and its actions (`_action`, `_menu_button`) and the shortcuts (Ctrl+F search,
  Ctrl+N new, Ctrl+P print, Ctrl+E export, F5 refresh, Del delete);
- the search runner: work off the UI thread where only the newest answer is shown, and an
  answer (or error) arriving after the page is gone is dropped;
- ledger export with a progress dialog and cancel;
- the selection API over the table's model (`current_id`, `selected_ids`, `select_id`);
- the state (column widths and order, splitters).

A subclass builds its widgets in `_build` (setting `filters`, `model`, `table`, `detail`,
`splitter` and `status`), and provides `query`, `apply_filters`, `refresh`, `activate`,
`_update_actions` and `show_current`. The models give `id_at(row)` and `row_of(id)`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.domain.errors import PropDeskError
from app.services import Services
from app.ui.common.files import FileService
from app.ui.common.messages import MessageService
from app.ui.common.page import Page
from app.ui.jobs import Cancelled, run_job
from app.ui.search_runner import SearchRunner
from app.ui.state import UiState

TOOLBAR_NAME = "page_toolbar"


class FilterBar(Protocol):
    """What the base needs of a feature's filter bar."""

    search: QLineEdit


class RowModel(Protocol):
    def id_at(self, row: int) -> int | None: ...
    def row_of(self, record_id: int) -> int: ...


def page_toolbar() -> QToolBar:
    toolbar = QToolBar()
    toolbar.setObjectName(TOOLBAR_NAME)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return toolbar


def splitter(
    orientation: Qt.Orientation,
    widgets: Sequence[QWidget],
    stretch: Sequence[int],
    sizes: Sequence[int],
) -> QSplitter:
    s = QSplitter(orientation)
    for i, widget in enumerate(widgets):
        s.addWidget(widget)
        s.setStretchFactor(i, stretch[i])
    s.setSizes(list(sizes))
    return s


class FeaturePage(Page):
    state_key: ClassVar[str] = ""
    filters: Any  # FilterBar
    model: Any  # RowModel
    table: QTableView
    splitter: QSplitter
    status: QLabel

    def __init__(
        self,
        services: Services,
        messages: MessageService,
        files: FileService,
        *,
        jobs: bool = True,
        state: UiState | None = None,
    ) -> None:
        super().__init__()
        self._services = services
        self._messages = messages
        self._files = files
        self._jobs = jobs
        # no parent: an answer arriving after the page is gone finds a live runner
        self._search = SearchRunner(None, background=jobs)
        self.toolbar = page_toolbar()
        self.status = QLabel()
        self._build()
        self._update_actions()
        if state is not None:
            self.restore_state(state)

    # ---- what a feature provides --------------------------------------------------------
    def _build(self) -> None:
        raise NotImplementedError

    def query(self) -> Any:
        raise NotImplementedError

    def apply_filters(self) -> None:
        raise NotImplementedError

    def refresh(self, select: Any = None) -> None:
        raise NotImplementedError

    def _update_actions(self) -> None:
        raise NotImplementedError

    def show_current(self) -> None:
        raise NotImplementedError

    def _on_export(self) -> None:
        raise NotImplementedError

    # ---- view helpers -------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], Any], tip: str = "") -> QAction:
        """A toolbar button that calls `slot()` (the checked flag is dropped)."""
        action = QAction(text, self)
        action.setToolTip(tip or text)
        action.triggered.connect(lambda _checked=False: slot())
        self.toolbar.addAction(action)
        return action

    def _export_action(self) -> QAction:
        """导出台账…: the page's ledger as the filters show it (Ctrl+E)."""
        return self._action("导出台账…", self._on_export, "按当前筛选导出Excel（Ctrl+E）")

    def _menu_button(
        self, text: str, tip: str, entries: Sequence[tuple[QAction, Callable[[], Any]]]
    ) -> QToolButton:
        """A toolbar button that opens a menu of `entries`."""
        menu = QMenu(self)
        for action, slot in entries:
            action.triggered.connect(lambda _c=False, s=slot: s())
            menu.addAction(action)
        button = QToolButton(text=text)
        button.setToolTip(tip)
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(button)
        return button

    def _shortcuts(
        self,
        *,
        new: Callable[[], Any],
        print_: Callable[[], Any],
        refresh: Callable[[], Any] | None = None,
        delete: Callable[[], Any] | None = None,
    ) -> None:
        """The standard shortcuts: Ctrl+F search, Ctrl+N, Ctrl+P, Ctrl+E export, F5, Del."""
        pairs: list[tuple[Any, Callable[[], Any]]] = [
            (QKeySequence.StandardKey.Find, self.filters.search.setFocus),
            (QKeySequence.StandardKey.New, new),
            (QKeySequence.StandardKey.Print, print_),
            (QKeySequence("Ctrl+E"), self._on_export),
            (QKeySequence(QKeySequence.StandardKey.Refresh), refresh or self.apply_filters),
        ]
        if delete is not None:
            pairs.append((QKeySequence.StandardKey.Delete, delete))
        for keys, slot in pairs:
            QShortcut(keys, self, activated=slot)

    def _assemble(self, *above: QWidget, beside_status: QWidget | None = None) -> None:
        """Lay out: any `above` widgets, the filter bar, the toolbar, the status line (with
        `beside_status` after it), then the splitter taking the rest."""
        status = QHBoxLayout()
        status.addWidget(self.status)
        if beside_status is not None:
            status.addWidget(beside_status)
        status.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in above:
            layout.addWidget(widget)
        layout.addWidget(self.filters)
        layout.addWidget(self.toolbar)
        layout.addLayout(status)
        layout.addWidget(self.splitter, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._on_selection())

    def _keep_sort_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        """For a table the database sorts (a QueryTableModel): a column it can't sort by
        (描述, 文书号) leaves the sort, and its indicator, as they were."""
        if 0 <= column < len(self.model.columns) and self.model.columns[column].sort_key:
            return
        header = self.table.horizontalHeader()
        order = (
            Qt.SortOrder.DescendingOrder
            if self.model.query.descending
            else Qt.SortOrder.AscendingOrder
        )
        header.blockSignals(True)
        header.setSortIndicator(self.model.column_of(self.model.query.sort), order)
        header.blockSignals(False)

    # ---- searching off the UI thread ----------------------------------------------------
    def _run_search(self, work: Callable[[], Any], show: Callable[[Any], None]) -> None:
        """Run `work` (in a worker when jobs are on); only the newest answer is shown, and
        not at all once the page is gone."""

        def done(result: Any) -> None:
            if isValid(self):
                show(result)

        if self._search.background:
            self.status.setText("正在查询…")
        self._search.run(work, done, self._on_search_error)

    def _on_search_error(self, exc: Exception) -> None:
        if not isValid(self):
            return  # the page was closed while the search ran (the database may be too)
        if not isinstance(exc, PropDeskError):
            raise exc  # a bug: to the crash dialog, as on the UI thread
        self._messages.warn(exc.message)

    # ---- files out ----------------------------------------------------------------------
    def _export(self, label: str, work: Callable[[], int], done: Callable[[int], str]) -> int:
        """Run `work` in a progress dialog with cancel and tell `done(n)`; 0 when cancelled."""
        try:
            n = run_job(self, label, work, show=self._jobs)
        except Cancelled:
            return 0
        self._messages.info(done(n))
        return int(n)

    def _ask_ledger_path(self, title: str, name: str) -> Path | None:
        return self._files.ask_ledger_path(self, title, name)

    # ---- selection ----------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        """Rows read from the selection's ranges: rows are always selected whole, and
        QItemSelectionModel.selectedRows would ask the model for every cell's flags."""
        rows: set[int] = set()
        for r in self.table.selectionModel().selection():
            rows.update(range(r.top(), r.bottom() + 1))
        return sorted(rows)

    def selected_ids(self) -> list[int]:
        return [i for i in (self.model.id_at(r) for r in self.selected_rows()) if i is not None]

    def current_id(self) -> int | None:
        """The record shown in the detail: the current row if selected, else the first."""
        sm = self.table.selectionModel()
        current = self.table.currentIndex()
        if current.isValid() and sm.isRowSelected(current.row()):
            return self.model.id_at(current.row())  # type: ignore[no-any-return]
        rows = self.selected_rows()
        return self.model.id_at(rows[0]) if rows else None

    def select_ids(self, ids: Sequence[int], current: int | None = None) -> bool:
        """Select these records (those in the table) and make `current` the one shown;
        False when none of them is in the table."""
        model = self.model
        if len(ids) == 1:
            pos = {ids[0]: model.row_of(ids[0])}
        else:  # one pass over the rows, not a search per id
            pos = {model.id_at(r): r for r in range(model.rowCount())} if ids else {}
        rows = sorted(pos[i] for i in ids if pos.get(i, -1) >= 0)
        selection = QItemSelection()
        last = model.columnCount() - 1
        start = 0
        for k, row in enumerate(rows):  # one range per run of adjacent rows
            if k + 1 == len(rows) or rows[k + 1] != row + 1:
                selection.select(model.index(rows[start], 0), model.index(row, last))
                start = k + 1
        sm = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        sm.select(selection, flags.ClearAndSelect | flags.Rows)
        target = current if pos.get(current, -1) >= 0 else None  # type: ignore[arg-type]
        if target is None and rows:
            target = model.id_at(rows[0])
        if target is not None:
            index = model.index(pos[target], 0)
            sm.setCurrentIndex(index, flags.NoUpdate)
            self.table.scrollTo(index)
        return bool(rows)

    def select_id(self, record_id: int) -> bool:
        return self.select_ids([record_id], record_id)

    def _on_selection(self) -> None:
        self.show_current()  # first: some features' actions follow what the detail shows
        self._update_actions()

    # ---- state --------------------------------------------------------------------------
    def _splitters(self) -> dict[str, QSplitter]:
        """The splitters remembered, by a suffix of the state key."""
        return {"": self.splitter}

    def save_state(self, state: UiState) -> None:
        state.save_header(self.state_key, self.table.horizontalHeader())
        for suffix, s in self._splitters().items():
            state.save_splitter(self.state_key + suffix, s)

    def restore_state(self, state: UiState) -> None:
        state.restore_header(self.state_key, self.table.horizontalHeader())
        for suffix, s in self._splitters().items():
            state.restore_splitter(self.state_key + suffix, s)
