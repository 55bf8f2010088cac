"""The members editor used by the prep-group, election and interim-committee dialogs:
a small table (name, role, owner, finance, party, phone, room, unit, votes) with buttons
to add and remove rows. `members()` reads it, naming the bad row in plain Chinese."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import cells
from app.domain.errors import ValidationError
from app.domain.governance import MemberFields, MemberRole

PREP_ROLES = (MemberRole.LEADER, MemberRole.DEPUTY_LEADER, MemberRole.GROUP_MEMBER)
COMMITTEE_ROLES = (MemberRole.DIRECTOR, MemberRole.DEPUTY, MemberRole.MEMBER, MemberRole.ALTERNATE)

NAME, ROLE, OWNER, FINANCE, PARTY, PHONE, ROOM, UNIT, VOTES = range(9)
HEADERS = ["姓名", "职务", "业主", "分管财务", "党员", "电话", "房号", "工作单位", "得票"]
WIDTHS = [80, 92, 44, 64, 44, 110, 70, 150, 56]
CHECKS = (OWNER, FINANCE, PARTY)
TEXTS = (NAME, PHONE, ROOM, UNIT, VOTES)


class MembersEditor(QWidget):
    """View and reader of a list of MemberFields. Public widgets: table, add_button,
    remove_button, count_label."""

    changed = Signal()

    def __init__(
        self,
        roles: Sequence[MemberRole] = COMMITTEE_ROLES,
        parent: QWidget | None = None,
        *,
        show_votes: bool = True,
        show_finance: bool = True,
    ) -> None:
        super().__init__(parent)
        self.roles = tuple(roles)
        plain = (MemberRole.MEMBER, MemberRole.GROUP_MEMBER)
        self.default_role = next((r for r in self.roles if r in plain), self.roles[-1])
        self.table = QTableWidget(0, len(HEADERS), objectName="members")
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(UNIT, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate(WIDTHS):
            self.table.setColumnWidth(col, width)
        self.table.setColumnHidden(VOTES, not show_votes)
        self.table.setColumnHidden(FINANCE, not show_finance)
        self.table.setMinimumHeight(170)
        self.add_button = QPushButton("增加一行")
        self.remove_button = QPushButton("删除所选行")
        self.count_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.itemChanged.connect(lambda _i: self._changed())
        self._changed()

    # ---- rows ----------------------------------------------------------------------------
    def add_row(self, f: MemberFields | None = None) -> int:
        """Append a row (blank, or filled from `f`); returns its index."""
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        role = QComboBox()
        for r in self.roles:
            role.addItem(r.label, r)
        default = self.default_role if row else self.roles[0]
        role.setCurrentIndex(max(0, role.findData(f.role if f else default)))
        role.currentIndexChanged.connect(lambda _i: self._changed())
        self.table.setCellWidget(row, ROLE, role)
        for col in TEXTS:
            self.table.setItem(row, col, QTableWidgetItem(""))
        for col in CHECKS:
            item = QTableWidgetItem()
            item.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            item.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self.set_row(row, f or MemberFields("", default, is_owner=True))
        if f is None:
            self.table.setCurrentCell(row, NAME)
        return row

    def set_row(self, row: int, f: MemberFields) -> None:
        self.table.blockSignals(True)
        texts = {
            NAME: f.name,
            PHONE: f.phone,
            ROOM: f.room,
            UNIT: f.unit,
            VOTES: "" if f.votes is None else str(f.votes),
        }
        for col, text in texts.items():
            self.table.item(row, col).setText(text)
        for col, on in ((OWNER, f.is_owner), (FINANCE, f.is_finance), (PARTY, f.party_member)):
            state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            self.table.item(row, col).setCheckState(state)
        combo = self._role_combo(row)
        combo.setCurrentIndex(max(0, combo.findData(f.role)))
        self.table.blockSignals(False)
        self._changed()

    def set_members(self, members: Sequence[MemberFields]) -> None:
        self.table.setRowCount(0)
        for f in members:
            self.add_row(f)
        self._changed()

    def set_blank_rows(self, roles: Sequence[MemberRole]) -> None:
        """Blank rows with these roles to fill in (rows left blank are not recorded)."""
        self.set_members([MemberFields("", r) for r in roles])

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        self._changed()

    def _role_combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, ROLE)
        assert isinstance(widget, QComboBox)
        return widget

    def _text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item is not None else ""

    def _checked(self, row: int, col: int) -> bool:
        item = self.table.item(row, col)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def _blank(self, row: int) -> bool:
        return not any(self._text(row, col) for col in TEXTS)

    def filled_rows(self) -> int:
        return sum(1 for r in range(self.table.rowCount()) if not self._blank(r))

    def _changed(self) -> None:
        self.count_label.setText(f"共 {self.filled_rows()} 人")
        self.changed.emit()

    # ---- reading ---------------------------------------------------------------------------
    def _fail(self, row: int, col: int, message: str) -> ValidationError:
        self.table.setCurrentCell(row, col)
        return ValidationError(f"成员第{row + 1}行：{message}", field="members")

    def members(self) -> list[MemberFields]:
        """The filled rows (blank rows are skipped); a row without a name is an error."""
        out: list[MemberFields] = []
        for row in range(self.table.rowCount()):
            if self._blank(row):
                continue
            name = self._text(row, NAME)
            if not name:
                raise self._fail(row, NAME, "请填写姓名")
            try:
                votes = cells.to_int(self._text(row, VOTES))
            except cells.CellError as err:
                raise self._fail(row, VOTES, f"得票{err.message}") from None
            out.append(
                MemberFields(
                    name=name,
                    role=MemberRole(self._role_combo(row).currentData()),
                    is_owner=self._checked(row, OWNER),
                    is_finance=self._checked(row, FINANCE),
                    party_member=self._checked(row, PARTY),
                    phone=self._text(row, PHONE),
                    room=self._text(row, ROOM),
                    unit=self._text(row, UNIT),
                    votes=votes,
                )
            )
        if not out:
            self.table.setFocus()
            raise ValidationError("请至少登记一名成员", field="members")
        return out
