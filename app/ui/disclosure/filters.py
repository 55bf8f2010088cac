"""The filter bar of the 信息公示 page (view): every control maps to one DisclosureQuery field."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.domain.disclosure import DisclosureQuery
from app.ui.common.fields import IdCombo, compact

DEBOUNCE_MS = 150


class DisclosureFilterBar(QWidget):
    changed = Signal()  # emitted at once for choices, after a short pause for typing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="搜索小区名称（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.neighborhood = compact(IdCombo("全部"), 6)
        self.company = compact(IdCombo("全部"), 10)
        self.overdue = QCheckBox("有逾期事项")
        self.overdue.setToolTip("有定期公示事项已过有效期，或最近一次检查未通过")
        self.never = QCheckBox("从未检查")
        self.clear_button = QPushButton("清除筛选")

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 3)
        for text, combo in (("社区", self.neighborhood), ("物业企业", self.company)):
            row.addWidget(QLabel(text))
            row.addWidget(combo, 1)
        row.addSpacing(6)
        row.addWidget(self.overdue)
        row.addWidget(self.never)
        row.addWidget(self.clear_button)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.changed.emit)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.neighborhood, self.company):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for box in (self.overdue, self.never):
            box.toggled.connect(lambda _c: self.changed.emit())
        self.clear_button.clicked.connect(self.clear)

    def reload_choices(
        self, neighborhoods: list[tuple[int, str]], companies: list[tuple[int, str]]
    ) -> None:
        """Refill the choices, keeping the ones chosen (no `changed`)."""
        for combo, choices in ((self.neighborhood, neighborhoods), (self.company, companies)):
            combo.blockSignals(True)
            combo.set_choices(choices)
            combo.blockSignals(False)

    def set_filters(
        self,
        *,
        text: str = "",
        neighborhood_id: int | None = None,
        company_id: int | None = None,
        overdue_only: bool = False,
        never_checked: bool = False,
    ) -> None:
        """Set every filter at once (the others cleared) and emit `changed` once."""
        self.blockSignals(True)
        self.search.setText(text)
        self.neighborhood.set_value(neighborhood_id)
        self.company.set_value(company_id)
        self.overdue.setChecked(overdue_only)
        self.never.setChecked(never_checked)
        self._debounce.stop()
        self.blockSignals(False)
        self.changed.emit()

    def clear(self) -> None:
        self.set_filters()

    def query(self) -> DisclosureQuery:
        return DisclosureQuery(
            text=self.search.text().strip(),
            neighborhood_id=self.neighborhood.value(),
            company_id=self.company.value(),
            overdue_only=self.overdue.isChecked(),
            never_checked=self.never.isChecked(),
        )
