"""Every ledger opened in a real spreadsheet program (issue 12 item 14): LibreOffice prints
it on A4 landscape, with the first rows' text in order and the Chinese as real text."""

from __future__ import annotations

import pytest

from tests.documents.pdf_checks import A4_LONG, A4_SHORT, all_text, reader
from tests.spreadsheets.libreoffice import needs_libreoffice, to_pdf

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
    for page in pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (round(A4_LONG), round(A4_SHORT)), kind
    text = all_text(data).replace("\n", "").replace(" ", "")
    ws = load_workbook(path).active
    title = ws.cell(1, 1).value
    assert title.replace(" ", "") in text  # real Chinese text, not boxes
    # the second column of the first three data rows, found in the printed order
    firsts = [str(ws.cell(r, 2).value).replace(" ", "").replace("\n", "") for r in (4, 5, 6)]
    positions = [text.find(value[:6]) for value in firsts]
    assert all(p >= 0 for p in positions), (kind, firsts)
    assert positions == sorted(positions), (kind, firsts)
