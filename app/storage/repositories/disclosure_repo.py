"""Disclosure checklist queries: the office's item settings, check visits and, per
community, the latest entry of every item (one query for the whole county)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.domain.disclosure import CheckEntry, CheckResult, Frequency
from app.storage.fast import rows_of
from app.storage.models import (
    Community,
    DisclosureCheck,
    DisclosureEntry,
    DisclosureItemSetting,
    Neighborhood,
    PropertyCompany,
)


def settings(session: Session) -> list[DisclosureItemSetting]:
    return list(session.scalars(select(DisclosureItemSetting)))


def setting(session: Session, code: str) -> DisclosureItemSetting | None:
    return session.get(DisclosureItemSetting, code)


def communities(
    session: Session,
    ids: Sequence[int] | None = None,
    neighborhood_id: int | None = None,
    company_id: int | None = None,
) -> list[tuple[int, str, int | None, str, int | None, str]]:
    """(id, name, neighbourhood id, neighbourhood, company id, company) of live communities
    (of `ids` only, when given)."""
    stmt = (
        select(
            Community.id,
            Community.name,
            Community.neighborhood_id,
            Neighborhood.name,
            Community.company_id,
            PropertyCompany.name,
        )
        .outerjoin(Neighborhood, Community.neighborhood_id == Neighborhood.id)
        .outerjoin(PropertyCompany, Community.company_id == PropertyCompany.id)
        .where(Community.archived_at.is_(None))
        .order_by(Neighborhood.name, Community.name)
    )
    if ids is not None:
        stmt = stmt.where(Community.id.in_(list(ids)))
    if neighborhood_id is not None:
        stmt = stmt.where(Community.neighborhood_id == neighborhood_id)
    if company_id is not None:
        stmt = stmt.where(Community.company_id == company_id)
    return [(a, b, c, d or "", e, f or "") for a, b, c, d, e, f in session.execute(stmt).all()]


def latest_entries(
    session: Session, community_ids: Sequence[int] | None = None
) -> dict[int, dict[str, CheckEntry]]:
    """community id → item code → the entry of the latest visit that checked that item.
    Columns are read straight from the cursor (no ORM objects: 840,000 entries in a county)."""
    e, c = DisclosureEntry, DisclosureCheck
    ranked = select(
        e.item_code,
        e.item_name,
        e.frequency,
        e.result,
        e.posted_on,
        e.note,
        c.checked_on,
        c.community_id,
        func.row_number()
        .over(
            partition_by=(c.community_id, e.item_code),
            order_by=(c.checked_on.desc(), c.id.desc()),
        )
        .label("rank"),
    ).join(c, e.check_id == c.id)
    if community_ids is not None:
        ranked = ranked.where(c.community_id.in_(list(community_ids)))
    sub = ranked.subquery()
    stmt = select(*[col for col in sub.c if col.name != "rank"]).where(sub.c.rank == 1)
    out: dict[int, dict[str, CheckEntry]] = {}
    for code, name, freq, result, posted, note, checked, cid in rows_of(session, stmt):
        out.setdefault(cid, {})[code] = CheckEntry(
            code, name, FREQUENCIES[freq], RESULTS[result], _day(posted), note, _day(checked)
        )
    return out


FREQUENCIES = {f.value: f for f in Frequency}
RESULTS = {r.value: r for r in CheckResult}


def _day(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return _iso_day(str(value))


@lru_cache(maxsize=8192)
def _iso_day(text: str) -> date:
    """Dates repeat across a county's entries (a few thousand distinct days)."""
    return date.fromisoformat(text)


def last_checks(session: Session, ids: Sequence[int] | None = None) -> dict[int, date]:
    stmt = select(DisclosureCheck.community_id, func.max(DisclosureCheck.checked_on)).group_by(
        DisclosureCheck.community_id
    )
    if ids is not None:
        stmt = stmt.where(DisclosureCheck.community_id.in_(list(ids)))
    return {cid: d for cid, d in session.execute(stmt).all()}


def checks_of(session: Session, community_id: int) -> list[DisclosureCheck]:
    stmt = select(DisclosureCheck).where(DisclosureCheck.community_id == community_id)
    return list(
        session.scalars(stmt.order_by(DisclosureCheck.checked_on.desc(), DisclosureCheck.id.desc()))
    )


def entries_of(session: Session, check_id: int) -> list[DisclosureEntry]:
    stmt = select(DisclosureEntry).where(DisclosureEntry.check_id == check_id)
    return list(session.scalars(stmt.order_by(DisclosureEntry.id)))


def entry_of_issue(session: Session, issue_id: int) -> DisclosureEntry | None:
    stmt = select(DisclosureEntry).where(DisclosureEntry.issue_id == issue_id)
    return session.scalars(stmt).first()


def unlink_issue(session: Session, issue_id: int) -> int:
    """Forget that entries made this issue (it is being deleted); returns how many."""
    rows = list(
        session.scalars(select(DisclosureEntry).where(DisclosureEntry.issue_id == issue_id))
    )
    for e in rows:
        e.issue_id = None
    session.flush()
    return len(rows)


def newer_result(
    session: Session, entry: DisclosureEntry, check: DisclosureCheck
) -> tuple[date, CheckResult] | None:
    """(date, result) of a later visit's entry for the same community and item, if any."""
    later = or_(
        DisclosureCheck.checked_on > check.checked_on,
        and_(DisclosureCheck.checked_on == check.checked_on, DisclosureCheck.id > check.id),
    )
    stmt = (
        select(DisclosureCheck.checked_on, DisclosureEntry.result)
        .join(DisclosureEntry, DisclosureEntry.check_id == DisclosureCheck.id)
        .where(
            DisclosureCheck.community_id == check.community_id,
            DisclosureEntry.item_code == entry.item_code,
            later,
        )
        .order_by(DisclosureCheck.checked_on.desc(), DisclosureCheck.id.desc())
    )
    row = session.execute(stmt).first()
    return (row[0], row[1]) if row else None
