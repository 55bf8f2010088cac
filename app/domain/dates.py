"""Forgiving date parsing for imported sheets and typed input."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_EXCEL_EPOCH = date(1899, 12, 30)
_YMD = re.compile(r"^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


def parse_date(value: object) -> date | None:
    """Parse 2023-06-05, 2023.6.5, 2023/06/05, 2023年6月5日, 20230605, an Excel serial or a
    date/datetime. Returns None for an empty value; raises ValueError when unreadable."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        if value == int(value) and 19000101 <= value <= 29991231:
            return parse_date(str(int(value)))  # 20230605 typed into a number cell
        serial = float(value)
        if not (1 <= serial < 2958466) or serial != int(serial):
            raise ValueError(value)
        return _EXCEL_EPOCH + timedelta(days=int(serial))
    text = str(value).strip()
    if not text:
        return None
    for pattern in (_YMD, _COMPACT):
        m = pattern.match(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            return date(y, mo, d)
    if re.fullmatch(r"\d{5}(\.0)?", text):
        return parse_date(float(text))
    raise ValueError(text)


def fmt(d: date | None) -> str:
    return d.isoformat() if d else ""


def add_months(d: date, months: int) -> date:
    """Calendar month arithmetic, clamping the day (2026-08-31 + 6 months → 2027-02-28)."""
    total = d.month - 1 + months
    y, m = d.year + total // 12, total % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")
