"""Disclosure-check benchmarks (see benchmarks/README.md, "信息公示").

    python benchmarks/bench_disclosure.py [--data-dir DIR] [--repeat 5]
                                          [--only rows,rates,ledger,record] [--json out.json]
                                          [--profile]

rows:   DisclosureService.rows() (every community's 14 item states and compliance) over
        20,000 communities with 60,000 visits, against bare sqlite3 running the same window
        query and plain Python computing the same states (date arithmetic written by hand).
rates:  DisclosureService.rates(rows) (公示率 per neighbourhood and per company).
ledger: the 信息公示检查台账 of all communities (LedgerService.export_disclosure), against the
        bare rows above plus bare openpyxl (write-only) writing the same cells.
record: DisclosureService.record_check, one visit with 14 entries (interactive latency),
        against bare sqlite3 inserting the same rows; then a save followed by the page's
        background refresh (rows + rates). The visits added are deleted again.
"""

from __future__ import annotations

import argparse
import gc
import json
import sqlite3
import statistics
from pathlib import Path
from typing import Any

from _common import OUT_DIR, Stat, ensure_county, fmt_seconds, table
from _disclosure_data import LATEST_SQL, raw_cells, raw_rates, raw_record, raw_rows, raw_write
from bench_issues import TODAY, services_for, timed

VISITS_PER_COMMUNITY = 3
ROWS_TARGET_RATIO = 1.5
LEDGER_TARGET_RATIO = 1.5
RECORD_CALLS = 50
RECORD_TARGET = 0.05  # a save is on the UI thread: well inside the 200 ms freeze budget
REFRESH_CALLS = 3


def ensure_checks(data_dir: Path) -> int:
    conn = sqlite3.connect(data_dir / "propdesk.db")
    try:
        have = conn.execute("SELECT count(*) FROM disclosure_check").fetchone()[0]
    except sqlite3.OperationalError:
        have = 0  # an older county: add_disclosure_checks migrates it first
    conn.close()
    if have == 0:
        from _disclosure_data import add_disclosure_checks

        print(f"adding disclosure check visits to {data_dir} (once) ...")
        visits, entries, seconds = add_disclosure_checks(data_dir, VISITS_PER_COMMUNITY)
        print(f"  {visits:,} visits, {entries:,} entries in {seconds:.1f} s")
        have = visits
    return have


def clean(fn: Any) -> tuple[float, Any]:
    """timed(fn) after a full collection, so garbage of the last run is not charged to it."""
    gc.collect()
    return timed(fn)


def row_key(r: Any) -> tuple[object, ...]:
    """What the bare rows hold, taken from an app DisclosureRow."""
    return (
        r.community_id,
        r.community,
        r.neighborhood_id,
        r.neighborhood,
        r.company_id,
        r.company,
        r.compliance.current,
        r.compliance.required,
        r.overdue,
        r.last_check,
        tuple(
            (s.item.code, s.state.value, s.current_until, s.overdue_since, _entry(s.entry))
            for s in r.statuses
        ),
    )


def _entry(e: Any) -> tuple[object, ...] | None:
    if e is None:
        return None
    return (e.item_name, e.frequency.value, e.result.value, e.posted_on, e.note, e.checked_on)


def _items(services: Any) -> list[tuple[str, str, int | None]]:
    return [
        (i.code, i.name, i.frequency.months) for i in services.disclosure.items(active_only=True)
    ]


