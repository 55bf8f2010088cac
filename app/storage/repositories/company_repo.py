from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.domain.community import CompanyFields, CompanyRecord
from app.storage.models import Community, PropertyCompany

_FIELDS = [
    "name",
    "uscc",
    "legal_representative",
    "address",
    "phone",
    "credit_grade",
    "listing",
    "listing_date",
    "listing_reason",
    "notes",
]


def to_fields(c: PropertyCompany) -> CompanyFields:
    values = {name: getattr(c, name) for name in _FIELDS}
    values["uscc"] = values["uscc"] or ""
    return CompanyFields(**values)


def get(session: Session, company_id: int) -> PropertyCompany | None:
    return session.get(PropertyCompany, company_id)


def by_name(session: Session, name: str) -> PropertyCompany | None:
    return session.scalar(select(PropertyCompany).where(PropertyCompany.name == name))


def by_uscc(session: Session, code: str) -> PropertyCompany | None:
    return session.scalar(select(PropertyCompany).where(PropertyCompany.uscc == code))


def apply_fields(c: PropertyCompany, f: CompanyFields) -> None:
    for name in _FIELDS:
        setattr(c, name, getattr(f, name))
    c.uscc = f.uscc or None


def add(session: Session, f: CompanyFields) -> PropertyCompany:
    c = PropertyCompany()
    apply_fields(c, f)
    session.add(c)
    session.flush()
    return c


def served_count(session: Session, company_id: int, *, include_archived: bool = False) -> int:
    stmt = select(func.count(Community.id)).where(Community.company_id == company_id)
    if not include_archived:
        stmt = stmt.where(Community.archived_at.is_(None))
    return int(session.scalar(stmt) or 0)


def records(session: Session, text: str = "") -> list[CompanyRecord]:
    counts = (
        select(Community.company_id, func.count(Community.id).label("n"))
        .where(Community.archived_at.is_(None))
        .group_by(Community.company_id)
        .subquery()
    )
    stmt = select(PropertyCompany, func.coalesce(counts.c.n, 0)).outerjoin(
        counts, counts.c.company_id == PropertyCompany.id
    )
    if text.strip():
        pattern = f"%{text.strip()}%"
        stmt = stmt.where(
            or_(PropertyCompany.name.like(pattern), PropertyCompany.uscc.like(pattern))
        )
    stmt = stmt.order_by(PropertyCompany.name)
    return [
        CompanyRecord(id=c.id, fields=to_fields(c), community_count=int(n))
        for c, n in session.execute(stmt)
    ]


def choices(session: Session) -> list[tuple[int, str]]:
    return list(
        session.execute(
            select(PropertyCompany.id, PropertyCompany.name).order_by(PropertyCompany.name)
        ).all()
    )


def uscc_to_ids(session: Session) -> dict[str, int]:
    return dict(
        session.execute(
            select(PropertyCompany.uscc, PropertyCompany.id).where(
                PropertyCompany.uscc.is_not(None)
            )
        ).all()
    )


def name_to_ids(session: Session) -> dict[str, int]:
    return dict(session.execute(select(PropertyCompany.name, PropertyCompany.id)).all())


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(PropertyCompany)) or 0)
