"""Issue-ledger benchmarks (see benchmarks/README.md).

    python benchmarks/bench_issues.py [--data-dir DIR] [--repeat 5] [--notices 500]
                                      [--only queries,export,notices] [--json out.json]

queries: the 问题台账 page's filters over 200,000 issues, through IssueService, against the
         same SQL run by bare sqlite3.
export:  the 问题整改台账 (Excel) of the overdue issues, against bare openpyxl writing the
         same rows.
notices: issue N notices in one batch (one per addressee) through RectificationService,
         against bare reportlab drawing the same text in the same layout, in the same run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from _common import OUT_DIR, Stat, ensure_county, fmt_seconds, table

TODAY = date(2026, 11, 23)
QUERY_TARGET_RATIO = 1.5
NOTICE_TARGET_RATIO = 1.3
NOTICE_TARGET_BYTES = 80 * 1024


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def services_for(data_dir: Path):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from app.bootstrap import open_data
    from app.services import build_services

    opened = open_data(data_dir)
    return opened, build_services(replace(opened.services.ctx, today=lambda: TODAY))


def ensure_issues(data_dir: Path) -> int:
    conn = sqlite3.connect(data_dir / "propdesk.db")
    try:
        n = conn.execute("SELECT count(*) FROM issue").fetchone()[0]
    except sqlite3.OperationalError:
        n = 0  # an 0001 county: opening it below migrates it
    conn.close()
    if n < 200_000:
        from _issues_data import add_issues

        print(f"adding {200_000 - n} issues to {data_dir} (once) ...")
        add_issues(data_dir, 200_000 - n)
        n = 200_000
    return n


# ---- queries ---------------------------------------------------------------------------------
RAW_FROM = (
    "FROM issue JOIN community ON issue.community_id = community.id "
    "JOIN neighborhood ON community.neighborhood_id = neighborhood.id"
)


def query_cases(services) -> list[tuple[str, Any, str, list[object]]]:  # type: ignore[no-untyped-def]
    from app.domain.enums import IssueStatus
    from app.domain.issues import IssueQuery

    hood = services.communities.neighborhoods()[0][0]
    cat = services.issues.categories()[4].name
    t = TODAY.isoformat()
    order = "ORDER BY issue.found_date DESC, issue.id DESC"
    return [
        ("all, newest first", IssueQuery(), f"SELECT issue.id FROM issue {order}", []),
        (
            "status 整改中",
            IssueQuery(statuses=(IssueStatus.RECTIFYING,)),
            f"SELECT issue.id FROM issue WHERE issue.status = ? {order}",
            ["rectifying"],
        ),
        (
            "overdue only",
            IssueQuery(overdue_only=True),
            "SELECT issue.id FROM issue WHERE issue.status != 'closed' AND issue.deadline < ? "
            f"{order}",
            [t],
        ),
        (
            "neighbourhood + category",
            IssueQuery(neighborhood_id=hood, category=cat),
            f"SELECT issue.id {RAW_FROM} WHERE community.neighborhood_id = ? "
            f"AND issue.category = ? {order}",
            [hood, cat],
        ),
        (
            "text 电梯",
            IssueQuery(text="电梯"),
            f"SELECT issue.id {RAW_FROM} WHERE (issue.description LIKE ? ESCAPE '\\' OR "
            "community.name LIKE ? ESCAPE '\\' OR issue.responsible_name LIKE ? ESCAPE '\\' OR "
            f"issue.source_ref LIKE ? ESCAPE '\\') {order}",
            ["%电梯%"] * 4,
        ),
    ]


def bench_queries(data_dir: Path, repeat: int) -> list[Stat]:
    opened, services = services_for(data_dir)
    raw = sqlite3.connect(data_dir / "propdesk.db")
    stats: list[Stat] = []
    try:
        for name, q, sql, params in query_cases(services):
            app_times, raw_times = [], []
            for _ in range(repeat):
                dt, ids = timed(lambda q=q: services.issues.search_ids(q))
                app_times.append(dt)
                dt, raw_ids = timed(
                    lambda sql=sql, params=params: [r[0] for r in raw.execute(sql, params)]
                )
                raw_times.append(dt)
            assert ids == raw_ids, name
            stats.append(
                Stat(
                    f"ids: {name} ({len(ids)})",
                    app_times,
                    None,
                    statistics.median(raw_times),
                    QUERY_TARGET_RATIO,
                )
            )
        counts = [timed(lambda: services.issues.counts())[0] for _ in range(repeat)]
        raw_counts = [
            timed(
                lambda: (
                    raw.execute("SELECT status, count(*) FROM issue GROUP BY status").fetchall(),
                    raw.execute(
                        "SELECT count(*) FROM issue WHERE status != 'closed' AND deadline < ?",
                        [TODAY.isoformat()],
                    ).fetchone(),
                )
            )[0]
            for _ in range(repeat)
        ]
        stats.append(
            Stat(
                "counts per status + overdue",
                counts,
                None,
                statistics.median(raw_counts),
                QUERY_TARGET_RATIO,
            )
        )
        ids = services.issues.search_ids(query_cases(services)[0][1])[:100]
        rows = [timed(lambda: services.issues.rows(ids))[0] for _ in range(repeat)]
        stats.append(Stat("100 visible rows (with 文书号, 复查)", rows, 0.05))
    finally:
        raw.close()
        opened.close()
    return stats


# ---- export ----------------------------------------------------------------------------------
def bench_export(data_dir: Path, repeat: int) -> list[Stat]:
    from openpyxl import Workbook

    from app.domain import issue_ledger
    from app.domain.issues import IssueQuery

    opened, services = services_for(data_dir)
    out = OUT_DIR / "export"
    out.mkdir(parents=True, exist_ok=True)
    q = IssueQuery(overdue_only=True)
    try:
        app_times, raw_times = [], []
        n = 0
        for _ in range(repeat):
            dt, n = timed(lambda: services.ledgers.export_issues(out / "issues.xlsx", q))
            app_times.append(dt)
            rows = [
                issue_ledger.ledger_row(k, r, TODAY)
                for k, r in enumerate(services.issues.rows(services.issues.search_ids(q)), 1)
            ]

            def raw_write(rows: list[list[object]] = rows) -> None:
                book = Workbook(write_only=True)
                sheet = book.create_sheet("问题整改台账")
                sheet.append([c.header for c in issue_ledger.COLUMNS])
                for row in rows:
                    sheet.append(row)
                book.save(out / "issues-raw.xlsx")

            raw_times.append(timed(raw_write)[0])
    finally:
        opened.close()
    return [
        Stat(
            f"问题整改台账 export ({n} overdue issues)",
            app_times,
            None,
            statistics.median(raw_times),
            1.5,
            "raw = openpyxl write-only, same rows",
        )
    ]


# ---- notices ---------------------------------------------------------------------------------
def notice_folder(base: Path, n: int) -> tuple[Path, list[int]]:
    """A small office with n open issues, each with its own responsible unit."""
    from app.domain.issues import IssueFields

    folder = base / "notices-template"
    opened, services = services_for(folder)
    try:
        services.demo.load(40, 12, issues=False)
        cids = [cid for cid, _ in services.communities.choices()]
        ids = [
            services.issues.create(
                IssueFields(
                    cids[k % len(cids)],
                    "消防安全隐患（通道占用、设施老化）",
                    f"{k + 1}号楼消防通道被电动车和杂物占用，楼道内消火栓箱无水带",
                    TODAY - timedelta(days=2),
                    TODAY + timedelta(days=7),
                    f"示例第{k + 1}物业服务有限公司",
                    legal_basis="《中华人民共和国消防法》第二十八条",
                    measures="立即清理消防通道，补齐消防器材，并建立每日巡查制度",
                )
            ).id
            for k in range(n)
        ]
    finally:
        opened.close()
    return folder, ids


def bench_notices(n: int, repeat: int) -> tuple[list[Stat], dict[str, Any]]:
    from raw_notice import raw_render_batch

    base = Path(tempfile.mkdtemp(prefix="propdesk-notices-"))
    try:
        template, ids = notice_folder(base, n)
        app_times, raw_times, sizes, raw_sizes = [], [], [], []
        for k in range(repeat):
            folder = base / f"run{k}"
            shutil.copytree(template, folder)
            opened, services = services_for(folder)
            try:
                dt, result = timed(lambda services=services: services.chain.issue_batch(ids))
            finally:
                opened.close()
            app_times.append(dt)
            sizes = [len(d.pdf) for d in result.documents]
            docs = [json.loads(s) for s in snapshots(folder)]
            dt, raw = timed(lambda docs=docs: raw_render_batch(docs))
            raw_times.append(dt)
            raw_sizes = [len(b) for b in raw[0]]
        detail = {
            "notices": len(sizes),
            "bytes_per_notice_median": statistics.median(sizes),
            "bytes_per_notice_max": max(sizes),
            "raw_bytes_per_notice_median": statistics.median(raw_sizes),
            "combined_pdf_bytes": len(result.combined_pdf),
        }
        return [
            Stat(
                f"batch of {len(sizes)} notices (+ combined PDF)",
                app_times,
                None,
                statistics.median(raw_times),
                NOTICE_TARGET_RATIO,
                "raw = bare reportlab canvas, same text and layout, same run",
            )
        ], detail
    finally:
        shutil.rmtree(base, ignore_errors=True)


def snapshots(folder: Path) -> list[str]:
    conn = sqlite3.connect(folder / "propdesk.db")
    try:
        return [r[0] for r in conn.execute("SELECT snapshot FROM document ORDER BY id")]
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--notices", type=int, default=500)
    p.add_argument("--only", default="queries,export,notices")
    p.add_argument("--json", type=Path, default=OUT_DIR / "issues.json")
    args = p.parse_args(argv)
    only = set(args.only.split(","))
    stats: list[Stat] = []
    detail: dict[str, Any] = {}
    if only & {"queries", "export"}:
        county = ensure_county(args.data_dir)
        detail["issues"] = ensure_issues(county)
        if "queries" in only:
            stats += bench_queries(county, args.repeat)
        if "export" in only:
            stats += bench_export(county, max(1, args.repeat // 2))
    if "notices" in only:
        s, d = bench_notices(args.notices, max(1, args.repeat // 2))
        stats += s
        detail.update(d)
    print(table(stats))
    for k, v in detail.items():
        print(f"{k}: {v}")
    if "bytes_per_notice_max" in detail:
        ok = detail["bytes_per_notice_max"] <= NOTICE_TARGET_BYTES
        print(f"notice size target ≤ {NOTICE_TARGET_BYTES // 1024} KB: {'ok' if ok else 'MISSED'}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {"stats": [s.as_json() for s in stats], "detail": detail}, ensure_ascii=False, indent=2
        ),
        encoding="utf-8",
    )
    print(f"median times: {', '.join(fmt_seconds(s.median) for s in stats)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
