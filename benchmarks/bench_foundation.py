"""Foundation benchmarks on a 20,000-community county (see benchmarks/README.md).

    python benchmarks/bench_foundation.py [--data-dir DIR] [--repeat 5] [--json out.json]
                                          [--only startup,keys,export,import] [--profile]

Without --data-dir the county is generated once into benchmarks/out/county and reused.
"""

from __future__ import annotations

import time

# Taken before anything else is imported: the child started for the window benchmark
# measures "in-process" time from here. Module-level imports are kept to what the app's own
# entry point loads anyway (argparse, json, pathlib, typing); the rest is imported where used,
# so the harness adds next to nothing to the start-up it measures.
_T0 = time.perf_counter()
_W0 = time.time()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

from _common import (  # noqa: E402
    OUT_DIR,
    REPO,
    Stat,
    clear_data_dir,
    ensure_county,
    fmt_seconds,
    offscreen,
    table,
)

if TYPE_CHECKING:
    import cProfile

SCRIPT = Path(__file__).resolve()
PROFILE_DIR = OUT_DIR / "profiles"
SECTIONS = ("startup", "keys", "export", "import")

STARTUP_TARGET = 1.0
STARTUP_TARGET_RATIO = 1.5  # PropDesk's first frame / the bare window's
KEY_TARGET = 0.050
EXPORT_TARGET_RATIO = 1.5

# What a clerk types into the 小区 search box, one entry per keystroke (an IME commits a
# whole word at a time, so CJK prefixes grow by a character). "" is the clear button.
KEYSTROKES: list[tuple[str, str]] = [
    ("锦", "name prefix"),
    ("锦绣", "name prefix"),
    ("锦绣花", "name prefix"),
    ("锦绣花园", "name prefix"),
    ("", "clear"),
    ("恒", "company fragment"),
    ("恒信", "company fragment"),
    ("恒信物业", "company fragment"),
    ("", "clear"),
    ("东湖路", "address fragment"),
    ("东湖路1", "address fragment"),
    ("", "clear"),
    ("不", "miss"),
    ("不存", "miss"),
    ("不存在", "miss"),
    ("", "clear"),
    ("翠湖 雅居", "two words"),
    ("翠湖 雅居1", "two words"),
    ("阳光家园12", "narrow"),
    ("", "clear"),
]


# ---- helpers ------------------------------------------------------------------------------
def log(msg: str) -> None:
    print(msg, flush=True)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def profile_to(name: str, fn: Callable[[], Any], *, limit: int = 40) -> Path:
    """Run fn under cProfile; write the top functions (cumulative and own time) to a file."""
    import cProfile

    PROFILE_DIR.mkdir(parents=True, exist_ok=True)
    prof = cProfile.Profile()
    prof.enable()
    try:
        fn()
    finally:
        prof.disable()
    return write_profile(name, prof, limit=limit)


