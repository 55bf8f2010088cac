"""登记信息公示检查: one visit to one community — date, inspector, and per active item a result
(已公示 / 未公示 / 内容不全 / 已过期), the date it was posted, a note and an optional photo.
An item left without a result was not checked this visit and is not recorded.

A photo is chosen through the FileService the page passes in."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.disclosure import CheckResult, DisclosureItem, EntryFields
from app.domain.errors import ValidationError
from app.services.disclosure_service import DisclosureService
from app.ui.common.fields import DateField, IdCombo
from app.ui.common.files import FileService
from app.ui.common.form_dialog import FormDialog
from app.ui.common.messages import MessageService
from app.ui.common.style import set_role

PHOTO_FILTER = "图片 (*.jpg *.jpeg *.png *.bmp *.gif *.webp)"
WITH_DATE = (CheckResult.POSTED, CheckResult.EXPIRED)
HEADERS = ["公示事项", "频次", "检查结果", "公示日期", "备注", "照片"]


@dataclass
class ItemRow:
    """The widgets of one item's row in the grid."""

    item: DisclosureItem
    result: QComboBox
    posted_on: DateField
    note: QLineEdit
    photo_button: QPushButton
    photo_clear: QToolButton
    photo_name: QLabel
    photo: str = field(default="")

    def value(self) -> CheckResult | None:
        data = self.result.currentData()
        return CheckResult(data) if data else None


