"""Community and neighbourhood queries. Filtering and sorting are done in SQL."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, Select, Table, and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.domain.community import (
    COMMUNITY_FIELD_NAMES,
    CommunityFields,
    CommunityQuery,
    CommunityRecord,
    CommunityRow,
)
from app.storage.base import Base
from app.storage.models import Community, Neighborhood, PropertyCompany

_DIRECT = [n for n in COMMUNITY_FIELD_NAMES if n != "neighborhood"]

FILINGS_COUNT = (
    case((Community.filing_area.is_not(None), 1), else_=0)
    + case((Community.filing_committee.is_not(None), 1), else_=0)
    + case((Community.filing_contract.is_not(None), 1), else_=0)
    + case((Community.filing_manager.is_not(None), 1), else_=0)
    + case((Community.filing_handover.is_not(None), 1), else_=0)
)

_SORT_COLUMNS: dict[str, ColumnElement[object]] = {
    "name": Community.name,
    "neighborhood": Neighborhood.name,
    "management_mode": Community.management_mode,
    "company": PropertyCompany.name,
    "household_count": Community.household_count,
    "committee_status": Community.committee_status,
    "filings_complete": FILINGS_COUNT,
    "contract_end": Community.contract_end,
}


def to_fields(c: Community) -> CommunityFields:
    values = {name: getattr(c, name) for name in _DIRECT}
    return CommunityFields(neighborhood=c.neighborhood.name, **values)


def to_record(c: Community) -> CommunityRecord:
    return CommunityRecord(
        id=c.id,
        fields=to_fields(c),
        company_name=c.company.name if c.company else "",
        archived=c.archived_at is not None,
        updated_at=c.updated_at,
    )


def get(session: Session, community_id: int) -> Community | None:
    return session.get(Community, community_id)


def by_name(session: Session, name: str) -> Community | None:
    return session.scalar(select(Community).where(Community.name == name))


def names_to_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
    wanted = list(set(names))
    out: dict[str, int] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        out.update(
            session.execute(
                select(Community.name, Community.id).where(Community.name.in_(chunk))
            ).all()
        )
    return out


def neighborhood_id(session: Session, name: str, *, create: bool = True) -> int | None:
    found = session.scalar(select(Neighborhood.id).where(Neighborhood.name == name))
    if found is None and create:
        n = Neighborhood(name=name)
        session.add(n)
        session.flush()
        return n.id
    return found


def neighborhoods(session: Session) -> list[tuple[int, str]]:
    return list(
        session.execute(
            select(Neighborhood.id, Neighborhood.name).order_by(Neighborhood.name)
        ).all()
    )


def apply_fields(session: Session, c: Community, f: CommunityFields) -> None:
    nid = neighborhood_id(session, f.neighborhood.strip())
    assert nid is not None
    set_fields(c, f, nid)


def add(session: Session, f: CommunityFields) -> Community:
    c = Community()
    apply_fields(session, c, f)
    session.add(c)
    session.flush()
    session.refresh(c)
    return c


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(
    stmt: Select[tuple[int]], q: CommunityQuery, *, joined: bool = True
) -> Select[tuple[int]]:
    if joined:
        stmt = stmt.join(Neighborhood, Community.neighborhood_id == Neighborhood.id).outerjoin(
            PropertyCompany, Community.company_id == PropertyCompany.id
        )
    conds: list[ColumnElement[bool]] = []
    text = q.text.strip()
    if text:
        for word in text.split():
            pattern = f"%{_escape_like(word)}%"
            conds.append(
                or_(
                    Community.name.like(pattern, escape="\\"),
                    Community.address.like(pattern, escape="\\"),
                    PropertyCompany.name.like(pattern, escape="\\"),
                )
            )
    if not q.include_archived:
        conds.append(Community.archived_at.is_(None))
    if q.neighborhood_id is not None:
        conds.append(Community.neighborhood_id == q.neighborhood_id)
    if q.management_mode is not None:
        conds.append(Community.management_mode == q.management_mode)
    if q.company_id is not None:
        conds.append(Community.company_id == q.company_id)
    if q.old_estate_only:
        conds.append(Community.is_old_estate.is_(True))
    if q.filings_incomplete_only:
        conds.append(FILINGS_COUNT < 5)
    if q.expiring_by is not None:
        start = q.expiring_from or date.min
        conds.append(and_(Community.contract_end >= start, Community.contract_end <= q.expiring_by))
    return stmt.where(*conds) if conds else stmt


def search_ids(session: Session, q: CommunityQuery) -> list[int]:
    """The ordered ids of every community the query matches."""
    key = _SORT_COLUMNS.get(q.sort_key, Community.name)
    # NULLs sort last in both directions, then the name keeps the order stable.
    nulls_last = case((key.is_(None), 1), else_=0)
    order = [nulls_last, key.desc() if q.descending else key.asc(), Community.name.asc()]
    stmt = _filtered(select(Community.id), q).order_by(*order)
    return list(session.scalars(stmt))


def count(session: Session, q: CommunityQuery) -> int:
    # The joins serve only the text filter (the company's name) here: every community has
    # its neighbourhood (a NOT NULL foreign key). Without them a count scans one table, half
    # the time (the 工作台 runs five of them each time it is shown).
    stmt = _filtered(select(func.count(Community.id)), q, joined=bool(q.text.strip()))
    return int(session.scalar(stmt) or 0)


def rows(session: Session, ids: Sequence[int]) -> list[CommunityRow]:
    """Table rows for the given ids, in the given order."""
    found: dict[int, CommunityRow] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        stmt = (
            select(
                Community.id,
                Community.name,
                Neighborhood.name,
                Community.management_mode,
                PropertyCompany.name,
                Community.household_count,
                Community.committee_status,
                FILINGS_COUNT,
                Community.contract_end,
                Community.archived_at,
            )
            .join(Neighborhood, Community.neighborhood_id == Neighborhood.id)
            .outerjoin(PropertyCompany, Community.company_id == PropertyCompany.id)
            .where(Community.id.in_(chunk))
        )
        for r in session.execute(stmt):
            found[r[0]] = CommunityRow(
                id=r[0],
                name=r[1],
                neighborhood=r[2],
                management_mode=r[3],
                company_name=r[4] or "",
                household_count=r[5],
                committee_status=r[6],
                filings_complete=int(r[7]),
                contract_end=r[8],
                archived=r[9] is not None,
            )
    return [found[i] for i in ids if i in found]


def records(session: Session, q: CommunityQuery) -> list[CommunityRecord]:
    """Full records in query order (exports)."""
    ids = search_ids(session, q)
    out: list[CommunityRecord] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        by_id = {c.id: c for c in session.scalars(select(Community).where(Community.id.in_(chunk)))}
        out.extend(to_record(by_id[cid]) for cid in chunk if cid in by_id)
    return out


def referencing_rows(session: Session, community_id: int) -> int:
    """How many rows of other tables point at this community (its history)."""
    return references(session, Community.__table__, community_id)


def references(session: Session, target: Table, row_id: int) -> int:
    """How many rows of other tables point at row `row_id` of `target`."""
    total = 0
    for table in Base.metadata.sorted_tables:
        if table is target:
            continue
        for fk in table.foreign_keys:
            if fk.column.table is target:
                total += int(
                    session.scalar(
                        select(func.count()).select_from(table).where(fk.parent == row_id)
                    )
                    or 0
                )
    return total


def choices(session: Session) -> list[tuple[int, str]]:
    """(id, name) of the communities in use, for pickers."""
    stmt = (
        select(Community.id, Community.name)
        .where(Community.archived_at.is_(None))
        .order_by(Community.name)
    )
    return list(session.execute(stmt).all())


def delete(session: Session, c: Community) -> None:
    session.delete(c)


def ensure_neighborhoods(session: Session, names: Iterable[str]) -> dict[str, int]:
    """name -> id for every name, creating the missing neighbourhoods."""
    wanted = {n.strip() for n in names if n.strip()}
    have = dict(
        session.execute(
            select(Neighborhood.name, Neighborhood.id).where(Neighborhood.name.in_(wanted))
        ).all()
    )
    missing = [Neighborhood(name=n) for n in sorted(wanted - have.keys())]
    if missing:
        session.add_all(missing)
        session.flush()
        have.update({n.name: n.id for n in missing})
    return have


def by_names(session: Session, names: Iterable[str]) -> dict[str, Community]:
    wanted = list(set(names))
    out: dict[str, Community] = {}
    for i in range(0, len(wanted), 500):
        for c in session.scalars(select(Community).where(Community.name.in_(wanted[i : i + 500]))):
            out[c.name] = c
    return out


def set_fields(c: Community, f: CommunityFields, neighborhood_id: int) -> None:
    """Copy every field onto an ORM object, without queries (bulk import)."""
    c.neighborhood_id = neighborhood_id
    for name in _DIRECT:
        setattr(c, name, getattr(f, name))
    c.name = f.name.strip()


def new(f: CommunityFields, neighborhood_id: int) -> Community:
    c = Community()
    set_fields(c, f, neighborhood_id)
    return c


def eligible_ids(session: Session, share_over: Decimal) -> list[int]:
    """Communities whose delivered share is over `share_over` percent, by id."""
    stmt = (
        select(Community.id)
        .where(Community.delivered_share > share_over, Community.archived_at.is_(None))
        .order_by(Community.id)
    )
    return list(session.scalars(stmt))
