"""The common frame of every ledger sent upward (DOMAIN.md §7).

Layout: row 1 the merged title, row 2 the 填报单位 / 填报日期 line, row 3 the header, data
rows from row 4, optional bold summary rows, one blank row and the 制表人 / 审核人 / 联系电话
footer. The workbook is written in openpyxl's write-only (streaming) mode. That mode needs
everything that goes before <sheetData> (column widths, frozen panes, sheet properties) set
before the first row is appended, so the rows are materialised first to fit the widths.
Merges, page setup, print options and the page footer are written after the rows, on close.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from app.domain.tabular import ColumnSpec

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MIN_WIDTH = 6
MAX_WIDTH = 60
PADDING = 2
HEADER_ROW = 3
# Printing: Excel's width unit is one digit of the 11 pt default font, 7 px at 96 dpi, plus
# 5 px of cell padding; the default margins leave 842 − 108 pt of A4 landscape, 1191 − 108
# of A3. Fitted to one page wide, the text prints at 11 pt × the scale: never below 7 pt.
BODY_FONT_PT = 11.0
MIN_PRINT_PT = 7.0
PRINTABLE_PT = {9: 734.0, 8: 1083.0}  # paperSize (9 A4, 8 A3) → printable width, landscape
A4, A3 = 9, 8
LINE_HEIGHT = 15.0  # points per line of the default 11 pt font (Excel, WPS and LibreOffice)
ROW_PADDING = 3.0  # points above and below the text of a wrapped row
_BLANK = "__________"  # a line to fill in by hand when a footer field is empty
_ILLEGAL = ILLEGAL_CHARACTERS_RE
_SPECIAL_START = ("=", "#")  # openpyxl takes "=..." for a formula and "#N/A" etc. for errors

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
_TITLE_FONT = Font(size=16, bold=True)
_BOLD = Font(bold=True)
_CENTER = Alignment(horizontal="center", vertical="center")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_DATA_ALIGN = Alignment(vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center")
_RIGHT = Alignment(horizontal="right", vertical="center")


@dataclass(frozen=True)
class LedgerFooter:
    preparer: str = ""  # 制表人
    reviewer: str = ""  # 审核人
    phone: str = ""  # 联系电话


@dataclass(frozen=True)
class LedgerSpec:
    title: str  # e.g. "示例镇物业小区底数台账"
    unit_name: str  # 填报单位
    fill_date: dt.date  # 填报日期
    columns: Sequence[ColumnSpec]  # uses .header and .width
    footer: LedgerFooter = LedgerFooter()
    sheet_name: str = "台账"


def chinese_date(d: dt.date) -> str:
    """2024年6月5日"""
    return f"{d.year}年{d.month}月{d.day}日"


def footer_text(footer: LedgerFooter) -> str:
    return (
        f"制表人：{footer.preparer or _BLANK}    审核人：{footer.reviewer or _BLANK}"
        f"    联系电话：{footer.phone or _BLANK}"
    )


def display_width(value: object) -> int:
    """Columns Excel needs to show `value`: a CJK or full-width character counts 2, ASCII 1."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return 2
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    text = value if isinstance(value, str) else str(value)
    if "\n" in text:
        return max(display_width(line) for line in text.split("\n"))
    # UTF-8 takes 1 byte for ASCII and 3 for CJK and full-width forms, so (bytes + chars) / 2
    # is 1 and 2 respectively, without a Python-level loop over the characters.
    return (len(text.encode("utf-8", "surrogatepass")) + len(text) + 1) // 2


def fit_columns(
    columns: Sequence[ColumnSpec], rows: Sequence[Sequence[object]]
) -> tuple[list[int], list[bool]]:
    """Each column's width and whether its cells must wrap.

    Width: ColumnSpec.width when set, else the widest header or value + padding, within
    [MIN_WIDTH, MAX_WIDTH]. A column wraps when some value is wider than that or has a newline."""
    widths: list[int] = []
    wraps: list[bool] = []
    for i, col in enumerate(columns):
        best = display_width(col.header)
        multiline = False
        for row in rows:
            v = row[i]
            if v is None:
                continue
            if v.__class__ is str:
                if "\n" in v:
                    multiline = True
                if 2 * len(v) <= best:
                    continue  # cannot be wider than the widest so far
            w = display_width(v)
            if w > best:
                best = w
        width = col.width if col.width > 0 else min(MAX_WIDTH, max(MIN_WIDTH, best + PADDING))
        widths.append(width)
        wraps.append(multiline or best + PADDING > width)
    return widths, wraps


