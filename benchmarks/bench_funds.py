"""Maintenance-fund benchmarks (see benchmarks/README.md, "维修资金").

    python benchmarks/bench_funds.py [--data-dir DIR] [--repeat 5]
                                     [--only queries,ledger,split,votes] [--json out.json]
                                     [--profile]

queries: the 维修资金 page's filters over 20,000 requests through FundService (search_ids,
         rows of the first 200, totals), against the same SQL run by bare sqlite3.
ledger:  the 维修资金使用台账 of all 20,000 requests (LedgerService.export_funds), against bare
         sqlite3 fetching the same cells and bare openpyxl (write-only) writing them.
split:   cost_split.split over 5,000 units, against a bare integer loop.
votes:   votes.evaluate 100,000 times, against bare Fraction comparisons.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
from fractions import Fraction
from pathlib import Path
from typing import Any

from _common import OUT_DIR, Stat, ensure_county, fmt_seconds, table
from _funds_data import split_units, vote_counts
from bench_issues import TODAY, services_for, timed

N_REQUESTS = 20_000
QUERY_TARGET_RATIO = 1.5
LEDGER_TARGET_RATIO = 1.5
ROWS_TARGET = 0.05
SPLIT_UNITS = 5_000
SPLIT_CALLS = 20
VOTE_CALLS = 100_000
ORDER = "ORDER BY fund_request.year DESC, fund_request.seq DESC"
FROM = "FROM fund_request JOIN community ON fund_request.community_id = community.id"
PAID = (
    "LEFT OUTER JOIN (SELECT fund_disbursement.request_id AS request_id, "
    "sum(fund_disbursement.amount_fen) AS paid FROM fund_disbursement "
    "GROUP BY fund_disbursement.request_id) AS paid ON paid.request_id = fund_request.id"
)


def ensure_funds(data_dir: Path, n: int = N_REQUESTS) -> int:
    conn = sqlite3.connect(data_dir / "propdesk.db")
    try:
        have = conn.execute("SELECT count(*) FROM fund_request").fetchone()[0]
    except sqlite3.OperationalError:
        have = 0  # an older county: add_fund_requests migrates it first
    conn.close()
    if have < n:
        from _funds_data import add_fund_requests

        print(f"adding {n - have} maintenance-fund requests to {data_dir} (once) ...")
        print(f"  done in {add_fund_requests(data_dir, n - have):.1f} s")
    return max(have, n)


# ---- queries ---------------------------------------------------------------------------------
def query_cases(raw: sqlite3.Connection) -> list[tuple[str, Any, str, list[object]]]:
    from datetime import timedelta

    from app.domain.fund_records import FundQuery
    from app.domain.funds import FundStage

    cid = raw.execute(
        "SELECT community_id FROM fund_request GROUP BY community_id ORDER BY count(*) DESC, "
        "community_id LIMIT 1"
    ).fetchone()[0]
    like = "LIKE ? ESCAPE '\\'"
    text = (
        f"(fund_request.project {like} OR fund_request.part {like} OR community.name {like} "
        f"OR printf(?, fund_request.year, fund_request.seq) {like})"
    )
    waiting = "fund_request.stage NOT IN (?, ?) AND fund_request.stage_since < ?"
    since = (TODAY - timedelta(days=30)).isoformat()
    return [
        ("all, newest first", FundQuery(), "", []),
        ("stage 乡镇审核", FundQuery(stage=FundStage.TOWNSHIP_REVIEW),
         "WHERE fund_request.stage = ?", ["township_review"]),
        ("emergency", FundQuery(emergency=True), "WHERE fund_request.emergency IS 1", []),
        ("waiting > 30 days", FundQuery(waiting_over_days=30), f"WHERE {waiting}",
         ["done", "rejected", since]),
        ("text 电梯", FundQuery(text="电梯"), f"WHERE {text}",
         ["%电梯%", "%电梯%", "%电梯%", "%d-%03d", "%电梯%"]),
        ("one community", FundQuery(community_id=cid), "WHERE fund_request.community_id = ?",
         [cid]),
    ]  # fmt: skip


def raw_rows(raw: sqlite3.Connection, ids: list[int]) -> list[tuple[object, ...]]:
    """What FundRow holds, read by bare sqlite3 (days in stage computed the same way)."""
    from datetime import date

    marks = ", ".join("?" * len(ids))
    sql = (
        "SELECT fund_request.id, fund_request.year, fund_request.seq, community.name, "
        "neighborhood.name, fund_request.project, fund_request.applicant, fund_request.emergency, "
        "fund_request.stage, fund_request.stage_since, fund_request.budget_fen, "
        f"fund_request.approved_fen, paid.paid, fund_request.applied_on {FROM} "
        "LEFT OUTER JOIN neighborhood ON community.neighborhood_id = neighborhood.id "
        f"{PAID} WHERE fund_request.id IN ({marks})"
    )
    by_id = {}
    for (
        rid,
        y,
        seq,
        c,
        hood,
        project,
        who,
        urgent,
        stage,
        since,
        budget,
        ok,
        paid,
        on,
    ) in raw.execute(sql, ids):
        since_d = date.fromisoformat(since)
        by_id[rid] = (
            rid,
            f"{y}-{seq:03d}",
            c,
            hood or "",
            project,
            who,
            bool(urgent),
            stage,
            since_d,
            max(0, (TODAY - since_d).days),
            budget,
            ok,
            paid or 0,
            date.fromisoformat(on) if on else None,
        )
    return [by_id[i] for i in ids if i in by_id]


def bench_queries(data_dir: Path, repeat: int) -> list[Stat]:
    opened, services = services_for(data_dir)
    raw = sqlite3.connect(data_dir / "propdesk.db")
    stats: list[Stat] = []
    try:
        cases = query_cases(raw)
        for name, q, where, params in cases:
            sql = f"SELECT fund_request.id {FROM} {where} {ORDER}"
            app_t, raw_t = [], []
            for _ in range(repeat):
                dt, ids = timed(lambda q=q: services.funds.search_ids(q))
                app_t.append(dt)
                dt, raw_ids = timed(lambda sql=sql, p=params: [r[0] for r in raw.execute(sql, p)])
                raw_t.append(dt)
            assert ids == raw_ids, name
            stats.append(
                Stat(
                    f"ids: {name} ({len(ids):,})",
                    app_t,
                    None,
                    statistics.median(raw_t),
                    QUERY_TARGET_RATIO,
                )
            )
        first = services.funds.search_ids()[:200]
        app_t, raw_t = [], []
        for _ in range(repeat):
            dt, rows = timed(lambda: services.funds.rows(first))
            app_t.append(dt)
            dt, bare = timed(lambda: raw_rows(raw, first))
            raw_t.append(dt)
        assert [
            (
                r.id,
                r.serial,
                r.community,
                r.neighborhood,
                r.project,
                r.applicant.value,
                r.emergency,
                r.stage.value,
                r.stage_since,
                r.days_in_stage,
                r.budget_fen,
                r.approved_fen,
                r.disbursed_fen,
                r.applied_on,
            )
            for r in rows
        ] == bare
        stats.append(
            Stat(
                "rows: first 200 (FundRow)",
                app_t,
                ROWS_TARGET,
                statistics.median(raw_t),
                None,
                "raw selects the 14 columns FundRow needs",
            )
        )
        for name, q, where, params in (cases[0], cases[3]):
            sql = (
                "SELECT count(fund_request.id), coalesce(sum(fund_request.budget_fen), 0), "
                "coalesce(sum(fund_request.approved_fen), 0), coalesce(sum(paid.paid), 0) "
                f"{FROM} {PAID} {where}"
            )
            app_t, raw_t = [], []
            for _ in range(repeat):
                dt, tot = timed(lambda q=q: services.funds.totals(q))
                app_t.append(dt)
                dt, bare_tot = timed(lambda sql=sql, p=params: raw.execute(sql, p).fetchone())
                raw_t.append(dt)
            assert (tot.count, tot.requested_fen, tot.approved_fen, tot.disbursed_fen) == bare_tot
            stats.append(
                Stat(
                    f"totals: {name} ({tot.count:,})",
                    app_t,
                    None,
                    statistics.median(raw_t),
                    QUERY_TARGET_RATIO,
                )
            )
    finally:
        raw.close()
        opened.close()
    return stats


# ---- ledger ----------------------------------------------------------------------------------
def bench_ledger(data_dir: Path, repeat: int) -> tuple[list[Stat], dict[str, Any]]:
    from app.domain import fund_ledger
    from app.spreadsheets.ledger_writer import LedgerSpec, write_ledger

    opened, services = services_for(data_dir)
    raw = sqlite3.connect(data_dir / "propdesk.db")
    out = OUT_DIR / "export"
    out.mkdir(parents=True, exist_ok=True)
    times: dict[str, list[float]] = {k: [] for k in ("app", "views", "writer", "fetch", "write")}
    n = 0
    try:
        ids = list(reversed(services.funds.search_ids()))
        spec = LedgerSpec("维修资金使用台账", "基准测试", TODAY, fund_ledger.COLUMNS)
        for _ in range(repeat):
            dt, n = timed(lambda: services.ledgers.export_funds(out / "funds.xlsx"))
            times["app"].append(dt)
            dt, views = timed(lambda: ledger_records(services, ids))
            times["views"].append(dt)
            data = [fund_ledger.ledger_row(k, v, 7) for k, v in enumerate(views, 1)]
            summary = fund_ledger.summary_rows(views)
            dt, _ = timed(lambda d=data, s=summary: write_ledger(out / "funds-w.xlsx", spec, d, s))
            times["writer"].append(dt)
            dt, bare = timed(lambda: raw_ledger_rows(raw))
            times["fetch"].append(dt)
            assert bare == data + summary, "the bare rows differ from the app's ledger rows"
            times["write"].append(timed(lambda b=bare: raw_write(out / "funds-raw.xlsx", b))[0])
            del views, data, bare
    finally:
        raw.close()
        opened.close()
    base = [f + w for f, w in zip(times["fetch"], times["write"], strict=True)]
    med = statistics.median
    stats = [
        Stat(
            f"维修资金使用台账 export ({n:,} requests)",
            times["app"],
            None,
            med(base),
            LEDGER_TARGET_RATIO,
            "raw = bare sqlite3 fetch + openpyxl write-only, same cells",
        ),
        Stat(
            "  ledger_records (Core select)",
            times["views"],
            None,
            med(times["fetch"]),
            None,
            "against the bare fetch + row building",
        ),
        Stat("  write_ledger alone, same rows", times["writer"], None, med(times["write"])),
        Stat("  baseline: sqlite3 fetch + rows", times["fetch"]),
        Stat("  baseline: openpyxl write-only", times["write"]),
        Stat("  baseline: total", base),
    ]
    return stats, {"ledger_rows": n}


def profile_ledger(data_dir: Path) -> dict[str, Any]:
    """cProfile one export_funds, and count the SQL statements of 1,000 detail views (get)."""
    import cProfile
    import io
    import pstats

    from sqlalchemy import event

    opened, services = services_for(data_dir)
    folder = OUT_DIR / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        ids = list(reversed(services.funds.search_ids()))[:1000]
        count = [0]

        def on_execute(*_: object) -> None:
            count[0] += 1

        engine = services.ctx.db.engine
        event.listen(engine, "before_cursor_execute", on_execute)
        for i in ids:
            services.funds.get(i)
        event.remove(engine, "before_cursor_execute", on_execute)
        prof = cProfile.Profile()
        prof.enable()
        services.ledgers.export_funds(OUT_DIR / "export" / "funds-profiled.xlsx")
        prof.disable()
    finally:
        opened.close()
    prof.dump_stats(folder / "funds-export.prof")
    text = io.StringIO()
    for key in ("tottime", "cumulative"):
        pstats.Stats(prof, stream=text).sort_stats(key).print_stats(30)
    (folder / "funds-export.txt").write_text(text.getvalue(), encoding="utf-8")
    return {
        f"SQL statements for get() of {len(ids)} requests, one by one": count[0],
        "profile": str(folder / "funds-export.txt"),
    }


# ---- split and votes -------------------------------------------------------------------------
def bench_split(repeat: int) -> tuple[list[Stat], dict[str, Any]]:
    from app.domain.cost_split import split

    units = split_units(SPLIT_UNITS)
    cost = 123_456_789
    assert [s.fen for s in split(cost, units)] == raw_split(cost, units)
    app_t, raw_t = [], []
    for _ in range(repeat):
        app_t.append(timed(lambda: [split(cost, units) for _ in range(SPLIT_CALLS)])[0])
        raw_t.append(timed(lambda: [raw_split(cost, units) for _ in range(SPLIT_CALLS)])[0])
    app_t = [t / SPLIT_CALLS for t in app_t]
    raw_t = [t / SPLIT_CALLS for t in raw_t]
    return [
        Stat(
            f"split: {SPLIT_UNITS:,} units, per call",
            app_t,
            None,
            statistics.median(raw_t),
            None,
            "raw = int(area × 100), floor shares, remainder to the largest",
        ),
        Stat("  baseline: bare loop, per call", raw_t),
    ], {}


def bench_votes(repeat: int) -> tuple[list[Stat], dict[str, Any]]:
    from app import paths
    from app.domain import rulepack
    from app.domain.votes import evaluate

    rules = rulepack.load(paths.rules_dir()).votes
    counts = vote_counts(VOTE_CALLS)
    assert [evaluate(c, m, rules).passed for c, m in counts] == [
        raw_evaluate(c, m, rules) for c, m in counts
    ]
    app_t, raw_t = [], []
    for _ in range(repeat):
        app_t.append(timed(lambda: [evaluate(c, m, rules) for c, m in counts])[0])
        raw_t.append(timed(lambda: [raw_evaluate(c, m, rules) for c, m in counts])[0])
    per = {
        "evaluate_us_per_call": statistics.median(app_t) / VOTE_CALLS * 1e6,
        "raw_fraction_us_per_call": statistics.median(raw_t) / VOTE_CALLS * 1e6,
    }
    return [
        Stat(
            f"votes.evaluate × {VOTE_CALLS:,}",
            app_t,
            None,
            statistics.median(raw_t),
            None,
            "raw = the four Fraction comparisons",
        ),
        Stat(f"  baseline: Fraction tests × {VOTE_CALLS:,}", raw_t),
    ], per


# ---- the bare-library baselines --------------------------------------------------------------
LEDGER_SQL = f"""
SELECT fund_request.year, fund_request.seq, neighborhood.name, community.name,
  fund_request.project, fund_request.part, fund_request.applicant, fund_request.applicant_name,
  fund_request.emergency, fund_request.scope_text, fund_request.scope_households,
  fund_request.scope_area, fund_request.voted_on, fund_request.vote_passed,
  fund_request.disclosure_start, fund_request.disclosure_end, fund_request.budget_fen,
  fund_request.approved_fen, paid.paid, fund_request.final_fen, fund_request.stage,
  fund_request.stage_since, fund_request.completed_on, fund_request.closed_on, fund_request.notes,
  CASE WHEN fund_request.stage IN ('returned', 'rejected') THEN (
    SELECT s.to_stage || char(31) || s.opinion FROM fund_step AS s
    WHERE s.request_id = fund_request.id ORDER BY s."on" DESC, s.id DESC LIMIT 1) END
{FROM} LEFT OUTER JOIN neighborhood ON community.neighborhood_id = neighborhood.id {PAID}
ORDER BY fund_request.year, fund_request.seq"""


def ledger_records(services, ids):  # type: ignore[no-untyped-def]
    """What export_funds reads: the ledger's columns by one Core select per 900 ids."""
    from app.storage.repositories import fund_repo

    with services.ctx.db.read() as s:
        return fund_repo.ledger_records(s, ids)


