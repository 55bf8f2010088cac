"""The filter bar of the 问题台账 page (view): every control maps to one IssueQuery field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.domain.enums import IssueSource, IssueStatus
from app.domain.issues import OPEN_STATES, IssueQuery
from app.services import Services
from app.ui.common.fields import IdCombo, compact

DEBOUNCE_MS = 150


def _date_edit(d: date) -> QDateEdit:
    edit = QDateEdit(QDate(d.year, d.month, d.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setEnabled(False)
    return edit


class IssueFilterBar(QWidget):
    changed = Signal()  # emitted at once for choices, after a short pause for typing

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="搜索描述、小区、责任单位或工单号（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.status = compact(QComboBox(), 6)
        self.status.addItem("全部状态", ())
        self.status.addItem("未销号", tuple(s for s in IssueStatus if s in OPEN_STATES))
        for s in IssueStatus:
            self.status.addItem(s.label, (s,))
        self.overdue = QCheckBox("仅看逾期")
        self.category = compact(QComboBox(), 8)
        self.source = compact(QComboBox(), 6)
        self.source.addItem("全部来源", None)
        for src in IssueSource:
            self.source.addItem(src.label, src)
        self.community = compact(IdCombo("全部小区"), 8)
        self.neighborhood = compact(IdCombo("全部社区"), 6)
        self.responsible = QLineEdit(placeholderText="责任单位")
        self.responsible.setClearButtonEnabled(True)
        self.by_date = QCheckBox("发现日期")
        self.date_from = _date_edit(today.replace(day=1))
        self.date_to = _date_edit(today)
        self.clear_button = QPushButton("清除筛选")

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.search, 0, 0, 1, 2)
        grid.addWidget(self.status, 0, 2)
        grid.addWidget(self.category, 0, 3)
        grid.addWidget(self.source, 0, 4)
        grid.addWidget(self.overdue, 0, 5)
        grid.addWidget(self.community, 1, 0)
        grid.addWidget(self.neighborhood, 1, 1)
        grid.addWidget(self.responsible, 1, 2)
        dates = QHBoxLayout()
        dates.setSpacing(4)
        dates.addWidget(self.by_date)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("至"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        grid.addLayout(dates, 1, 3, 1, 2)
        grid.addWidget(self.clear_button, 1, 5)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(4, 1)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.changed.emit)
        for edit in (self.search, self.responsible):
            edit.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.status, self.category, self.source, self.community, self.neighborhood):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.overdue.toggled.connect(lambda _c: self.changed.emit())
        self.by_date.toggled.connect(self._on_by_date)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.clear_button.clicked.connect(self.clear)

    def _on_by_date(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.changed.emit()

    def reload_choices(self, services: Services) -> None:
        """Refill the lists that come from the database, keeping what is chosen."""
        for combo in (self.community, self.neighborhood, self.category):
            combo.blockSignals(True)
        self.community.set_choices(services.communities.choices())
        self.neighborhood.set_choices(services.communities.neighborhoods())
        current = self.category.currentData() or ""
        self.category.clear()
        self.category.addItem("全部类别", "")
        for c in services.issues.categories():
            self.category.addItem(c.name if c.active else f"{c.name}（已停用）", c.name)
        self.category.setCurrentIndex(max(0, self.category.findData(current)))
        for combo in (self.community, self.neighborhood, self.category):
            combo.blockSignals(False)

    def set_found_range(self, start: date | None, end: date | None) -> None:
        """Filter by found date (None, None switches the filter off)."""
        self.blockSignals(True)
        if start is not None:
            self.date_from.setDate(QDate(start.year, start.month, start.day))
        if end is not None:
            self.date_to.setDate(QDate(end.year, end.month, end.day))
        self.by_date.setChecked(start is not None or end is not None)
        self.blockSignals(False)
        self.changed.emit()

    def clear(self) -> None:
        self.blockSignals(True)
        self.search.clear()
        self.responsible.clear()
        for combo in (self.status, self.category, self.source, self.community, self.neighborhood):
            combo.setCurrentIndex(0)
        self.overdue.setChecked(False)
        self.by_date.setChecked(False)
        self._debounce.stop()
        self.blockSignals(False)
        self.changed.emit()

    def query(self, sort: str = "found_date", descending: bool = True) -> IssueQuery:
        found_from = found_to = None
        if self.by_date.isChecked():
            found_from = self.date_from.date().toPython()
            found_to = self.date_to.date().toPython()
            if found_from > found_to:
                found_from, found_to = found_to, found_from
        return IssueQuery(
            text=self.search.text().strip(),
            statuses=tuple(self.status.currentData() or ()),
            overdue_only=self.overdue.isChecked(),
            community_id=self.community.value(),
            neighborhood_id=self.neighborhood.value(),
            category=self.category.currentData() or "",
            source=self.source.currentData(),
            responsible=self.responsible.text().strip(),
            found_from=found_from,
            found_to=found_to,
            sort=sort,
            descending=descending,
        )