# ---- rows and rates --------------------------------------------------------------------------
def bench_rows(data_dir: Path, repeat: int) -> tuple[list[Stat], dict[str, Any]]:
    from app.domain.disclosure import DisclosureQuery

    opened, services = services_for(data_dir)
    raw = sqlite3.connect(data_dir / "propdesk.db")
    stats: list[Stat] = []
    detail: dict[str, Any] = {}
    try:
        items = _items(services)
        hood = raw.execute(
            "SELECT neighborhood_id FROM community WHERE archived_at IS NULL "
            "GROUP BY neighborhood_id ORDER BY count(*) DESC, neighborhood_id LIMIT 1"
        ).fetchone()[0]
        cases = [
            ("all", DisclosureQuery(), None, False),
            ("neighbourhood filter", DisclosureQuery(neighborhood_id=hood), hood, False),
            ("overdue only", DisclosureQuery(overdue_only=True), None, True),
        ]
        # the repository's three reads alone, against the bare window query alone
        app_t, sql_t = [], []
        for _ in range(repeat):
            app_t.append(clean(lambda: _repo_reads(services))[0])
            sql_t.append(clean(lambda: raw.execute(LATEST_SQL.format(where="")).fetchall())[0])
        repo = Stat(
            "  rows(): repository reads alone",
            app_t,
            None,
            statistics.median(sql_t),
            None,
            "against the bare window query alone",
        )
        for name, q, hood_id, overdue in cases:
            app_t, raw_t = [], []
            for k in range(repeat):
                dt, got = clean(lambda q=q: services.disclosure.rows(q))
                app_t.append(dt)
                n, keys = len(got), [row_key(r) for r in got] if k == 0 else None
                del got  # nothing big stays alive while the next one is timed
                dt, bare = clean(lambda h=hood_id, o=overdue: raw_rows(raw, items, TODAY, h, o))
                raw_t.append(dt)
                assert keys is None or keys == bare, f"rows differ: {name}"
                del bare, keys
            note = "raw: same window query, states by hand"
            if hood_id is not None:
                note += "; raw filters in SQL, the app computes all rows then sieves"
            stats.append(
                Stat(
                    f"rows(): {name} ({n:,} communities)",
                    app_t,
                    None,
                    statistics.median(raw_t),
                    ROWS_TARGET_RATIO,
                    note,
                )
            )
            stats.append(Stat("  baseline: sqlite3 + plain Python", raw_t))
        stats += [repo, Stat("  baseline: bare window query alone", sql_t)]
        rows = services.disclosure.rows()
        detail["communities"] = len(rows)
        detail["entries ranked 1 (latest per community and item)"] = sum(
            len(r.statuses) - sum(s.entry is None for s in r.statuses) for r in rows
        )
        detail["communities with an overdue/failing item"] = sum(r.has_overdue for r in rows)
        detail["communities never checked"] = sum(r.last_check is None for r in rows)
        # rates
        target = services.ctx.rules.disclosure.target_rate
        keys = [row_key(r) for r in rows]
        app_t, raw_t = [], []
        for _ in range(repeat):
            dt, (by_hood, by_company) = clean(lambda: services.disclosure.rates(rows))
            app_t.append(dt)
            dt, bare = clean(lambda: raw_rates(keys))
            raw_t.append(dt)
        assert (
            [(x.name, x.communities, x.current, x.required) for x in by_hood],
            [(x.name, x.communities, x.current, x.required) for x in by_company],
        ) == bare
        stats.append(
            Stat(
                f"rates(rows): {len(by_hood) - 1} neighbourhoods, {len(by_company) - 1} companies",
                app_t,
                None,
                statistics.median(raw_t),
                None,
                "raw: two dict groupings",
            )
        )
        detail["公示率 overall"] = by_hood[-1].percent()
        detail["target"] = str(target)
    finally:
        raw.close()
        opened.close()
    return stats, detail


def _repo_reads(services: Any) -> None:
    from app.storage.repositories import disclosure_repo

    with services.ctx.db.read() as s:
        disclosure_repo.communities(s)
        disclosure_repo.latest_entries(s)
        disclosure_repo.last_checks(s)


