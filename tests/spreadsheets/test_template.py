from __future__ import annotations

from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from app.domain.tabular import CellKind, ColumnSpec
from app.spreadsheets.reader import read_table
from app.spreadsheets.template import write_template

COLUMNS = [
    ColumnSpec("name", "小区名称", required=True, note="与备案名称一致", example="阳光花园"),
    ColumnSpec("type", "物业类型", CellKind.CHOICE, choices=("住宅", "商住混合")),
    ColumnSpec("delivered", "交付日期", CellKind.DATE, example="2023-06-05"),
    ColumnSpec("area", "建筑面积（㎡）", CellKind.DECIMAL),
    ColumnSpec("households", "户数", CellKind.INT, required=True),
    ColumnSpec("committee", "是否成立业委会", CellKind.BOOL),
]


def _validations(ws):
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


def test_template_sheet_header_marks_and_validations(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(path, title="小区信息导入模板", columns=COLUMNS)
    wb = load_workbook(path)
    assert wb.sheetnames == ["填写模板", "填写说明"]
    assert wb.active.title == "填写模板"
    ws = wb["填写模板"]
    assert [c.value for c in ws[1]] == [
        "小区名称*",
        "物业类型",
        "交付日期",
        "建筑面积（㎡）",
        "户数*",
        "是否成立业委会",
    ]
    assert ws["A1"].font.b and ws["A1"].font.color.rgb.endswith("FF0000")
    assert ws["B1"].font.b and (
        ws["B1"].font.color is None or ws["B1"].font.color.rgb != "00FF0000"
    )
    assert ws.max_row == 1  # nothing to import but the clerk's own rows
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["C"].number_format == "yyyy-mm-dd"
    assert ws.column_dimensions["A"].number_format == "@"

    dvs = _validations(ws)
    assert dvs["B2:B10001"].type == "list" and dvs["B2:B10001"].formula1 == '"住宅,商住混合"'
    assert dvs["F2:F10001"].type == "list" and dvs["F2:F10001"].formula1 == '"是,否"'
    assert dvs["B2:B10001"].showErrorMessage
    assert dvs["A2:A10001"].type is None  # only an input prompt
    assert "与备案名称一致" in dvs["A2:A10001"].prompt
    assert dvs["D2:D10001"].prompt == "数字(最多两位小数)"


def test_instructions_sheet(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(path, title="小区信息导入模板", columns=COLUMNS)
    ws = load_workbook(path)["填写说明"]
    assert ws["A1"].value == "小区信息导入模板填写说明"
    assert [c.value for c in ws[3]] == ["列名", "是否必填", "格式", "说明", "示例"]
    table = {r[0]: r[1:] for r in ws.iter_rows(min_row=4, max_row=9, values_only=True)}
    assert table["小区名称"] == ("是", "文本", "与备案名称一致", "阳光花园")
    assert table["物业类型"][:2] == ("否", "从下拉选择：住宅、商住混合")
    assert table["交付日期"][1] == "日期" and table["交付日期"][3] == "2023-06-05"
    assert table["建筑面积（㎡）"][1] == "数字(最多两位小数)"
    assert table["户数"][:2] == ("是", "整数")
    assert table["是否成立业委会"][1] == "是或否"
    notes = "\n".join(str(v) for (v,) in ws.iter_rows(min_row=10, max_col=1, values_only=True) if v)
    assert "2023-06-05、2023.6.5、2023/06/05 或 2023年6月5日" in notes
    assert "按名称更新，不会重复添加" in notes


def test_example_rows_live_only_in_the_instructions(tmp_path):
    path = tmp_path / "t.xlsx"
    examples = [
        ["阳光花园", "住宅", date(2023, 6, 5), Decimal("12000.50"), 300, True],
        ["幸福里", "商住混合", None, None, 120, False],
    ]
    write_template(path, title="导入模板", columns=COLUMNS, example_rows=examples)
    wb = load_workbook(path)
    assert wb["填写模板"].max_row == 1
    ws = wb["填写说明"]
    assert [c.value for c in ws[3]] == ["列名", "是否必填", "格式", "说明", "示例1", "示例2"]
    assert [c.value for c in ws[4]][4:] == ["阳光花园", "幸福里"]
    assert [c.value for c in ws[6]][4:] == ["2023-06-05", None]
    assert [c.value for c in ws[7]][4:] == ["12000.50", None]
    assert [c.value for c in ws[9]][4:] == ["是", "否"]
    assert ws["E4"].font.i  # examples are grey italic


def test_template_reads_back_with_every_column_matched(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(path, title="导入模板", columns=COLUMNS, example_rows=[["示例小区"]])
    table = read_table(path, COLUMNS)
    assert table.sheet_name == "填写模板" and table.header_row == 1
    assert table.columns == {c.key: i for i, c in enumerate(COLUMNS)}
    assert table.unknown_headers == [] and table.rows == []

    wb = load_workbook(path)
    wb["填写模板"].append(["阳光花园", "住宅", "2023.6.5", 1200.5, 300, "是"])
    wb.save(path)
    table = read_table(path, COLUMNS)
    assert [(r.row, r.values["name"], r.values["committee"]) for r in table.rows] == [
        (2, "阳光花园", "是")
    ]


def test_long_choice_lists_go_to_a_hidden_sheet(tmp_path):
    choices = tuple(f"第{i}类, 含逗号的选项" for i in range(3))
    columns = [
        ColumnSpec("a", "名称", required=True),
        ColumnSpec("b", "类别", CellKind.CHOICE, choices=choices),
    ]
    path = tmp_path / "t.xlsx"
    write_template(path, title="模板", columns=columns)
    wb = load_workbook(path)
    options = wb["下拉选项"]
    assert options.sheet_state == "hidden"
    assert [options.cell(row=r, column=1).value for r in (1, 2, 3, 4)] == ["类别", *choices]
    assert _validations(wb["填写模板"])["B2:B10001"].formula1 == "'下拉选项'!$A$2:$A$4"
    assert read_table(path, columns).sheet_name == "填写模板"
