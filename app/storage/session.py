"""The engine, its pragmas, and one session per operation."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError

from app.storage import errors

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


def __getattr__(name: str) -> Any:
    """`Session` (re-exported for the services' annotations) imports sqlalchemy.orm only
    when a module asks for it: the GUI's start-up does not."""
    if name == "Session":
        from sqlalchemy.orm import Session

        return Session
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy own transactions (pysqlite's implicit BEGIN is off; we emit BEGIN).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # A read-only file cannot switch its journal; reads still work, writes fail plainly.
    with contextlib.suppress(Exception):
        cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _on_begin(conn: Any) -> None:
    # IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout
    # instead of failing half-way with SQLITE_BUSY on lock upgrade.
    write = conn.get_execution_options().get("propdesk_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """Owns the engine. `read()` and `write()` give one session per operation."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.generation = 0  # bumped after every committed write (lets views reuse results)
        self.engine = make_engine(path)
        # Made on the first session: sqlalchemy.orm is not imported before the GUI's first
        # frame (opening the data folder and checking the migrations need only the engine).
        self._makers: tuple[sessionmaker[Session], sessionmaker[Session]] | None = None

    def _sessionmaker(self, *, write: bool) -> sessionmaker[Session]:
        if self._makers is None:
            from sqlalchemy.orm import sessionmaker

            self._makers = (
                sessionmaker(self.engine, expire_on_commit=False),
                sessionmaker(
                    self.engine.execution_options(propdesk_write=True), expire_on_commit=False
                ),
            )
        return self._makers[1 if write else 0]

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self._sessionmaker(write=False)()
        try:
            yield session
        except DBAPIError as exc:
            raise errors.translate(exc) from exc
        finally:
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: commit at the end, roll back everything on any error."""
        session = self._sessionmaker(write=True)()
        try:
            yield session
            session.commit()
            self.generation += 1
        except DBAPIError as exc:
            session.rollback()
            raise errors.translate(exc) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
