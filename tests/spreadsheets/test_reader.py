from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.domain.errors import PropDeskError
from app.domain.tabular import CellKind, ColumnSpec
from app.spreadsheets.ledger_writer import LedgerSpec, write_ledger
from app.spreadsheets.reader import SheetError, _scan_merge_refs, _sheet_part, read_table

COLUMNS = [
    ColumnSpec("name", "小区名称", required=True, aliases=("小区",)),
    ColumnSpec("community", "所属社区", required=True),
    ColumnSpec("area", "建筑面积（㎡）", CellKind.DECIMAL),
    ColumnSpec("delivered", "交付日期", CellKind.DATE),
]
HEADER = ["小区名称", "所属社区", "建筑面积（㎡）", "交付日期"]


def make_xlsx(path: Path, rows, *, merges=(), title="Sheet", extra_sheets=(), active=0) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    for name, sheet_rows in extra_sheets:
        other = wb.create_sheet(name)
        for row in sheet_rows:
            other.append(row)
    wb.active = active
    wb.save(path)
    return path


def test_headers_tolerate_spaces_full_width_marks_units_order_and_title_rows(tmp_path):
    rows = [
        ["示例镇物业小区底数台账"],
        ["填报单位：示例镇", None, None, "填报日期：2024年6月5日"],
        ["建筑面积 (平方米)", " 所属 社区 ", "备注", "小区名称＊", "交付日期*"],
        [1234.5, "东社区", "无", "阳光花园", datetime(2023, 6, 5)],
        [None, "  ", None, None, None],
        [],
        [88, "西社区", None, " 幸福里 ", "2023.6.5"],
    ]
    path = make_xlsx(tmp_path / "a.xlsx", rows, merges=["A1:E1", "A2:C2"])
    table = read_table(path, COLUMNS)
    assert table.sheet_name == "Sheet"
    assert table.header_row == 3
    assert table.columns == {"name": 3, "community": 1, "area": 0, "delivered": 4}
    assert table.unknown_headers == ["备注"]
    assert table.problems == []  # the merged title above the header is fine
    assert [r.row for r in table.rows] == [4, 7]  # blank and whitespace-only rows skipped
    assert table.rows[0].values == {
        "name": "阳光花园",
        "community": "东社区",
        "area": 1234.5,
        "delivered": datetime(2023, 6, 5),
    }
    assert table.rows[1].values["name"] == " 幸福里 "  # raw: the caller cleans and validates
    assert table.rows[1].values["delivered"] == "2023.6.5"


def test_alias_header_and_missing_optional_column(tmp_path):
    path = make_xlsx(tmp_path / "a.xlsx", [["所属社区", "小区"], ["东社区", "阳光花园"]])
    table = read_table(path, COLUMNS)
    assert table.columns == {"name": 1, "community": 0}
    assert table.rows[0].values == {"name": "阳光花园", "community": "东社区"}


def test_sheet_with_the_most_matches_wins_and_active_breaks_a_tie(tmp_path):
    notes = [["说明"], ["小区名称", "必填"]]
    data = [HEADER, ["阳光花园", "东社区", 1, None]]
    path = make_xlsx(tmp_path / "a.xlsx", notes, title="说明", extra_sheets=[("数据", data)])
    assert read_table(path, COLUMNS).sheet_name == "数据"

    other = [HEADER, ["幸福里", "西社区", 2, None]]
    path = make_xlsx(tmp_path / "b.xlsx", data, title="一", extra_sheets=[("二", other)], active=1)
    table = read_table(path, COLUMNS)
    assert table.sheet_name == "二" and table.rows[0].values["name"] == "幸福里"
    assert read_table(path, COLUMNS, sheet="一").rows[0].values["name"] == "阳光花园"


def test_unknown_sheet_name_lists_the_sheets(tmp_path):
    path = make_xlsx(tmp_path / "a.xlsx", [HEADER], title="数据")
    with pytest.raises(SheetError, match="没有名为“台账”的工作表.*“数据”"):
        read_table(path, COLUMNS, sheet="台账")


def test_our_own_ledger_reads_back(tmp_path):
    spec = LedgerSpec("示例镇物业小区底数台账", "示例镇", date(2024, 6, 5), COLUMNS)
    rows = [["阳光花园", "东社区", 1200, date(2023, 6, 5)], ["幸福里", "西社区", None, None]]
    path = tmp_path / "ledger.xlsx"
    write_ledger(path, spec, rows)
    table = read_table(path, COLUMNS)
    assert table.header_row == 3 and table.problems == [] and table.unknown_headers == []
    assert [r.row for r in table.rows] == [4, 5]  # the 制表人 footer is not a record
    assert table.rows[0].values["delivered"] == datetime(2023, 6, 5)


# --- whole-file errors -------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(SheetError, match="找不到文件"):
        read_table(tmp_path / "nope.xlsx", COLUMNS)


