"""Add a county's worth of disclosure check visits (信息公示检查) to a benchmark folder.

Visits are spread over the two years before the benchmark day: `visits_per_community` × the
number of communities in all, each given to a community drawn at random (so a community has
0–10 visits, about 5 % none at all). Every visit records one entry per item of the rule pack
(resources/rules/national.json "disclosure": 14 items). About 10 % of the results fail
(未公示 / 内容不全, and 已过期 for periodic items); each community has its own failure rate
(2–20 %), so the neighbourhood and company rates differ. A periodic item found posted has a
posted date within its period before the visit, so older visits leave items overdue today.

Rows go in with bare sqlite3 executemany, one transaction, after `open_data` has migrated
the folder (revision 0005). Dates are ISO text, enums their codes.

The second half holds the bare-library baselines of bench_disclosure.py: the same window
query run by sqlite3, the item states worked out in plain Python (the period arithmetic
written by hand, not app.domain), the ledger cells, openpyxl write-only, and a visit
inserted with bare sqlite3.
"""

from __future__ import annotations

import calendar
import json
import random
import sqlite3
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import _common  # noqa: F401  (puts the app under test on sys.path)

TODAY = date(2026, 11, 23)
SPAN_DAYS = 730
INSPECTORS = ["王建国", "李秀英", "陈晓梅", "张伟", "刘洋", "赵敏", "陈晓梅、张伟", "王建国、刘洋"]
VISIT_NOTES = ["已当场告知物业项目负责人", "公示栏玻璃破损，已提醒更换", "业委会主任陪同检查"]
FAIL_NOTES = {
    "missing": ["公示栏未张贴", "未见公示", "仅在业主群发布，未张贴"],
    "incomplete": ["缺少收费依据", "未写明联系电话", "未盖物业企业公章", "内容过于简略"],
    "expired": ["张贴的仍是上期内容", "公示内容已过期，未更新"],
}
FAILURE_RATES = [0.02, 0.05, 0.08, 0.10, 0.12, 0.13, 0.20]  # per community; mean 0.10
MONTH_DAYS = 30


def pack_items(resources: Path | None = None) -> list[tuple[str, str, str]]:
    """(code, name, frequency) of the pack's disclosure items, in the pack's order."""
    path = (resources or _common.REPO / "resources") / "rules" / "national.json"
    pack = json.loads(path.read_text(encoding="utf-8"))
    return [(i["code"], i["name"], i["frequency"]) for i in pack["disclosure"]["items"]]


MONTHS = {"quarterly": 3, "half_yearly": 6, "yearly": 12}


def _entry(
    rng: random.Random, item: tuple[str, str, str], checked: date, fail: float
) -> tuple[str, str, str, str, str | None, str]:
    code, name, frequency = item
    months = MONTHS.get(frequency)
    if rng.random() >= fail:
        posted = None
        if months is not None:
            posted = checked - timedelta(days=rng.randint(0, months * MONTH_DAYS - 1))
        elif rng.random() < 0.2:  # a long-term item sometimes carries the day it went up
            posted = checked - timedelta(days=rng.randint(0, 900))
        return code, name, frequency, "posted", posted and posted.isoformat(), ""
    results = ["missing", "incomplete"] + (["expired"] if months is not None else [])
    result = rng.choice(results)
    posted = None
    if result == "expired" and months is not None:
        posted = checked - timedelta(
            days=rng.randint(months * MONTH_DAYS, months * MONTH_DAYS + 120)
        )
    note = rng.choice(FAIL_NOTES[result]) if rng.random() < 0.6 else ""
    return code, name, frequency, result, posted and posted.isoformat(), note


