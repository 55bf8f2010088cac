from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.tabular import CellKind, ColumnSpec
from app.spreadsheets.ledger_writer import (
    LedgerFooter,
    LedgerSpec,
    display_width,
    write_ledger,
)

COLUMNS = [
    ColumnSpec("seq", "序号", CellKind.INT),
    ColumnSpec("name", "小区名称"),
    ColumnSpec("code", "code"),
    ColumnSpec("delivered", "交付日期", CellKind.DATE),
    ColumnSpec("area", "建筑面积（㎡）", CellKind.DECIMAL),
    ColumnSpec("closed", "是否销号", CellKind.BOOL),
    ColumnSpec("note", "备注"),
]
ROWS = [
    [
        1,
        "阳光花园阳光花园阳光花园",
        "abcdefghijkl",
        date(2023, 6, 5),
        Decimal("1234.56"),
        True,
        None,
    ],
    [2, "幸福里", "x1", date(2024, 1, 31), Decimal("88"), False, "=SUM(A1:A2)"],
]
SPEC = LedgerSpec(
    title="示例镇物业小区底数台账",
    unit_name="示例镇人民政府",
    fill_date=date(2024, 6, 5),
    columns=COLUMNS,
    footer=LedgerFooter(preparer="张三", reviewer="李四", phone="0571-88888888"),
)


def _write(tmp_path: Path, spec: LedgerSpec = SPEC, rows=ROWS, summary=()):
    path = tmp_path / "ledger.xlsx"
    count = write_ledger(path, spec, rows, summary)
    return path, count, load_workbook(path)[spec.sheet_name]


def test_frame_title_unit_line_header_data_and_footer(tmp_path):
    summary = [["合计", None, None, None, Decimal("1322.56"), None, None]]
    path, count, ws = _write(tmp_path, summary=summary)
    assert count == 2
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A1:G1" in merged
    assert ws["A1"].value == "示例镇物业小区底数台账"
    assert ws["A1"].font.b and ws["A1"].font.sz == 16
    assert ws["A1"].alignment.horizontal == "center"
    assert ws.row_dimensions[1].height > 20

    line = [c.value for c in ws[2] if c.value is not None]
    assert line == ["填报单位：示例镇人民政府", "填报日期：2024年6月5日"]
    assert "A2:C2" in merged and "D2:G2" in merged
    assert ws["D2"].alignment.horizontal == "right"

    assert [c.value for c in ws[3]] == [c.header for c in COLUMNS]
    header = ws["B3"]
    assert header.font.b and header.alignment.wrap_text and header.alignment.horizontal == "center"
    assert header.border.left.style == "thin" and header.border.bottom.style == "thin"
    assert header.fill.fill_type == "solid"

    assert [c.value for c in ws[4]][:3] == [1, "阳光花园阳光花园阳光花园", "abcdefghijkl"]
    assert ws["D4"].value == datetime(2023, 6, 5) and ws["D4"].is_date
    assert ws["D4"].number_format == "yyyy-mm-dd"
    assert ws["E4"].data_type == "n" and ws["E4"].value == pytest.approx(1234.56)
    assert ws["F4"].value == "是" and ws["F5"].value == "否"
    assert ws["G5"].value == "=SUM(A1:A2)" and ws["G5"].data_type == "s"  # text, not a formula

    assert ws["A6"].value == "合计" and ws["A6"].font.b
    assert ws["E6"].value == pytest.approx(1322.56) and ws["E6"].border.top.style == "thin"
    assert all(c.value is None for c in ws[7])
    assert ws["A8"].value == "制表人：张三    审核人：李四    联系电话：0571-88888888"
    assert ws.max_row == 8


def test_data_rows_have_borders_from_one_conditional_format(tmp_path):
    _, _, ws = _write(tmp_path)
    formats = list(ws.conditional_formatting)
    assert [str(cf.sqref) for cf in formats] == ["A4:G5"]
    rule = formats[0].rules[0]
    assert rule.type == "expression" and rule.formula == ["TRUE"]
    assert rule.dxf.border.left.style == "thin" and rule.dxf.border.bottom.style == "thin"


