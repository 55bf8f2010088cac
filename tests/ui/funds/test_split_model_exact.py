"""The 分摊明细 table of the split dialog: the exact share after the existing columns."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from app.domain.cost_split import SplitUnit, split
from app.ui.funds.split_dialog import HEADERS, SplitModel


def test_the_exact_share_is_the_last_column(qapp, qtmodeltester):
    units = [
        SplitUnit("1-101", Decimal("10.00"), "甲"),
        SplitUnit("1-102", Decimal("20.00")),
        SplitUnit("1-103", Decimal("30.01"), "丙"),
    ]
    model = SplitModel()
    model.set_shares(split(10000, units), Decimal("60.01"))
    assert model.columnCount() == len(HEADERS) == 7
    assert HEADERS[5] == "分摊金额(元)" and HEADERS[6] == "精确分摊(元)（未取整）"
    horizontal = Qt.Orientation.Horizontal
    assert model.headerData(6, horizontal) == "精确分摊(元)（未取整）"
    assert [model.text(r, 5) for r in range(3)] == ["16.66", "33.33", "50.01"]
    assert [model.text(r, 6) for r in range(3)] == ["16.6639", "33.3278", "50.0083"]
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(model.index(0, 6), Qt.ItemDataRole.TextAlignmentRole) == right
    qtmodeltester.check(model)


def test_large_exact_shares_have_thousands_separators(qapp):
    model = SplitModel()
    model.set_shares(split(123456789012, [SplitUnit("1", Decimal("1"))]), Decimal("1"))
    assert model.text(0, 5) == "1,234,567,890.12" and model.text(0, 6) == "1,234,567,890.1200"
