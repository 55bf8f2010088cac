"""Cost split by area (DOMAIN.md §5.3): integer fen by the largest-remainder method, every share
within 1 fen of its exact share, exact total."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.cost_split import (
    DEVELOPER,
    UNIT_COLUMNS,
    SplitUnit,
    exact_yuan,
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
    assert [s.fen for s in shares] == [3334, 3333, 3333]  # equal remainders: list order
    assert sum(s.fen for s in shares) == 10000
    assert [s.unit.room for s in shares] == ["1-101", "1-102", "1-103"]
    assert [s.exact for s in shares] == [Fraction(10000, 3)] * 3
    assert [str(s.exact_yuan()) for s in shares] == ["33.3333"] * 3


def test_the_issue_example_spreads_the_residue_one_fen_at_a_time():
    # 9,999 units of 100.00 m² and one of 100.01 m², 9,999.99 yuan. The old rule gave the
    # largest unit 100.98 yuan and every other 0.99; each exact share is about 1.00 yuan.
    given_units = [SplitUnit(f"R{i}", Decimal("100.00")) for i in range(9999)]
    given_units.append(SplitUnit("BIG", Decimal("100.01")))
    shares = split(999_999, given_units)
    assert sum(s.fen for s in shares) == 999_999
    assert all(abs(s.fen - s.exact) < 1 for s in shares)
    assert shares[-1].fen == 100  # the largest unit pays its own share, not the residue
    # floors: 99 fen each and 100 for the largest; the residue 9,998 fen goes one fen each to
    # the units with the largest remainders (the 100.00 m² units, all equal: list order)
    assert [s.fen for s in shares[:9998]] == [100] * 9998 and shares[9998].fen == 99
    total = 9999 * 10000 + 10001  # hundredths of a m²
    assert shares[0].exact == Fraction(999_999 * 10000, total)
    assert shares[-1].exact == Fraction(999_999 * 10001, total)
    assert str(shares[0].exact_yuan()) == "1.0000" and str(shares[-1].exact_yuan()) == "1.0001"


def test_residue_goes_to_the_largest_remainders_wherever_they_are():
    # 100.00 yuan over 10 + 20 + 30.01 m²: exact 1666.39 + 3332.78 + 5000.83, floors 9998,
    # residue 2 fen: one each to the two largest remainders (.83 and .78)
    assert fens(10000, "10.00", "20.00", "30.01") == [1666, 3333, 5001]
    assert fens(10000, "30.01", "10.00", "20.00") == [5001, 1666, 3333]
    # exact 1428.37 + 4285.81 + 4285.81: residue 2, one to each equal largest remainder
    assert fens(10000, "10", "30.01", "30.01") == [1428, 4286, 4286]


def test_a_small_unit_with_the_largest_remainder_gets_the_fen():
    # exact 1.8 + 8.2 (fen): the residue fen goes to the small unit, not the largest
    assert fens(10, "18", "82") == [2, 8]


def test_equal_remainders_go_to_the_larger_area_first():
    # 3 fen over 1 + 2 m² (total 3): exact 1 and 2, no residue
    assert fens(3, "1", "2") == [1, 2]
    # 1 fen over 1 + 3 + 4 m²: exact 1/8, 3/8, 4/8 -> the 4 m² unit (largest remainder)
    assert fens(1, "1", "3", "4") == [0, 0, 1]
    # 3 fen over 1 + 1 + 2 + 2 m²: exact 0.5, 0.5, 1, 1; floors 0, 0, 1, 1, residue 1;
    # equal remainders and areas for the two 1 m² units: the first in the list
    assert fens(3, "1", "1", "2", "2") == [1, 0, 1, 1]
    # 5 fen over 2 + 3 + 5 m²: exact 1.0, 1.5, 2.5; floors 1, 1, 2, residue 1;
    # equal remainders (.5) for the 3 and the 5 m² units: the larger area wins
    assert fens(5, "2", "3", "5") == [1, 1, 3]
    assert fens(5, "5", "3", "2") == [3, 1, 1]


def test_equal_remainders_and_areas_go_in_list_order():
    assert fens(2, "1", "1", "1") == [1, 1, 0]
    # exact 2/3, then 1/3 four times: the first fen to the 2/3, the second to the first 1/3
    assert fens(2, "2", "1", "1", "1", "1") == [1, 1, 0, 0, 0]
    assert fens(5, "1", "1", "1", "1", "1", "1") == [1, 1, 1, 1, 1, 0]


def test_exact_yuan_rounds_half_up_at_the_places_asked():
    assert str(exact_yuan(Fraction(1, 3))) == "0.0033"
    assert str(exact_yuan(Fraction(1, 200))) == "0.0001"  # 0.00005 yuan half up
    assert str(exact_yuan(Fraction(1, 201))) == "0.0000"
    assert str(exact_yuan(12345)) == "123.4500"
    assert str(exact_yuan(Fraction(2, 3), 6)) == "0.006667"


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


def check_largest_remainder(cost: int, areas: list[Decimal]) -> None:
    given_units = [SplitUnit(f"R{i}", a) for i, a in enumerate(areas)]
    shares = split(cost, given_units)
    assert sum(s.fen for s in shares) == cost
    assert [s.unit for s in shares] == given_units
    total = sum(Fraction(a) for a in areas)
    exact = [cost * Fraction(a) / total for a in areas]
    assert [s.exact for s in shares] == exact
    for share, e in zip(shares, exact, strict=True):
        assert abs(share.fen - e) < 1  # within 1 fen of the exact share
        assert share.fen in (int(e), int(e) + 1) and share.fen >= 0
    # the fen added go to the largest remainders: no unit rounded down has a larger remainder
    # (or an equal one with a larger area, or an equal one and area earlier in the list)
    key = [(e - int(e), areas[i], -i) for i, e in enumerate(exact)]
    up = [i for i, s in enumerate(shares) if s.fen > exact[i]]
    down = [i for i, s in enumerate(shares) if s.fen < exact[i]]
    if up and down:
        assert min(key[i] for i in up) > max(key[i] for i in down)


@given(
    cost=st.integers(min_value=0, max_value=10**10),
    areas=st.lists(AREAS, min_size=1, max_size=60),
)
def test_shares_add_up_and_are_within_a_fen_of_the_exact_share(cost, areas):
    check_largest_remainder(cost, areas)


@given(
    cost=st.integers(min_value=0, max_value=10**6),
    areas=st.lists(st.sampled_from(["1", "2", "3", "1.5"]).map(Decimal), min_size=1, max_size=9),
)
def test_ties_in_small_splits_follow_the_rule(cost, areas):
    check_largest_remainder(cost, areas)


@settings(max_examples=8, deadline=None)
@given(
    cost=st.integers(min_value=0, max_value=10**11),
    seed=st.integers(min_value=0, max_value=10**6),
    n=st.integers(min_value=1000, max_value=10_000),
)
def test_large_splits_of_up_to_10000_units(cost, seed, n):
    import random

    rng = random.Random(seed)
    areas = [Decimal(rng.randint(1, 999999)) / 100 for _ in range(n)]
    check_largest_remainder(cost, areas)


def test_ten_thousand_units_add_up():
    """A split of 10,000 units (its speed is measured in benchmarks/bench_funds.py, not here)."""
    given_units = [SplitUnit(f"R{i}", Decimal(i % 997 + 1) / 100) for i in range(10_000)]
    shares = split(10**10 + 7, given_units)
    assert sum(s.fen for s in shares) == 10**10 + 7
    check_largest_remainder(10**10 + 7, [u.area for u in given_units])


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
