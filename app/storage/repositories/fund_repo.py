"""Maintenance-fund request queries. Filters, totals and order are done in SQL; the days a
request has waited come from its stage date and the `today` passed in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from app.domain.fund_ledger import FundLedgerRecord
from app.domain.fund_records import FundQuery, FundRow, FundTotals
from app.domain.funds import CLOSED_STAGES
from app.storage.fast import first_column
from app.storage.models import (
    Community,
    FundDisbursement,
    FundMaterial,
    FundRequest,
    FundStep,
    FundUnit,
    Neighborhood,
)
from app.storage.repositories.community_repo import _escape_like


def serial(r: FundRequest) -> str:
    return f"{r.year}-{r.seq:03d}"


def next_seq(session: Session, year: int) -> int:
    top = session.scalar(select(func.max(FundRequest.seq)).where(FundRequest.year == year))
    return int(top or 0) + 1


def _paid() -> Select[tuple[int, int]]:
    return select(
        FundDisbursement.request_id, func.sum(FundDisbursement.amount_fen).label("paid")
    ).group_by(FundDisbursement.request_id)


def _paid_of_row() -> ColumnElement[int]:
    """What one request has been paid: a correlated sum (cheap for a page of rows)."""
    return (
        select(func.coalesce(func.sum(FundDisbursement.amount_fen), 0))
        .where(FundDisbursement.request_id == FundRequest.id)
        .correlate(FundRequest)
        .scalar_subquery()
    )


def _filtered(stmt: Select[tuple[int]], q: FundQuery, today: date) -> Select[tuple[int]]:
    conds: list[ColumnElement[bool]] = []
    for word in q.text.split():
        pattern = f"%{_escape_like(word)}%"
        conds.append(
            or_(
                FundRequest.project.like(pattern, escape="\\"),
                FundRequest.part.like(pattern, escape="\\"),
                Community.name.like(pattern, escape="\\"),
                func.printf("%d-%03d", FundRequest.year, FundRequest.seq).like(
                    pattern, escape="\\"
                ),
            )
        )
    if q.stage is not None:
        conds.append(FundRequest.stage == q.stage)
    if q.open_only:
        conds.append(FundRequest.stage.not_in(list(CLOSED_STAGES)))
    if q.community_id is not None:
        conds.append(FundRequest.community_id == q.community_id)
    if q.neighborhood_id is not None:
        conds.append(Community.neighborhood_id == q.neighborhood_id)
    if q.emergency is not None:
        conds.append(FundRequest.emergency.is_(q.emergency))
    if q.waiting_over_days is not None:
        conds.append(FundRequest.stage.not_in(list(CLOSED_STAGES)))
        conds.append(FundRequest.stage_since < today - timedelta(days=q.waiting_over_days))
    stmt = stmt.join(Community, FundRequest.community_id == Community.id)
    return stmt.where(*conds) if conds else stmt


def _sort_keys(sort: str) -> list[ColumnElement[Any]]:
    """The columns a FundQuery's sort key orders by (the serial for an unknown key)."""
    keys: dict[str, list[ColumnElement[Any]]] = {
        "community": [Community.name],
        "project": [FundRequest.project],
        "budget": [FundRequest.budget_fen],
        "approved": [FundRequest.approved_fen],
        "disbursed": [_paid_of_row()],
        "emergency": [FundRequest.emergency],
        "stage": [FundRequest.stage],
    }
    return keys.get(sort, []) + [FundRequest.year, FundRequest.seq]


def search_ids(session: Session, q: FundQuery, today: date) -> list[int]:
    stmt = _filtered(select(FundRequest.id), q, today)
    if q.sort == "days":  # days in the stage: the earlier the stage began, the more days
        since = FundRequest.stage_since.asc() if q.descending else FundRequest.stage_since.desc()
        order = [since, FundRequest.year.desc(), FundRequest.seq.desc()]
    else:
        keys = _sort_keys(q.sort)
        order = [k.desc() if q.descending else k.asc() for k in keys]
    return first_column(session, stmt.order_by(*order))


def totals(session: Session, q: FundQuery, today: date) -> FundTotals:
    paid = _paid().subquery()
    stmt = _filtered(
        select(  # type: ignore[arg-type]
            func.count(FundRequest.id),
            func.coalesce(func.sum(FundRequest.budget_fen), 0),
            func.coalesce(func.sum(FundRequest.approved_fen), 0),
            func.coalesce(func.sum(paid.c.paid), 0),
        ),
        q,
        today,
    ).outerjoin(paid, paid.c.request_id == FundRequest.id)
    n, requested, approved, disbursed = session.execute(stmt).one()
    return FundTotals(int(n), int(requested), int(approved), int(disbursed))


