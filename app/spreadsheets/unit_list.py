"""The unit list of a charge scope (房号, 面积, 业主) in, the 分摊明细 out (DOMAIN.md §5.3)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from app.domain.cost_split import (
    EXACT_HEADER,
    UNIT_COLUMNS,
    Share,
    SplitUnit,
    exact_yuan,
    parse_units,
    ratio_text,
)
from app.domain.errors import ValidationError
from app.domain.tabular import CellKind, CellProblem, ColumnSpec
from app.spreadsheets.ledger_writer import (
    HEADER_ROW,
    LedgerFooter,
    LedgerSpec,
    display_width,
    write_ledger,
)
from app.spreadsheets.reader import read_table

EXACT_NOTE = (
    "注：精确分摊＝维修费用×本户面积÷总面积，保留4位小数，未取整；分摊金额按分计，"
    "先逐户舍去分以下尾数，再将余下的分按尾数从大到小逐户补1分（尾数相同的，面积大者优先，"
    "再按清单顺序），每户与精确分摊相差不足1分，合计等于维修费用。"
)
MAX_LISTED = 20  # problems listed in the message; the rest are counted

SPLIT_COLUMNS: list[ColumnSpec] = [
    ColumnSpec("no", "序号", CellKind.INT, width=6),
    ColumnSpec("room", "房号"),
    ColumnSpec("payer", "业主（承担人）"),
    ColumnSpec("area", "面积(㎡)", CellKind.DECIMAL),
    ColumnSpec("ratio", "分摊比例"),
    ColumnSpec("amount", "分摊金额(元)", CellKind.DECIMAL),
    ColumnSpec("exact", EXACT_HEADER, CellKind.DECIMAL),
]
_AREA_COL, _AMOUNT_COL, _EXACT_COL = 4, 6, 7  # 1-based
_ALL_COLS = range(1, len(SPLIT_COLUMNS) + 1)
EXACT_FORMAT = "0.0000"


def problems_text(problems: Sequence[CellProblem]) -> str:
    lines = [f"第{p.row}行「{p.column}」“{p.value}”：{p.message}" for p in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        lines.append(f"……另有 {len(problems) - MAX_LISTED} 处")
    return "\n".join(lines)


def read_units(path: Path) -> list[SplitUnit]:
    """Every unit of the sheet, or a ValidationError listing the bad cells (nothing is taken
    from a sheet with any problem). A problem with the whole file raises SheetError."""
    table = read_table(Path(path), UNIT_COLUMNS)
    units, problems = parse_units(table.rows)
    problems = sorted([*table.problems, *problems], key=lambda p: p.row)
    if problems:
        raise ValidationError(
            f"房屋清单“{Path(path).name}”有 {len(problems)} 处错误，未导入任何房屋，"
            f"请修改后重新导入：\n{problems_text(problems)}",
            field="units",
        )
    if not units:
        raise ValidationError(
            f"房屋清单“{Path(path).name}”中没有房屋数据，请在表头下逐行填写房号和面积",
            field="units",
        )
    return units


def _yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def write_split(
    path: Path,
    shares: Sequence[Share],
    *,
    title: str,
    unit_name: str,
    fill_date: date,
    preparer: str,
    phone: str,
    cost_fen: int,
) -> int:
    """Write the 分摊明细 with a 合计 row equal to the cost; returns the number of units."""
    total_area = sum((s.unit.area for s in shares), Decimal(0))
    rows = [
        (
            i,
            s.unit.room,
            s.unit.payer,
            s.unit.area,
            ratio_text(s.unit.area, total_area),
            _yuan(s.fen),
            s.exact_yuan(),
        )
        for i, s in enumerate(shares, 1)
    ]
    total_fen = sum(s.fen for s in shares)
    if total_fen != cost_fen:  # split() guarantees this; a mismatch here is a bug
        raise ValueError(f"shares add up to {total_fen} fen, not the cost {cost_fen}")
    summary = [
        (
            "合计",
            f"{len(shares)} 户",
            "",
            total_area,
            "100.0000%",
            _yuan(cost_fen),
            exact_yuan(cost_fen),
        )
    ]
    spec = LedgerSpec(
        title=title,
        unit_name=unit_name,
        fill_date=fill_date,
        columns=SPLIT_COLUMNS,
        footer=LedgerFooter(preparer=preparer, phone=phone),
        sheet_name="分摊明细",
    )
    count = write_ledger(Path(path), spec, rows, summary)
    _finish(Path(path), first=HEADER_ROW + 1, last=HEADER_ROW + count + len(summary))
    return count


def _finish(path: Path, *, first: int, last: int) -> None:
    """Show the area and amount columns as 0.00 and the exact share as 0.0000 (the ledger
    writer writes plain numbers), and say under the footer what the exact share is."""
    wb = load_workbook(path)
    ws = wb.active
    for col, fmt in ((_AREA_COL, "0.00"), (_AMOUNT_COL, "0.00"), (_EXACT_COL, EXACT_FORMAT)):
        for (cell,) in ws.iter_rows(min_row=first, max_row=last, min_col=col, max_col=col):
            cell.number_format = fmt
    note = ws.max_row + 1
    ws.cell(row=note, column=1, value=EXACT_NOTE).alignment = Alignment(
        wrap_text=True, vertical="top"
    )
    ws.merge_cells(start_row=note, start_column=1, end_row=note, end_column=len(SPLIT_COLUMNS))
    width = sum(ws.column_dimensions[get_column_letter(c)].width or 8 for c in _ALL_COLS)
    ws.row_dimensions[note].height = 15 * (1 + display_width(EXACT_NOTE) // max(int(width), 1))
    wb.save(path)