def test_print_setup_and_frozen_header(tmp_path):
    _, _, ws = _write(tmp_path)
    assert ws.freeze_panes == "A4"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$3:$3"
    assert ws.print_options.horizontalCentered is True
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_widths_fit_chinese_text(tmp_path):
    _, _, ws = _write(tmp_path)
    width = {k: ws.column_dimensions[k].width for k in "ABCDEFG"}
    # 12 CJK characters (24) against 12 ASCII characters (12), both + 2 padding
    assert width["B"] == 26 and width["C"] == 14
    assert width["B"] > width["C"]
    assert width["A"] == 6  # "序号" is 4 wide: the minimum applies
    assert width["E"] == display_width("建筑面积（㎡）") + 2


def test_explicit_width_and_clamped_wrapping_column(tmp_path):
    columns = [ColumnSpec("a", "描述"), ColumnSpec("b", "名称", width=30)]
    spec = LedgerSpec("台账", "示例镇", date(2024, 1, 2), columns)
    _, _, ws = _write(tmp_path, spec, [["很长的描述" * 20, "x"]])
    assert ws.column_dimensions["A"].width == 60
    assert ws.column_dimensions["B"].width == 30
    assert ws["A4"].alignment.wrap_text  # too wide for the column: it wraps
    assert not ws["B4"].has_style  # short text in a plain column carries no style


def test_empty_footer_leaves_lines_to_fill_in(tmp_path):
    spec = LedgerSpec("台账", "示例镇", date(2024, 1, 2), COLUMNS)
    _, count, ws = _write(tmp_path, spec, [])
    assert count == 0
    assert list(ws.conditional_formatting) == []
    assert ws["A5"].value == "制表人：__________    审核人：__________    联系电话：__________"


def test_rows_may_be_a_generator_shorter_rows_are_padded(tmp_path):
    rows = ([i, f"小区{i}"] for i in range(3))
    _, count, ws = _write(tmp_path, rows=rows)
    assert count == 3
    assert [ws.cell(row=r, column=2).value for r in (4, 5, 6)] == ["小区0", "小区1", "小区2"]


def test_row_longer_than_columns_is_a_bug(tmp_path):
    with pytest.raises(ValueError):
        write_ledger(tmp_path / "x.xlsx", SPEC, [list(range(len(COLUMNS) + 1))])


def test_control_characters_are_dropped_and_error_codes_stay_text(tmp_path):
    _, _, ws = _write(tmp_path, rows=[[1, "阳光\x07花园", "#N/A", datetime(2024, 3, 4, 5, 6)]])
    assert ws["B4"].value == "阳光花园"
    assert ws["C4"].value == "#N/A" and ws["C4"].data_type == "s"
    assert ws["D4"].value == datetime(2024, 3, 4, 5, 6)
    assert ws["D4"].number_format == "yyyy-mm-dd hh:mm"


def test_single_column_ledger(tmp_path):
    spec = LedgerSpec("台账", "示例镇", date(2024, 1, 2), [ColumnSpec("a", "小区名称")])
    _, _, ws = _write(tmp_path, spec, [["阳光花园"]])
    assert ws["A2"].value == "填报单位：示例镇    填报日期：2024年1月2日"
    assert ws["A3"].value == "小区名称" and ws["A4"].value == "阳光花园"
    assert not ws.merged_cells.ranges


def test_written_in_streaming_mode_with_a_dimension(tmp_path):
    path, _, _ = _write(tmp_path)
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert 't="inlineStr"' in xml  # what openpyxl's write-only mode writes
    assert '<dimension ref="A1:G7"' in xml


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("abc", 3),
        ("小区", 4),
        ("ＡＢ", 4),
        ("A栋1单元", 8),
        ("", 0),
        (None, 0),
        ("ab\n小区名称", 8),
    ],
)
def test_display_width(text, width):
    assert display_width(text) == width