# ---- ledger ----------------------------------------------------------------------------------
def bench_ledger(data_dir: Path, repeat: int) -> list[Stat]:
    from app.domain import disclosure_ledger
    from app.spreadsheets.ledger_writer import LedgerSpec, write_ledger

    opened, services = services_for(data_dir)
    raw = sqlite3.connect(data_dir / "propdesk.db")
    out = OUT_DIR / "export"
    out.mkdir(parents=True, exist_ok=True)
    times: dict[str, list[float]] = {k: [] for k in ("app", "writer", "fetch", "write")}
    n = 0
    try:
        items = _items(services)
        target = services.ctx.rules.disclosure.target_rate
        spec = LedgerSpec("信息公示检查台账", "基准测试", TODAY, disclosure_ledger.COLUMNS)
        rows = services.disclosure.rows()
        by_hood, _ = services.disclosure.rates(rows)
        data = [disclosure_ledger.ledger_row(k, r) for k, r in enumerate(rows, 1)]
        summary = disclosure_ledger.summary_rows(by_hood)
        del rows
        for _ in range(repeat):
            dt, n = clean(lambda: services.ledgers.export_disclosure(out / "disclosure.xlsx"))
            times["app"].append(dt)
            dt, _ = clean(lambda: write_ledger(out / "disclosure-w.xlsx", spec, data, summary))
            times["writer"].append(dt)
            dt, cells = clean(lambda: raw_cells(raw_rows(raw, items, TODAY), target))
            times["fetch"].append(dt)
            assert cells == data + summary, "the bare cells differ from the app's ledger rows"
            times["write"].append(
                clean(lambda c=cells: raw_write(out / "disclosure-raw.xlsx", c))[0]
            )
            del cells
    finally:
        raw.close()
        opened.close()
    base = [f + w for f, w in zip(times["fetch"], times["write"], strict=True)]
    med = statistics.median
    return [
        Stat(
            f"信息公示检查台账 export ({n:,} rows)",
            times["app"],
            None,
            med(base),
            LEDGER_TARGET_RATIO,
            "raw = bare rows + cells + openpyxl write-only",
        ),
        Stat("  write_ledger alone, same rows", times["writer"], None, med(times["write"])),
        Stat("  baseline: sqlite3 + rows + cells", times["fetch"]),
        Stat("  baseline: openpyxl write-only", times["write"]),
        Stat("  baseline: total", base),
    ]