def raw_ledger_rows(raw: sqlite3.Connection) -> list[list[object]]:
    """The ledger's cells (fund_ledger.COLUMNS) and its 合计 row, from one bare query."""
    from datetime import date
    from decimal import Decimal

    from app.domain.funds import Applicant, FundStage

    who = {a.value: a.label for a in Applicant}
    stages = {s.value: s.label for s in FundStage}
    day = date.fromisoformat
    min_days = 7  # the pack's disclosure_min_days (national.json)
    rows: list[list[object]] = []
    sums = [0, 0, 0, 0]
    for k, (
        y,
        seq,
        hood,
        name,
        project,
        part,
        app,
        app_name,
        urgent,
        scope,
        homes,
        area,
        voted_on,
        passed,
        start,
        end,
        budget,
        ok,
        paid,
        final,
        stage,
        since,
        completed,
        closed,
        notes,
        last,
    ) in enumerate(raw.execute(LEDGER_SQL), 1):
        paid = paid or 0
        vote = (
            "紧急使用，无需表决"
            if urgent
            else "未表决"
            if passed is None
            else (f"{'通过' if passed else '未通过'}（{voted_on or ''}）")
        )
        disclosure, text = "", []
        if start and end:
            days = (day(end) - day(start)).days + 1
            disclosure = f"{start} 至 {end}（{days}天）"
            if days < min_days:
                text.append(f"公示期少于规定的 {min_days} 天")
        if last:
            to, opinion = last.split("\x1f", 1)
            if to == stage and stage in ("returned", "rejected"):
                text.insert(0, f"{stages[stage]}理由：{opinion}")
        if notes:
            text.append(notes)
        sums = [sums[0] + budget, sums[1] + (ok or 0), sums[2] + paid, sums[3] + (final or 0)]
        rows.append(
            [
                k,
                f"{y}-{seq:03d}",
                hood or "",
                name,
                project,
                part,
                f"{who[app]} {app_name}".strip(),
                "是" if urgent else "否",
                scope,
                homes,
                None if area is None else Decimal(area) / 100,
                vote,
                disclosure,
                Decimal(budget) / 100,
                None if ok is None else Decimal(ok) / 100,
                Decimal(paid) / 100,
                None if final is None else Decimal(final) / 100,
                stages[stage],
                day(since),
                completed and day(completed),
                closed and day(closed),
                "；".join(text),
            ]
        )
    total: list[object] = [None] * 22
    total[1], total[3] = "合计", f"{len(rows)} 件"
    total[13:17] = [Decimal(v) / 100 for v in sums]
    return [*rows, total]