def write_profile(name: str, prof: cProfile.Profile, *, limit: int = 40) -> Path:
    import io
    import pstats

    PROFILE_DIR.mkdir(parents=True, exist_ok=True)
    prof.dump_stats(PROFILE_DIR / f"{name}.prof")
    buf = io.StringIO()
    st = pstats.Stats(prof, stream=buf).strip_dirs()
    st.sort_stats("cumulative").print_stats(limit)
    st.sort_stats("tottime").print_stats(limit)
    path = PROFILE_DIR / f"{name}.txt"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def quiet_offscreen_warnings() -> None:
    """The offscreen platform warns on every window it shows; keep the rest of Qt's output."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode: object, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def open_county(data_dir: Path):  # type: ignore[no-untyped-def]
    from app.bootstrap import open_data

    return open_data(data_dir)


# ---- a. time to the first painted main window --------------------------------------------
def child_startup(data_dir: Path, spawned_at: float, profile: bool) -> None:
    """Mirror app.ui.app.run_gui up to the first painted frame of the main window, with a
    mark after each step (the breakdown; the figure itself comes from the real command).

    Prints one JSON line with marks in seconds since _T0 (perf_counter) and exits at once."""
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    offscreen()
    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        marks[name] = time.perf_counter() - _T0

    # The data layer first, then app.ui.app, as the real entry point (app.cli) does: the
    # order in which PySide6, SQLAlchemy and the rest are loaded is then the app's own.
    import app.bootstrap  # noqa: F401
    from app.ui.app import build_main_window, make_application

    # isort: split
    from app.bootstrap import open_data
    from app.ui.errors import install_excepthook
    from app.ui.first_paint import FirstFrame

    mark("imports")
    app = make_application([sys.argv[0]])
    mark("qapplication")
    opened = open_data(data_dir)
    mark("open_data")
    install_excepthook(opened.log_path, dialogs=False)
    window = build_main_window(opened, dialogs=False)
    mark("main_window_built")

    done: dict[str, float] = {}

    def frame_done() -> None:
        mark("frame_done")
        done["wall"] = time.time()
        app.quit()

    watcher = FirstFrame(window, frame_done, on_paint=lambda: mark("first_paint"))
    window.show()
    mark("shown")
    app.exec()
    del watcher
    if prof is not None:
        prof.disable()
        write_profile("startup", prof)
    page = window.stack.currentWidget()
    result = {
        "marks": marks,
        "in_process": marks["frame_done"],
        "with_interpreter": done["wall"] - spawned_at,
        "interpreter_to_T0": _W0 - spawned_at,
        "page": getattr(page, "title", ""),
        "window_size": [window.width(), window.height()],
        "communities_rows": window.communities.model.rowCount(),
    }
    print("RESULT " + json.dumps(result), flush=True)
    opened.close()
    os._exit(0)  # skip Qt and interpreter teardown: not part of start-up


def startup_env(*, bytecode: bool) -> dict[str, str]:
    """The child's environment. bytecode=True: compiled modules are cached (in
    benchmarks/out/pycache, leaving the source tree alone), as in an installed or frozen
    build; bytecode=False: the environment as inherited (a dev shell may set
    PYTHONDONTWRITEBYTECODE=1, and then app/ is compiled from source at every start)."""
    offscreen()
    env = dict(os.environ)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(OUT_DIR / "pycache")
    return env


def run_startup_child(
    data_dir: Path, *, profile: bool = False, bytecode: bool = True
) -> dict[str, Any]:
    import subprocess

    env = startup_env(bytecode=bytecode)
    # The child imports this file as a module rather than running it as a script, so that
    # its bytecode is cached like the app's: a script run as __main__ is compiled every time,
    # which would add ~10 ms of harness to the figure.
    code = (
        f"import sys; sys.path.insert(0, {str(SCRIPT.parent)!r}); import {SCRIPT.stem} as b; "
        "sys.exit(b.main(sys.argv[1:]))"
    )
    cmd = [sys.executable, "-c", code, "--child-startup", "--data-dir", str(data_dir)]
    if profile:
        cmd.append("--profile")
    spawned_at = time.time()
    proc = subprocess.run(
        [*cmd, "--spawned-at", repr(spawned_at)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])  # type: ignore[no-any-return]
    raise RuntimeError(f"start-up child failed (rc {proc.returncode}):\n{proc.stderr[-3000:]}")


def propdesk_command(data_dir: Path) -> list[str]:
    """`propdesk gui --first-paint-exit` as `python -m app` runs it; for a checkout whose
    command line has no such flag yet, the same run_gui call through `python -c`."""
    import subprocess

    cmd = [sys.executable, "-m", "app", "gui", "--first-paint-exit", "--data-dir", str(data_dir)]
    help_text = subprocess.run(
        [sys.executable, "-m", "app", "gui", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    if "--first-paint-exit" in help_text:
        return cmd
    code = (
        "import sys; import app.bootstrap; from app.ui.app import run_gui; "
        "sys.exit(run_gui(sys.argv[1], first_paint_exit=True))"
    )
    return [sys.executable, "-c", code, str(data_dir)]


def bare_command(data_dir: Path) -> list[str]:
    """benchmarks/bare_window.py, imported as a module (its bytecode cached, as the app's)."""
    code = (
        f"import sys; sys.path.insert(0, {str(SCRIPT.parent)!r}); import bare_window as b; "
        "sys.exit(b.main(sys.argv[1:]))"
    )
    return [sys.executable, "-c", code, "--data-dir", str(data_dir)]


def run_to_first_frame(cmd: list[str], *, bytecode: bool = True) -> dict[str, float]:
    """Spawn cmd; seconds from just before the spawn to the end of its first painted frame
    (the `first_frame_wall=` it prints) and to its exit, and the processor time the child
    had used at its first frame (`cpu_s=`)."""
    import re
    import subprocess

    env = startup_env(bytecode=bytecode)
    spawned_at = time.time()
    proc = subprocess.run(cmd, env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    exited_at = time.time()
    found = re.search(r"first_frame_wall=([0-9.]+)", proc.stdout)
    cpu = re.search(r"cpu_s=([0-9.]+)", proc.stdout)
    if proc.returncode != 0 or found is None:
        raise RuntimeError(
            f"{cmd[:4]} failed (rc {proc.returncode}):\n{proc.stdout[-1000:]}\n"
            f"{proc.stderr[-3000:]}"
        )
    return {
        "first_frame": float(found.group(1)) - spawned_at,
        "exit": exited_at - spawned_at,
        "cpu": float(cpu.group(1)) if cpu else float("nan"),
    }


def import_times(cmd: list[str], *, limit: int = 40) -> Path:
    """One run under `python -X importtime`; the slowest imports (cumulative) to a file."""
    import subprocess

    env = startup_env(bytecode=True)
    proc = subprocess.run(
        [cmd[0], "-X", "importtime", *cmd[1:]],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    rows = []
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            own, cumulative, name = line[len("import time:") :].split("|", 2)
            rows.append((int(cumulative), int(own), name[1:].rstrip()))  # indent = depth
    top_level = sum(c for c, _, name in rows if not name.startswith(" "))
    lines = [f"{len(rows)} modules; top-level imports {top_level / 1e6:.3f} s", ""]
    lines.append(f"{'cumulative':>11} {'self':>8}  module")
    for cumulative, own, name in sorted(rows, reverse=True)[:limit]:
        lines.append(f"{cumulative / 1e3:>9.1f}ms {own / 1e3:>6.1f}ms  {name.strip()}")
    lines.append("")
    lines.append("self time, top:")
    for cumulative, own, name in sorted(rows, key=lambda r: -r[1])[:limit]:
        lines.append(f"{cumulative / 1e3:>9.1f}ms {own / 1e3:>6.1f}ms  {name.strip()}")
    PROFILE_DIR.mkdir(parents=True, exist_ok=True)
    path = PROFILE_DIR / "startup-importtime.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bench_startup(data_dir: Path, repeat: int, profile: bool) -> tuple[list[Stat], dict]:
    import math
    import statistics

    app_cmd = propdesk_command(data_dir)
    bare_cmd = bare_command(data_dir)
    shown = "python -m app gui --first-paint-exit" if "-m" in app_cmd else "run_gui via python -c"
    log(
        f"[a] start-up to the first painted frame, whole process: {shown} against "
        f"benchmarks/bare_window.py, 1 discarded warm-up each + {repeat} interleaved runs ..."
    )
    # Every run quits the way the app does (the window is closed, and closeEvent saves
    # ui-state.ini). Start from no saved state: the warm-up run then leaves what a clerk's
    # first session leaves (a 1280×800 window, the default column widths and sort), and
    # every measured run restores that, as on each later start.
    (data_dir / "ui-state.ini").unlink(missing_ok=True)
    run_to_first_frame(app_cmd)  # warm the page cache and the .pyc files; discarded
    run_to_first_frame(bare_cmd)
    app_runs: list[dict[str, float]] = []
    bare_runs: list[dict[str, float]] = []
    for _ in range(repeat):  # interleaved, so that drift in the machine's load hits both
        app_runs.append(run_to_first_frame(app_cmd))
        bare_runs.append(run_to_first_frame(bare_cmd))
    bare = statistics.median(r["first_frame"] for r in bare_runs)
    stats = [
        Stat(
            "a. PropDesk gui --first-paint-exit, spawn → first frame",
            [r["first_frame"] for r in app_runs],
            target=STARTUP_TARGET,
            baseline=bare,
            target_ratio=STARTUP_TARGET_RATIO,
        ),
        Stat(
            "a. bare PySide6 + SQLAlchemy window, spawn → first frame",
            [r["first_frame"] for r in bare_runs],
        ),
    ]
    if not any(math.isnan(r["cpu"]) for r in app_runs + bare_runs):
        # Processor time used by the child up to its first frame: the same work, less
        # disturbed by other processes on a busy machine than the wall clock.
        bare_cpu = statistics.median(r["cpu"] for r in bare_runs)
        stats += [
            Stat(
                "a. PropDesk, processor time to first frame",
                [r["cpu"] for r in app_runs],
                baseline=bare_cpu,
            ),
            Stat("a. bare window, processor time to first frame", [r["cpu"] for r in bare_runs]),
        ]
    app_median = stats[0].median
    log(
        f"    PropDesk {fmt_seconds(app_median)}, bare window {fmt_seconds(bare)}: "
        f"{app_median / bare:.2f}× (target ≤ {STARTUP_TARGET_RATIO:.1f}×)"
    )
    log(
        "    spawn → exit (with teardown): PropDesk "
        f"{fmt_seconds(statistics.median(r['exit'] for r in app_runs))}, bare "
        f"{fmt_seconds(statistics.median(r['exit'] for r in bare_runs))}"
    )
    details: dict[str, Any] = {
        "command": app_cmd,
        "bare_command": bare_cmd,
        "runs": app_runs,
        "bare_runs": bare_runs,
    }

    # Where the time goes: the same steps as run_gui, with a mark after each.
    parts = [run_startup_child(data_dir) for _ in range(repeat)]
    first = parts[0]
    log(
        f"    first frame shows page {first['page']!r}, window {first['window_size']}, "
        f"小区 model rows {first['communities_rows']}"
    )
    breakdown = {}
    prev = 0.0
    for name in first["marks"]:
        at = statistics.median(r["marks"][name] for r in parts)
        breakdown[name] = {"at_s": at, "step_s": at - prev}
        prev = at
    log("    median breakdown (in-process, since perf_counter at the top of the script):")
    for name, b in breakdown.items():
        log(f"      {name:<18} at {fmt_seconds(b['at_s']):>9}   step {fmt_seconds(b['step_s']):>9}")
    interp = statistics.median(r["interpreter_to_T0"] for r in parts)
    log(f"      interpreter start before the script's first line: {fmt_seconds(interp)}")
    details.update(breakdown=breakdown, interpreter_start_s=interp, breakdown_runs=parts)

    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        n = max(1, repeat // 2 + 1)
        log(f"    + {n} runs in the inherited environment (PYTHONDONTWRITEBYTECODE set) ...")
        plain = [run_to_first_frame(app_cmd, bytecode=False) for _ in range(n)]
        stats.append(
            Stat(
                "a. same, no cached .pyc",
                [r["first_frame"] for r in plain],
                target=STARTUP_TARGET,
                note="PYTHONDONTWRITEBYTECODE=1: app/ is compiled from source at every start",
            )
        )
        details["runs_without_bytecode_cache"] = plain
    if profile:
        run_startup_child(data_dir, profile=True)
        log(f"    profile: {PROFILE_DIR / 'startup.txt'}")
        log(f"    imports: {import_times(app_cmd)}")
    return stats, details


# ---- b. filter keystrokes -----------------------------------------------------------------
def raw_search_sql(text: str, *, descending: bool) -> tuple[str, list[str]]:
    """community_repo.search_ids(CommunityQuery(text=text, sort_key="name")) written out for
    sqlite3: _filtered's joins, one OR group per word, archived rows hidden, sorted by name
    with NULLs last and the name again as the tie-break."""
    where = []
    params: list[str] = []
    for word in text.split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(
            "(community.name LIKE ? ESCAPE '\\' OR community.address LIKE ? ESCAPE '\\'"
            " OR property_company.name LIKE ? ESCAPE '\\')"
        )
        params += [pattern] * 3
    where.append("community.archived_at IS NULL")
    sql = (
        "SELECT community.id FROM community"
        " JOIN neighborhood ON community.neighborhood_id = neighborhood.id"
        " LEFT OUTER JOIN property_company ON community.company_id = property_company.id"
        f" WHERE {' AND '.join(where)}"
        " ORDER BY CASE WHEN community.name IS NULL THEN 1 ELSE 0 END,"
        f" community.name {'DESC' if descending else 'ASC'}, community.name ASC"
    )
    return sql, params


def bench_keys(data_dir: Path, profile: bool) -> tuple[list[Stat], dict]:
    offscreen()
    import gc
    import sqlite3
    import statistics
    from dataclasses import replace

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtTest import QTest

    from app.domain.community import CommunityQuery
    from app.ui.app import build_main_window, make_application

    log(f"[b] filter keystrokes: {len(KEYSTROKES)} keystrokes on the 小区 page ...")
    quiet_offscreen_warnings()
    app = make_application([sys.argv[0]])
    opened = open_county(data_dir)
    window = build_main_window(opened, dialogs=False, jobs=False)
    window.show()
    QTest.qWaitForWindowExposed(window)
    page = window.go("小区")
    app.processEvents()
    table_view = page.table
    table_view.viewport().repaint()
    total_rows = page.model.rowCount()

    class PaintSeen(QObject):
        """Counts the viewport's Paint events (the event filter sees each one first)."""

        count = 0

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    seen = PaintSeen()
    table_view.viewport().installEventFilter(seen)

    def keystroke(text: str) -> dict[str, Any]:
        before = seen.count
        t0 = time.perf_counter()
        page.search.setText(text)  # textChanged starts the 150 ms debounce timer ...
        page._debounce.stop()  # ... which we bypass: apply_filters is called directly
        page.apply_filters()
        t1 = time.perf_counter()
        app.processEvents()  # model reset → item layout, count label, the pending repaint
        forced = seen.count == before
        if forced:  # no paint was delivered: paint the viewport now, synchronously
            table_view.viewport().repaint()
        t2 = time.perf_counter()
        assert seen.count > before
        return {
            "total": t2 - t0,
            "apply_filters": t1 - t0,
            "paint": t2 - t1,
            "forced_repaint": forced,
        }

    def sequence() -> list[dict[str, Any]]:
        out = []
        for text, kind in KEYSTROKES:
            r = keystroke(text)
            r.update(text=text, kind=kind, rows=page.model.rowCount())
            out.append(r)
        return out

    gc.collect()
    runs = sequence()
    for r in runs:
        log(
            f"    {r['text'] or '(clear)':<12} {r['kind']:<17} {r['rows']:>6} rows  "
            f"total {fmt_seconds(r['total']):>9}  = apply_filters "
            f"{fmt_seconds(r['apply_filters']):>9} + events & paint {fmt_seconds(r['paint']):>8}"
            + (" (forced repaint)" if r["forced_repaint"] else "")
        )

    # the query alone, through the service, and with the bare sqlite3 module
    services = opened.services
    shown = page.query()  # the page's own query: its filters are all at their defaults
    assert replace(shown, descending=False) == CommunityQuery(), shown
    queries = [(text, replace(shown, text=text)) for text, _ in KEYSTROKES]
    svc_times = []
    app_ids = {}
    for text, q in queries:
        dt, ids = timed(lambda q=q: services.communities.search_ids(q))
        svc_times.append(dt)
        app_ids[text] = ids
    conn = sqlite3.connect(f"file:{data_dir / 'propdesk.db'}?mode=ro", uri=True)
    conn.execute("PRAGMA query_only=ON")
    raw_times = []
    for text, _ in queries:
        sql, params = raw_search_sql(text, descending=shown.descending)
        dt, ids = timed(lambda sql=sql, params=params: [r[0] for r in conn.execute(sql, params)])
        raw_times.append(dt)
        if ids != app_ids[text]:
            raise AssertionError(f"raw SQL differs from search_ids for {text!r}")
    conn.close()

    if profile:
        path = profile_to("keys", sequence)
        log(f"    profile: {path}")
    window.hide()  # no close(): closeEvent would save ui-state.ini into the county folder
    opened.close()

    raw_median = statistics.median(raw_times)
    svc_median = statistics.median(svc_times)
    stats = [
        Stat(
            "b. keystroke → table repainted",
            [r["total"] for r in runs],
            target=KEY_TARGET,
            baseline=raw_median,
            note="apply_filters called directly (150 ms debounce bypassed)",
        ),
        Stat(
            "b. typed keystrokes only",
            [r["total"] for r in runs if r["kind"] != "clear"],
            target=KEY_TARGET,
        ),
        Stat(
            "b. clear (all 20,000 rows back)",
            [r["total"] for r in runs if r["kind"] == "clear"],
            target=KEY_TARGET,
        ),
        Stat("b. of which apply_filters", [r["apply_filters"] for r in runs]),
        Stat("b. of which events + repaint", [r["paint"] for r in runs]),
        Stat("b. query only: search_ids", svc_times, baseline=raw_median),
        Stat("b. baseline: raw sqlite3 SELECT", raw_times),
    ]
    log(
        f"    query only: search_ids median {fmt_seconds(svc_median)}, raw sqlite3 "
        f"{fmt_seconds(raw_median)} ({svc_median / raw_median:.2f}×); {total_rows} rows in all"
    )
    clear_svc = [t for t, (text, _) in zip(svc_times, KEYSTROKES, strict=True) if not text]
    clear_raw = [t for t, (text, _) in zip(raw_times, KEYSTROKES, strict=True) if not text]
    log(
        f"    clear only: search_ids {fmt_seconds(statistics.median(clear_svc))}, raw sqlite3 "
        f"{fmt_seconds(statistics.median(clear_raw))}"
    )
    details = {
        "keystrokes": runs,
        "search_ids_s": dict(zip([t for t, _ in KEYSTROKES], svc_times, strict=False)),
        "search_ids_all_s": svc_times,
        "raw_sqlite_all_s": raw_times,
    }
    return stats, details


# ---- c. ledger export ---------------------------------------------------------------------
def ledger_rows(services) -> tuple[list[list[object]], Any]:  # type: ignore[no-untyped-def]
    """The rows and spec export_communities builds, made outside any timed region."""
    from dataclasses import replace

    from app.domain.community import CommunityQuery
    from app.domain.community_import import BY_KEY, COLUMNS, export_row
    from app.domain.text import mask_phone
    from app.services.ledger_service import LEDGER_COLUMNS
    from app.spreadsheets.ledger_writer import LedgerFooter, LedgerSpec

    q = replace(CommunityQuery(), sort_key="neighborhood")
    records = services.communities.records(q)
    codes = {c.id: c.fields.uscc for c in services.companies.search()}
    phone_index = 1 + COLUMNS.index(BY_KEY["project_manager_phone"])
    rows = []
    for i, rec in enumerate(records, start=1):
        row = [i, *export_row(rec.fields, rec.company_name, codes.get(rec.fields.company_id, ""))]
        if isinstance(row[phone_index], str):
            row[phone_index] = mask_phone(row[phone_index])
        rows.append(row)
    office = services.office.profile()
    name = office.name or "（未设置单位名称）"
    spec = LedgerSpec(
        title=f"{name}物业小区底数台账",
        unit_name=name,
        fill_date=services.ctx.today(),
        columns=LEDGER_COLUMNS,
        footer=LedgerFooter(
            preparer=services.ctx.operator(), phone=mask_phone(office.contact_phone)
        ),
        sheet_name="小区底数台账",
    )
    return rows, spec


def raw_openpyxl_write(path: Path, headers: list[str], rows: list[list[object]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("小区底数台账")
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)


def bench_export(data_dir: Path, repeat: int, profile: bool) -> tuple[list[Stat], dict]:
    import gc
    import statistics

    from app.domain.community import CommunityQuery
    from app.spreadsheets.ledger_writer import write_ledger

    log(f"[c] ledger export of every community, {repeat} repeats ...")
    opened = open_county(data_dir)
    services = opened.services
    out = OUT_DIR / "export"
    out.mkdir(parents=True, exist_ok=True)
    rows, spec = ledger_rows(services)
    headers = [c.header for c in spec.columns]
    app_t, writer_t, raw_t, read_t = [], [], [], []
    n = 0
    for k in range(repeat):
        gc.collect()
        dt, n = timed(lambda: services.ledgers.export_communities(out / "app.xlsx"))
        app_t.append(dt)
        gc.collect()
        writer_t.append(timed(lambda: write_ledger(out / "writer.xlsx", spec, rows))[0])
        gc.collect()
        raw_t.append(timed(lambda: raw_openpyxl_write(out / "raw.xlsx", headers, rows))[0])
        gc.collect()
        q = CommunityQuery(sort_key="neighborhood")
        read_t.append(timed(lambda q=q: services.communities.records(q))[0])
        log(
            f"    run {k + 1}: export_communities {fmt_seconds(app_t[-1])}, write_ledger "
            f"{fmt_seconds(writer_t[-1])}, raw openpyxl {fmt_seconds(raw_t[-1])}, "
            f"records() {fmt_seconds(read_t[-1])}"
        )
    assert n == len(rows), (n, len(rows))
    if profile:
        path = profile_to("export", lambda: services.ledgers.export_communities(out / "p.xlsx"))
        log(f"    profile: {path}")
    opened.close()
    raw = statistics.median(raw_t)
    sizes = {p.name: p.stat().st_size for p in out.glob("*.xlsx")}
    stats = [
        Stat(
            "c. export_communities (20,000 rows)",
            app_t,
            baseline=raw,
            target_ratio=EXPORT_TARGET_RATIO,
        ),
        Stat("c. write_ledger alone, same rows", writer_t, baseline=raw),
        Stat("c. DB read: communities.records()", read_t),
        Stat("c. baseline: raw openpyxl write-only", raw_t),
    ]
    details = {"rows": n, "file_sizes": sizes}
    return stats, details


# ---- d. import ----------------------------------------------------------------------------
def import_sheet(data_dir: Path) -> Path:
    """The app's own export of the county with phones unmasked: a valid re-importable file."""
    path = OUT_DIR / "county-import.xlsx"
    db = data_dir / "propdesk.db"
    if path.exists() and path.stat().st_mtime > db.stat().st_mtime:
        return path
    opened = open_county(data_dir)
    try:
        opened.services.ledgers.export_communities(path, mask_phones=False)
    finally:
        opened.close()
    return path


def raw_openpyxl_read(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        n = 0
        for row in wb.active.iter_rows(values_only=True):
            for v in row:
                if v is not None:
                    n += 1
        return n
    finally:
        wb.close()


def bench_import(data_dir: Path, repeat: int, profile: bool) -> tuple[list[Stat], dict]:
    import gc
    import statistics

    from app.bootstrap import open_data

    log(f"[d] import of a 20,000-row sheet into an empty database, {repeat} repeats ...")
    sheet = import_sheet(data_dir)
    target = OUT_DIR / "import-target"

    def fresh():  # type: ignore[no-untyped-def]
        if target.exists():
            clear_data_dir(target)
        opened = open_data(target)
        opened.settings.update(operator_name="基准测试")
        return opened

    check_t, apply_t, total_t, raw_t = [], [], [], []
    result = None
    for k in range(repeat):
        opened = fresh()
        gc.collect()
        dt_check, report = timed(lambda o=opened: o.services.imports.check(sheet))
        if not report.ok:
            raise AssertionError(f"import report has problems: {report.problems[:5]}")
        dt_apply, result = timed(lambda o=opened, r=report: o.services.imports.apply(r))
        opened.close()
        check_t.append(dt_check)
        apply_t.append(dt_apply)
        total_t.append(dt_check + dt_apply)
        gc.collect()
        raw_t.append(timed(lambda: raw_openpyxl_read(sheet))[0])
        log(
            f"    run {k + 1}: check {fmt_seconds(dt_check)}, apply {fmt_seconds(dt_apply)}, "
            f"raw openpyxl read {fmt_seconds(raw_t[-1])}"
        )
    assert result is not None and result.created == len(report.rows), result
    if profile:
        opened = fresh()
        path = profile_to("import_check", lambda: opened.services.imports.check(sheet))
        report = opened.services.imports.check(sheet)
        path2 = profile_to("import_apply", lambda: opened.services.imports.apply(report))
        opened.close()
        log(f"    profiles: {path}, {path2}")
    clear_data_dir(target)
    target.rmdir()
    raw = statistics.median(raw_t)
    stats = [
        Stat("d. import check()", check_t, baseline=raw),
        Stat("d. import apply()", apply_t),
        Stat("d. import check + apply", total_t, baseline=raw),
        Stat("d. baseline: raw openpyxl read-only", raw_t),
    ]
    details = {
        "sheet": str(sheet),
        "sheet_bytes": sheet.stat().st_size,
        "created": result.created if result else None,
        "companies_created": result.companies_created if result else None,
    }
    return stats, details


# ---- main ---------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    import platform
    import sqlite3

    import openpyxl
    import PySide6
    import sqlalchemy

    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "openpyxl": openpyxl.__version__,
        "sqlite": sqlite3.sqlite_version,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", type=Path, help="a folder made by generate.py")
    p.add_argument("--repeat", type=int, default=5, help="window start-ups (default 5)")
    p.add_argument("--repeat-files", type=int, default=3, help="exports and imports (default 3)")
    p.add_argument("--json", type=Path, help="write the figures to this file")
    p.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    p.add_argument(
        "--profile", action="store_true", help=f"also cProfile each section into {PROFILE_DIR}"
    )
    p.add_argument("--child-startup", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--spawned-at", type=float, help=argparse.SUPPRESS)
    args = p.parse_args(argv)

    if args.child_startup:
        child_startup(args.data_dir, args.spawned_at, args.profile)
        return 0

    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        p.error(f"unknown sections: {', '.join(sorted(unknown))}")
    offscreen()
    data_dir = ensure_county(args.data_dir)
    info = machine()
    log(f"county: {data_dir}; {info['cpus']} CPUs, Python {info['python']}, {info['platform']}")
    log(f"app under test: {REPO}")
    started = time.perf_counter()
    stats: list[Stat] = []
    details: dict[str, Any] = {}
    if "startup" in sections:
        s, d = bench_startup(data_dir, args.repeat, args.profile)
        stats += s
        details["startup"] = d
    if "keys" in sections:
        s, d = bench_keys(data_dir, args.profile)
        stats += s
        details["keys"] = d
    if "export" in sections:
        s, d = bench_export(data_dir, args.repeat_files, args.profile)
        stats += s
        details["export"] = d
    if "import" in sections:
        s, d = bench_import(data_dir, args.repeat_files, args.profile)
        stats += s
        details["import"] = d
    elapsed = time.perf_counter() - started
    print()
    print(table(stats))
    print(f"\nratio: median / median of the bare-library baseline; whole run {elapsed:.0f} s")
    if args.json:
        payload = {
            "machine": info,
            "data_dir": str(data_dir),
            "elapsed_s": elapsed,
            "stats": [s.as_json() for s in stats],
            "details": details,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
