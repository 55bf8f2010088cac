"""The PDF 分摊明细 shows each unit's exact share beside the rounded one (DOMAIN.md §5.3)."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.documents.fonts import register_pdf_fonts
from app.documents.ledger_pdf import CELL_SIZE, MARGIN_X, PAD, PAGE
from app.services.fund_papers import SPLIT_HEADERS, SPLIT_WIDTHS_MM
from tests.documents.pdf_checks import all_text, assert_a4, assert_renders_to_png, page_texts
from tests.services.test_fund_papers import unit_sheet
from tests.services.test_fund_requests import new_request


def test_pdf_split_has_the_exact_share_column(demo, tmp_path):
    rid = new_request(demo, budget=10_000)
    sheet = unit_sheet(
        tmp_path / "u.xlsx",
        [("1-101", 10, "甲"), ("1-102", "20", "乙"), ("1-103", 30.01, "")],
    )
    demo.funds.papers.import_units(rid, sheet)
    result = demo.funds.papers.split(rid, 10_000)
    # exact 1666.39 + 3332.78 + 5000.83 fen: one fen each to the two largest remainders
    assert [s.fen for s in result.shares] == [1666, 3333, 5001]
    pdf = tmp_path / "split.pdf"
    assert demo.funds.papers.print_split(rid, pdf, cost_fen=10_000) == 3
    data = pdf.read_bytes()
    assert_a4(data, landscape=True)
    text = all_text(data)
    assert "精确分摊(元)（未取整）" in text
    for rounded, exact in [("16.66", "16.6639"), ("33.33", "33.3278"), ("50.01", "50.0083")]:
        assert rounded + exact in text  # the exact share right after the rounded one
    assert "100.00100.0000" in text  # the 合计 row: both equal to the cost
    assert_renders_to_png(data, tmp_path)


def test_pdf_split_of_a_large_cost_keeps_every_cell_on_one_line(demo, tmp_path):
    rid = new_request(demo, budget=10_000)
    sheet = unit_sheet(tmp_path / "u.xlsx", [("1-101", 33.33, "甲"), ("1-102", 66.67, "乙")])
    demo.funds.papers.import_units(rid, sheet)
    cost = 1_234_567_890_12  # 1,234,567,890.12 yuan
    pdf = tmp_path / "split.pdf"
    demo.funds.papers.print_split(rid, pdf, cost_fen=cost)
    (page,) = page_texts(pdf.read_bytes())
    # exact 41,148,147,777.70 and 82,308,641,234.30 fen: the residue fen to the first
    assert "411,481,477.78411,481,477.7770" in page and "823,086,412.34823,086,412.3430" in page
    assert "1,234,567,890.121,234,567,890.1200" in page
    # the widest exact share and the header fit their column on the landscape page
    font = register_pdf_fonts()
    width = PAGE[0] - 2 * MARGIN_X
    column = SPLIT_WIDTHS_MM[-1] * width / sum(SPLIT_WIDTHS_MM) - 2 * PAD
    assert stringWidth("1,234,567,890.1200", font["fangsong"], CELL_SIZE) < column
    assert stringWidth(SPLIT_HEADERS[-1], font["hei"], CELL_SIZE) < column
    assert len(SPLIT_HEADERS) == len(SPLIT_WIDTHS_MM) == 7


def test_exact_column_in_the_excel_of_a_request(demo, tmp_path):
    rid = new_request(demo, budget=10_000)
    sheet = unit_sheet(tmp_path / "u.xlsx", [("1-101", 10, "甲"), ("1-102", 20, "乙")])
    demo.funds.papers.import_units(rid, sheet)
    out = tmp_path / "split.xlsx"
    demo.funds.papers.export_split(rid, out, 10_000)
    ws = openpyxl.load_workbook(out).active
    assert ws["G3"].value == "精确分摊(元)（未取整）"
    assert [Decimal(str(ws[f"G{r}"].value)) for r in (4, 5, 6)] == [
        Decimal("33.3333"),
        Decimal("66.6667"),
        Decimal("100"),
    ]
    assert [Decimal(str(ws[f"F{r}"].value)) for r in (4, 5, 6)] == [
        Decimal("33.33"),
        Decimal("66.67"),
        Decimal("100"),
    ]
