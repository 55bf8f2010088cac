"""The filter bar of the 业委会 page (view): every control maps to one GovernanceQuery field."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.domain.governance import GovernanceQuery, Stage
from app.ui.common.fields import IdCombo

DEBOUNCE_MS = 150
KINDS = [
    ("全部", ""),
    ("业委会", "committee"),
    ("物管会", "interim"),
    ("筹备组", "prep_group"),
    ("无", "none"),
]


class GovernanceFilterBar(QWidget):
    changed = Signal()  # emitted at once for choices, after a short pause for typing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="搜索小区名称（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.stage = QComboBox()
        self.stage.addItem("全部", None)
        for s in Stage:
            self.stage.addItem(s.label, s.value)
        self.neighborhood = IdCombo("全部")
        self.kind = QComboBox()
        for text, value in KINDS:
            self.kind.addItem(text, value)
        self.overdue = QCheckBox("有逾期节点")
        self.uncovered = QCheckBox("可组建未覆盖")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for text, combo in (("阶段", self.stage), ("社区", self.neighborhood), ("组织", self.kind)):
            layout.addWidget(QLabel(text))
            layout.addWidget(combo, 1)
        layout.addWidget(self.overdue)
        layout.addWidget(self.uncovered)

        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.stage, self.neighborhood, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for box in (self.overdue, self.uncovered):
            box.toggled.connect(lambda _c: self.changed.emit())

    def query(self) -> GovernanceQuery:
        stage = self.stage.currentData()
        return GovernanceQuery(
            text=self.search.text().strip(),
            stage=Stage(stage) if stage else None,
            neighborhood_id=self.neighborhood.value(),
            kind=self.kind.currentData() or "",
            overdue_only=self.overdue.isChecked(),
            uncovered_only=self.uncovered.isChecked(),
        )

    def set_filters(
        self,
        *,
        stage: Stage | None = None,
        neighborhood_id: int | None = None,
        uncovered: bool = False,
    ) -> None:
        """Set every filter at once (the others cleared), then one `changed`."""
        widgets = (
            self.search,
            self.stage,
            self.neighborhood,
            self.kind,
            self.overdue,
            self.uncovered,
        )
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        self.stage.setCurrentIndex(max(0, self.stage.findData(stage.value if stage else None)))
        self.neighborhood.set_value(neighborhood_id)
        self.kind.setCurrentIndex(0)
        self.overdue.setChecked(False)
        self.uncovered.setChecked(uncovered)
        for w in widgets:
            w.blockSignals(False)
        self.changed.emit()

    def reload_choices(self, neighborhoods: list[tuple[int, str]]) -> None:
        self.neighborhood.blockSignals(True)
        self.neighborhood.set_choices(neighborhoods)
        self.neighborhood.blockSignals(False)
