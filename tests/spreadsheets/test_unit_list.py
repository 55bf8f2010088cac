"""The unit list read from Excel, and the 分摊明细 written back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.domain.cost_split import SplitUnit, ratio_text, split
from app.domain.errors import ValidationError
from app.spreadsheets.reader import SheetError
from app.spreadsheets.unit_list import read_units, write_split


def sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_reads_headers_in_any_order_and_by_alias(tmp_path):
    path = sheet(
        tmp_path / "units.xlsx",
        [
            ["某小区3号楼屋面维修分摊范围"],  # a title row above the header
            ["产权人", "建筑面积", "备注", "户号"],
            ["张三", 89.5, "", "3-1-101"],
            [None, "120.25", "未售", "3-1-102"],
            [],
            ["李四", 33, None, 3103],
        ],
    )
    assert read_units(path) == [
        SplitUnit("3-1-101", Decimal("89.50"), "张三"),
        SplitUnit("3-1-102", Decimal("120.25"), ""),
        SplitUnit("3103", Decimal("33.00"), "李四"),
    ]


def test_a_bad_sheet_imports_nothing_and_names_each_row(tmp_path):
    path = sheet(
        tmp_path / "bad.xlsx",
        [
            ["房号", "面积(㎡)", "业主"],
            ["1-101", 90, "张三"],
            ["1-102", "九十", "李四"],
            ["1-101", 80, "王五"],
            ["1-104", 0, ""],
        ],
    )
    with pytest.raises(ValidationError) as exc:
        read_units(path)
    lines = exc.value.message.splitlines()
    assert "3 处错误" in lines[0] and "bad.xlsx" in lines[0]
    assert lines[1].startswith("第3行「面积(㎡)」“九十”：")
    assert lines[2].startswith("第4行「房号」“1-101”：房号重复（与第2行相同）")
    assert lines[3] == "第5行「面积(㎡)」“0”：面积必须大于零"


def test_long_problem_lists_are_cut_at_twenty(tmp_path):
    rows: list[list[object]] = [["房号", "面积"]]
    rows += [[f"1-{i}", "x"] for i in range(25)]
    with pytest.raises(ValidationError) as exc:
        read_units(sheet(tmp_path / "many.xlsx", rows))
    lines = exc.value.message.splitlines()
    assert len(lines) == 1 + 20 + 1
    assert lines[20].startswith("第21行") and lines[-1] == "……另有 5 处"


def test_missing_area_column_and_empty_list(tmp_path):
    with pytest.raises(SheetError, match="面积"):
        read_units(sheet(tmp_path / "noarea.xlsx", [["房号", "业主"], ["1-101", "张三"]]))
    with pytest.raises(ValidationError, match="没有房屋数据"):
        read_units(sheet(tmp_path / "empty.xlsx", [["房号", "面积"]]))


def test_ratio_text_has_four_decimals_rounded_half_up():
    assert ratio_text(Decimal("33.33"), Decimal("99.99")) == "33.3333%"
    assert ratio_text(Decimal("2"), Decimal("3")) == "66.6667%"
    assert ratio_text(Decimal("1"), Decimal("1")) == "100.0000%"
    assert ratio_text(Decimal("1"), Decimal("16000000")) == "0.0000%"  # 0.00000625%
    assert ratio_text(Decimal("1"), Decimal("1600000")) == "0.0001%"  # 0.0000625% half up


def test_write_split_amounts_add_up_to_the_cost(tmp_path):
    units = [
        SplitUnit("1-101", Decimal("33.33"), "张三"),
        SplitUnit("1-102", Decimal("33.33")),
        SplitUnit("1-103", Decimal("33.33"), "王五"),
    ]
    path = tmp_path / "split.xlsx"
    n = write_split(
        path,
        split(10000, units),
        title="青禾镇维修资金分摊明细",
        unit_name="青禾镇人民政府",
        fill_date=date(2026, 11, 23),
        preparer="测试员",
        phone="0571-88888888",
        cost_fen=10000,
    )
    assert n == 3
    ws = load_workbook(path)["分摊明细"]
    assert ws["A1"].value == "青禾镇维修资金分摊明细"
    assert ws["A2"].value == "填报单位：青禾镇人民政府"
    assert [c.value for c in ws[3]] == [
        "序号",
        "房号",
        "业主（承担人）",
        "面积(㎡)",
        "分摊比例",
        "分摊金额(元)",
        "精确分摊(元)（未取整）",
    ]
    data = [[c.value for c in ws[r]] for r in (4, 5, 6)]
    assert data == [
        [1, "1-101", "张三", 33.33, "33.3333%", 33.34, 33.3333],
        [2, "1-102", "建设单位（未售）", 33.33, "33.3333%", 33.33, 33.3333],
        [3, "1-103", "王五", 33.33, "33.3333%", 33.33, 33.3333],
    ]
    assert ws["G4"].number_format == "0.0000" and ws["G7"].number_format == "0.0000"
    assert sum(Decimal(str(r[5])) for r in data) == Decimal("100.00")
    assert ws["F4"].number_format == "0.00" and ws["D4"].number_format == "0.00"
    total = [c.value for c in ws[7]]
    assert total[0] == "合计" and total[1] == "3 户"
    assert Decimal(str(total[3])) == Decimal("99.99")
    assert Decimal(str(total[5])) == Decimal("100.00") and ws["F7"].font.b
    assert Decimal(str(total[6])) == Decimal("100")
    assert ws["F7"].number_format == "0.00"
    assert ws["A9"].value.startswith("制表人：测试员")
    assert ws["A10"].value.startswith("注：精确分摊＝维修费用×本户面积÷总面积") and "未取整" in (
        ws["A10"].value
    )
    assert "A10:G10" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.freeze_panes == "A4" and ws.page_setup.orientation == "landscape"


def test_write_split_refuses_shares_that_do_not_add_up(tmp_path):
    shares = split(10000, [SplitUnit("1", Decimal("1"))])
    with pytest.raises(ValueError):
        write_split(
            tmp_path / "x.xlsx",
            shares,
            title="t",
            unit_name="u",
            fill_date=date(2026, 1, 1),
            preparer="",
            phone="",
            cost_fen=9999,
        )


def test_write_split_shows_each_exact_share_beside_the_rounded_one(tmp_path):
    # the example: 9,999 units of 100.00 m², one of 100.01 m², 9,999.99 yuan
    units = [SplitUnit(f"1-{i}", Decimal("100.00")) for i in range(9999)]
    units.append(SplitUnit("9-901", Decimal("100.01"), "大户"))
    path = tmp_path / "big.xlsx"
    shares = split(999_999, units)
    n = write_split(
        path,
        shares,
        title="t",
        unit_name="u",
        fill_date=date(2026, 12, 4),
        preparer="",
        phone="",
        cost_fen=999_999,
    )
    assert n == 10_000
    ws = load_workbook(path, read_only=True)["分摊明细"]
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert len(rows) == 10_000
    amounts = [Decimal(str(r[5])) for r in rows]
    exact = [Decimal(str(r[6])) for r in rows]
    assert sum(amounts) == Decimal("9999.99")
    # within a fen of the exact share (strictly; its 4-decimal display can round to 1 fen apart)
    assert all(abs(s.fen - s.exact) < 1 for s in shares)
    assert all(abs(a - e) <= Decimal("0.01") for a, e in zip(amounts, exact, strict=True))
    assert rows[-1][1:3] == ("9-901", "大户") and amounts[-1] == Decimal("1.00")
    assert exact[-1] == Decimal("1.0001") and exact[0] == Decimal("1.0000")
    assert amounts.count(Decimal("1.00")) == 9999 and amounts.count(Decimal("0.99")) == 1
    for share, value in zip(shares, exact, strict=True):
        assert value == share.exact_yuan()
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "合计")
    assert Decimal(str(total[5])) == Decimal("9999.99") == Decimal(str(total[6]))
