"""Every ledger opened in a real spreadsheet program (issue 12 items 14 and 15): LibreOffice
prints it landscape on the paper the workbook asks for (A4, or A3 when A4 would print its text
under 7 pt), with the first rows' text in order and the Chinese as real text."""

from __future__ import annotations

import pytest

from tests.documents.pdf_checks import A4_LONG, A4_SHORT, all_text, reader
from tests.spreadsheets.libreoffice import needs_libreoffice, to_pdf

A3_LONG, A3_SHORT = 1190.55, 841.89

pytestmark = [needs_libreoffice, pytest.mark.slow]

LEDGERS = {
    "issues": lambda s, p: s.ledgers.export_issues(p),
    "communities": lambda s, p: s.ledgers.export_communities(p),
    "committees": lambda s, p: s.ledgers.export_committees(p),
    "funds": lambda s, p: s.ledgers.export_funds(p),
    "disclosure": lambda s, p: s.ledgers.export_disclosure(p),
}


@pytest.fixture(scope="module")
def township(tmp_path_factory):
    """The demo township with its whole activity, once for every ledger."""
    from dataclasses import replace

    from app.bootstrap import open_data
    from app.services import build_services
    from tests.conftest import TODAY

    opened = open_data(tmp_path_factory.mktemp("township"))
    services = build_services(replace(opened.services.ctx, today=lambda: TODAY))
    services.demo.load()
    yield services
    opened.close()


@pytest.mark.parametrize("kind", list(LEDGERS))
def test_the_ledger_prints_on_a4_landscape_with_its_rows_in_order(township, tmp_path, kind):
    from openpyxl import load_workbook

    path = tmp_path / f"{kind}.xlsx"
    n = LEDGERS[kind](township, path)
    assert n > 0
    pdf = to_pdf(path, tmp_path / "pdf")
    data = pdf.read_bytes()
    pages = reader(data).pages
    assert len(pages) >= 1
    ws = load_workbook(path).active
    paper = int(ws.page_setup.paperSize)
    want = {9: (A4_LONG, A4_SHORT), 8: (A3_LONG, A3_SHORT)}[paper]
    for page in pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (round(want[0]), round(want[1])), kind
    text = all_text(data).replace("\n", "").replace(" ", "")
    title = ws.cell(1, 1).value
    assert title.replace(" ", "") in text  # real Chinese text, not boxes
    # the second column of the first three data rows, found in the printed order
    firsts = [str(ws.cell(r, 2).value).replace(" ", "").replace("\n", "") for r in (4, 5, 6)]
    positions = [text.find(value[:6]) for value in firsts]
    assert all(p >= 0 for p in positions), (kind, firsts)
    assert positions == sorted(positions), (kind, firsts)
