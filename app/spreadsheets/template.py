"""Import templates: a 填写模板 sheet to fill in and a 填写说明 sheet that explains it.

The template sheet holds only the header row, so nothing in it but the clerk's own rows is
ever imported. Examples live in the 填写说明 sheet, one column per example and one row per
template column, so no row there looks like the template's header to `read_table`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from app.domain.tabular import CellKind, ColumnSpec
from app.spreadsheets.ledger_writer import DATE_FORMAT, display_width

TEMPLATE_SHEET = "填写模板"
NOTES_SHEET = "填写说明"
CHOICES_SHEET = "下拉选项"  # hidden; used when a list is too long to write inline
VALIDATED_ROWS = 10000  # drop-downs and formats cover rows 2..VALIDATED_ROWS + 1
DEFAULT_NOTES: tuple[str, ...] = (
    "“填写模板”页第 1 行是表头，请从第 2 行起每行填写一条记录；不要修改列名，不要合并单元格。",
    "列名后带“*”（红色）的列为必填项，不能留空；列的顺序可以调整，用不到的非必填列可以删除。",
    "日期可以写成 2023-06-05、2023.6.5、2023/06/05 或 2023年6月5日。",
    "“是或否”列和带下拉框的列，请从下拉列表中选择。",
    "数字不要带单位，金额、面积最多两位小数。",
    "空行会被跳过。示例只在本页，不会被导入。",
    "同一文件再次导入时，已有小区按名称更新，不会重复添加。",
)

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FILL = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
_BOLD = Font(bold=True)
_REQUIRED = Font(bold=True, color="FF0000")
_EXAMPLE = Font(italic=True, color="808080")
_TITLE = Font(bold=True, size=14)
_KIND_TEXT = {
    CellKind.TEXT: "文本",
    CellKind.INT: "整数",
    CellKind.DECIMAL: "数字(最多两位小数)",
    CellKind.DATE: "日期",
    CellKind.BOOL: "是或否",
}
_BOOL_CHOICES = ("是", "否")


def format_text(col: ColumnSpec) -> str:
    """The 格式 line of the instructions for one column."""
    if col.kind == CellKind.CHOICE:
        return "从下拉选择：" + "、".join(col.choices)
    return _KIND_TEXT[col.kind]


def header_text(col: ColumnSpec) -> str:
    return f"{col.header}*" if col.required else col.header


def _example_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def write_template(
    path: Path,
    *,
    title: str,
    columns: Sequence[ColumnSpec],
    example_rows: Sequence[Sequence[object]] = (),
    notes: Sequence[str] = DEFAULT_NOTES,
) -> None:
    """Write an import template for `columns` to `path` (.xlsx).

    `example_rows` (in column order) are shown in the 填写说明 sheet only; without them each
    column's ColumnSpec.example is shown. `notes` are the general notes under the columns."""
    columns = list(columns)
    if not columns:
        raise ValueError("a template needs at least one column")
    wb = Workbook()
    ws = wb.active
    ws.title = TEMPLATE_SHEET
    _fill_template(wb, ws, columns)
    _fill_notes(wb.create_sheet(NOTES_SHEET), title, columns, example_rows, notes)
    wb.properties.title = title
    wb.active = 0
    wb.save(path)


def _fill_template(wb: Workbook, ws, columns: list[ColumnSpec]) -> None:
    last = VALIDATED_ROWS + 1
    for i, col in enumerate(columns, 1):
        letter = get_column_letter(i)
        cell = ws.cell(row=1, column=i, value=header_text(col))
        cell.font = _REQUIRED if col.required else _BOLD
        cell.fill, cell.border, cell.alignment = _FILL, _BORDER, _HEADER_ALIGN
        widest = max(display_width(header_text(col)), display_width(col.example), col.width)
        dim = ws.column_dimensions[letter]
        dim.width = min(40, max(12, widest + 4))
        if col.kind == CellKind.DATE:
            dim.number_format = DATE_FORMAT  # cells typed in later take the column's format
        elif col.kind == CellKind.TEXT:
            dim.number_format = "@"  # keep leading zeros of codes and phone numbers

        choices = _BOOL_CHOICES if col.kind == CellKind.BOOL else col.choices
        if col.kind in (CellKind.CHOICE, CellKind.BOOL) and choices:
            dv = DataValidation(type="list", formula1=_list_source(wb, col, choices))
            dv.allow_blank = not col.required
            dv.showErrorMessage = True
            dv.errorTitle = "输入有误"
            dv.error = f"“{col.header}”请从下拉列表中选择。"
        else:
            dv = DataValidation()  # any value: only the input prompt below
        dv.showInputMessage = True
        dv.promptTitle = col.header[:32]  # Excel's limits: 32 and 255 characters
        dv.prompt = "；".join(p for p in (format_text(col), col.note) if p)[:255]
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A2"


def _list_source(wb: Workbook, col: ColumnSpec, choices: Sequence[str]) -> str:
    """An inline list ("a,b") when Excel allows it, else a range on the hidden options sheet."""
    inline = ",".join(choices)
    if len(inline) <= 250 and not any("," in c or '"' in c for c in choices):
        return f'"{inline}"'
    if CHOICES_SHEET in wb.sheetnames:
        sheet = wb[CHOICES_SHEET]
    else:
        sheet = wb.create_sheet(CHOICES_SHEET)
        sheet.sheet_state = "hidden"
    column = 1 if sheet["A1"].value is None else sheet.max_column + 1
    sheet.cell(row=1, column=column, value=col.header)
    for r, choice in enumerate(choices, 2):
        sheet.cell(row=r, column=column, value=choice)
    letter = get_column_letter(column)
    return f"{quote_sheetname(CHOICES_SHEET)}!${letter}$2:${letter}${len(choices) + 1}"


def _fill_notes(
    ws,
    title: str,
    columns: list[ColumnSpec],
    example_rows: Sequence[Sequence[object]],
    notes: Sequence[str],
) -> None:
    if example_rows:
        examples = [[_example_text(v) for v in row] for row in example_rows]
        example_heads = [
            f"示例{k}" if len(examples) > 1 else "示例" for k in range(1, len(examples) + 1)
        ]
    else:
        examples = [[c.example for c in columns]]
        example_heads = ["示例"]
    heads = ["列名", "是否必填", "格式", "说明", *example_heads]
    widths = [18, 10, 24, 40] + [20] * len(example_heads)
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width

    ws.cell(row=1, column=1, value=f"{title}填写说明").font = _TITLE
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(heads))
    ws.row_dimensions[1].height = 26
    for i, head in enumerate(heads, 1):
        cell = ws.cell(row=3, column=i, value=head)
        cell.font, cell.fill, cell.border, cell.alignment = _BOLD, _FILL, _BORDER, _HEADER_ALIGN

    for r, col in enumerate(columns, 4):
        j = r - 4
        values = [col.header, "是" if col.required else "否", format_text(col), col.note]
        values += [row[j] if j < len(row) else "" for row in examples]
        for i, value in enumerate(values, 1):
            cell = ws.cell(row=r, column=i, value=value)
            cell.border, cell.alignment = _BORDER, _WRAP
            cell.number_format = "@"  # examples such as 2023.6.5 stay as written
            if i == 1 and col.required:
                cell.font = _REQUIRED
            elif i > 4:
                cell.font = _EXAMPLE

    r = 4 + len(columns) + 1
    ws.cell(row=r, column=1, value="注意事项").font = _BOLD
    for k, note in enumerate(notes, 1):
        ws.cell(row=r + k, column=1, value=f"{k}. {note}")
    ws.freeze_panes = "A4"
