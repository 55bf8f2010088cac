"""The vote's owner count from a unit list (DOMAIN §5.1, issue 12 item 9)."""

from __future__ import annotations

from decimal import Decimal

from app.domain.cost_split import SplitUnit
from app.domain.owner_count import count_owners

D = Decimal


def units(*rows):
    return [SplitUnit(room, D(area), owner) for room, area, owner in rows]


def test_one_unit_one_owner():
    c = count_owners(units(("1-101", "88.50", "甲"), ("1-102", "90.00", "乙")))
    assert (c.units, c.area, c.owners, c.unsold, c.several) == (2, D("178.50"), 2, 0, 0)
    assert c.derivation() == "按房屋清单：2 套，总面积 178.50 ㎡，业主 2 人"


def test_a_buyer_of_several_units_is_one_owner_however_the_name_is_typed():
    c = count_owners(
        units(("1-101", "80", "张 三"), ("1-102", "80", "张三"), ("2-1", "80", "李四"))
    )
    assert (c.owners, c.several) == (2, 1)
    assert "1 位业主拥有多套，各计 1 人" in c.derivation()


def test_all_the_developers_unsold_units_together_are_one_owner():
    c = count_owners(units(("1", "50", ""), ("2", "60", " "), ("3", "70", "王五")))
    assert (c.owners, c.unsold) == (2, 2)
    assert "建设单位未售 2 套，合计 1 人" in c.derivation()
    only_unsold = count_owners(units(("1", "50", ""), ("2", "60", "")))
    assert only_unsold.owners == 1


def test_an_empty_list_has_no_owner():
    c = count_owners([])
    assert (c.units, c.area, c.owners) == (0, D(0), 0)


def test_typed_figures_that_differ_are_named():
    c = count_owners(units(("1", "50.00", "甲"), ("2", "50.00", "甲"), ("3", "50.00", "")))
    assert c.differences(D("150.00"), 2) == []  # 甲 once, the developer once
    assert c.differences(D("150"), None) == []  # the same area, a blank count: nothing
    warnings = c.differences(D("150.01"), 3)
    assert warnings == [
        "填写的总面积 150.01 ㎡ 与房屋清单的 150 ㎡ 不一致",
        "填写的业主总人数 3 人与房屋清单的 2 人不一致",
    ]
