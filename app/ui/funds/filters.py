"""The filter bar of the 维修资金 page (view): every control maps to one FundQuery field."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.domain.fund_records import FundQuery
from app.domain.funds import FundStage
from app.services.community_service import CommunityService
from app.ui.common.fields import IdCombo, compact

DEBOUNCE_MS = 150
DEFAULT_WAITING_DAYS = 30
URGENCY = [("全部", None), ("紧急", True), ("非紧急", False)]


class FundFilterBar(QWidget):
    changed = Signal()  # emitted at once for choices, after a short pause for typing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="搜索小区、维修项目或申请编号（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.stage = compact(QComboBox(), 6)
        self.stage.addItem("全部", None)
        for s in FundStage:
            self.stage.addItem(s.label, s.value)
        self.community = compact(IdCombo("全部"), 8)
        self.urgency = compact(QComboBox(), 4)
        for text, value in URGENCY:
            self.urgency.addItem(text, value)
        self.waiting = QCheckBox("等待超过")
        self.waiting_days = QSpinBox()
        self.waiting_days.setRange(1, 3650)
        self.waiting_days.setValue(DEFAULT_WAITING_DAYS)
        self.waiting_days.setEnabled(False)
        self.open_only = QCheckBox("只看未办结")
        self.clear_button = QPushButton("清除筛选")

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 3)
        for text, combo in (("阶段", self.stage), ("小区", self.community), ("紧急", self.urgency)):
            row.addWidget(QLabel(text))
            row.addWidget(combo, 1)
        row.addSpacing(6)
        row.addWidget(self.waiting)
        row.addWidget(self.waiting_days)
        row.addWidget(QLabel("天"))
        row.addSpacing(6)
        row.addWidget(self.open_only)
        row.addWidget(self.clear_button)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.changed.emit)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.waiting_days.valueChanged.connect(lambda _v: self._on_days())
        for combo in (self.stage, self.community, self.urgency):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.waiting.toggled.connect(self._on_waiting)
        self.open_only.toggled.connect(lambda _c: self.changed.emit())
        self.clear_button.clicked.connect(self.clear)

    def _on_waiting(self, on: bool) -> None:
        self.waiting_days.setEnabled(on)
        self.changed.emit()

    def _on_days(self) -> None:
        if self.waiting.isChecked():
            self._debounce.start()

    def reload_choices(self, communities: CommunityService) -> None:
        """Refill the communities, keeping the one chosen."""
        self.community.blockSignals(True)
        self.community.set_choices(communities.choices())
        self.community.blockSignals(False)

    def set_filters(
        self,
        *,
        stage: FundStage | None = None,
        community_id: int | None = None,
        emergency: bool | None = None,
        waiting_over_days: int | None = None,
        open_only: bool = False,
        text: str = "",
    ) -> None:
        """Set every filter at once (the others cleared) and emit `changed` once."""
        self.blockSignals(True)
        self.search.setText(text)
        self.stage.setCurrentIndex(max(0, self.stage.findData(stage.value if stage else None)))
        self.community.set_value(community_id)
        self.urgency.setCurrentIndex(next(i for i, (_t, v) in enumerate(URGENCY) if v is emergency))
        self.waiting.setChecked(waiting_over_days is not None)
        self.waiting_days.setValue(waiting_over_days or DEFAULT_WAITING_DAYS)
        self.open_only.setChecked(open_only)
        self._debounce.stop()
        self.blockSignals(False)
        self.changed.emit()

    def clear(self) -> None:
        self.set_filters()

    def query(self, sort: str = "serial", descending: bool = True) -> FundQuery:
        stage = self.stage.currentData()
        return FundQuery(
            sort=sort,
            descending=descending,
            text=self.search.text().strip(),
            stage=FundStage(stage) if stage else None,
            community_id=self.community.value(),
            emergency=self.urgency.currentData(),
            waiting_over_days=self.waiting_days.value() if self.waiting.isChecked() else None,
            open_only=self.open_only.isChecked(),
        )