def rows(session: Session, ids: Sequence[int], today: date) -> list[FundRow]:
    if not ids:
        return []
    stmt = (
        select(FundRequest, Community.name, Neighborhood.name, _paid_of_row())
        .join(Community, FundRequest.community_id == Community.id)
        .outerjoin(Neighborhood, Community.neighborhood_id == Neighborhood.id)
        .where(FundRequest.id.in_(list(ids)))
    )
    by_id = {}
    for r, community, hood, paid_fen in session.execute(stmt).all():
        by_id[r.id] = FundRow(
            id=r.id,
            serial=serial(r),
            community_id=r.community_id,
            community=community,
            neighborhood=hood or "",
            project=r.project,
            applicant=r.applicant,
            emergency=r.emergency,
            stage=r.stage,
            stage_since=r.stage_since,
            days_in_stage=max(0, (today - r.stage_since).days),
            budget_fen=r.budget_fen,
            approved_fen=r.approved_fen,
            disbursed_fen=int(paid_fen or 0),
            applied_on=r.applied_on,
        )
    return [by_id[i] for i in ids if i in by_id]


def names(session: Session, community_id: int) -> tuple[str, str]:
    """(community, neighbourhood) names."""
    row = session.execute(
        select(Community.name, Neighborhood.name)
        .outerjoin(Neighborhood, Community.neighborhood_id == Neighborhood.id)
        .where(Community.id == community_id)
    ).one_or_none()
    return (row[0], row[1] or "") if row else ("", "")


def steps(session: Session, request_id: int) -> list[FundStep]:
    stmt = select(FundStep).where(FundStep.request_id == request_id)
    return list(session.scalars(stmt.order_by(FundStep.on, FundStep.id)))


def materials(session: Session, request_id: int) -> list[FundMaterial]:
    stmt = select(FundMaterial).where(FundMaterial.request_id == request_id)
    return list(session.scalars(stmt))


def disbursements(session: Session, request_id: int) -> list[FundDisbursement]:
    stmt = select(FundDisbursement).where(FundDisbursement.request_id == request_id)
    return list(session.scalars(stmt.order_by(FundDisbursement.paid_on, FundDisbursement.id)))


def reversal_of(session: Session, disbursement_id: int) -> FundDisbursement | None:
    """The 冲销 entry that nets out this payment, if any."""
    stmt = select(FundDisbursement).where(FundDisbursement.reverses_id == disbursement_id)
    return session.scalars(stmt).first()


def paid_fen(session: Session, request_id: int) -> int:
    stmt = select(func.coalesce(func.sum(FundDisbursement.amount_fen), 0)).where(
        FundDisbursement.request_id == request_id
    )
    return int(session.scalar(stmt) or 0)


def units(session: Session, request_id: int) -> list[FundUnit]:
    stmt = select(FundUnit).where(FundUnit.request_id == request_id).order_by(FundUnit.seq)
    return list(session.scalars(stmt))


def unit_count(session: Session, request_id: int) -> int:
    stmt = select(func.count()).select_from(FundUnit).where(FundUnit.request_id == request_id)
    return int(session.scalar(stmt) or 0)


def replace_units(session: Session, request_id: int, rows: Sequence[dict[str, object]]) -> None:
    session.query(FundUnit).filter(FundUnit.request_id == request_id).delete()
    if rows:
        session.execute(
            FundUnit.__table__.insert(), [{**r, "request_id": request_id} for r in rows]
        )


# ---- bulk loaders (ledgers): one query per table for many requests --------------------------
_CHUNK = 900  # below SQLite's default limit of bound parameters


def _chunks(ids: Sequence[int]) -> list[list[int]]:
    ids = list(ids)
    return [ids[i : i + _CHUNK] for i in range(0, len(ids), _CHUNK)]


def ledger_records(session: Session, ids: Sequence[int]) -> list[FundLedgerRecord]:
    """The ledger's columns of many requests, by Core select (no ORM objects), in `ids` order."""
    last_reason = (
        select(FundStep.opinion)
        .where(FundStep.request_id == FundRequest.id, FundStep.to_stage == FundRequest.stage)
        .order_by(FundStep.on.desc(), FundStep.id.desc())
        .limit(1)
        .correlate(FundRequest)
        .scalar_subquery()
    )
    r = FundRequest
    cols = (
        r.id,
        r.year,
        r.seq,
        Neighborhood.name,
        Community.name,
        r.project,
        r.part,
        r.applicant,
        r.applicant_name,
        r.emergency,
        r.scope_text,
        r.scope_households,
        r.scope_area,
        r.vote_passed,
        r.voted_on,
        r.disclosure_start,
        r.disclosure_end,
        r.budget_fen,
        r.approved_fen,
        _paid_of_row(),
        r.final_fen,
        r.stage,
        r.stage_since,
        r.completed_on,
        r.closed_on,
        r.notes,
        last_reason,
    )
    by_id: dict[int, FundLedgerRecord] = {}
    for part in _chunks(ids):
        stmt = (
            select(*cols)
            .join(Community, r.community_id == Community.id)
            .outerjoin(Neighborhood, Community.neighborhood_id == Neighborhood.id)
            .where(r.id.in_(part))
        )
        for row in session.execute(stmt):
            rid, year, seq, hood, *rest = row
            by_id[rid] = FundLedgerRecord(f"{year}-{seq:03d}", hood or "", *rest)
    return [by_id[i] for i in ids if i in by_id]
