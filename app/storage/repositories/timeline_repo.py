"""An issue's timeline: found → notice → served → reported → re-inspected → closed,
with every document and photo, composed from the records themselves."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import DocType
from app.domain.issues import TimelineEntry
from app.storage.models import (
    Attachment,
    DisclosureCheck,
    DisclosureEntry,
    Document,
    DocumentIssue,
    Inspection,
    Issue,
    Reinspection,
    ServiceRecord,
)


def timeline(session: Session, issue: Issue) -> list[TimelineEntry]:
    out: list[TimelineEntry] = []
    found = f"发现问题（{issue.source.label}"
    found += f"，编号 {issue.source_ref}）" if issue.source_ref else "）"
    if issue.inspection_id is not None:
        ins = session.get(Inspection, issue.inspection_id)
        if ins is not None:
            found += f"：{ins.kind.label}，检查人员 {ins.inspectors}"
    visit = session.execute(
        select(
            DisclosureCheck.checked_on,
            DisclosureCheck.inspector,
            DisclosureEntry.item_name,
            DisclosureEntry.result,
        )
        .join(DisclosureEntry, DisclosureEntry.check_id == DisclosureCheck.id)
        .where(DisclosureEntry.issue_id == issue.id)
    ).first()
    if visit is not None:
        on, who, item, result = visit
        found += f"：由 {on:%Y-%m-%d} 信息公示检查生成（{item}{result.label}，检查人 {who}）"
    out.append(TimelineEntry(issue.found_date, "found", found))
    docs = list(
        session.scalars(
            select(Document)
            .join(DocumentIssue, DocumentIssue.document_id == Document.id)
            .where(DocumentIssue.issue_id == issue.id)
            .order_by(Document.issued_on, Document.id)
        )
    )
    for d in docs:
        verb = "下发" if d.doc_type is DocType.RECTIFICATION_NOTICE else "出具"
        out.append(TimelineEntry(d.issued_on, "document", f"{verb}{d.title} {d.doc_number}", d.id))
        if d.voided_on is not None:
            out.append(
                TimelineEntry(d.voided_on, "void", f"作废 {d.doc_number}：{d.void_reason}", d.id)
            )
    notice_ids = [d.id for d in docs if d.doc_type is DocType.RECTIFICATION_NOTICE]
    if notice_ids:
        numbers = {d.id: d.doc_number for d in docs}
        for r in session.scalars(
            select(ServiceRecord).where(ServiceRecord.document_id.in_(notice_ids))
        ):
            text = f"{numbers[r.document_id]} {r.method.label}，受送达人 {r.recipient}"
            if r.refused:
                text += f"（拒收：{r.refusal_reason}，见证人 {r.witness}）"
            out.append(TimelineEntry(r.served_on, "served", text, r.receipt_id))
    if issue.completed_on is not None:
        out.append(TimelineEntry(issue.completed_on, "reported", f"整改完成：{issue.result}"))
    for r in session.scalars(
        select(Reinspection).where(Reinspection.issue_id == issue.id).order_by(Reinspection.id)
    ):
        if r.passed:
            text = f"复查合格（{r.inspector}）"
        else:
            text = f"复查不合格（{r.inspector}），新的整改时限 {r.new_deadline:%Y-%m-%d}"
        if r.opinion:
            text += f"：{r.opinion}"
        out.append(TimelineEntry(r.inspected_on, "reinspected", text, r.document_id))
    if issue.closed_on is not None:
        out.append(TimelineEntry(issue.closed_on, "closed", f"销号（{issue.closed_by}）"))
    for a in session.scalars(
        select(Attachment).where(Attachment.issue_id == issue.id).order_by(Attachment.id)
    ):
        name = a.caption or a.original_name
        out.append(
            TimelineEntry(a.added_on, "photo", f"照片（{a.kind.label}）{name}", attachment_id=a.id)
        )
    order = {"found": 0, "document": 1, "served": 2, "reported": 3, "reinspected": 4}
    return sorted(out, key=lambda e: (e.on, order.get(e.kind, 5)))
