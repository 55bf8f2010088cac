"""Queries over the departments registry (职能部门)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.departments import Department, DepartmentFields
from app.storage.models import Department as DepartmentRow

_FIELDS = ("name", "duties", "contact_person", "phone", "sort_order", "active")


def to_fields(row: DepartmentRow) -> DepartmentFields:
    return DepartmentFields(**{name: getattr(row, name) for name in _FIELDS})


def to_record(row: DepartmentRow) -> Department:
    return Department(id=row.id, fields=to_fields(row))


def rows(session: Session, *, active_only: bool = False) -> list[DepartmentRow]:
    stmt = select(DepartmentRow).order_by(DepartmentRow.sort_order, DepartmentRow.id)
    if active_only:
        stmt = stmt.where(DepartmentRow.active.is_(True))
    return list(session.scalars(stmt))


def get(session: Session, department_id: int) -> DepartmentRow | None:
    return session.get(DepartmentRow, department_id)


def by_name(session: Session, name: str) -> DepartmentRow | None:
    return session.scalar(select(DepartmentRow).where(DepartmentRow.name == name).limit(1))


def names(session: Session) -> set[str]:
    return set(session.scalars(select(DepartmentRow.name)))


def default_keys(session: Session) -> set[str]:
    return set(session.scalars(select(DepartmentRow.default_key)))


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(DepartmentRow)) or 0)


def max_order(session: Session) -> int:
    return int(session.scalar(select(func.max(DepartmentRow.sort_order))) or 0)


def apply_fields(row: DepartmentRow, f: DepartmentFields) -> None:
    for name in _FIELDS:
        setattr(row, name, getattr(f, name))


def add(session: Session, f: DepartmentFields, default_key: str = "") -> DepartmentRow:
    row = DepartmentRow(default_key=default_key)
    apply_fields(row, f)
    session.add(row)
    session.flush()
    return row