# ---- record_check ----------------------------------------------------------------------------
def bench_record(data_dir: Path, calls: int) -> tuple[list[Stat], dict[str, Any]]:
    from datetime import timedelta

    from app.domain.disclosure import CheckResult, EntryFields

    opened, services = services_for(data_dir)
    raw = sqlite3.connect(data_dir / "propdesk.db", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=NORMAL")
    raw.execute("PRAGMA foreign_keys=ON")
    first = raw.execute("SELECT coalesce(max(id), 0) FROM disclosure_check").fetchone()[0]
    app_t, raw_t, refresh_t, wait_t = [], [], [], []
    try:
        items = services.disclosure.items(active_only=True)
        entries = [
            EntryFields(
                i.code,
                CheckResult.MISSING if k == 3 else CheckResult.POSTED,
                None if i.frequency.months is None else TODAY - timedelta(days=10 + k),
                "公示栏未张贴" if k == 3 else "",
            )
            for k, i in enumerate(items)
        ]
        bare_entries = [
            (
                e.item_code,
                i.name,
                i.frequency.value,
                e.result.value,
                e.posted_on and e.posted_on.isoformat(),
                e.note,
            )
            for e, i in zip(entries, items, strict=True)
        ]
        cids = [
            r[0]
            for r in raw.execute(
                "SELECT id FROM community ORDER BY id LIMIT ?", (2 * calls + REFRESH_CALLS,)
            )
        ]
        for k in range(calls):
            app_t.append(
                timed(
                    lambda c=cids[k]: services.disclosure.record_check(
                        c, TODAY, "陈晓梅", entries, "基准测试"
                    )
                )[0]
            )
            raw_t.append(
                timed(lambda c=cids[calls + k]: raw_record(raw, c, TODAY, bare_entries))[0]
            )
        held = services.disclosure.rows()  # the page keeps its rows while the worker recomputes
        for k in range(REFRESH_CALLS):
            dt, _ = clean(
                lambda c=cids[2 * calls + k]: services.disclosure.record_check(
                    c, TODAY, "陈晓梅", entries, "基准测试"
                )
            )
            dr, (held, _) = timed(lambda: _refresh(services))
            refresh_t.append(dr)
            wait_t.append(dt + dr)
    finally:
        _remove_visits(raw, first)
        raw.close()
        opened.close()
    return [
        Stat(
            f"record_check: 1 visit, {len(entries)} entries",
            app_t,
            RECORD_TARGET,
            statistics.median(raw_t),
            None,
            "raw = bare sqlite3, same rows + audit row",
        ),
        Stat("  baseline: bare sqlite3 insert", raw_t),
        Stat(
            "  page refresh after a save: rows() + rates()",
            refresh_t,
            None,
            None,
            None,
            "the previous rows stay alive meanwhile, as on the page",
        ),
        Stat("  save → refreshed rows (user waits)", wait_t),
    ], {"visits recorded and removed again": 2 * calls + REFRESH_CALLS}


def _refresh(services: Any) -> tuple[Any, Any]:
    """What the page's worker does after a write."""
    rows = services.disclosure.rows()
    return rows, services.disclosure.rates(rows)


def _remove_visits(raw: sqlite3.Connection, after_id: int) -> None:
    raw.execute("BEGIN IMMEDIATE")
    raw.execute("DELETE FROM disclosure_entry WHERE check_id > ?", (after_id,))
    raw.execute(
        "DELETE FROM audit_log WHERE entity = 'disclosure_check' AND entity_id > ?", (after_id,)
    )
    raw.execute("DELETE FROM disclosure_check WHERE id > ?", (after_id,))
    raw.execute("COMMIT")


# ---- profile ---------------------------------------------------------------------------------
def profile(data_dir: Path) -> dict[str, Any]:
    """cProfile one rows() and one export into benchmarks/out/profiles/disclosure-*.txt|.prof."""
    import cProfile
    import io
    import pstats

    opened, services = services_for(data_dir)
    folder = OUT_DIR / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Any] = {}
    try:
        jobs = {
            "rows": lambda: services.disclosure.rows(),
            "export": lambda: services.ledgers.export_disclosure(
                OUT_DIR / "export" / "disclosure-profiled.xlsx"
            ),
        }
        for name, job in jobs.items():
            prof = cProfile.Profile()
            prof.enable()
            job()
            prof.disable()
            prof.dump_stats(folder / f"disclosure-{name}.prof")
            text = io.StringIO()
            for key in ("tottime", "cumulative"):
                pstats.Stats(prof, stream=text).sort_stats(key).print_stats(30)
            path = folder / f"disclosure-{name}.txt"
            path.write_text(text.getvalue(), encoding="utf-8")
            out[f"profile {name}"] = str(path)
    finally:
        opened.close()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--data-dir", type=Path)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--only", default="rows,rates,ledger,record")
    p.add_argument("--json", type=Path)
    p.add_argument("--profile", action="store_true", help="also cProfile rows() and the export")
    args = p.parse_args(argv)
    only = set(args.only.split(","))
    county = ensure_county(args.data_dir)
    detail: dict[str, Any] = {"visits": ensure_checks(county)}
    stats: list[Stat] = []
    if only & {"rows", "rates"}:
        s, d = bench_rows(county, args.repeat)
        stats += s
        detail.update(d)
    if "ledger" in only:
        stats += bench_ledger(county, max(1, args.repeat // 2))
    if "record" in only:
        s, d = bench_record(county, RECORD_CALLS)
        stats += s
        detail.update(d)
    if args.profile:
        detail.update(profile(county))
    print(table(stats))
    for k, v in detail.items():
        print(f"{k}: {v:.2f}" if isinstance(v, float) else f"{k}: {v}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {"stats": [s.as_json() for s in stats], "detail": detail},
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
    print(f"median times: {', '.join(fmt_seconds(s.median) for s in stats)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
