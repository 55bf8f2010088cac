"""The unit list of a charge scope (房号, 面积, 业主) in, the 分摊明细 out (DOMAIN.md §5.3)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from app.domain.cost_split import UNIT_COLUMNS, Share, SplitUnit, parse_units, ratio_text
from app.domain.errors import ValidationError
from app.domain.tabular import CellKind, CellProblem, ColumnSpec
from app.spreadsheets.ledger_writer import HEADER_ROW, LedgerFooter, LedgerSpec, write_ledger
from app.spreadsheets.reader import read_table

MAX_LISTED = 20  # problems listed in the message; the rest are counted

SPLIT_COLUMNS: list[ColumnSpec] = [
    ColumnSpec("no", "序号", CellKind.INT, width=6),
    ColumnSpec("room", "房号"),
    ColumnSpec("payer", "业主（承担人）"),
    ColumnSpec("area", "面积(㎡)", CellKind.DECIMAL),
    ColumnSpec("ratio", "分摊比例"),
    ColumnSpec("amount", "分摊金额(元)", CellKind.DECIMAL),
]
_AREA_COL, _AMOUNT_COL = 4, 6  # 1-based


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
        )
        for i, s in enumerate(shares, 1)
    ]
    total_fen = sum(s.fen for s in shares)
    if total_fen != cost_fen:  # split() guarantees this; a mismatch here is a bug
        raise ValueError(f"shares add up to {total_fen} fen, not the cost {cost_fen}")
    summary = [("合计", f"{len(shares)} 户", "", total_area, "100.0000%", _yuan(cost_fen))]
    spec = LedgerSpec(
        title=title,
        unit_name=unit_name,
        fill_date=fill_date,
        columns=SPLIT_COLUMNS,
        footer=LedgerFooter(preparer=preparer, phone=phone),
        sheet_name="分摊明细",
    )
    count = write_ledger(Path(path), spec, rows, summary)
    _two_decimals(Path(path), first=HEADER_ROW + 1, last=HEADER_ROW + count + len(summary))
    return count


def _two_decimals(path: Path, *, first: int, last: int) -> None:
    """Show the area and amount columns as 0.00 (the ledger writer writes plain numbers)."""
    wb = load_workbook(path)
    ws = wb.active
    for col in (_AREA_COL, _AMOUNT_COL):
        for (cell,) in ws.iter_rows(min_row=first, max_row=last, min_col=col, max_col=col):
            cell.number_format = "0.00"
    wb.save(path)
