import os
import sqlite3
import stat

import pytest

from app.domain.community import CompanyFields
from app.domain.errors import StorageError
from app.storage.session import Database


def test_read_only_database_gives_a_plain_message_and_keeps_data(opened, services):
    services.companies.create(CompanyFields(name="甲物业"))
    opened.db.dispose()
    path = opened.db.path
    for f in path.parent.glob(path.name + "*"):
        os.chmod(f, stat.S_IRUSR | stat.S_IRGRP)
    os.chmod(path.parent, stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.geteuid() == 0:
            pytest.skip("root ignores file permissions; covered by the locked test instead")
        with pytest.raises(StorageError, match="只读"):
            services.companies.create(CompanyFields(name="乙物业"))
    finally:
        os.chmod(path.parent, stat.S_IRWXU)
        for f in path.parent.glob(path.name + "*"):
            os.chmod(f, stat.S_IRUSR | stat.S_IWUSR)
    assert [c.fields.name for c in services.companies.search()] == ["甲物业"]


def test_query_only_database_gives_read_only_message(services):
    # Works as root too: SQLite's query_only mode refuses every write like a read-only file.
    from sqlalchemy import event

    engine = services.ctx.db.engine
    engine.dispose()

    def query_only(dbapi_conn, _rec):
        dbapi_conn.execute("PRAGMA query_only=ON")

    event.listen(engine, "connect", query_only)
    try:
        with pytest.raises(StorageError, match="只读"):
            services.companies.create(CompanyFields(name="乙物业"))
    finally:
        event.remove(engine, "connect", query_only)
        engine.dispose()
    assert services.companies.search() == []


def test_locked_database_gives_a_plain_message_and_writes_nothing(services, monkeypatch):
    from app.storage import session as session_module

    monkeypatch.setattr(session_module, "BUSY_TIMEOUT_MS", 100)
    db = Database(services.ctx.db.path)  # a fresh engine with the short timeout
    other = sqlite3.connect(services.ctx.db.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        from dataclasses import replace

        from app.services import build_services

        s2 = build_services(replace(services.ctx, db=db))
        with pytest.raises(StorageError, match="占用"):
            s2.companies.create(CompanyFields(name="丙物业"))
    finally:
        other.execute("ROLLBACK")
        other.close()
        db.dispose()
    assert services.companies.search() == []


def test_a_damaged_database_file_is_refused_with_a_plain_message(tmp_path):
    """A file SQLite cannot read (here: random bytes) is said in Chinese, never a traceback,
    and the file is left as it was."""
    from app.bootstrap import open_data

    folder = tmp_path / "data"
    folder.mkdir()
    damaged = folder / "propdesk.db"
    garbage = bytes(range(256)) * 20
    damaged.write_bytes(garbage)
    with pytest.raises(StorageError, match="已损坏或不是 PropDesk 数据库"):
        open_data(folder)
    assert damaged.read_bytes() == garbage