def raw_write(path: Path, rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    from app.domain.fund_ledger import COLUMNS

    book = Workbook(write_only=True)
    sheet = book.create_sheet("维修资金使用台账")
    sheet.append([c.header for c in COLUMNS])
    for row in rows:
        sheet.append(row)
    book.save(path)


def raw_split(cost: int, units: list[Any]) -> list[int]:
    areas = [int(u.area * 100) for u in units]
    total = sum(areas)
    fens = [cost * a // total for a in areas]
    largest = max(range(len(areas)), key=lambda i: (areas[i], -i))
    fens[largest] += cost - sum(fens)
    return fens


def raw_evaluate(c: Any, matter: Any, r: Any) -> bool:
    """The four Civil Code tests with bare Fractions (every test computed, as evaluate does)."""
    ta, pa, ya = Fraction(c.total_area), Fraction(c.part_area), Fraction(c.yes_area)
    if matter in r.special_matters:
        tests = [ya >= r.special_area * pa, c.yes_owners >= r.special_owners * c.part_owners]
    else:
        tests = [ya > r.ordinary_area_gt * pa, c.yes_owners > r.ordinary_owners_gt * c.part_owners]
    return all(
        [pa >= r.quorum_area * ta, c.part_owners >= r.quorum_owners * c.total_owners, *tests]
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--data-dir", type=Path)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--only", default="queries,ledger,split,votes")
    p.add_argument("--json", type=Path)
    p.add_argument("--profile", action="store_true", help="also cProfile one ledger export")
    args = p.parse_args(argv)
    only = set(args.only.split(","))
    stats: list[Stat] = []
    detail: dict[str, Any] = {}
    if only & {"queries", "ledger"}:
        county = ensure_county(args.data_dir)
        detail["requests"] = ensure_funds(county)
        if "queries" in only:
            stats += bench_queries(county, args.repeat)
        if "ledger" in only:
            s, d = bench_ledger(county, max(1, args.repeat // 2))
            stats += s
            detail.update(d)
            if args.profile:
                detail.update(profile_ledger(county))
    if "split" in only:
        s, d = bench_split(args.repeat)
        stats += s
        detail.update(d)
    if "votes" in only:
        s, d = bench_votes(args.repeat)
        stats += s
        detail.update(d)
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