@pytest.mark.parametrize("name", ["old.xls", "old.xlsx"])
def test_old_xls_format(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(SheetError, match=r"旧版 Excel（\.xls）.*另存为.*\.xlsx") as err:
        read_table(path, COLUMNS)
    assert isinstance(err.value, PropDeskError)


@pytest.mark.parametrize("name", ["data.csv", "renamed.xlsx"])
def test_text_file(tmp_path, name):
    path = tmp_path / name
    path.write_text("小区名称,所属社区\n阳光花园,东社区\n", encoding="utf-8")
    with pytest.raises(SheetError, match=r"文本、CSV.*另存为.*\.xlsx"):
        read_table(path, COLUMNS)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(SheetError, match="是空的"):
        read_table(path, COLUMNS)


def test_truncated_zip(tmp_path):
    good = make_xlsx(tmp_path / "good.xlsx", [HEADER, ["阳光花园", "东社区"]])
    path = tmp_path / "broken.xlsx"
    path.write_bytes(good.read_bytes()[:600])
    with pytest.raises(SheetError, match="损坏.*另存为"):
        read_table(path, COLUMNS)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(SheetError, match="不是有效的 Excel 工作簿"):
        read_table(path, COLUMNS)


def test_empty_sheet(tmp_path):
    path = make_xlsx(tmp_path / "a.xlsx", [], title="数据")
    with pytest.raises(SheetError, match="工作表“数据”为空"):
        read_table(path, COLUMNS)


def test_no_header_row(tmp_path):
    rows = [["随便"], *([f"第{i}行", i] for i in range(12)), HEADER]  # header below row 10
    path = make_xlsx(tmp_path / "a.xlsx", rows)
    with pytest.raises(SheetError, match="前 10 行中找不到表头.*小区名称"):
        read_table(path, COLUMNS)


def test_missing_required_columns_are_all_named(tmp_path):
    path = make_xlsx(tmp_path / "a.xlsx", [["建筑面积", "交付日期"], [1, None]])
    with pytest.raises(SheetError, match="缺少必填列：“小区名称”、“所属社区”"):
        read_table(path, COLUMNS)


def test_two_columns_for_one_field(tmp_path):
    path = make_xlsx(tmp_path / "a.xlsx", [["小区名称", "所属社区", "小区"], ["a", "b", "c"]])
    with pytest.raises(SheetError) as err:
        read_table(path, COLUMNS)
    assert "“小区名称”（A列）和“小区”（C列）都对应“小区名称”" in str(err.value)


def test_merged_header_cells(tmp_path):
    rows = [["台账"], [], ["小区名称", "所属社区", None, "交付日期"], ["a", "b", None, None]]
    path = make_xlsx(tmp_path / "a.xlsx", rows, merges=["A1:D1", "B3:C3"])
    with pytest.raises(SheetError, match="第 3 行）有合并单元格 B3:C3。请取消合并"):
        read_table(path, COLUMNS)


# --- row-level problems -------------------------------------------------------------


def test_merged_data_cells_give_a_problem_per_row(tmp_path):
    rows = [
        HEADER + ["备注"],
        ["阳光花园", "东社区", 1, None, "x"],
        ["幸福里", None, 2, None, None],
        ["和平里", None, 3, None, None],
        ["安居苑", "西社区", 4, None, None],
    ]
    path = make_xlsx(tmp_path / "a.xlsx", rows, merges=["B2:B4", "E3:E5"])
    table = read_table(path, COLUMNS)
    assert len(table.rows) == 4  # the rows are still returned
    assert [(p.row, p.column, p.value) for p in table.problems] == [
        (2, "所属社区", "东社区"),
        (3, "所属社区", "东社区"),
        (4, "所属社区", "东社区"),
    ]  # E3:E5 covers only the ignored 备注 column
    assert "B2:B4 是合并单元格" in table.problems[0].message
    assert "取消合并" in table.problems[0].message


def test_merges_found_through_relative_targets_and_a_renamed_part(tmp_path):
    """Excel writes relative targets ("worksheets/sheet1.xml"); openpyxl writes absolute ones.
    The part is renamed too, so only following the relationships can find it."""
    rows = [HEADER, ["阳光花园", "东社区"], [None, "东社区"]]
    source = make_xlsx(tmp_path / "a.xlsx", rows, merges=["A2:A3"])
    path = tmp_path / "excel_style.xlsx"
    old, new = b"/xl/worksheets/sheet1.xml", b"worksheets/data.xml"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            name = item.filename.replace("worksheets/sheet1.xml", "worksheets/data.xml")
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(old, new)
            elif item.filename == "[Content_Types].xml":
                data = data.replace(old, b"/xl/" + new)
            dst.writestr(name, data)
    with zipfile.ZipFile(path) as zf:
        assert _sheet_part(zf, "Sheet") == "xl/worksheets/data.xml"
        assert _sheet_part(zf, "nope") is None
    table = read_table(path, COLUMNS)
    assert [p.row for p in table.problems] == [2, 3]


def test_merge_scan_handles_prefixes_quotes_and_chunk_boundaries():
    filler = b"<sheetData>" + b"x" * ((1 << 20) - 20) + b"</sheetData>"
    xml = filler + b"<x:mergeCells><x:mergeCell ref='A2:B3'/><mergeCell ref=\"$C$5:D5\"/>"
    assert _scan_merge_refs(io.BytesIO(xml)) == ["A2:B3", "$C$5:D5"]
    assert _scan_merge_refs(io.BytesIO(b"<mergeCells count='0'/>")) == []
