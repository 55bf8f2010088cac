"""双面打印 reaches the issued notice (issue 12 item 16): with the setting on, a one-page
notice's 送达回证 starts a new sheet (a blank back page between them), in the stored PDF that
is printed and reprinted, in the preview and in a batch."""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader

from app.services import build_services
from tests.services.test_issue_chain import new_issue


def pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def test_the_setting_reaches_the_services(opened):
    assert opened.services.ctx.duplex() is False
    opened.settings.update(duplex_printing=True)
    assert opened.services.ctx.duplex() is True


def test_a_one_page_notice_gets_a_blank_back_page_before_its_receipt(demo):
    duplex = build_services(replace(demo.ctx, duplex=lambda: True))
    a = new_issue(duplex)
    issued = duplex.chain.issue_notice([a.id], duplex.chain.draft_notice([a.id]))
    texts = pages(issued.pdf)
    assert len(texts) == 3 and "此页无正文" in texts[1] and "送达回证" in texts[2]
    b = new_issue(demo)
    plain = demo.chain.issue_notice([b.id], demo.chain.draft_notice([b.id]))
    assert len(pages(plain.pdf)) == 2  # the setting off: notice, receipt
    preview = duplex.chain.preview_notice(duplex.chain.draft_notice([new_issue(duplex).id]))
    assert len(pages(preview)) == 3


def test_a_batch_puts_every_receipt_on_a_new_sheet(demo):
    duplex = build_services(replace(demo.ctx, duplex=lambda: True))
    ids = [new_issue(duplex, responsible_name=n).id for n in ("甲物业", "乙物业")]
    result = duplex.chain.issue_batch(ids)
    texts = pages(result.combined_pdf)
    starts = [i for i, t in enumerate(texts) if "此页无正文" not in t]
    assert len(starts) == 4  # two notices, two receipts
    assert all(i % 2 == 0 for i in starts)  # each on the front of a sheet (pages 1, 3, 5, 7)
    assert ["送达回证" in texts[i] for i in starts] == [False, True, False, True]
