"""Cost split by area (DOMAIN.md §5.3): integer fen, residue to the largest unit, exact total."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.cost_split import (
    DEVELOPER,
    UNIT_COLUMNS,
    SplitUnit,
    parse_units,
    split,
)
from app.domain.errors import ValidationError
from app.domain.tabular import RawRow, match_header


def units(*areas: str) -> list[SplitUnit]:
    return [SplitUnit(f"1-{101 + i}", Decimal(a)) for i, a in enumerate(areas)]


def fens(cost: int, *areas: str) -> list[int]:
    return [s.fen for s in split(cost, units(*areas))]


def test_three_equal_awkward_units_add_up_to_the_cost():
    shares = split(10000, units("33.33", "33.33", "33.33"))
    assert [s.fen for s in shares] == [3334, 3333, 3333]  # residue to the first of the largest
    assert sum(s.fen for s in shares) == 10000
    assert [s.unit.room for s in shares] == ["1-101", "1-102", "1-103"]


def test_residue_goes_to_the_largest_unit_wherever_it_is():
    # 100.00 yuan over 10 + 20 + 30.01 m²: floors 1666 + 3332 + 5000 = 9998, residue 2
    assert fens(10000, "10.00", "20.00", "30.01") == [1666, 3332, 5002]
    assert fens(10000, "30.01", "10.00", "20.00") == [5002, 1666, 3332]
    # floors 1428 + 4285 + 4285 = 9998: the first of the equal largest takes the residue
    assert fens(10000, "10", "30.01", "30.01") == [1428, 4287, 4285]


def test_exact_division_leaves_no_residue():
    assert fens(9000, "10", "20", "60") == [1000, 2000, 6000]


def test_one_unit_pays_everything():
    assert fens(123457, "88.88") == [123457]


def test_a_unit_of_area_zero_pays_nothing():
    assert fens(10001, "0", "50", "50") == [0, 5001, 5000]


def test_zero_cost_gives_zero_shares():
    assert fens(0, "10", "20") == [0, 0]


def test_unsold_units_are_charged_to_the_developer():
    assert SplitUnit("1-101", Decimal("90")).payer == DEVELOPER == "建设单位（未售）"
    assert SplitUnit("1-101", Decimal("90"), "张三").payer == "张三"


@pytest.mark.parametrize(
    ("cost", "given_units", "field", "words"),
    [
        (100, [], "units", "没有房屋"),
        (-1, units("10"), "cost", "负数"),
        (100, units("10", "-0.01"), "area", "负数"),
        (100, units("10", "10.001"), "area", "两位小数"),
        (100, units("0", "0.00"), "area", "总面积为零"),
        (
            100,
            [
                SplitUnit("1-101", Decimal(1)),
                SplitUnit("1-102", Decimal(1)),
                SplitUnit("1-101", Decimal(2)),
                SplitUnit("1-102 ", Decimal(2)),
            ],
            "room",
            "房号重复：1-101、1-102",
        ),
    ],
)
def test_invalid_input_is_refused_in_chinese(cost, given_units, field, words):
    with pytest.raises(ValidationError) as exc:
        split(cost, given_units)
    assert exc.value.field == field
    assert words in exc.value.message


# 0.01 .. 9999.99 m² as whole hundredths
AREAS = st.integers(min_value=1, max_value=999999).map(lambda c: Decimal(c) / 100)


@given(
    cost=st.integers(min_value=0, max_value=10**10),
    areas=st.lists(AREAS, min_size=1, max_size=60),
)
def test_shares_always_add_up_and_are_floors_of_the_exact_share(cost, areas):
    given_units = [SplitUnit(f"R{i}", a) for i, a in enumerate(areas)]
    shares = split(cost, given_units)
    assert sum(s.fen for s in shares) == cost
    assert all(s.fen >= 0 for s in shares)
    assert [s.unit for s in shares] == given_units

    total = sum(Fraction(a) for a in areas)
    exact = [cost * Fraction(a) / total for a in areas]
    largest = max(range(len(areas)), key=lambda i: (areas[i], -i))
    for i, (share, e) in enumerate(zip(shares, exact, strict=True)):
        if i == largest:
            assert e <= share.fen < e + len(areas)  # floor + a residue of fewer than n fen
        else:
            assert share.fen == int(e)  # floor of the exact proportional share


# ---- reading rows of a unit list -------------------------------------------------------------
def test_unit_columns_answer_to_their_aliases():
    for text, key in [
        ("房号", "room"),
        ("户号", "room"),
        ("门牌号", "room"),
        ("单元房号", "room"),
        ("面积(㎡)", "area"),
        ("建筑面积", "area"),
        ("专有部分面积（㎡）", "area"),
        ("套内面积", "area"),
        ("业主", "owner"),
        ("产权人", "owner"),
        ("所有权人", "owner"),
    ]:
        col = match_header(text, UNIT_COLUMNS)
        assert col is not None and col.key == key, text


def row(r: int, room: object, area: object, owner: object = None) -> RawRow:
    return RawRow(r, {"room": room, "area": area, "owner": owner})


def test_parse_units_reads_good_rows():
    got, problems = parse_units([row(2, "1-101", 89.5, "张三"), row(3, 1102, "120.25", None)])
    assert problems == []
    assert got == [
        SplitUnit("1-101", Decimal("89.50"), "张三"),
        SplitUnit("1102", Decimal("120.25"), ""),
    ]


def test_parse_units_reports_every_bad_cell_with_row_and_column():
    got, problems = parse_units(
        [
            row(2, "1-101", "89.5"),
            row(3, "1-102", "八十"),
            row(4, "1-101", "70"),
            row(5, "", "60"),
            row(6, "1-104", None),
            row(7, "1-105", "0"),
            row(8, "1-106", "-3"),
            row(9, "1-107", "12.345"),
        ]
    )
    assert [u.room for u in got] == ["1-101"]
    found = {(p.row, p.column): p for p in problems}
    assert sorted(found) == [
        (3, "面积(㎡)"),
        (4, "房号"),
        (5, "房号"),
        (6, "面积(㎡)"),
        (7, "面积(㎡)"),
        (8, "面积(㎡)"),
        (9, "面积(㎡)"),
    ]
    assert found[3, "面积(㎡)"].value == "八十" and "数字" in found[3, "面积(㎡)"].message
    assert "第2行" in found[4, "房号"].message and found[4, "房号"].value == "1-101"
    assert "不能为空" in found[5, "房号"].message
    assert "不能为空" in found[6, "面积(㎡)"].message
    assert "大于零" in found[7, "面积(㎡)"].message
    assert "大于零" in found[8, "面积(㎡)"].message
    assert "两位小数" in found[9, "面积(㎡)"].message
