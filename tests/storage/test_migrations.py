import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app import paths
from app.domain.errors import StorageError
from app.storage.base import Base
from app.storage.migrate import head_revision, migrate, upgrade_to
from app.storage.session import Database

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db_versions"
SCRIPTS = paths.migrations_dir()


def test_new_file_is_created_at_head(tmp_path):
    db = Database(tmp_path / "new.db")
    result = migrate(db, SCRIPTS, tmp_path / "backups")
    assert result.action == "created" and result.to_revision == head_revision(SCRIPTS)
    db.dispose()


def test_migrations_from_empty_match_the_models(tmp_path):
    db = Database(tmp_path / "empty.db")
    upgrade_to(db, SCRIPTS, "head")
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.dispose()
    assert diff == []


def test_pragmas(tmp_path):
    db = Database(tmp_path / "p.db")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    db.dispose()


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.db")), ids=lambda p: p.name)
def test_every_released_revision_upgrades_with_its_data(fixture, tmp_path):
    target = tmp_path / "old.db"
    shutil.copy(fixture, target)
    before = sqlite3.connect(target).execute("SELECT name FROM community ORDER BY id").fetchall()
    assert before  # the fixture holds data
    db = Database(target)
    result = migrate(db, SCRIPTS, tmp_path / "backups")
    db.dispose()
    head = head_revision(SCRIPTS)
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
    assert conn.execute("SELECT name FROM community ORDER BY id").fetchall() == before
    if result.action == "upgraded":
        assert result.backup is not None and result.backup.exists()


def test_first_revision_fixture_exists():
    assert (FIXTURES / "0001.db").exists()


def test_refuses_a_newer_database(tmp_path):
    db = Database(tmp_path / "x.db")
    migrate(db, SCRIPTS, tmp_path / "b")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num='9999_future'")
    with pytest.raises(StorageError, match="比本程序新"):
        migrate(db, SCRIPTS, tmp_path / "b")
    db.dispose()


def test_refuses_a_foreign_database(tmp_path):
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    db = Database(path)
    with pytest.raises(StorageError, match="不是 PropDesk 数据库"):
        migrate(db, SCRIPTS, tmp_path / "b")
    db.dispose()


def test_backup_before_upgrading_an_older_database(tmp_path):
    db = Database(tmp_path / "x.db")
    upgrade_to(db, SCRIPTS, "0001")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num='0001'")
    # Pretend head moved on: the backup is taken whenever the revision differs from head.
    from app.storage import migrate as m

    orig = m.head_revision
    try:
        m.head_revision = lambda _loc: "0001"  # current == head: nothing to do
        assert migrate(db, SCRIPTS, tmp_path / "b").action == "current"
    finally:
        m.head_revision = orig
    db.dispose()


def test_quick_head_agrees_with_alembic():
    from app.storage.migrate import quick_head

    assert quick_head(SCRIPTS) == head_revision(SCRIPTS)