def wrapped_lines(value: object, width: int) -> int:
    """Lines a wrapped cell `width` columns wide needs to show `value` (at least 1)."""
    if value is None or not isinstance(value, str):
        return 1
    usable = max(1, width - 1)  # the cell's inner margins take about one column
    if "\n" not in value:
        if 2 * len(value) <= usable:
            return 1  # fits even if every character is wide
        return max(1, -(-display_width(value) // usable))
    return sum(max(1, -(-display_width(line) // usable)) for line in value.split("\n"))


def row_height(row: Sequence[object], widths: Sequence[int], wraps: Sequence[bool]) -> float | None:
    """The height (points) a row needs so that its wrapped cells show whole and do not run over
    the rows below: Excel, WPS and LibreOffice do not reliably fit rows when a file is opened.
    None for a one-line row (the default height)."""
    lines = 1
    for value, width, wrap in zip(row, widths, wraps, strict=False):
        if wrap and value is not None:
            n = wrapped_lines(value, width)
            if n > lines:
                lines = n
    return lines * LINE_HEIGHT + ROW_PADDING if lines > 1 else None


def columns_width_pt(widths: Sequence[float]) -> float:
    """The printed width of columns `widths` wide (Excel units), in points."""
    return sum((7 * w + 5) * 0.75 for w in widths)


def printed_font_pt(widths: Sequence[float], paper: int) -> float:
    """The body text's size on paper when the sheet is fitted to one page wide."""
    scale = min(1.0, PRINTABLE_PT[paper] / max(1.0, columns_width_pt(widths)))
    return BODY_FONT_PT * scale


def paper_for(widths: Sequence[float]) -> int:
    """A4, unless its text would print under MIN_PRINT_PT: then A3."""
    return A4 if printed_font_pt(widths, A4) >= MIN_PRINT_PT else A3


def _materialise(rows: Iterable[Sequence[object]], n: int) -> list[Sequence[object]]:
    out: list[Sequence[object]] = []
    for row in rows:
        row = tuple(row)
        if len(row) > n:
            raise ValueError(f"ledger row has {len(row)} values but only {n} columns: {row!r}")
        out.append(row if len(row) == n else row + (None,) * (n - len(row)))
    return out


def _styled(ws, value=None, *, font=None, alignment=None, border=None, fill=None, fmt=None):
    cell = WriteOnlyCell(ws, value)
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if border is not None:
        cell.border = border
    if fill is not None:
        cell.fill = fill
    if fmt is not None:
        cell.number_format = fmt
    return cell


class _RowWriter:
    """Streams rows, using a styled cell only where a style is needed.

    A styled cell in write-only mode costs about twice a plain value (openpyxl rejects it as a
    value, builds a spare cell, and writes a style id), so plain columns get bare values and the
    data borders come from one conditional format (see `_data_borders`). Styled cells are reused:
    write-only mode serialises a row as soon as it is appended, so the same Cell objects can
    carry the next row's values; only their value changes, never their style."""

    def __init__(self, ws, n: int, *, styled: Sequence[bool], font: Font | None = None) -> None:
        def make(fmt: str | None, wrap: bool = True) -> Cell:
            align = _DATA_ALIGN if wrap else None
            border = _BORDER if font is not None else None
            return _styled(ws, font=font, alignment=align, border=border, fmt=fmt)

        self.ws = ws
        # None: write bare values; a Cell: reuse it for this column's values
        self.plain: list[Cell | None] = [make(None) if s else None for s in styled]
        self.dates = [make(DATE_FORMAT, s) for s in styled]
        self.stamps = [make(DATETIME_FORMAT, s) for s in styled]
        self.out: list[object] = [None] * n

    def write(self, row: Sequence[object]) -> None:
        plain, out = self.plain, self.out
        for i, v in enumerate(row):
            t = v.__class__
            if isinstance(v, str) and t is str:  # isinstance for the type checker only
                if v[:1] in _SPECIAL_START or _ILLEGAL.search(v) is not None:
                    out[i] = self._text(i, v)
                    continue
            elif t is dt.date:
                c = self.dates[i]
                c.value = v
                out[i] = c
                continue
            elif not (v is None or t is int or t is float or t is Decimal):
                out[i] = self._convert(i, v)
                continue
            c = plain[i]
            if c is None:
                out[i] = v
            else:
                c.value = v
                out[i] = c
        self.ws.append(out)

    def _put(self, i: int, v: object) -> object:
        c = self.plain[i]
        if c is None:
            return v
        c.value = v
        return c

    def _text(self, i: int, v: str) -> Cell:
        """Text that openpyxl would take for a formula or an error code, or that holds control
        characters Excel refuses: always written as plain text."""
        c = self.plain[i] or WriteOnlyCell(self.ws)  # a fresh unstyled cell is used once only
        c.value = _ILLEGAL.sub("", v)
        c.data_type = "s"
        return c

    def _convert(self, i: int, v: object) -> object:
        if isinstance(v, bool):
            return self._put(i, "是" if v else "否")
        if isinstance(v, dt.datetime):
            c = self.stamps[i]
            c.value = v.replace(tzinfo=None)
            return c
        if isinstance(v, dt.date):
            c = self.dates[i]
            c.value = dt.date(v.year, v.month, v.day)
            return c
        if isinstance(v, str):  # StrEnum and other str subclasses
            text = str(v)
            if text[:1] in _SPECIAL_START or _ILLEGAL.search(text) is not None:
                return self._text(i, text)
            return self._put(i, text)
        if isinstance(v, int | float | Decimal):
            return self._put(i, v)
        raise TypeError(f"cannot write {v!r} ({type(v).__name__}) to a ledger cell")


def _data_borders(ws, n: int, first_row: int, last_row: int) -> None:
    """Thin borders on every cell of the data rows, from one conditional format that is always
    true: it shows and prints like cell borders, at no cost per cell."""
    if last_row < first_row:
        return
    ref = f"A{first_row}:{get_column_letter(n)}{last_row}"
    rule = Rule(type="expression", formula=["TRUE"], dxf=DifferentialStyle(border=_BORDER))
    ws.conditional_formatting.add(ref, rule)


def _setup_sheet(ws, widths: list[int]) -> None:
    """Everything that must be set before the first row is streamed, and the print setup."""
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.row_dimensions[1].height = 36
    ws.row_dimensions[2].height = 22
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.paperSize = paper_for(widths)  # A4, or A3 when A4 prints under 7 pt
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _write_frame_top(ws, spec: LedgerSpec, n: int) -> None:
    last = get_column_letter(n)
    ws.append([_styled(ws, spec.title, font=_TITLE_FONT, alignment=_CENTER)])
    if n > 1:
        ws.merged_cells.add(f"A1:{last}1")

    unit = f"填报单位：{spec.unit_name}"
    filled = f"填报日期：{chinese_date(spec.fill_date)}"
    if n == 1:
        ws.append([_styled(ws, f"{unit}    {filled}", alignment=_LEFT)])
    else:
        left_end = n // 2
        line: list[object] = [None] * n
        line[0] = _styled(ws, unit, alignment=_LEFT)
        line[left_end] = _styled(ws, filled, alignment=_RIGHT)
        ws.append(line)
        if left_end > 1:
            ws.merged_cells.add(f"A2:{get_column_letter(left_end)}2")
        if n > left_end + 1:
            ws.merged_cells.add(f"{get_column_letter(left_end + 1)}2:{last}2")

    head = {"font": _BOLD, "alignment": _HEADER_ALIGN, "border": _BORDER, "fill": _HEADER_FILL}
    ws.append([_styled(ws, col.header, **head) for col in spec.columns])


def write_ledger(
    path: Path,
    spec: LedgerSpec,
    rows: Iterable[Sequence[object]],
    summary_rows: Iterable[Sequence[object]] = (),
) -> int:
    """Write one ledger to `path` (.xlsx); returns the number of data rows written.

    Row values may be str, int, float, Decimal, date, datetime, bool (written 是/否) or None.
    """
    columns = list(spec.columns)
    n = len(columns)
    if n == 0:
        raise ValueError("a ledger needs at least one column")
    data = _materialise(rows, n)
    summary = _materialise(summary_rows, n)

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(spec.sheet_name)
    widths, wraps = fit_columns(columns, data + summary)
    # Write-only sheets leave out <dimension>; readers then scan the whole sheet for its size
    # (openpyxl's read-only mode does). The writer asks for this method when it exists.
    last_row = HEADER_ROW + len(data) + len(summary) + 2
    ws.calculate_dimension = lambda: f"A1:{get_column_letter(n)}{last_row}"
    _setup_sheet(ws, widths)
    headers = [col.header for col in columns]
    header_height = row_height(headers, widths, [True] * n)
    if header_height is not None:
        ws.row_dimensions[HEADER_ROW].height = header_height
    _write_frame_top(ws, spec, n)

    body = _RowWriter(ws, n, styled=wraps)
    dims = ws.row_dimensions
    for index, row in enumerate(data, HEADER_ROW + 1):
        height = row_height(row, widths, wraps)
        if height is not None:  # write-only mode: set before the row is streamed
            dims[index].height = height
        body.write(row)
    _data_borders(ws, n, HEADER_ROW + 1, HEADER_ROW + len(data))
    totals = _RowWriter(ws, n, styled=[True] * n, font=_BOLD)  # few rows: real borders
    for index, row in enumerate(summary, HEADER_ROW + 1 + len(data)):
        height = row_height(row, widths, [True] * n)
        if height is not None:
            dims[index].height = height
        totals.write(row)

    ws.append([])
    ws.append([_styled(ws, footer_text(spec.footer), alignment=_LEFT)])
    wb.save(path)
    return len(data)
