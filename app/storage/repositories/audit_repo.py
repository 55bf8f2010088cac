from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.storage.models import AuditEntry


@dataclass(frozen=True)
class AuditView:
    at: datetime
    operator: str
    action: str
    entity: str
    entity_id: int | None
    summary: str
    changes: dict[str, Any]


def add(
    session: Session,
    *,
    operator: str,
    action: str,
    entity: str,
    entity_id: int | None,
    summary: str,
    changes: dict[str, Any],
    at: datetime | None = None,
) -> None:
    # A Core insert: the log is write-only here, and the unit of work costs ~1 ms per entry.
    session.execute(
        insert(AuditEntry.__table__).values(
            at=at or datetime.now(),
            operator=operator,
            action=action,
            entity=entity,
            entity_id=entity_id,
            summary=summary[:200],
            changes=json.dumps(changes, ensure_ascii=False, default=str),
        )
    )


@dataclass(frozen=True)
class NewEntry:
    operator: str
    action: str
    entity: str
    entity_id: int | None
    summary: str
    changes: dict[str, Any]


def add_many(session: Session, entries: Sequence[NewEntry]) -> None:
    if not entries:
        return
    now = datetime.now()
    session.execute(
        insert(AuditEntry.__table__),
        [
            {
                "at": now,
                "operator": e.operator,
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "summary": e.summary[:200],
                "changes": json.dumps(e.changes, ensure_ascii=False, default=str),
            }
            for e in entries
        ],
    )


def for_record(session: Session, entity: str, entity_id: int) -> list[AuditView]:
    rows = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id)
    )
    return [_view(r) for r in rows]


def recent(session: Session, limit: int = 100) -> list[AuditView]:
    rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
    return [_view(r) for r in rows]


def count_edits(session: Session, entity: str, entity_id: int) -> int:
    rows = session.scalars(
        select(AuditEntry.id).where(
            AuditEntry.entity == entity,
            AuditEntry.entity_id == entity_id,
            AuditEntry.action != "create",
        )
    )
    return len(list(rows))


def _view(r: AuditEntry) -> AuditView:
    return AuditView(
        at=r.at,
        operator=r.operator,
        action=r.action,
        entity=r.entity,
        entity_id=r.entity_id,
        summary=r.summary,
        changes=json.loads(r.changes or "{}"),
    )
