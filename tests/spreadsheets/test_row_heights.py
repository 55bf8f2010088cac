"""Wrapped cells get rows tall enough to show them (issue 12 item 14): Excel, WPS and
LibreOffice do not reliably fit row heights when a file is opened, so without a height every
wrapped cell spills over the rows below it."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from app.domain.tabular import ColumnSpec
from app.spreadsheets.ledger_writer import (
    HEADER_ROW,
    LINE_HEIGHT,
    LedgerSpec,
    row_height,
    wrapped_lines,
    write_ledger,
)

DESCRIPTION = "3号楼消防通道被电动车占用，楼道内堆放杂物，消火栓箱无水带，应急照明损坏"


@pytest.mark.parametrize(
    ("value", "width", "lines"),
    [
        (None, 10, 1),
        (12345, 4, 1),  # numbers do not wrap
        ("短", 10, 1),
        ("一二三四", 9, 1),  # 8 columns of text in 8 usable columns: one line
        ("一二三四五", 9, 2),  # one character more: a second line
        ("一二三四五六七八九十", 5, 5),  # 20 columns of text, 4 usable per line
        ("abc\ndef", 20, 2),  # a newline is a line of its own
        ("一二三四五\n六", 9, 3),
    ],
)
def test_wrapped_lines_at_their_boundaries(value, width, lines):
    assert wrapped_lines(value, width) == lines


def test_a_row_takes_the_height_of_its_tallest_wrapped_cell():
    assert row_height(["短", "也短"], [10, 10], [True, True]) is None
    assert row_height(["一二三四五", "一二三四五六七八九十"], [9, 5], [True, True]) == (
        5 * LINE_HEIGHT + 3
    )
    # a column that does not wrap never makes its row taller
    assert row_height(["一二三四五六七八九十"], [5], [False]) is None


def test_the_ledger_file_carries_the_heights(tmp_path):
    spec = LedgerSpec(
        title="示例镇问题整改台账",
        unit_name="示例镇人民政府",
        fill_date=date(2026, 12, 4),
        columns=[ColumnSpec("n", "序号"), ColumnSpec("d", "问题描述", width=20)],
    )
    path = tmp_path / "l.xlsx"
    write_ledger(path, spec, [[1, DESCRIPTION], [2, "短"], [3, DESCRIPTION + DESCRIPTION]])
    ws = load_workbook(path).active
    first, second, third = (ws.row_dimensions[HEADER_ROW + i].height for i in (1, 2, 3))
    assert first == wrapped_lines(DESCRIPTION, 20) * LINE_HEIGHT + 3 and first > 2 * LINE_HEIGHT
    assert second is None  # one line: the default height
    assert third > first
    assert ws.cell(HEADER_ROW + 1, 2).alignment.wrap_text


# ---- printed size (issue 12 item 15) --------------------------------------------------------
def test_a_sheet_that_prints_small_on_a4_goes_to_a3(tmp_path):
    from app.spreadsheets.ledger_writer import A3, A4, paper_for, printed_font_pt

    narrow = [10] * 8  # fits A4 at full size
    assert printed_font_pt(narrow, A4) == 11.0 and paper_for(narrow) == A4
    wide = [12] * 20  # 20 columns: about 6 pt on A4, about 9 pt on A3
    assert printed_font_pt(wide, A4) < 7 <= printed_font_pt(wide, A3)
    assert paper_for(wide) == A3
    spec = LedgerSpec(
        title="宽台账",
        unit_name="示例镇人民政府",
        fill_date=date(2026, 12, 4),
        columns=[ColumnSpec(f"c{i}", f"第{i}列", width=12) for i in range(20)],
    )
    path = tmp_path / "wide.xlsx"
    write_ledger(path, spec, [[str(i) for i in range(20)]])
    assert int(load_workbook(path).active.page_setup.paperSize) == A3


def test_the_boundary_of_seven_points():
    from app.spreadsheets.ledger_writer import A3, A4, PRINTABLE_PT, paper_for, printed_font_pt

    # columns whose printed width makes A4 print at exactly 7 pt stay on A4
    exact = PRINTABLE_PT[A4] * 11 / 7  # points of columns at 7 pt
    w = (exact / 0.75 - 5) / 7
    assert abs(printed_font_pt([w], A4) - 7.0) < 1e-9 and paper_for([w]) == A4
    assert paper_for([w + 0.01]) == A3
