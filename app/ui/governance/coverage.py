"""The coverage strip of the 业委会 page (view): 组建率 overall against the target, and per
neighbourhood. Every figure is clickable; the page shows the communities behind it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from app.domain.governance import Coverage
from app.ui.common import palette

RED, GREEN, GREY = palette.DANGER, palette.OK, palette.HINT
HREF = Qt.ItemDataRole.UserRole
MAX_LINES = 2  # a county has 60 neighbourhoods: two lines, then scroll


def percent(c: Coverage) -> str:
    return c.percent()


class CoverageStrip(QWidget):
    """`total` (a rich-text link) and `hoods` (one item per neighbourhood, laid out left to
    right and wrapped). A click emits `link`: "hood:" (all), "hood:<neighbourhood id>", or
    "lapsed" (terms past their end)."""

    link = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total = QLabel()
        self.total.setTextFormat(Qt.TextFormat.RichText)
        self.total.setToolTip("点击查看符合组建条件、尚未成立业委会（已备案）或物管会的小区")
        self.total.linkActivated.connect(self.link.emit)
        self.hoods = QListWidget()
        self.hoods.setFlow(QListView.Flow.LeftToRight)
        self.hoods.setWrapping(True)
        self.hoods.setResizeMode(QListView.ResizeMode.Adjust)
        self.hoods.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.hoods.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hoods.setFrameShape(QFrame.Shape.NoFrame)
        self.hoods.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hoods.setObjectName("coverage_hoods")  # transparent, items lit on hover (QSS)
        self.hoods.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.hoods.setToolTip("点击社区查看其符合组建条件、尚未覆盖的小区")
        self.hoods.itemClicked.connect(lambda item: self.link.emit(item.data(HREF)))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.total)
        layout.addWidget(self.hoods, 1)

    def show_coverage(
        self,
        total: Coverage,
        parts: Sequence[Coverage],
        lapsed: int,
        neighborhood_ids: Mapping[str, int],
    ) -> None:
        color = GREEN if total.meets_target else RED
        target = f"{float(total.target * 100):g}%"
        self.total.setText(
            f'<a href="hood:" style="color:{color}; text-decoration:none; font-weight:bold;">'
            f"组建率 {percent(total)}（{total.covered}/{total.eligible}），目标 {target}</a>"
        )
        self.hoods.clear()
        for c in parts:
            shade = GREEN if c.meets_target else (RED if c.rate is not None else GREY)
            href = f"hood:{neighborhood_ids.get(c.name, '')}"
            self._add(f"{c.name} {percent(c)}（{c.covered}/{c.eligible}）", href, shade)
        if lapsed:
            self._add(f"逾期未换届 {lapsed} 个", "lapsed", RED, bold=True)
        self._fit()

    def items(self) -> list[tuple[str, str]]:
        """(text, href) of each figure, in order."""
        return [
            (self.hoods.item(i).text(), self.hoods.item(i).data(HREF))
            for i in range(self.hoods.count())
        ]

    def _add(self, text: str, href: str, color: str, bold: bool = False) -> None:
        item = QListWidgetItem(text)
        item.setData(HREF, href)
        item.setForeground(palette.brush(color))
        if bold:
            font = QFont(self.hoods.font())
            font.setBold(True)
            item.setFont(font)
        self.hoods.addItem(item)

    def _fit(self) -> None:
        """As tall as the figures need, up to MAX_LINES lines (then it scrolls)."""
        count = self.hoods.count()
        if not count:
            self.hoods.setFixedHeight(0)
            return
        self.hoods.doItemsLayout()
        line = self.hoods.sizeHintForRow(0) or self.fontMetrics().height() + 4
        bottom = self.hoods.visualItemRect(self.hoods.item(count - 1)).bottom()
        bottom += self.hoods.verticalScrollBar().value()  # rects are in viewport coordinates
        lines = min(MAX_LINES, max(1, round((bottom + 1) / line)))
        self.hoods.setFixedHeight(lines * line + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()
