"""检查事项设置: the checklist's items — the rule pack's (switched on or off only) and the
office's own (named, given a frequency, switched on or off). Past check results keep the
names and results they were recorded with."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.disclosure import DisclosureItem, Frequency, ItemEdit
from app.domain.errors import ValidationError
from app.services.disclosure_service import DisclosureService
from app.ui.common.fields import EnumCombo
from app.ui.common.form_dialog import FormDialog
from app.ui.common.messages import MessageService
from app.ui.common.style import set_role

HEADERS = ["启用", "公示事项", "频次", "来源"]
NOTE = (
    "停用或修改事项只影响今后的检查和公示率；已登记的检查结果保留当时的事项名称和结果，不会被改写。"
)


@dataclass
class ItemLine:
    """One row: `item` None for a local item not saved yet; `key` names its widgets."""

    key: str
    item: DisclosureItem | None
    active: QCheckBox
    name: QLineEdit | None  # local items only
    frequency: EnumCombo | None  # local items only

    @property
    def local(self) -> bool:
        return self.item is None or self.item.local


class DisclosureItemsDialog(FormDialog):
    def __init__(
        self, disclosure: DisclosureService, messages: MessageService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, messages=messages)
        self._service = disclosure
        self.lines: list[ItemLine] = []
        self._new = 0
        self.setWindowTitle("检查事项设置")
        self.resize(760, 620)
        self._build()
        for item in disclosure.items():
            self._add_line(item)

    # ---- view --------------------------------------------------------------------------
    def _build(self) -> None:
        host = QWidget()
        column = QVBoxLayout(host)
        self.grid = QGridLayout()
        column.addLayout(self.grid)
        column.addStretch(1)  # rows keep their height; the space goes below them
        self.grid.setHorizontalSpacing(10)
        for col, text in enumerate(HEADERS):
            head = QLabel(text)
            set_role(head, "heading")
            self.grid.addWidget(head, 0, col)
        self.grid.setColumnStretch(1, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(host)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.add_button = QPushButton("新增本地事项")
        self.add_button.setToolTip("增加规则包以外、本单位要求公示的事项")
        note = QLabel(NOTE)
        note.setWordWrap(True)
        set_role(note, "hint")
        self.buttons = QDialogButtonBox()
        self.buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        tools = QHBoxLayout()
        tools.addWidget(QLabel("规则包中的事项只能启用或停用；本地事项可以修改名称和频次。"), 1)
        tools.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.add_button.clicked.connect(lambda _c=False: self.add_local())

    def _add_line(self, item: DisclosureItem | None) -> ItemLine:
        if item is None:
            self._new += 1
            key = f"new_{self._new}"
        else:
            key = item.code
        active = QCheckBox(objectName=f"active:{key}")
        active.setChecked(item.active if item else True)
        row = len(self.lines) + 1
        self.grid.addWidget(active, row, 0)
        name: QLineEdit | None = None
        frequency: EnumCombo | None = None
        if item is None or item.local:
            name = QLineEdit(item.name if item else "", objectName=f"name:{key}")
            name.setPlaceholderText("事项名称，如：小区停车收费标准")
            frequency = EnumCombo(Frequency)
            frequency.setObjectName(f"frequency:{key}")
            frequency.set_value(item.frequency if item else Frequency.LONG_TERM)
            self.grid.addWidget(name, row, 1)
            self.grid.addWidget(frequency, row, 2)
            self.grid.addWidget(QLabel("本地"), row, 3)
        else:
            label = QLabel(item.name)
            label.setWordWrap(True)
            self.grid.addWidget(label, row, 1)
            self.grid.addWidget(QLabel(item.frequency.label), row, 2)
            self.grid.addWidget(QLabel("规则包"), row, 3)
        line = ItemLine(key, item, active, name, frequency)
        self.lines.append(line)
        return line

    def add_local(self) -> ItemLine:
        line = self._add_line(None)
        assert line.name is not None
        line.name.setFocus()
        self.scroll.ensureWidgetVisible(line.name)
        return line

    def line(self, key: str) -> ItemLine:
        return next(x for x in self.lines if x.key == key)

    # ---- controller --------------------------------------------------------------------
    def _check(self) -> None:
        """Names of local items: filled in (except blank new rows, which are dropped) and
        each used once."""
        seen: dict[str, str] = {}
        for x in self.lines:
            if x.item is not None and not x.item.local:
                seen[x.item.name] = x.key
                continue
            assert x.name is not None
            text = x.name.text().strip()
            if not text and x.item is None:
                continue
            if not text:
                raise ValidationError("请填写公示事项名称", field=f"name:{x.key}")
            if text in seen:
                raise ValidationError(f"已有公示事项“{text}”", field=f"name:{x.key}")
            seen[text] = x.key

    def _save(self, reason: str = "") -> bool:
        """Every line in one service call: all of it is saved, or none of it."""
        self._check()
        lines = [x for x in self.lines if not (x.item is None and not self._name(x))]
        edits = []
        for x in lines:
            if x.local:
                assert x.frequency is not None
                frequency = Frequency.from_code(x.frequency.value())
                code = x.item.code if x.item else None
                edits.append(ItemEdit(code, self._name(x), frequency, x.active.isChecked()))
            else:
                assert x.item is not None
                edits.append(
                    ItemEdit(
                        x.item.code,
                        x.item.name,
                        x.item.frequency,
                        x.active.isChecked(),
                        local=False,
                    )
                )
        try:
            codes = self._service.save_items(edits)
        except ValidationError as err:
            n = int(err.field.split(":")[1]) if err.field and err.field.startswith("item:") else -1
            field = f"name:{lines[n].key}" if 0 <= n < len(lines) else None
            raise ValidationError(err.message, field=field) from err
        for x, code, e in zip(lines, codes, edits, strict=True):
            x.item = DisclosureItem(code, e.name.strip(), e.frequency, e.active, local=x.local)
        return True

    @staticmethod
    def _name(x: ItemLine) -> str:
        return x.name.text().strip() if x.name is not None else ""
