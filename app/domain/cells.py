"""Converting raw spreadsheet cells into typed values, with Chinese error messages."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from app.domain import dates
from app.domain.text import clean_cell_text

_TRUE = {"是", "有", "y", "yes", "true", "1", "√", "✓", "是的"}
_FALSE = {"否", "无", "n", "no", "false", "0", "×", "x", "不是", "没有"}
_CENT = Decimal("0.01")


class CellError(ValueError):
    """A cell's value cannot be read; `message` is Chinese and says what is expected."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers typed as numbers
    if isinstance(value, datetime):
        return value.date().isoformat()
    return clean_cell_text(value)


def to_int(value: object) -> int | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError("应为整数，不能有小数")
    text = clean_cell_text(value).replace(",", "")
    try:
        return int(text)
    except ValueError:
        pass
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise CellError("应为整数，请只填写数字") from None
    if d != d.to_integral_value():
        raise CellError("应为整数，不能有小数")
    return int(d)


def to_decimal(value: object, *, percent: bool = False) -> Decimal | None:
    """A number with at most two decimals. With percent=True, '85%' and a percent-formatted
    cell (0 < x < 1) both mean 85."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("应为数字")
    if isinstance(value, int | float):
        d = Decimal(repr(value))
        if percent and isinstance(value, float) and 0 < value < 1:
            d = d * 100
    else:
        text = clean_cell_text(value).replace(",", "")
        if percent and text.endswith("%"):
            text = text[:-1].strip()
        try:
            d = Decimal(text)
        except InvalidOperation:
            raise CellError("应为数字，请只填写数字（可带两位小数）") from None
    if not d.is_finite():
        raise CellError("应为数字")
    rounded = d.quantize(_CENT)
    if abs(d - rounded) > Decimal("1e-9"):
        raise CellError("最多保留两位小数")
    return rounded


def to_bool(value: object) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = to_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("应填写“是”或“否”")


def to_date(value: object) -> date | None:
    try:
        return dates.parse_date(value)
    except (ValueError, OverflowError):
        raise CellError(
            "日期无法识别，请写成 2023-06-05、2023.6.5、2023/06/05 或 2023年6月5日"
        ) from None
