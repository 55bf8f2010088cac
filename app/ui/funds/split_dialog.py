"""分摊明细 of a fund request (DOMAIN.md §5.3): import the charge scope's unit list, split the
cost by area in whole fen (largest remainders: the shares always add up to the cost, each within
1 fen of its exact share, shown beside it), export or print it."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.amounts import yuan
from app.domain.cost_split import EXACT_HEADER, Share, ratio_text
from app.domain.errors import PropDeskError, ValidationError
from app.ui.common.files import EXCEL_FILTER, FileService
from app.ui.common.form_dialog import FormDialog
from app.ui.common.messages import MessageService
from app.ui.common.style import set_role
from app.ui.errors import guarded
from app.ui.funds.step_dialogs import MoneyField

log = logging.getLogger(__name__)
Index = QModelIndex | QPersistentModelIndex
HEADERS = ("序号", "房号", "业主（承担人）", "面积(㎡)", "分摊比例", "分摊金额(元)", EXACT_HEADER)
RIGHT = {0, 3, 4, 5, 6}
NO_UNITS = "尚未导入房屋清单（房号、面积、业主）"


class SplitModel(QAbstractTableModel):
    """The shares of one split, read-only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shares: list[Share] = []
        self._total = Decimal(0)

    def set_shares(self, shares: Sequence[Share], total_area: Decimal) -> None:
        self.beginResetModel()
        self._shares, self._total = list(shares), total_area
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shares)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def text(self, row: int, column: int) -> str:
        s = self._shares[row]
        return (
            str(row + 1),
            s.unit.room,
            s.unit.payer,
            f"{s.unit.area:.2f}",
            ratio_text(s.unit.area, self._total),
            yuan(s.fen),
            f"{s.exact_yuan():,}",
        )[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._shares):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            return HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._shares):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class SplitDialog(FormDialog):
    """A view with its own buttons, no form: FormDialog only for the remembered size."""

    def __init__(
        self,
        service: Any,
        messages: MessageService,
        request_id: int,
        parent: QWidget | None = None,
        *,
        files: FileService,
    ) -> None:
        super().__init__(parent, messages=messages)
        self._service, self.request_id = service, request_id
        self._files = files
        view = service.get(request_id)
        self.serial = view.serial
        self.setWindowTitle(f"分摊明细 — {view.serial} {view.community}{view.fields.project}")
        self.resize(1000, 600)
        self.cost = MoneyField("cost_fen", "维修费用")
        self.cost.set_value(service.papers.default_cost(request_id))
        self.cost.editingFinished.connect(self.recompute)
        self.check = QLabel(objectName="check_line")
        self.check.setWordWrap(True)
        self.hint = QLabel(
            f"{NO_UNITS}。\n请点击“导入房屋清单…”选择 Excel 文件：表头须有“房号”“面积(㎡)”，"
            "可有“业主”（空白视为未售，由建设单位承担）。"
        )
        self.hint.setWordWrap(True)
        set_role(self.hint, "warning")
        self.model = SplitModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((56, 120, 220, 100, 100, 120, 150)):
            self.table.setColumnWidth(col, width)
        header.setStretchLastSection(True)
        self.import_button = QPushButton("导入房屋清单…", objectName="import_units")
        self.export_button = QPushButton("导出 Excel…", objectName="export_split")
        self.print_button = QPushButton("打印 PDF", objectName="print_split")
        self.close_button = QPushButton("关闭", objectName="close")
        self.import_button.clicked.connect(self._on_import)
        self.export_button.clicked.connect(self._on_export)
        self.print_button.clicked.connect(self._on_print)
        self.close_button.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(QLabel("维修费用(元)"))
        top.addWidget(self.cost)
        recalc = QPushButton("重新计算")
        recalc.clicked.connect(self.recompute)
        top.addWidget(recalc)
        top.addWidget(self.cost.capital, 1)
        buttons = QHBoxLayout()
        for b in (self.import_button, self.export_button, self.print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.check)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.recompute()

    # ---- controller --------------------------------------------------------------------
    def _cost(self) -> int:
        fen = self.cost.value()
        if fen is None:
            raise ValidationError("请填写维修费用", field="cost_fen")
        return fen

    def recompute(self) -> None:
        """Split again with the cost shown; problems go to the check line, never a popup."""
        has_units = bool(self._service.papers.units(self.request_id))
        self.hint.setVisible(not has_units)
        self.export_button.setEnabled(has_units)
        self.print_button.setEnabled(has_units)
        if not has_units:
            self.model.set_shares([], Decimal(0))
            self.check.clear()
            self.check.setVisible(False)
            return
        self.check.setVisible(True)
        try:
            result = self._service.papers.split(self.request_id, self._cost())
        except PropDeskError as err:
            self.model.set_shares([], Decimal(0))
            self.check.setText(err.message)
            set_role(self.check, "danger")
            return
        self.model.set_shares(result.shares, result.total_area)
        same = sum(s.fen for s in result.shares) == result.cost_fen
        self.check.setText(result.check_line())
        set_role(self.check, "ok" if same else "danger")

    @guarded()
    def _on_import(self) -> None:
        path = self._files.ask_open_path(self, "导入房屋清单", EXCEL_FILTER)
        if path is None:
            return
        n = self._service.papers.import_units(self.request_id, Path(path))
        self.recompute()
        self._messages.info(f"已导入 {n} 户房屋。")

    def _folder(self) -> Path:
        return self._files.exports_dir

    @guarded()
    def _on_export(self) -> None:
        cost = self._cost()
        suggested = self._folder() / f"维修资金分摊明细-{self.serial}.xlsx"
        path = self._files.ask_save_path(self, "导出分摊明细", suggested)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            n = self._service.papers.export_split(self.request_id, path, cost)
        except OSError as err:
            raise PropDeskError(
                f"无法保存到 {path}：文件可能正被其他程序打开，或没有写入权限（{err.strerror}）"
            ) from err
        self._messages.info(f"已导出 {n} 户分摊明细到：{path}")

    @guarded()
    def _on_print(self) -> None:
        cost = self._cost()
        folder = self._folder() / "维修资金"
        for n in range(1, 6):  # a copy still open in a PDF viewer may be locked
            path = folder / f"维修资金分摊明细-{self.serial}{'' if n == 1 else f'（{n}）'}.pdf"
            try:
                folder.mkdir(parents=True, exist_ok=True)
                self._service.papers.print_split(self.request_id, path, cost)
                break
            except OSError as err:
                log.info("cannot write %s: %s", path, err)
        else:
            raise PropDeskError(f"无法写入文件夹 {folder}，请检查磁盘空间或文件夹权限")
        self._files.show(self._messages, path)