def build(
    community_ids: list[int], visits_per_community: int, seed: int, first_id: int
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """(checks, entries) as tuples in column order; check ids from first_id in date order."""
    rng = random.Random(seed)
    items = pack_items()
    fail = {cid: rng.choice(FAILURE_RATES) for cid in community_ids}
    n = len(community_ids) * visits_per_community
    visits = sorted(
        (TODAY - timedelta(days=rng.randint(0, SPAN_DAYS)), rng.choice(community_ids))
        for _ in range(n)
    )
    checks: list[tuple[object, ...]] = []
    entries: list[tuple[object, ...]] = []
    for k, (checked, cid) in enumerate(visits):
        check_id = first_id + k
        note = rng.choice(VISIT_NOTES) if rng.random() < 0.1 else ""
        checks.append((check_id, cid, checked.isoformat(), rng.choice(INSPECTORS), note))
        for item in items:
            entries.append((check_id, *_entry(rng, item, checked, fail[cid])))
    return checks, entries


def add_disclosure_checks(
    data_dir: Path, visits_per_community: int = 3, seed: int = 20261123
) -> tuple[int, int, float]:
    """Insert the visits and their entries; returns (visits, entries, seconds taken)."""
    from app.bootstrap import open_data

    open_data(data_dir).close()  # migrate an older county to the disclosure tables first
    t0 = time.perf_counter()
    conn = sqlite3.connect(data_dir / "propdesk.db", isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        ids = [r[0] for r in conn.execute("SELECT id FROM community WHERE archived_at IS NULL")]
        first = (conn.execute("SELECT max(id) FROM disclosure_check").fetchone()[0] or 0) + 1
        checks, entries = build(ids, visits_per_community, seed, first)
        conn.executemany(
            "INSERT INTO disclosure_check (id, community_id, checked_on, inspector, notes) "
            "VALUES (?, ?, ?, ?, ?)",
            checks,
        )
        conn.executemany(
            "INSERT INTO disclosure_entry (check_id, item_code, item_name, frequency, result, "
            "posted_on, note, stored_name, original_name) VALUES (?, ?, ?, ?, ?, ?, ?, '', '')",
            entries,
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return len(checks), len(entries), time.perf_counter() - t0


# ---- the bare-library baselines --------------------------------------------------------------
COMMUNITIES_SQL = """
SELECT community.id, community.name, community.neighborhood_id, neighborhood.name,
  community.company_id, property_company.name
FROM community LEFT OUTER JOIN neighborhood ON community.neighborhood_id = neighborhood.id
  LEFT OUTER JOIN property_company ON community.company_id = property_company.id
WHERE community.archived_at IS NULL {where} ORDER BY neighborhood.name, community.name"""
# disclosure_repo.latest_entries: rank every entry per (community, item), newest visit first,
# keep rank 1 (the same statement, selecting the columns a CheckEntry holds)
LATEST_SQL = """
SELECT disclosure_check.community_id, disclosure_entry.item_code, disclosure_entry.item_name,
  disclosure_entry.frequency, disclosure_entry.result, disclosure_entry.posted_on,
  disclosure_entry.note, disclosure_check.checked_on
FROM disclosure_entry JOIN (
  SELECT disclosure_entry.id AS id, row_number() OVER (
    PARTITION BY disclosure_check.community_id, disclosure_entry.item_code
    ORDER BY disclosure_check.checked_on DESC, disclosure_check.id DESC) AS rank
  FROM disclosure_entry JOIN disclosure_check ON disclosure_entry.check_id = disclosure_check.id
  {where}) AS ranked ON ranked.id = disclosure_entry.id
JOIN disclosure_check ON disclosure_entry.check_id = disclosure_check.id
WHERE ranked.rank = 1"""
LAST_SQL = (
    "SELECT community_id, max(checked_on) FROM disclosure_check {where} GROUP BY community_id"
)
IN_HOOD = "disclosure_check.community_id IN (SELECT id FROM community WHERE neighborhood_id = ?)"
LABELS = {"missing": "未公示", "incomplete": "内容不全", "expired": "已过期"}
ONE_DAY = timedelta(days=1)
Item = tuple[str, str, int | None]  # code, name, months (None: long-term)


def period_end(start: date, months: int) -> date:
    """Last day a period of `months` months from `start` covers: the corresponding day, or
    the month's last day where there is none (DOMAIN.md §5.8)."""
    total = start.month - 1 + months
    y, m = start.year + total // 12, total % 12 + 1
    day = min(start.day, calendar.monthrange(y, m)[1])
    return date(y, m, day)


def raw_rows(
    raw: sqlite3.Connection,
    items: Sequence[Item],
    today: date,
    hood: int | None = None,
    overdue_only: bool = False,
) -> list[tuple[Any, ...]]:
    """Per community: (id, name, hood id, hood, company id, company, current, required,
    overdue texts, last check, ((code, state, current until, overdue since, entry), ...))."""
    params: list[object] = [] if hood is None else [hood]
    where = "" if hood is None else "AND community.neighborhood_id = ?"
    communities = raw.execute(COMMUNITIES_SQL.format(where=where), params).fetchall()
    where = "" if hood is None else f"WHERE {IN_HOOD}"
    day = date.fromisoformat
    latest: dict[int, dict[str, tuple[Any, ...]]] = {}
    for cid, code, name, freq, result, posted, note, checked in raw.execute(
        LATEST_SQL.format(where=where), params
    ):
        latest.setdefault(cid, {})[code] = (
            name,
            freq,
            result,
            posted and day(posted),
            note,
            day(checked),
        )
    last = {c: day(d) for c, d in raw.execute(LAST_SQL.format(where=where), params)}
    out: list[tuple[Any, ...]] = []
    for cid, name, hood_id, hood_name, company_id, company in communities:
        mine = latest.get(cid, {})
        current, overdue, states = 0, [], []
        for code, item_name, months in items:
            e = mine.get(code)
            if e is None:
                states.append((code, "unchecked", None, None, None))
                continue
            result, posted, checked = e[2], e[3], e[5]
            if result != "posted":
                overdue.append(f"{item_name}：{LABELS[result]}，已 {(today - checked).days} 天")
                states.append((code, "failing", None, checked, e))
            elif months is None:
                current += 1
                states.append((code, "current", None, None, e))
            else:
                until = period_end(posted or checked, months)
                if today <= until:
                    current += 1
                    states.append((code, "current", until, None, e))
                else:
                    overdue.append(
                        f"{item_name}：已逾期 {(today - until).days} 天"
                        f"（有效期至 {until:%Y-%m-%d}）"
                    )
                    states.append((code, "overdue", until, until + ONE_DAY, e))
        if overdue_only and not overdue:
            continue
        out.append(
            (
                cid,
                name,
                hood_id,
                hood_name or "",
                company_id,
                company or "",
                current,
                len(items),
                tuple(overdue),
                last.get(cid),
                tuple(states),
            )
        )
    return out


def raw_rates(rows: Sequence[tuple[Any, ...]]) -> tuple[list[tuple[Any, ...]], ...]:
    """(name, communities, current, required) per neighbourhood and per company, then 合计."""
    out = []
    for col, empty in ((3, "（未分社区）"), (5, "（无物业企业）")):
        groups: dict[object, list[int]] = {}
        for r in rows:
            g = groups.setdefault(r[col] or empty, [0, 0, 0])
            g[0] += 1
            g[1] += r[6]
            g[2] += r[7]
        total = [sum(g[k] for g in groups.values()) for k in range(3)]
        out.append([(n, *g) for n, g in groups.items()] + [("合计", *total)])
    return tuple(out)


def _percent(current: int, required: int) -> str:
    if not required:
        return "—"
    tenths = current * 1000 // required
    return f"{tenths // 10}.{tenths % 10}%"


def raw_cells(rows: Sequence[tuple[Any, ...]], target: Fraction) -> list[list[object]]:
    """The ledger's cells (disclosure_ledger.COLUMNS) and its 公示率 rows per neighbourhood."""
    cells: list[list[object]] = []
    for k, (_, name, _, hood, _, company, current, required, overdue, last, _) in enumerate(
        rows, 1
    ):
        cells.append(
            [
                k,
                hood,
                name,
                company or "（无物业企业）",
                last,
                required,
                current,
                _percent(current, required),
                "；".join(overdue),
                "" if last else "从未检查",
            ]
        )
    goal = f"目标 {_percent(target.numerator, target.denominator)}"
    for name, n, current, required in raw_rates(rows)[0]:
        met = current * target.denominator >= target.numerator * required
        verdict = ("达标" if met else "未达标") if required else ""
        cells.append(
            [
                "",
                name,
                f"{n} 个小区",
                "公示率",
                None,
                required,
                current,
                _percent(current, required),
                f"{goal}　{verdict}",
                "现行事项 ÷ 应公示事项",
            ]
        )
    return cells


def raw_write(path: Path, cells: Sequence[Sequence[object]]) -> None:
    from openpyxl import Workbook

    from app.domain.disclosure_ledger import COLUMNS

    book = Workbook(write_only=True)
    sheet = book.create_sheet("信息公示检查台账")
    sheet.append([c.header for c in COLUMNS])
    for row in cells:
        sheet.append(list(row))
    book.save(path)


def raw_record(
    raw: sqlite3.Connection,
    community_id: int,
    checked_on: date,
    entries: Sequence[tuple[str, str, str, str, str | None, str]],
) -> int:
    """One visit with its entries and an audit row, in one transaction (autocommit conn)."""
    raw.execute("BEGIN IMMEDIATE")
    try:
        (name,) = raw.execute("SELECT name FROM community WHERE id = ?", (community_id,)).fetchone()
        cur = raw.execute(
            "INSERT INTO disclosure_check (community_id, checked_on, inspector, notes) "
            "VALUES (?, ?, ?, ?)",
            (community_id, checked_on.isoformat(), "陈晓梅", "基准测试"),
        )
        check_id = int(cur.lastrowid or 0)
        raw.executemany(
            "INSERT INTO disclosure_entry (check_id, item_code, item_name, frequency, result, "
            "posted_on, note, stored_name, original_name) VALUES (?, ?, ?, ?, ?, ?, ?, '', '')",
            [(check_id, *e) for e in entries],
        )
        failing = sum(e[3] != "posted" for e in entries)
        raw.execute(
            "INSERT INTO audit_log (at, operator, action, entity, entity_id, summary, changes) "
            "VALUES (?, ?, 'create', 'disclosure_check', ?, ?, '{}')",
            (
                datetime.now().isoformat(" "),
                "基准测试",
                check_id,
                f"信息公示检查 {name} {checked_on:%Y-%m-%d}：{len(entries)} 项，未通过 {failing} 项",
            ),
        )
        raw.execute("COMMIT")
    except BaseException:
        raw.execute("ROLLBACK")
        raise
    return check_id
