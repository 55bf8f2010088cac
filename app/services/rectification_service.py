"""The rectification chain (DOMAIN.md §4.3): 整改通知书 → 送达回证 → 复查意见书 → 销号.

Each document is rendered inside the transaction that allocates its 文号 and stores its
exact bytes, so a number is never handed out without its document, nor twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import timedelta
from typing import Any

from app.domain.doc_records import IssuedDocument
from app.domain.documents import (
    Letterhead,
    NoticeDoc,
    NoticeText,
    OpinionDoc,
    ReceiptDoc,
    format_doc_number,
)
from app.domain.enums import DocType, IssueStatus
from app.domain.errors import ConflictError, NotFoundError, OperationCancelled, ValidationError
from app.domain.issues import (
    ReinspectionFields,
    ServiceFields,
    advance,
    validate_reinspection,
    validate_service,
)
from app.domain.office import OfficeProfile
from app.services import audit
from app.services.context import ServiceContext
from app.storage.models import Document, Issue, Reinspection, ServiceRecord
from app.storage.repositories import audit_repo, document_repo, issue_repo, office_repo
from app.storage.session import Session

Progress = Callable[[int, int], None]


DRAFT_NUMBER = "（签发时编号）"  # where a draft's letterhead shows the 文号 to come


@dataclass(frozen=True)
class BatchResult:
    documents: list[IssuedDocument]
    combined_pdf: bytes


def _render(doc_type: DocType, doc: Any, *, duplex: bool = False) -> bytes:
    """The PDF of a document; `duplex` (双面打印): a notice's 送达回证 starts a new sheet."""
    # Loaded on first use: reportlab is not needed to start the program.
    if doc_type is DocType.RECTIFICATION_NOTICE:
        from app.documents.rectification_notice import render_notice

        return render_notice(doc, duplex=duplex)
    if doc_type is DocType.SERVICE_RECEIPT:
        from app.documents.service_receipt import render_receipt

        return render_receipt(doc)
    from app.documents.reinspection_opinion import render_opinion

    return render_opinion(doc)


class RectificationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ---- helpers -------------------------------------------------------------------------
    def _profile(self, s: Session, doc_type: DocType) -> OfficeProfile:
        p = office_repo.get_profile(s)
        if not p.name.strip():
            raise ValidationError("请先在“设置”中填写本单位名称，文书上要用到", field="name")
        if not p.prefix(doc_type).strip():
            raise ValidationError(
                f"请先在“设置”中填写{doc_type.label}的文号前缀（如“X镇物整”）",
                field=f"prefix:{doc_type.value}",
            )
        return p

    def _issues(self, s: Session, ids: Sequence[int]) -> list[Issue]:
        if not ids:
            raise ValidationError("请至少选择一个问题", field="issues")
        found = issue_repo.get_many(s, list(dict.fromkeys(ids)))
        if len(found) != len(set(ids)):
            raise NotFoundError("所选问题有的已不存在，请刷新后重试")
        return found

    def _store(
        self,
        s: Session,
        doc_type: DocType,
        build: Callable[[str], object],
        *,
        addressee: str,
        issue_ids: Sequence[int],
        period_days: int | None = None,
        related_id: int | None = None,
        profile: OfficeProfile | None = None,
    ) -> tuple[Document, bytes, Any]:
        """Allocate the next number, render with it, store row + bytes (caller's transaction).
        Returns the row, the bytes and the document data drawn."""
        profile = profile or self._profile(s, doc_type)
        today = self._ctx.today()
        prefix = profile.prefix(doc_type)  # types sharing a prefix share its numbers
        number = document_repo.next_number(s, doc_type, today.year, prefix)
        doc_number = format_doc_number(prefix, today.year, number)
        doc = build(doc_number)
        pdf = _render(doc_type, doc, duplex=self._ctx.duplex())
        row = document_repo.add(
            s,
            doc_type=doc_type,
            year=today.year,
            number=number,
            doc_number=doc_number,
            title=doc_type.label,
            addressee=addressee,
            issued_on=today,
            issued_by=self._ctx.operator(),
            pdf=pdf,
            snapshot=asdict(doc),  # type: ignore[call-overload]
            issue_ids=issue_ids,
            period_days=period_days,
            related_id=related_id,
        )
        return row, pdf, doc

    # ---- 整改通知书 ------------------------------------------------------------------------
    def preview_notice(self, text: NoticeText) -> bytes:
        """The PDF of an edited draft, before any number is taken: the letterhead carries
        DRAFT_NUMBER where the 文号 will be."""
        with self._ctx.db.read() as s:
            office = office_repo.get_profile(s).name
        doc = NoticeDoc(Letterhead(office, DRAFT_NUMBER), text)
        return _render(DocType.RECTIFICATION_NOTICE, doc, duplex=self._ctx.duplex())

    def draft_notice(self, issue_ids: Sequence[int]) -> NoticeText:
        """The wording the records give; the user may edit it before issuing."""
        with self._ctx.db.read() as s:
            return self._draft(s, self._issues(s, issue_ids), office_repo.get_profile(s))

    def _draft(self, s: Session, issues: list[Issue], p: OfficeProfile) -> NoticeText:
        addressees = sorted({i.responsible_name for i in issues})
        if len(addressees) > 1:
            raise ConflictError(
                "一份整改通知书只能发给一个责任单位，所选问题涉及："
                + "、".join(addressees)
                + "。请分别开具，或使用“批量开具”按责任单位自动分开"
            )
        closed = [i.id for i in issues if i.status is IssueStatus.CLOSED]
        if closed:
            raise ConflictError(f"问题 #{closed[0]} 已销号，不能再下发整改通知书")
        today = self._ctx.today()
        facts = [f"{n}. {i.community.name}：{i.description}" for n, i in enumerate(issues, 1)]
        bases = dict.fromkeys(i.legal_basis for i in issues if i.legal_basis.strip())
        measures = [i.measures for i in issues if i.measures.strip()]
        if len(measures) > 1:
            measures = [f"{n}. {m}" for n, m in enumerate(measures, 1)]
        deadline = min(i.deadline for i in issues)
        if deadline <= today:
            deadline = today + timedelta(days=7)
        period = (
            (deadline - today).days if self._ctx.rules.issues.deadline_from_served_date else None
        )
        contact = " ".join(x for x in (p.contact_person, p.contact_phone) if x.strip())
        return NoticeText(
            addressee=addressees[0],
            facts="\n".join(facts),
            legal_basis="、".join(bases),
            requirements="\n".join(measures) or "对上述问题逐项整改到位，消除隐患。",
            deadline=deadline,
            contact=contact,
            issuer=p.name,
            issue_date=today,
            period_days=period,
        )

    def _check_text(self, text: NoticeText, issues: list[Issue]) -> NoticeText:
        today = self._ctx.today()
        if not text.addressee.strip():
            raise ValidationError("请填写受文单位（责任单位）", field="addressee")
        if not text.facts.strip():
            raise ValidationError("请填写检查发现的问题", field="facts")
        if text.deadline < today:
            raise ValidationError(
                f"整改期限 {text.deadline:%Y-%m-%d} 早于今天（签发日期）", field="deadline"
            )
        period = None
        if self._ctx.rules.issues.deadline_from_served_date:
            # the notice gives a period counted from service; it follows the deadline shown
            period = (text.deadline - today).days
            if period < 1:
                raise ValidationError(
                    "整改期限从送达之日起算，期限应晚于签发日期（至少1天）", field="deadline"
                )
        text = replace(text, period_days=period)
        return replace(text, issue_date=today)

    def _issue_notices(
        self,
        s: Session,
        jobs: Sequence[tuple[list[Issue], NoticeText]],
        profile: OfficeProfile,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> tuple[list[IssuedDocument], list[NoticeDoc]]:
        """Number, render and store notices in the caller's write transaction.

        The write lock is held (BEGIN IMMEDIATE), so the numbers and row ids taken here are
        free; rows go in with one executemany per table, as the ORM's unit of work costs
        more than drawing the notice. Any error or a cancel rolls the whole call back."""
        today, operator = self._ctx.today(), self._ctx.operator()
        duplex = self._ctx.duplex()
        doc_type = DocType.RECTIFICATION_NOTICE
        prefix = profile.prefix(doc_type)  # types sharing a prefix share its numbers
        first = document_repo.next_number(s, doc_type, today.year, prefix, len(jobs))
        first_id = document_repo.next_id(s)
        new: list[document_repo.NewDocument] = []
        drawn: list[NoticeDoc] = []
        entries: list[audit_repo.NewEntry] = []
        for n, (issues, text) in enumerate(jobs):
            if cancelled is not None and cancelled():
                raise OperationCancelled("已取消批量开具，没有签发任何通知书")
            self._draft(s, issues, profile)  # one addressee, none closed
            text = self._check_text(text, issues)
            text = replace(text, issuer=text.issuer.strip() or profile.name)
            number = format_doc_number(prefix, today.year, first + n)
            doc = NoticeDoc(Letterhead(profile.name, number), text)
            ids = tuple(i.id for i in issues)
            new.append(
                document_repo.NewDocument(
                    id=first_id + n,
                    doc_type=doc_type,
                    year=today.year,
                    number=first + n,
                    doc_number=number,
                    title=doc.title,
                    addressee=text.addressee,
                    issued_on=today,
                    issued_by=operator,
                    pdf=_render(doc_type, doc, duplex=duplex),
                    snapshot=asdict(doc),
                    issue_ids=ids,
                    period_days=text.period_days,
                )
            )
            drawn.append(doc)
            for i in issues:
                new[-1].previous[i.id] = (i.status, i.deadline)
                old = (i.status.value, audit.plain(i.deadline))
                i.status = advance(i.status, "notice")
                i.deadline = text.deadline
                changes = {
                    "status": [old[0], i.status.value],
                    "deadline": [old[1], audit.plain(i.deadline)],
                }
                entries.append(
                    audit.entry(
                        operator, "update", "issue", i.id, f"下发整改通知书 {number}", changes
                    )
                )
            entries.append(
                audit.entry(
                    operator,
                    "create",
                    "document",
                    first_id + n,
                    f"签发 {number}",
                    {"issues": [None, list(ids)]},
                )
            )
            if progress is not None:
                progress(n + 1, len(jobs))
        if cancelled is not None and cancelled():
            raise OperationCancelled("已取消批量开具，没有签发任何通知书")
        rows = document_repo.add_many(s, new)
        audit_repo.add_many(s, entries)
        return [IssuedDocument(r, d.pdf) for r, d in zip(rows, new, strict=True)], drawn

    def issue_notice(self, issue_ids: Sequence[int], text: NoticeText) -> IssuedDocument:
        with self._ctx.db.write() as s:
            profile = self._profile(s, DocType.RECTIFICATION_NOTICE)
            issued, _ = self._issue_notices(s, [(self._issues(s, issue_ids), text)], profile)
            return issued[0]

    def group_by_addressee(self, issue_ids: Sequence[int]) -> list[list[int]]:
        """Issues grouped per responsible unit, in the order first met."""
        with self._ctx.db.read() as s:
            groups: dict[str, list[int]] = {}
            for i in self._issues(s, issue_ids):
                groups.setdefault(i.responsible_name, []).append(i.id)
            return list(groups.values())

    def issue_batch(
        self,
        issue_ids: Sequence[int],
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BatchResult:
        """One notice per responsible unit, all in one transaction: cancelling (or any
        error) rolls back every notice, so nothing is ever half-issued."""
        from app.documents.rectification_notice import render_notices

        with self._ctx.db.write() as s:
            profile = self._profile(s, DocType.RECTIFICATION_NOTICE)
            groups: dict[str, list[Issue]] = {}
            for i in self._issues(s, issue_ids):
                groups.setdefault(i.responsible_name, []).append(i)
            jobs = [(g, self._draft(s, g, profile)) for g in groups.values()]
            done, drawn = self._issue_notices(s, jobs, profile, progress, cancelled)
            # One canvas for the printer: the notices share one font subset, so it is ~14×
            # smaller than the individual files merged, and faster to make.
            combined = render_notices(drawn, duplex=self._ctx.duplex())
        return BatchResult(done, combined)

    # ---- 送达回证 --------------------------------------------------------------------------
    def _notice(self, s: Session, document_id: int) -> Document:
        d = document_repo.get(s, document_id)
        if d is None or d.doc_type is not DocType.RECTIFICATION_NOTICE:
            raise NotFoundError("找不到这份整改通知书")
        if d.voided_on is not None:
            raise ConflictError(f"{d.doc_number} 已作废")
        return d

    def _receipt_doc(
        self, d: Document, f: ServiceFields | None, number: str, p: OfficeProfile
    ) -> ReceiptDoc:
        base = ReceiptDoc(
            letterhead=Letterhead(p.name, number),
            served_document=f"{d.title}（{d.doc_number}）",
            recipient=d.addressee,
            issuer=p.name,
            issue_date=self._ctx.today() if f else None,
        )
        if f is None:
            return base
        return replace(
            base,
            recipient=f.recipient,
            place=f.place,
            method=f.method.label,
            server=f.server,
            served_date=f.served_on,
            signer="" if f.refused else f.signer,
            refusal_reason=f.refusal_reason,
            witness=f.witness,
            notes=f.notes,
        )

    def blank_receipt(self, document_id: int) -> bytes:
        """A receipt form for this notice, to take along and fill in by hand (not stored)."""
        from app.documents.service_receipt import render_receipt

        with self._ctx.db.read() as s:
            d = self._notice(s, document_id)
            return render_receipt(self._receipt_doc(d, None, "", office_repo.get_profile(s)))

    def record_service(
        self, document_id: int, fields: ServiceFields, *, print_receipt: bool = True
    ) -> IssuedDocument | None:
        """Record how the notice was served; optionally issue the filled receipt. When the
        pack counts deadlines from service, each issue's deadline moves accordingly."""
        with self._ctx.db.write() as s:
            d = self._notice(s, document_id)
            f = validate_service(fields, d.issued_on, self._ctx.today())
            rec = ServiceRecord(document_id=d.id, **asdict(f))
            s.add(rec)
            s.flush()
            ids = document_repo.issue_ids(s, [d.id]).get(d.id, ())
            for i in issue_repo.get_many(s, ids):
                # Only issues still waiting for this notice to arrive move on. A second
                # service of the same notice, or an issue that has moved on (re-inspected,
                # reported, closed, re-notified), keeps its state and deadline.
                if i.status is not IssueStatus.NOTIFIED:
                    continue
                changes: dict[str, list[object]] = {
                    "status": [i.status.value, IssueStatus.RECTIFYING.value]
                }
                i.status = advance(i.status, "served")
                if self._ctx.rules.issues.deadline_from_served_date and d.period_days:
                    new = f.served_on + timedelta(days=d.period_days)
                    changes["deadline"] = [audit.plain(i.deadline), audit.plain(new)]
                    i.deadline = new
                audit.record(
                    s,
                    self._ctx.operator(),
                    "update",
                    "issue",
                    i.id,
                    f"{d.doc_number} 已{f.method.label}",
                    changes,
                )
            issued = None
            if print_receipt:
                p = office_repo.get_profile(s)
                row, pdf, _ = self._store(
                    s,
                    DocType.SERVICE_RECEIPT,
                    lambda number: self._receipt_doc(d, f, number, p),
                    addressee=f.recipient,
                    issue_ids=ids,
                    related_id=d.id,
                )
                rec.receipt_id = row.id
                issued = IssuedDocument(document_repo.to_row(row, ids), pdf)
            return issued

    # ---- 复查 ------------------------------------------------------------------------------
    def reinspect(
        self, issue_ids: Sequence[int], fields: ReinspectionFields, *, print_opinion: bool = True
    ) -> IssuedDocument | None:
        """合格 closes the issues out (销号); 不合格 sets the new deadline, chain runs again."""
        with self._ctx.db.write() as s:
            issues = self._issues(s, issue_ids)
            self._check_reinspectable(issues, print_opinion)
            checked = [
                validate_reinspection(fields, i.found_date, self._ctx.today()) for i in issues
            ]
            f = checked[0]
            recs = []
            for i in issues:
                event = "reinspect_pass" if f.passed else "reinspect_fail"
                old_status, old_deadline = i.status, i.deadline
                i.status = advance(i.status, event)
                rec = Reinspection(
                    issue_id=i.id,
                    inspected_on=f.inspected_on,
                    inspector=f.inspector,
                    passed=f.passed,
                    opinion=f.opinion,
                    new_deadline=f.new_deadline,
                    previous_deadline=old_deadline,
                )
                s.add(rec)
                recs.append(rec)
                changes: dict[str, list[object]] = {"status": [old_status.value, i.status.value]}
                if f.passed:
                    i.closed_on, i.closed_by = f.inspected_on, f.inspector
                    changes["closed_on"] = [None, audit.plain(f.inspected_on)]
                else:
                    assert f.new_deadline is not None
                    i.deadline = f.new_deadline
                    changes["deadline"] = [audit.plain(old_deadline), audit.plain(f.new_deadline)]
                    if i.result or i.completed_on:  # the reported fix did not pass: report again
                        changes["result"] = [i.result, ""]
                        changes["completed_on"] = [audit.plain(i.completed_on), None]
                        i.result, i.completed_on = "", None
                audit.record(
                    s,
                    self._ctx.operator(),
                    "update",
                    "issue",
                    i.id,
                    "复查合格，销号" if f.passed else "复查不合格",
                    changes,
                )
            s.flush()
            if not print_opinion:
                return None
            p = office_repo.get_profile(s)
            notice = self._last_notice_number(s, [i.id for i in issues])
            communities = "、".join(dict.fromkeys(i.community.name for i in issues))
            row, pdf, _ = self._store(
                s,
                DocType.REINSPECTION_OPINION,
                lambda number: OpinionDoc(
                    letterhead=Letterhead(p.name, number),
                    addressee=issues[0].responsible_name,
                    notice_ref=notice,
                    community=communities,
                    reinspection_date=f.inspected_on,
                    inspector=f.inspector,
                    items=[f"{n}. {i.description}" for n, i in enumerate(issues, 1)],
                    passed=f.passed,
                    opinion=f.opinion,
                    new_deadline=f.new_deadline,
                    issuer=p.name,
                    issue_date=self._ctx.today(),
                ),
                addressee=issues[0].responsible_name,
                issue_ids=[i.id for i in issues],
            )
            for rec in recs:
                rec.document_id = row.id
            return IssuedDocument(document_repo.to_row(row, tuple(i.id for i in issues)), pdf)

    def _check_reinspectable(self, issues: list[Issue], one_opinion: bool) -> None:
        closed = [i.id for i in issues if i.status is IssueStatus.CLOSED]
        if closed:
            raise ConflictError(f"问题 #{closed[0]} 已销号，无需再复查")
        units = sorted({i.responsible_name for i in issues})
        if one_opinion and len(units) > 1:
            raise ConflictError(
                "一份复查意见书只能针对一个责任单位，所选问题涉及："
                + "、".join(units)
                + "。请按责任单位分别复查"
            )

    def _last_notice_number(self, s: Session, issue_ids: list[int]) -> str:
        rows = document_repo.search_live_notices(s, issue_ids)
        return rows[-1].doc_number if rows else ""
