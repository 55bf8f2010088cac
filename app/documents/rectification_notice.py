"""整改通知书: the red-headed notice, followed by a blank 送达回证 for the same print job."""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PdfWriter

from app.documents.official_layout import PAGE_NO_SIZE, OfficialFlow, new_canvas
from app.documents.service_receipt import draw_receipt
from app.domain.documents import Letterhead, NoticeDoc, ReceiptDoc


def receipt_for(doc: NoticeDoc) -> ReceiptDoc:
    """The blank 送达回证 that goes out with a notice."""
    number = doc.letterhead.doc_number
    return ReceiptDoc(
        letterhead=Letterhead(doc.letterhead.office_name, ""),
        served_document=f"{doc.title}（{number}）" if number else doc.title,
        recipient=doc.text.addressee,
    )


NO_TEXT = "（此页无正文）"  # on the back of a sheet left blank for duplex printing


def new_sheet(flow: OfficialFlow) -> None:
    """For duplex printing: a blank back page if the canvas has an odd number of pages, so
    that what comes next starts on a new sheet of paper."""
    if flow.sheet_pages() % 2:
        flow.begin(page_numbers=False)
        flow.line(NO_TEXT, "fangsong", PAGE_NO_SIZE, align="center")
        flow.end()


def draw_notice(
    flow: OfficialFlow, doc: NoticeDoc, *, with_receipt: bool = True, duplex: bool = False
) -> None:
    """The notice (pages numbered from 1) and, on a new page, its blank receipt.

    `duplex`: printed double-sided, the notice and the receipt each start on a new sheet (a
    blank page marked 此页无正文 fills the back of a sheet where needed), so the receipt can
    be handed over or torn off without the notice's last page on its back.
    """
    if duplex:
        new_sheet(flow)
    flow.begin()
    flow.letterhead(doc.letterhead)
    flow.title(doc.title)
    flow.addressee(doc.text.addressee)
    flow.paragraphs(doc.text.paragraphs())
    flow.signature(doc.text.issuer, doc.text.issue_date)
    flow.end()
    if with_receipt:
        if duplex:
            new_sheet(flow)
        draw_receipt(flow, receipt_for(doc))


def render_notice(doc: NoticeDoc, *, with_receipt: bool = True, duplex: bool = False) -> bytes:
    return render_notices([doc], with_receipt=with_receipt, duplex=duplex)


def render_notices(
    docs: Sequence[NoticeDoc], *, with_receipt: bool = True, duplex: bool = False
) -> bytes:
    """Several notices in one PDF for the printer; each numbers its pages from 1. With
    `duplex`, every notice and every receipt starts on a new sheet.

    One canvas shares one font subset between all notices: for 500 notices this is about 3x
    faster and 14x smaller than rendering each and merging the files with pypdf.
    """
    if not docs:
        raise ValueError("no notices to render")
    buffer = io.BytesIO()
    title = docs[0].title if len(docs) == 1 else f"{docs[0].title}（共{len(docs)}份）"
    canvas = new_canvas(buffer, title, docs[0].letterhead.office_name)
    flow = OfficialFlow(canvas)
    for doc in docs:
        draw_notice(flow, doc, with_receipt=with_receipt, duplex=duplex)
    canvas.save()
    return buffer.getvalue()


def combine_pdfs(pdfs: Sequence[bytes]) -> bytes:
    """Concatenate finished PDFs (e.g. the stored copies of issued notices), in order.

    Each input keeps its own font subset, so the result is large (500 notices: about 25 MB,
    2.5 s to merge); re-drawing the same notices with `render_notices` takes about 2.3 s and
    gives about 1.9 MB.
    """
    if not pdfs:
        raise ValueError("no PDFs to combine")
    writer = PdfWriter()
    for data in pdfs:
        writer.append(io.BytesIO(data))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
