"""Money: fen → yuan text, Chinese capitals (大写金额), and parsing what the user typed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.amounts import MAX_FEN, capital, parse_yuan, yuan
from app.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10,005.00", "壹万零伍元整"),  # a zero inside
        ("123,400.00", "壹拾贰万叁仟肆佰元整"),
        ("1,409.50", "壹仟肆佰零玖元伍角"),  # jiao, no fen: no 整 either
        ("6,007.14", "陆仟零柒元壹角肆分"),
        ("16,409.02", "壹万陆仟肆佰零玖元零贰分"),  # 零 between 元 and 分
        ("107,000.53", "壹拾万柒仟元伍角叁分"),
        ("100,700.00", "壹拾万零柒佰元整"),  # the gap across 万
        ("0.05", "伍分"),
        ("0.50", "伍角"),
        ("0", "零元整"),
        ("15.00", "壹拾伍元整"),  # 壹拾, not 拾
        ("10.00", "壹拾元整"),
        ("1,000,100,000.00", "壹拾亿零壹拾万元整"),
        ("100,000,001.00", "壹亿零壹元整"),
        ("100,001,000.00", "壹亿零壹仟元整"),
        ("2,010.10", "贰仟零壹拾元壹角"),
        ("999,999,999,999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        # From one trillion (一万亿) up the count of 亿 is read as a number: never 万亿…亿
        ("1,000,000,000,000.00", "壹万亿元整"),
        ("1,000,100,000,000.00", "壹万零壹亿元整"),  # 10001 亿, not 壹万亿零壹亿
        ("1,234,500,000,000.00", "壹万贰仟叁佰肆拾伍亿元整"),
        ("1,000,005,000,000.00", "壹万亿零伍佰万元整"),
        ("1,000,050,000,000.00", "壹万亿伍仟万元整"),
        ("100,000,000,001.00", "壹仟亿零壹元整"),
        ("10,000,000,000,000.01", "壹拾万亿元零壹分"),
        ("99,999,999,999,999.99", "玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ],
)  # fmt: skip
def test_capital(text, expected):
    fen = parse_yuan(text)
    assert capital(fen) == expected
    assert yuan(fen) == (text if "." in text else f"{text}.00")


def test_capital_never_says_wan_yi_before_yi():
    for fen in range(10**14, MAX_FEN, 10**13 + 987654321):
        text = capital(fen)
        assert "万亿" not in text or "亿" not in text.split("万亿", 1)[1], text


def test_capital_refuses_negative_and_too_large():
    with pytest.raises(ValueError):
        capital(-1)
    with pytest.raises(ValueError):
        capital(MAX_FEN + 1)


def test_yuan_groups_thousands_and_keeps_two_decimals():
    assert yuan(1000500) == "10,005.00"
    assert yuan(5) == "0.05"
    assert yuan(0) == "0.00"
    assert yuan(-12345) == "-123.45"


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        ("1,234.50", 123450),
        ("￥100", 10000),
        ("¥100元", 10000),
        ("１２３４．５", 123450),  # full-width digits and point
        ("１，２３４", 123400),
        (" 88 ", 8800),
        (Decimal("1.5"), 150),
        (Decimal("0.01"), 1),
        (7, 700),
        (0, 0),
        (0.1, 10),  # a float goes through its shortest repr, not 0.1000000000000000055…
        ("99,999,999,999,999.99", MAX_FEN),
    ],
)
def test_parse_yuan_accepts(value, fen):
    assert parse_yuan(value) == fen


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("1.001", "两位小数"),
        ("0.005", "两位小数"),
        ("-1", "负数"),
        ("-0.01", "负数"),
        ("abc", "不是有效的金额"),
        ("", "不是有效的金额"),
        ("NaN", "不是有效的金额"),
        ("Infinity", "不是有效的金额"),
        ("100,000,000,000,000", "过大"),
    ],
)
def test_parse_yuan_refuses(value, words):
    with pytest.raises(ValidationError) as exc:
        parse_yuan(value, what="维修费用")
    assert words in exc.value.message
    assert exc.value.message.startswith("维修费用")


def test_parse_yuan_zero_can_be_refused():
    assert parse_yuan("0") == 0
    with pytest.raises(ValidationError, match="必须大于零"):
        parse_yuan("0.00", allow_zero=False)
    assert parse_yuan("0.01", allow_zero=False) == 1


def test_parse_yuan_refuses_absurdly_long_numbers_plainly():
    with pytest.raises(ValidationError, match="过大"):
        parse_yuan("1" + "0" * 27)
