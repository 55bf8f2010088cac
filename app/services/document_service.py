"""The 文书 register: search, reprint (the exact stored bytes) and voiding."""

from __future__ import annotations

from datetime import date

from app.domain.doc_records import DocumentQuery, DocumentRow, validate_void_reason
from app.domain.enums import DocType
from app.domain.errors import ConflictError, NotFoundError
from app.domain.issues import after_void
from app.services import audit
from app.services.context import ServiceContext
from app.storage.models import Document
from app.storage.repositories import document_repo, issue_repo
from app.storage.session import Session


class DocumentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def generation(self) -> int:
        return self._ctx.db.generation

    def search(self, q: DocumentQuery | None = None) -> list[DocumentRow]:
        with self._ctx.db.read() as s:
            return document_repo.search(s, q or DocumentQuery())

    def _doc(self, s: Session, document_id: int) -> Document:
        d = document_repo.get(s, document_id)
        if d is None:
            raise NotFoundError(f"找不到编号为 {document_id} 的文书")
        return d

    def get(self, document_id: int) -> DocumentRow:
        with self._ctx.db.read() as s:
            d = self._doc(s, document_id)
            return document_repo.to_row(d, document_repo.issue_ids(s, [d.id]).get(d.id, ()))

    def pdf(self, document_id: int) -> bytes:
        """The bytes exactly as issued: a reprint is the identical file."""
        with self._ctx.db.read() as s:
            data = document_repo.pdf(s, document_id)
            if data is None:
                raise NotFoundError(f"找不到编号为 {document_id} 的文书文件")
            return data

    def _restore_issues(self, s: Session, d: Document) -> None:
        for link in document_repo.links(s, d.id):
            i = issue_repo.get(s, link.issue_id)
            if i is None:
                continue
            previous = None
            if link.previous_status is not None and link.previous_deadline is not None:
                previous = (link.previous_status, link.previous_deadline)
            later = document_repo.later_live_notice(s, i.id, d)
            status, deadline = after_void(i.status, i.deadline, previous, later)
            if (status, deadline) != (i.status, i.deadline):
                audit.record(
                    s,
                    self._ctx.operator(),
                    "update",
                    "issue",
                    i.id,
                    f"{d.doc_number} 作废，问题回到{status.label}",
                    {
                        "status": [i.status.value, status.value],
                        "deadline": [audit.plain(i.deadline), audit.plain(deadline)],
                    },
                )
                i.status, i.deadline = status, deadline

    def suggested_filename(self, row: DocumentRow) -> str:
        safe = "".join(ch for ch in row.doc_number if ch not in '\\/:*?"<>|')
        return f"{row.title}-{safe}.pdf"

    def void(self, document_id: int, reason: str) -> DocumentRow:
        """Void with a reason. The number stays used. A notice's issues go back to their
        state and deadline from just before it, unless the chain has moved on since. Voiding a
        receipt or an opinion voids that printout only: the service or re-inspection it
        records stays."""
        text = validate_void_reason(reason)
        today: date = self._ctx.today()
        with self._ctx.db.write() as s:
            d = self._doc(s, document_id)
            if d.voided_on is not None:
                raise ConflictError(f"{d.doc_number} 已于 {d.voided_on:%Y-%m-%d} 作废")
            d.voided_on, d.void_reason, d.voided_by = today, text, self._ctx.operator()
            ids = document_repo.issue_ids(s, [d.id]).get(d.id, ())
            if d.doc_type is DocType.RECTIFICATION_NOTICE:
                self._restore_issues(s, d)
            audit.record(
                s,
                self._ctx.operator(),
                "void",
                "document",
                d.id,
                f"作废 {d.doc_number}",
                {"void_reason": [None, text]},
            )
            return document_repo.to_row(d, ids)
