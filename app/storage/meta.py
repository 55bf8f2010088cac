"""Facts kept in the app_meta table, read without the ORM.

The main window asks whether the data is the demo before its first frame; reading it here
keeps the ORM models (and sqlalchemy.orm) out of the start-up until that frame is painted.
office_repo.get_meta reads the same table inside a session."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.storage import errors
from app.storage.session import Database


def read(db: Database, key: str) -> str | None:
    try:
        with db.engine.connect() as conn:
            value = conn.execute(
                text("SELECT value FROM app_meta WHERE key = :key"), {"key": key}
            ).scalar()
    except DBAPIError as exc:
        raise errors.translate(exc) from exc
    return None if value is None else str(value)