def test_up_to_date_start_does_not_import_alembic(tmp_path):
    import subprocess
    import sys

    db = Database(tmp_path / "x.db")
    migrate(db, SCRIPTS, tmp_path / "b")
    db.dispose()
    code = (
        "import sys; from pathlib import Path; from app import paths;"
        "from app.storage.session import Database; from app.storage.migrate import migrate;"
        f"r = migrate(Database(Path({str(tmp_path / 'x.db')!r})), paths.migrations_dir(), Path('.'));"
        "assert r.action == 'current', r; print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_0001_database_upgrades_and_takes_issues_and_notices(tmp_path):
    """A registry-only database (0001) gains the issue ledger and can issue a notice."""
    from dataclasses import replace
    from datetime import date, timedelta

    from app.bootstrap import open_data
    from app.domain.issues import IssueFields
    from app.services import build_services

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(FIXTURES / "0001.db", folder / paths.DB_FILENAME)
    before = (
        sqlite3.connect(folder / paths.DB_FILENAME)
        .execute("SELECT id, name, company_id FROM community ORDER BY id")
        .fetchall()
    )
    opened = open_data(folder)
    try:
        assert opened.migration.action == "upgraded"
        svc = build_services(replace(opened.services.ctx, today=lambda: date(2026, 11, 23)))
        cid = before[0][0]
        issue = svc.issues.create(
            IssueFields(
                cid,
                "其他",
                "升级后登记的问题",
                date(2026, 11, 23),
                date(2026, 11, 23) + timedelta(days=5),
                "某物业",
            )
        )
        doc = svc.chain.issue_notice([issue.id], svc.chain.draft_notice([issue.id]))
        assert doc.row.doc_number.endswith("〔2026〕1号")
    finally:
        opened.close()
    after = (
        sqlite3.connect(folder / paths.DB_FILENAME)
        .execute("SELECT id, name, company_id FROM community ORDER BY id")
        .fetchall()
    )
    assert after == before


@pytest.mark.parametrize(
    "fixture", sorted(p for p in FIXTURES.glob("*.db") if p.stem >= "0002"), ids=lambda p: p.name
)
def test_issue_ledger_data_survives_upgrades(fixture, tmp_path):
    target = tmp_path / "old.db"
    shutil.copy(fixture, target)
    query = (
        "SELECT i.id, i.description, i.status, i.deadline, d.doc_number, f.pdf FROM issue i "
        "LEFT JOIN document_issue di ON di.issue_id = i.id "
        "LEFT JOIN document d ON d.id = di.document_id "
        "LEFT JOIN document_file f ON f.document_id = d.id ORDER BY i.id"
    )
    before = sqlite3.connect(target).execute(query).fetchall()
    assert before and any(row[4] for row in before)
    db = Database(target)
    migrate(db, SCRIPTS, tmp_path / "backups")
    db.dispose()
    assert sqlite3.connect(target).execute(query).fetchall() == before


@pytest.mark.parametrize(
    "fixture", sorted(p for p in FIXTURES.glob("*.db") if p.stem < "0003"), ids=lambda p: p.name
)
def test_older_databases_gain_committee_records(fixture, tmp_path):
    """Registry data from before 0003 upgrades; committees can then be recorded on it."""
    from dataclasses import replace
    from datetime import date

    from app.bootstrap import open_data
    from app.domain.governance import MemberFields, MemberRole
    from app.services import build_services

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(fixture, folder / paths.DB_FILENAME)
    before = (
        sqlite3.connect(folder / paths.DB_FILENAME)
        .execute("SELECT id, name, committee_status FROM community ORDER BY id")
        .fetchall()
    )
    opened = open_data(folder)
    try:
        svc = build_services(replace(opened.services.ctx, today=lambda: date(2026, 11, 23)))
        assert len(svc.governance.rows()) == len(before)
        members = [MemberFields(f"委员{k}", MemberRole.MEMBER) for k in range(5)]
        c = svc.governance.elect(before[0][0], date(2026, 11, 1), 5, members)
        svc.governance.file(c.id, date(2026, 11, 20), "备1")
    finally:
        opened.close()
    after = (
        sqlite3.connect(folder / paths.DB_FILENAME)
        .execute("SELECT id, name FROM community ORDER BY id")
        .fetchall()
    )
    assert after == [(i, n) for i, n, _ in before]


def test_committee_records_survive_upgrades(tmp_path):
    for fixture in sorted(p for p in FIXTURES.glob("*.db") if p.stem >= "0003"):
        target = tmp_path / fixture.name
        shutil.copy(fixture, target)
        query = (
            "SELECT b.id, b.kind, b.term_no, b.filed_on, m.name, m.role FROM governance_body b "
            "JOIN governance_member m ON m.body_id = b.id ORDER BY b.id, m.id"
        )
        before = sqlite3.connect(target).execute(query).fetchall()
        assert before
        db = Database(target)
        migrate(db, SCRIPTS, tmp_path / "backups")
        db.dispose()
        assert sqlite3.connect(target).execute(query).fetchall() == before


def test_fund_requests_survive_upgrades(tmp_path):
    for fixture in sorted(p for p in FIXTURES.glob("*.db") if p.stem >= "0004"):
        target = tmp_path / fixture.name
        shutil.copy(fixture, target)
        query = (
            "SELECT r.id, r.project, r.budget_fen, r.approved_fen, r.stage, r.scope_area, "
            "d.amount_fen, (SELECT count(*) FROM fund_step s WHERE s.request_id = r.id), "
            "(SELECT count(*) FROM fund_material m WHERE m.request_id = r.id) "
            "FROM fund_request r JOIN fund_disbursement d ON d.request_id = r.id ORDER BY r.id"
        )
        before = sqlite3.connect(target).execute(query).fetchall()
        assert before == [
            (1, "夹具屋面维修", 1_000_500, 1_000_500, "disbursed", 123456, 700_000, 5, 4)
        ]
        db = Database(target)
        migrate(db, SCRIPTS, tmp_path / "backups")
        db.dispose()
        assert sqlite3.connect(target).execute(query).fetchall() == before


@pytest.mark.parametrize(
    "fixture", sorted(p for p in FIXTURES.glob("*.db") if p.stem < "0004"), ids=lambda p: p.name
)
def test_older_databases_take_fund_requests(fixture, tmp_path):
    """A database from before 0004 upgrades with its data; fund requests then work on it."""
    from dataclasses import replace
    from datetime import date

    from app.bootstrap import open_data
    from app.domain.fund_records import FundFields, FundQuery
    from app.services import build_services

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(fixture, folder / paths.DB_FILENAME)
    issues = "SELECT id, description, status FROM issue ORDER BY id"
    conn = sqlite3.connect(folder / paths.DB_FILENAME)
    has_issues = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'issue'").fetchone()[
        0
    ]
    before = conn.execute(issues).fetchall() if has_issues else None
    conn.close()
    opened = open_data(folder)
    try:
        svc = build_services(replace(opened.services.ctx, today=lambda: date(2026, 11, 23)))
        cid = svc.communities.choices()[0][0]
        rid = svc.funds.create(FundFields(cid, "升级后新建", budget_fen=100))
        assert svc.funds.search_ids(FundQuery()) == [rid]
    finally:
        opened.close()
    if before is not None:
        assert sqlite3.connect(folder / paths.DB_FILENAME).execute(issues).fetchall() == before


