from datetime import date
from decimal import Decimal

import pytest

from app.domain import cells
from app.domain.dates import add_months, parse_date
from app.domain.text import header_key, mask_phone


@pytest.mark.parametrize(
    "raw",
    [
        "2023-06-05",
        "2023.6.5",
        "2023/06/05",
        "2023年6月5日",
        "20230605",
        45082,
        45082.0,
        "45082",
        date(2023, 6, 5),
    ],
)
def test_every_accepted_date_form(raw):
    assert parse_date(raw) == date(2023, 6, 5)


@pytest.mark.parametrize("raw", ["2023-13-01", "昨天", "2023-02-30", 45082.5, True])
def test_unreadable_dates(raw):
    with pytest.raises(cells.CellError):
        cells.to_date(raw)


def test_blank_date_is_none():
    assert cells.to_date("  ") is None and cells.to_date(None) is None


def test_int_cells():
    assert cells.to_int("1,200") == 1200
    assert cells.to_int(12.0) == 12
    with pytest.raises(cells.CellError, match="整数"):
        cells.to_int("十二")
    with pytest.raises(cells.CellError, match="小数"):
        cells.to_int(12.5)


def test_decimal_cells_keep_two_places_exactly():
    assert cells.to_decimal(33.33) == Decimal("33.33")
    assert cells.to_decimal("86,500.5") == Decimal("86500.50")
    with pytest.raises(cells.CellError, match="两位小数"):
        cells.to_decimal("1.234")


def test_percent_cells():
    assert cells.to_decimal("85%", percent=True) == Decimal("85.00")
    assert cells.to_decimal(0.85, percent=True) == Decimal("85.00")
    assert cells.to_decimal(100, percent=True) == Decimal("100.00")


def test_bool_cells():
    assert cells.to_bool("是") is True and cells.to_bool("否") is False
    with pytest.raises(cells.CellError):
        cells.to_bool("也许")


def test_header_key_tolerates_spaces_full_width_and_marks():
    assert header_key(" 小区 名称* ") == header_key("小区名称")
    assert header_key("专有部分面积（㎡）") == header_key("专有部分面积(㎡)")


def test_mask_phone():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0000-5550123") == "0000-5550123"


def test_add_months_clamps():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 5, 23), 6) == date(2026, 11, 23)


def test_an_eight_digit_number_cell_is_a_compact_date_not_a_serial():
    from datetime import date

    from app.domain.dates import parse_date

    assert parse_date(20230605) == date(2023, 6, 5)
    assert parse_date(20230605.0) == date(2023, 6, 5)
    assert parse_date(45082) == date(2023, 6, 5)  # an Excel serial still works
    import pytest

    with pytest.raises(ValueError):
        parse_date(20231305)  # month 13