class DisclosureCheckDialog(FormDialog):
    def __init__(
        self,
        disclosure: DisclosureService,
        messages: MessageService,
        communities: Sequence[tuple[int, str]],
        community_id: int | None = None,
        parent: QWidget | None = None,
        *,
        inspector: str = "",
        today: date,
        files: FileService,
    ) -> None:
        super().__init__(parent, messages=messages)
        self._service = disclosure
        self._files = files
        self.setWindowTitle("登记信息公示检查")
        self.resize(1000, 660)
        self.rows: dict[str, ItemRow] = {}
        self._build(disclosure.items(active_only=True))
        self.community.set_choices(list(communities))
        self.community.set_value(community_id)
        self.checked_on.set_value(today)
        self.inspector.setText(inspector)
        self._update_count()

    # ---- view --------------------------------------------------------------------------
    def _build(self, items: Sequence[DisclosureItem]) -> None:
        self.community = IdCombo("（请选择小区）")
        self.community.setObjectName("community_id")
        self.checked_on = DateField("checked_on", "检查日期")
        self.inspector = QLineEdit(objectName="inspector", placeholderText="多人用顿号分隔")
        self.notes = QLineEdit(objectName="notes", placeholderText="可不填")
        form = QFormLayout()
        form.addRow("小区 *", self.community)
        form.addRow("检查日期 *", self.checked_on)
        form.addRow("检查人 *", self.inspector)
        form.addRow("备注", self.notes)

        self.all_posted = QPushButton("全部已公示")
        self.all_posted.setToolTip(
            "把每一项的检查结果都设为“已公示”，再修改不合格的几项；定期公示的事项须填写公示日期"
        )
        self.count = QLabel()
        tools = QHBoxLayout()
        tools.addWidget(self.count, 1)
        tools.addWidget(self.all_posted)

        grid_host = QWidget()
        column = QVBoxLayout(grid_host)
        grid = QGridLayout()
        column.addLayout(grid)
        column.addStretch(1)
        grid.setHorizontalSpacing(8)
        for col, text in enumerate(HEADERS):
            head = QLabel(text)
            set_role(head, "heading")
            grid.addWidget(head, 0, col)
        for n, item in enumerate(items, start=1):
            self._add_row(grid, n, item)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(4, 2)
        self.scroll = QScrollArea()
        self.scroll.setWidget(grid_host)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)

        hint = QLabel(
            "未选择检查结果的事项视为本次未检查，不登记。已公示、已过期的事项请填写"
            "张贴的公示日期（不填则按检查日期计算有效期）。"
        )
        hint.setWordWrap(True)
        set_role(hint, "hint")
        self.buttons = QDialogButtonBox()
        self.buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(tools)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.all_posted.clicked.connect(self.set_all_posted)

    def _add_row(self, grid: QGridLayout, n: int, item: DisclosureItem) -> None:
        code = item.code
        name = QLabel(item.name)
        name.setWordWrap(True)
        result = QComboBox(objectName=f"result:{code}")
        result.addItem("（本次未查）", "")
        for r in CheckResult:
            result.addItem(r.label, r.value)
        posted = DateField(f"posted_on:{code}", f"“{item.name}”的公示日期")
        if item.frequency.months:  # the date its period counts from: needed when posted
            posted.setPlaceholderText("公示日期（必填）")
        posted.setPlaceholderText("空则按检查日期")
        posted.setMaximumWidth(130)
        note = QLineEdit(objectName=f"note:{code}", placeholderText="如：收支表未盖章")
        photo = QPushButton("照片…", objectName=f"photo:{code}")
        clear = QToolButton(text="×", objectName=f"photo_clear:{code}")
        clear.setToolTip("不附照片")
        photo_name = QLabel()
        photo_name.setMaximumWidth(140)
        row = ItemRow(item, result, posted, note, photo, clear, photo_name)
        self.rows[code] = row
        cell = QHBoxLayout()
        cell.setContentsMargins(0, 0, 0, 0)
        for w in (photo, clear, photo_name):
            cell.addWidget(w)
        cell.addStretch(1)
        for col, w in enumerate((name, QLabel(item.frequency.label), result, posted, note)):
            grid.addWidget(w, n, col)
        grid.addLayout(cell, n, 5)
        result.currentIndexChanged.connect(lambda _i, r=row: self._on_result(r))
        photo.clicked.connect(lambda _c=False, r=row: self._on_photo(r))
        clear.clicked.connect(lambda _c=False, r=row: self._set_photo(r, ""))
        self._on_result(row)
        self._set_photo(row, "")

    # ---- controller --------------------------------------------------------------------
    def set_result(self, code: str, result: CheckResult | None) -> None:
        combo = self.rows[code].result
        combo.setCurrentIndex(max(0, combo.findData(result.value if result else "")))

    def set_all_posted(self) -> None:
        for code in self.rows:
            self.set_result(code, CheckResult.POSTED)

    def _on_result(self, row: ItemRow) -> None:
        row.posted_on.setEnabled(row.value() in WITH_DATE)
        if not row.posted_on.isEnabled():
            row.posted_on.mark_error(False)
        self._update_count()

    def _on_photo(self, row: ItemRow) -> None:
        path = self._files.ask_open_path(self, f"选择“{row.item.name}”的照片", PHOTO_FILTER)
        if path is not None:
            self._set_photo(row, str(path))

    def _set_photo(self, row: ItemRow, path: str) -> None:
        row.photo = path
        row.photo_name.setText(Path(path).name if path else "")
        row.photo_name.setToolTip(path)
        row.photo_clear.setVisible(bool(path))

    def _update_count(self) -> None:
        chosen = [r.value() for r in self.rows.values() if r.value() is not None]
        failing = sum(1 for v in chosen if v is not None and v.failing)
        self.count.setText(
            f"共 {len(self.rows)} 项，本次登记 {len(chosen)} 项，其中未通过 {failing} 项"
        )

    def entries(self) -> list[EntryFields]:
        """The rows with a result (a bad 公示日期 raises, naming its field)."""
        out = []
        for code, row in self.rows.items():
            result = row.value()
            if result is None:
                continue
            posted = row.posted_on.value() if result in WITH_DATE else None
            out.append(EntryFields(code, result, posted, row.note.text().strip(), row.photo))
        return out

    def fields(self) -> tuple[int, date, str, list[EntryFields], str]:
        community_id = self.community.value()
        if community_id is None:
            raise ValidationError("请选择小区", field="community_id")
        checked_on = self.checked_on.value()
        if checked_on is None:
            self.checked_on.mark_error(True)
            raise ValidationError("请填写检查日期", field="checked_on")
        entries = self.entries()
        return community_id, checked_on, self.inspector.text(), entries, self.notes.text()

    def focus_field(self, field: str | None) -> QWidget | None:
        widget = super().focus_field(field)
        if isinstance(widget, DateField):
            widget.mark_error(True)
        return widget

    def _save(self, reason: str = "") -> int:
        """The check's id."""
        community_id, checked_on, inspector, entries, notes = self.fields()
        return self._service.record_check(community_id, checked_on, inspector, entries, notes)
