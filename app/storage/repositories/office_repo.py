from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.domain.office import PROFILE_FIELDS, OfficeProfile
from app.storage.models import AppMeta, Community, DocNumberPrefix, Office, PropertyCompany


def _office(session: Session) -> Office:
    office = session.get(Office, 1)
    if office is None:
        office = Office(id=1)
        session.add(office)
        session.flush()
    return office


def get_profile(session: Session) -> OfficeProfile:
    office = session.get(Office, 1)
    prefixes = {p.doc_type: p.prefix for p in session.scalars(select(DocNumberPrefix))}
    if office is None:
        return OfficeProfile(prefixes=prefixes)
    return OfficeProfile(
        **{name: getattr(office, name) for name in PROFILE_FIELDS}, prefixes=prefixes
    )


def save_profile(session: Session, profile: OfficeProfile) -> None:
    office = _office(session)
    for name in PROFILE_FIELDS:
        setattr(office, name, getattr(profile, name))
    session.execute(delete(DocNumberPrefix))
    for doc_type, prefix in profile.prefixes.items():
        session.add(DocNumberPrefix(doc_type=doc_type, prefix=prefix))


def get_meta(session: Session, key: str) -> str | None:
    # A Core select on the table, not session.get: the main window asks at start-up
    # (is_demo), and the first ORM query sets up every mapper first (~50 ms), which can
    # wait until the window is on screen.
    table = AppMeta.__table__
    return session.execute(select(table.c.value).where(table.c.key == key)).scalar()


def set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(AppMeta, key)
    if row is None:
        session.add(AppMeta(key=key, value=value))
    else:
        row.value = value


def is_empty(session: Session) -> bool:
    """True when there is no registry data yet (no community, no company)."""
    communities = session.scalar(select(func.count()).select_from(Community)) or 0
    companies = session.scalar(select(func.count()).select_from(PropertyCompany)) or 0
    return communities == 0 and companies == 0
