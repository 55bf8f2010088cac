"""Alembic in code: refuse unknown or newer databases, back up, then upgrade or create."""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from app.domain.errors import StorageError
from app.storage.errors import translate
from app.storage.session import Database

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
_REV = re.compile(r"^revision(?::\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision(?::[^=]+)?\s*=\s*['\"]([^'\"]+)['\"]", re.M)


@dataclass(frozen=True)
class MigrationResult:
    action: str  # "created" / "upgraded" / "current"
    from_revision: str | None
    to_revision: str
    backup: Path | None


def quick_head(script_location: Path) -> str | None:
    """The head revision read from the scripts' text, without importing Alembic (start-up
    speed); None when it is not a single, plain chain (then Alembic decides)."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for path in (script_location / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev = _REV.search(text)
        if rev is None:
            return None
        revisions.add(rev.group(1))
        down = _DOWN.search(text)
        if down:
            downs.add(down.group(1))
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None


def _stored_revision(db_file: Path) -> str | None:
    if not db_file.exists() or db_file.stat().st_size == 0:
        return None
    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return row[0] if row else None


def alembic_config(script_location: Path) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    return cfg


def head_revision(script_location: Path) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(script_location)).get_current_head()
    if head is None:
        raise StorageError("程序缺少数据库迁移脚本，请重新安装 PropDesk。")
    return head


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup(db_file: Path, backups_dir: Path, revision: str | None) -> Path:
    """Copy the live database (WAL included) with SQLite's online backup API."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backups_dir / f"propdesk-{stamp}-{revision or 'none'}.db"
    src = sqlite3.connect(db_file)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def migrate(db: Database, script_location: Path, backups_dir: Path) -> MigrationResult:
    """Refuse a newer or foreign database, back up, upgrade; a file SQLite cannot read (a
    damaged or foreign file, a locked or read-only one) is a plain StorageError."""
    try:
        return _migrate(db, script_location, backups_dir)
    except (DBAPIError, OSError) as exc:
        known = translate(exc)
        if known is exc:
            raise
        raise known from exc


def _migrate(db: Database, script_location: Path, backups_dir: Path) -> MigrationResult:
    quick = quick_head(script_location)
    if quick is not None and _stored_revision(db.path) == quick:
        return MigrationResult("current", quick, quick, None)  # the usual start: no Alembic
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = alembic_config(script_location)
    scripts = ScriptDirectory.from_config(cfg)
    head = head_revision(script_location)
    with db.engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        current = MigrationContext.configure(conn).get_current_revision()
    if not tables:
        log.info("new database: create_all + stamp %s", head)
        with db.engine.begin() as conn:
            from app.storage import models  # noqa: F401 - registers every table
            from app.storage.base import Base

            Base.metadata.create_all(conn)
            cfg.attributes["connection"] = conn
            command.stamp(cfg, "head")
        return MigrationResult("created", None, head, None)
    if current is None:
        raise StorageError(
            f"文件 {db.path.name} 不是 PropDesk 数据库（缺少版本信息），程序不会修改它。"
        )
    try:
        scripts.get_revision(current)
        known = True
    except Exception:  # alembic raises several kinds for an unknown id
        known = False
    if not known:
        raise StorageError(
            f"数据库版本（{current}）比本程序新，或来自其他程序。请安装最新版 PropDesk 后再打开，"
            "程序不会修改这个数据库。"
        )
    if current == head:
        return MigrationResult("current", current, head, None)
    saved = backup(db.path, backups_dir, current)
    log.info("backed up %s to %s before upgrading %s -> %s", db.path, saved, current, head)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return MigrationResult("upgraded", current, head, saved)


def upgrade_to(db: Database, script_location: Path, revision: str) -> None:
    """Run migrations up to a given revision (tests build old databases this way)."""
    from alembic import command

    cfg = alembic_config(script_location)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
