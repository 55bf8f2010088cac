"""Form inputs that read like the import: forgiving parsing, plain Chinese errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.domain import cells
from app.domain.enums import LabelledEnum
from app.domain.errors import ValidationError
from app.ui.common.style import set_invalid


class _Parsed(QLineEdit):
    def __init__(
        self, field: str, label: str, placeholder: str = "", parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.field = field
        self.label = label
        self.setObjectName(field)
        self.setPlaceholderText(placeholder)
        self.textChanged.connect(lambda _t: self.mark_error(False))

    def mark_error(self, bad: bool) -> None:
        set_invalid(self, bad)

    def _fail(self, message: str) -> ValidationError:
        self.mark_error(True)
        return ValidationError(f"{self.label}：{message}", field=self.field, value=self.text())


class IntField(_Parsed):
    def value(self) -> int | None:
        try:
            return cells.to_int(self.text())
        except cells.CellError as err:
            raise self._fail(err.message) from None

    def set_value(self, v: int | None) -> None:
        self.setText("" if v is None else str(v))


class DecimalField(_Parsed):
    def value(self) -> Decimal | None:
        try:
            return cells.to_decimal(self.text())
        except cells.CellError as err:
            raise self._fail(err.message) from None

    def set_value(self, v: Decimal | None) -> None:
        self.setText("" if v is None else str(v))


class DateField(_Parsed):
    def __init__(self, field: str, label: str, parent: QWidget | None = None):
        super().__init__(field, label, "未填写（如 2023-06-05）", parent)
        self.setMaximumWidth(180)

    def value(self) -> date | None:
        try:
            return cells.to_date(self.text())
        except cells.CellError as err:
            raise self._fail(err.message) from None

    def set_value(self, v: date | None) -> None:
        self.setText(v.isoformat() if v else "")


class EnumCombo(QComboBox):
    def __init__(self, enum_cls: type[LabelledEnum], parent: QWidget | None = None):
        super().__init__(parent)
        self._enum_cls = enum_cls
        for member in enum_cls:
            self.addItem(member.label, member)

    def value(self) -> LabelledEnum:
        # Qt hands a StrEnum back as a plain str: turn it into the member again.
        return self._enum_cls(self.currentData())

    def set_value(self, v: LabelledEnum) -> None:
        self.setCurrentIndex(max(0, self.findData(v)))


class IdCombo(QComboBox):
    """Choose one of (id, name), or none."""

    def __init__(self, none_label: str = "（无）", parent: QWidget | None = None):
        super().__init__(parent)
        self._none = none_label

    def set_choices(self, choices: list[tuple[int, str]]) -> None:
        current = self.value()
        self.clear()
        self.addItem(self._none, None)
        for cid, name in choices:
            self.addItem(name, cid)
        self.set_value(current)

    def value(self) -> int | None:
        data = self.currentData()
        return int(data) if data is not None else None

    def set_value(self, v: int | None) -> None:
        self.setCurrentIndex(max(0, self.findData(v)))


def compact(combo: QComboBox, chars: int = 8) -> QComboBox:
    """A filter's combo box whose long names (communities, companies, categories) do not
    widen the whole page: it is as wide as `chars` characters."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    return combo
