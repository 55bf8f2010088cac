"""Issued documents: number allocation, the stored bytes, voiding and service records."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, insert, literal, or_, select
from sqlalchemy.orm import Session

from app.domain.doc_records import DocumentQuery, DocumentRow
from app.domain.documents import format_doc_number
from app.domain.enums import DocType, IssueStatus
from app.domain.errors import ConflictError
from app.storage.models import Document, DocumentFile, DocumentIssue
from app.storage.repositories.community_repo import _escape_like


def _printed_number(prefix: str, year: int) -> ColumnElement[str]:
    """The 文号 a row would print with `prefix` and `year` and its own number, in SQL:
    `format_doc_number(prefix, year, number)` (a prefix never holds 〔, so it is exact)."""
    head, tail = format_doc_number(prefix, year, 0).rsplit("0", 1)
    return literal(head, String) + cast(Document.number, String) + literal(tail, String)


def next_number(session: Session, doc_type: DocType, year: int, prefix: str, count: int = 1) -> int:
    """The first of `count` free numbers for a document of `doc_type` printed with `prefix`
    in `year`. The sequence belongs to the printed (prefix, year), not to the type: types
    that share a prefix share its numbers, so a printed 文号 is never handed out twice
    (a 整改通知书 and a 复查意见书 both 青禾镇物整 draw 1, 2, 3 … between them). Voided rows
    count. The caller's write transaction (BEGIN IMMEDIATE) serialises writers across
    processes, so the sequence has no gaps and no repeats."""
    used = session.scalar(
        select(func.max(Document.number)).where(
            Document.year == year, Document.doc_number == _printed_number(prefix, year)
        )
    )
    first = int(used or 0) + 1
    # (type, year, number) is still unique in the table: after a prefix was changed within
    # the year, this type may already hold the number under its old prefix.
    clash = session.scalar(
        select(Document.doc_number).where(
            Document.doc_type == doc_type,
            Document.year == year,
            Document.number.between(first, first + count - 1),
        )
    )
    if clash is not None:
        raise ConflictError(
            f"{doc_type.label}的文号前缀今年改过，新前缀的第 {first} 号与已开具的 {clash} "
            "在本类文书中编号重复，未开具。请把前缀改回原来的，或明年起再用新前缀。"
        )
    return first


def check_numbers_free(session: Session, doc_numbers: Sequence[str]) -> None:
    """Refuse a printed 文号 that any document (of any type, voided or not) already has."""
    for at in range(0, len(doc_numbers), 500):  # within SQLite's limit of bound values
        part = list(doc_numbers[at : at + 500])
        taken = session.scalar(
            select(Document.doc_number).where(Document.doc_number.in_(part)).limit(1)
        )
        if taken is not None:
            raise ConflictError(f"文号 {taken} 已被其他文书使用，未开具")


@dataclass(frozen=True)
class NewDocument:
    id: int
    doc_type: DocType
    year: int
    number: int
    doc_number: str
    title: str
    addressee: str
    issued_on: date
    issued_by: str
    pdf: bytes
    snapshot: dict[str, Any]
    issue_ids: tuple[int, ...] = ()
    period_days: int | None = None
    related_id: int | None = None
    # issue id -> (status, deadline) just before this document changed it
    previous: dict[int, tuple[IssueStatus, date]] = field(default_factory=dict)


def next_id(session: Session) -> int:
    """The next document id; only valid inside a write transaction (the lock is held)."""
    return int(session.scalar(select(func.max(Document.id))) or 0) + 1


def add_many(session: Session, docs: Sequence[NewDocument]) -> list[DocumentRow]:
    """Insert documents, their bytes and their issue links with one executemany each."""
    if not docs:
        return []
    session.flush()  # pending ORM changes first, so statement order stays as written
    check_numbers_free(session, [d.doc_number for d in docs])
    session.execute(
        insert(Document.__table__),
        [
            {
                "id": d.id,
                "doc_type": d.doc_type.value,
                "year": d.year,
                "number": d.number,
                "doc_number": d.doc_number,
                "title": d.title,
                "addressee": d.addressee,
                "issued_on": d.issued_on,
                "issued_by": d.issued_by,
                "period_days": d.period_days,
                "snapshot": json.dumps(d.snapshot, ensure_ascii=False, default=str, sort_keys=True),
                "sha256": hashlib.sha256(d.pdf).hexdigest(),
                "size": len(d.pdf),
                "related_id": d.related_id,
                "void_reason": "",
                "voided_by": "",
            }
            for d in docs
        ],
    )
    session.execute(
        insert(DocumentFile.__table__), [{"document_id": d.id, "pdf": d.pdf} for d in docs]
    )
    links = [
        {
            "document_id": d.id,
            "issue_id": i,
            "previous_status": d.previous[i][0].value if i in d.previous else None,
            "previous_deadline": d.previous[i][1] if i in d.previous else None,
        }
        for d in docs
        for i in dict.fromkeys(d.issue_ids)
    ]
    if links:
        session.execute(insert(DocumentIssue.__table__), links)
    return [
        DocumentRow(
            id=d.id,
            doc_type=d.doc_type,
            doc_number=d.doc_number,
            title=d.title,
            addressee=d.addressee,
            issued_on=d.issued_on,
            issued_by=d.issued_by,
            size=len(d.pdf),
            voided_on=None,
            void_reason="",
            issue_ids=d.issue_ids,
        )
        for d in docs
    ]


def add(
    session: Session,
    *,
    doc_type: DocType,
    year: int,
    number: int,
    doc_number: str,
    title: str,
    addressee: str,
    issued_on: date,
    issued_by: str,
    pdf: bytes,
    snapshot: dict[str, Any],
    issue_ids: Sequence[int] = (),
    period_days: int | None = None,
    related_id: int | None = None,
) -> Document:
    check_numbers_free(session, [doc_number])
    d = Document(
        doc_type=doc_type,
        year=year,
        number=number,
        doc_number=doc_number,
        title=title,
        addressee=addressee,
        issued_on=issued_on,
        issued_by=issued_by,
        period_days=period_days,
        snapshot=json.dumps(snapshot, ensure_ascii=False, default=str, sort_keys=True),
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        related_id=related_id,
    )
    session.add(d)
    session.flush()
    session.add(DocumentFile(document_id=d.id, pdf=pdf))
    for issue_id in dict.fromkeys(issue_ids):
        session.add(DocumentIssue(document_id=d.id, issue_id=issue_id))
    return d


def get(session: Session, document_id: int) -> Document | None:
    return session.get(Document, document_id)


def pdf(session: Session, document_id: int) -> bytes | None:
    return session.scalar(select(DocumentFile.pdf).where(DocumentFile.document_id == document_id))


def issue_ids(session: Session, document_ids: Sequence[int]) -> dict[int, tuple[int, ...]]:
    out: dict[int, list[int]] = {}
    stmt = (
        select(DocumentIssue.document_id, DocumentIssue.issue_id)
        .where(DocumentIssue.document_id.in_(list(document_ids)))
        .order_by(DocumentIssue.issue_id)
    )
    for doc_id, issue_id in session.execute(stmt).all():
        out.setdefault(doc_id, []).append(issue_id)
    return {k: tuple(v) for k, v in out.items()}


def to_row(d: Document, issues: tuple[int, ...] = ()) -> DocumentRow:
    return DocumentRow(
        id=d.id,
        doc_type=d.doc_type,
        doc_number=d.doc_number,
        title=d.title,
        addressee=d.addressee,
        issued_on=d.issued_on,
        issued_by=d.issued_by,
        size=d.size,
        voided_on=d.voided_on,
        void_reason=d.void_reason,
        issue_ids=issues,
    )


def search(session: Session, q: DocumentQuery) -> list[DocumentRow]:
    conds: list[ColumnElement[bool]] = []
    for word in q.text.split():
        pattern = f"%{_escape_like(word)}%"
        conds.append(
            or_(
                Document.doc_number.like(pattern, escape="\\"),
                Document.addressee.like(pattern, escape="\\"),
            )
        )
    if q.doc_type is not None:
        conds.append(Document.doc_type == q.doc_type)
    if q.issued_from is not None:
        conds.append(Document.issued_on >= q.issued_from)
    if q.issued_to is not None:
        conds.append(Document.issued_on <= q.issued_to)
    if not q.include_voided:
        conds.append(Document.voided_on.is_(None))
    if q.issue_id is not None:
        conds.append(
            Document.id.in_(
                select(DocumentIssue.document_id).where(DocumentIssue.issue_id == q.issue_id)
            )
        )
    stmt = select(Document).where(*conds).order_by(Document.issued_on.desc(), Document.id.desc())
    docs = list(session.scalars(stmt))
    links = issue_ids(session, [d.id for d in docs]) if docs else {}
    return [to_row(d, links.get(d.id, ())) for d in docs]


def search_live_notices(session: Session, issue_ids: Sequence[int]) -> list[Document]:
    """The unvoided notices covering any of these issues, oldest first."""
    stmt = (
        select(Document)
        .join(DocumentIssue, DocumentIssue.document_id == Document.id)
        .where(
            DocumentIssue.issue_id.in_(list(issue_ids)),
            Document.doc_type == DocType.RECTIFICATION_NOTICE,
            Document.voided_on.is_(None),
        )
        .distinct()
        .order_by(Document.issued_on, Document.id)
    )
    return list(session.scalars(stmt))


def links(session: Session, document_id: int) -> list[DocumentIssue]:
    stmt = select(DocumentIssue).where(DocumentIssue.document_id == document_id)
    return list(session.scalars(stmt))


def later_live_notice(session: Session, issue_id: int, than: Document) -> bool:
    """Whether a live notice issued after `than` also covers this issue."""
    stmt = (
        select(func.count())
        .select_from(Document)
        .join(DocumentIssue, DocumentIssue.document_id == Document.id)
        .where(
            DocumentIssue.issue_id == issue_id,
            Document.doc_type == DocType.RECTIFICATION_NOTICE,
            Document.voided_on.is_(None),
            Document.id > than.id,
        )
    )
    return bool(session.scalar(stmt))