def test_disclosure_checks_and_departments_survive_upgrades(tmp_path):
    for fixture in sorted(p for p in FIXTURES.glob("*.db") if p.stem >= "0005"):
        target = tmp_path / fixture.name
        shutil.copy(fixture, target)
        checks = (
            "SELECT c.id, c.community_id, c.inspector, e.item_name, e.result, e.note, i.category "
            "FROM disclosure_check c JOIN disclosure_entry e ON e.check_id = c.id "
            "LEFT JOIN issue i ON i.id = e.issue_id ORDER BY e.id"
        )
        departments = "SELECT name, duties, contact_person, phone FROM department ORDER BY id"
        conn = sqlite3.connect(target)
        before = conn.execute(checks).fetchall(), conn.execute(departments).fetchall()
        conn.close()
        assert before[0][2][4:] == ("missing", "夹具未公示", "信息公示")
        assert before[1][-1] == ("夹具部门", "夹具职责", "夹具联系人", "0000-1234567")
        assert len(before[1]) == 13  # the twelve defaults and the fixture's own
        db = Database(target)
        migrate(db, SCRIPTS, tmp_path / "backups")
        db.dispose()
        conn = sqlite3.connect(target)
        assert (conn.execute(checks).fetchall(), conn.execute(departments).fetchall()) == before


@pytest.mark.parametrize(
    "fixture", sorted(p for p in FIXTURES.glob("*.db") if p.stem < "0005"), ids=lambda p: p.name
)
def test_older_databases_take_disclosure_checks(fixture, tmp_path):
    """A database from before 0005 upgrades; visits and departments then work on it."""
    from dataclasses import replace
    from datetime import date

    from app.bootstrap import open_data
    from app.domain.disclosure import CheckResult, EntryFields
    from app.services import build_services

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(fixture, folder / paths.DB_FILENAME)
    names = "SELECT id, name FROM community ORDER BY id"
    before = sqlite3.connect(folder / paths.DB_FILENAME).execute(names).fetchall()
    opened = open_data(folder)
    try:
        svc = build_services(replace(opened.services.ctx, today=lambda: date(2026, 11, 23)))
        code = svc.disclosure.items()[0].code
        svc.disclosure.record_check(
            before[0][0], date(2026, 11, 20), "检查人", [EntryFields(code, CheckResult.POSTED)]
        )
        assert len(svc.departments.list()) == 12
        assert len(svc.disclosure.rows()) == len(before)
    finally:
        opened.close()
    assert sqlite3.connect(folder / paths.DB_FILENAME).execute(names).fetchall() == before


def test_0005_payments_survive_and_can_be_reversed_after_0006(tmp_path):
    """0006 adds 冲销 (reverses_id) to the payments: a 0005 database keeps its payments."""
    target = tmp_path / "old.db"
    shutil.copy(FIXTURES / "0005.db", target)
    conn = sqlite3.connect(target)
    before = conn.execute(
        "SELECT id, request_id, kind, paid_on, amount_fen FROM fund_disbursement ORDER BY id"
    ).fetchall()
    conn.close()
    assert before
    db = Database(target)
    migrate(db, SCRIPTS, tmp_path / "backups")
    db.dispose()
    conn = sqlite3.connect(target)
    after = conn.execute(
        "SELECT id, request_id, kind, paid_on, amount_fen, reverses_id FROM fund_disbursement"
        " ORDER BY id"
    ).fetchall()
    conn.close()
    assert [row[:5] for row in after] == before and all(row[5] is None for row in after)


def test_0006_members_survive_0007_without_a_unit_type(tmp_path):
    """0007 adds the 组长's unit type: earlier members keep every field, with no type."""
    target = tmp_path / "old.db"
    shutil.copy(FIXTURES / "0006.db", target)
    query = "SELECT id, name, role, unit FROM governance_member ORDER BY id"
    conn = sqlite3.connect(target)
    before = conn.execute(query).fetchall()
    conn.close()
    assert before
    db = Database(target)
    migrate(db, SCRIPTS, tmp_path / "backups")
    db.dispose()
    conn = sqlite3.connect(target)
    assert conn.execute(query).fetchall() == before
    assert conn.execute("SELECT DISTINCT unit_type FROM governance_member").fetchall() == [(None,)]
    conn.close()
