"""复查意见书: the re-inspection result, in the same GB/T 9704 frame as the notice."""

from __future__ import annotations

import io

from app.documents.official_layout import OfficialFlow, new_canvas
from app.domain.documents import OpinionDoc


def draw_opinion(flow: OfficialFlow, doc: OpinionDoc) -> None:
    flow.begin()
    flow.letterhead(doc.letterhead)
    flow.title(doc.title)
    flow.addressee(doc.addressee)
    flow.paragraphs(doc.paragraphs())
    flow.signature(doc.issuer, doc.issue_date)
    flow.end()


def render_opinion(doc: OpinionDoc) -> bytes:
    buffer = io.BytesIO()
    canvas = new_canvas(buffer, doc.title, doc.letterhead.office_name)
    draw_opinion(OfficialFlow(canvas), doc)
    canvas.save()
    return buffer.getvalue()
