"""Issue ledger queries. Filtering, counting and sorting are done in SQL; overdue is computed
from the deadline and the `today` passed in, never read from a stored flag."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from app.domain.enums import IssueStatus
from app.domain.issues import (
    CategoryOverride,
    IssueFields,
    IssueQuery,
    IssueRecord,
    IssueRow,
    StatusCounts,
)
from app.storage.fast import first_column
from app.storage.models import (
    Attachment,
    Community,
    Document,
    DocumentIssue,
    Issue,
    IssueCategorySetting,
    Neighborhood,
    Reinspection,
)
from app.storage.repositories.community_repo import _escape_like

FIELD_NAMES = [f for f in IssueFields.__dataclass_fields__]

_SORT: dict[str, ColumnElement[object]] = {
    "id": Issue.id,
    "community": Community.name,
    "neighborhood": Neighborhood.name,
    "source": Issue.source,
    "found_date": Issue.found_date,
    "category": Issue.category,
    "responsible_name": Issue.responsible_name,
    "deadline": Issue.deadline,
    "status": Issue.status,
    "closed_on": Issue.closed_on,
}


_JOINED_SORTS = frozenset({"community", "neighborhood"})


def overdue_clause(today: date) -> ColumnElement[bool]:
    return and_(Issue.status != IssueStatus.CLOSED, Issue.deadline < today)


def _needs_join(q: IssueQuery) -> bool:
    return bool(q.text.split()) or q.neighborhood_id is not None or q.sort in _JOINED_SORTS


def _filtered(stmt: Select[tuple[int]], q: IssueQuery, today: date) -> Select[tuple[int]]:
    if _needs_join(q):  # the joins cost ~4× on 200,000 rows, so only when a filter needs them
        stmt = stmt.join(Community, Issue.community_id == Community.id).join(
            Neighborhood, Community.neighborhood_id == Neighborhood.id
        )
    conds: list[ColumnElement[bool]] = []
    for word in q.text.split():
        pattern = f"%{_escape_like(word)}%"
        conds.append(
            or_(
                Issue.description.like(pattern, escape="\\"),
                Community.name.like(pattern, escape="\\"),
                Issue.responsible_name.like(pattern, escape="\\"),
                Issue.source_ref.like(pattern, escape="\\"),
            )
        )
    if q.statuses:
        conds.append(Issue.status.in_(list(q.statuses)))
    if q.overdue_only:
        conds.append(overdue_clause(today))
    if q.community_id is not None:
        conds.append(Issue.community_id == q.community_id)
    if q.neighborhood_id is not None:
        conds.append(Community.neighborhood_id == q.neighborhood_id)
    if q.category:
        conds.append(Issue.category == q.category)
    if q.source is not None:
        conds.append(Issue.source == q.source)
    if q.responsible.strip():
        pattern = f"%{_escape_like(q.responsible.strip())}%"
        conds.append(Issue.responsible_name.like(pattern, escape="\\"))
    if q.found_from is not None:
        conds.append(Issue.found_date >= q.found_from)
    if q.found_to is not None:
        conds.append(Issue.found_date <= q.found_to)
    return stmt.where(*conds) if conds else stmt


def search_ids(session: Session, q: IssueQuery, today: date) -> list[int]:
    key = _SORT.get(q.sort, Issue.found_date)
    order = key.desc() if q.descending else key.asc()
    tie = Issue.id.desc() if q.descending else Issue.id.asc()
    stmt = _filtered(select(Issue.id), q, today).order_by(order, tie)
    return first_column(session, stmt)


def counts(session: Session, q: IssueQuery, today: date) -> StatusCounts:
    q = replace(q, sort="id")  # order plays no part in a count
    base = _filtered(select(Issue.status, func.count()), q, today).group_by(Issue.status)
    by_status = {s: 0 for s in IssueStatus}
    for status, n in session.execute(base).all():
        by_status[status] = n
    overdue = session.scalar(
        _filtered(select(func.count()), q, today).select_from(Issue).where(overdue_clause(today))
    )
    return StatusCounts(by_status=by_status, overdue=int(overdue or 0))


def _doc_numbers(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    stmt = (
        select(DocumentIssue.issue_id, Document.doc_number)
        .join(Document, Document.id == DocumentIssue.document_id)
        .where(DocumentIssue.issue_id.in_(list(ids)), Document.voided_on.is_(None))
        .order_by(Document.issued_on, Document.id)
    )
    for issue_id, number in session.execute(stmt).all():
        out.setdefault(issue_id, []).append(number)
    return out


def _last_reinspections(session: Session, ids: Sequence[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    stmt = (
        select(
            Reinspection.issue_id,
            Reinspection.inspected_on,
            Reinspection.passed,
            Reinspection.inspector,
        )
        .where(Reinspection.issue_id.in_(list(ids)))
        .order_by(Reinspection.inspected_on, Reinspection.id)
    )
    for issue_id, on, passed, inspector in session.execute(stmt).all():
        verdict = "合格" if passed else "不合格"
        out[issue_id] = f"{on:%Y-%m-%d} {verdict}（{inspector}）"
    return out


_ROW_COLUMNS = (
    Issue.id,
    Community.name,
    Neighborhood.name,
    Issue.source,
    Issue.source_ref,
    Issue.found_date,
    Issue.category,
    Issue.description,
    Issue.responsible_name,
    Issue.measures,
    Issue.deadline,
    Issue.result,
    Issue.completed_on,
    Issue.status,
    Issue.closed_on,
)


def rows(session: Session, ids: Sequence[int]) -> list[IssueRow]:
    """Rows for these ids, in the order given (ids unknown to the database are skipped).
    Plain column tuples, not ORM objects: a 100,000-row ledger export reads them all."""
    found: dict[int, IssueRow] = {}
    for start in range(0, len(ids), 900):
        chunk = list(ids[start : start + 900])
        numbers = _doc_numbers(session, chunk)
        checks = _last_reinspections(session, chunk)
        stmt = (
            select(*_ROW_COLUMNS, Issue.notes)
            .join(Community, Issue.community_id == Community.id)
            .join(Neighborhood, Community.neighborhood_id == Neighborhood.id)
            .where(Issue.id.in_(chunk))
        )
        for r in session.execute(stmt).all():
            found[r[0]] = IssueRow(
                *r[:15],
                reinspection=checks.get(r[0], ""),
                doc_numbers="、".join(numbers.get(r[0], [])),
                notes=r[15],
            )
    return [found[i] for i in ids if i in found]


def get(session: Session, issue_id: int) -> Issue | None:
    return session.get(Issue, issue_id)


def get_many(session: Session, ids: Sequence[int]) -> list[Issue]:
    found = {i.id: i for i in session.scalars(select(Issue).where(Issue.id.in_(list(ids))))}
    return [found[i] for i in ids if i in found]


def to_fields(i: Issue) -> IssueFields:
    return IssueFields(**{name: getattr(i, name) for name in FIELD_NAMES})


def to_record(i: Issue) -> IssueRecord:
    return IssueRecord(
        id=i.id,
        fields=to_fields(i),
        community=i.community.name,
        status=i.status,
        inspection_id=i.inspection_id,
        result=i.result,
        completed_on=i.completed_on,
        closed_on=i.closed_on,
        closed_by=i.closed_by,
    )


def set_fields(i: Issue, f: IssueFields) -> None:
    for name in FIELD_NAMES:
        setattr(i, name, getattr(f, name))


def add(session: Session, f: IssueFields, inspection_id: int | None = None) -> Issue:
    i = Issue(status=IssueStatus.OPEN, inspection_id=inspection_id)
    set_fields(i, f)
    session.add(i)
    session.flush()
    return i


# ---- category settings -----------------------------------------------------------------------
def category_overrides(session: Session) -> list[CategoryOverride]:
    return [
        CategoryOverride(
            name=c.name,
            deadline_days=c.deadline_days,
            department=c.department,
            legal_basis=c.legal_basis,
            active=c.active,
            local=c.is_local,
        )
        for c in session.scalars(select(IssueCategorySetting).order_by(IssueCategorySetting.name))
    ]


def save_override(session: Session, o: CategoryOverride) -> None:
    row = session.get(IssueCategorySetting, o.name) or IssueCategorySetting(name=o.name)
    row.deadline_days = o.deadline_days
    row.department = o.department
    row.legal_basis = o.legal_basis
    row.active = o.active
    row.is_local = o.local
    session.add(row)


def delete_override(session: Session, name: str) -> None:
    row = session.get(IssueCategorySetting, name)
    if row is not None:
        session.delete(row)


def category_in_use(session: Session, name: str) -> int:
    return int(session.scalar(select(func.count()).where(Issue.category == name)) or 0)


def attachments(session: Session, issue_id: int) -> list[Attachment]:
    stmt = select(Attachment).where(Attachment.issue_id == issue_id).order_by(Attachment.id)
    return list(session.scalars(stmt))
