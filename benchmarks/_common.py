"""Helpers shared by the benchmark scripts: paths, the county generator, and statistics."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out"
DEFAULT_COUNTY = OUT_DIR / "county"
# The app under test: this checkout, or another one (say a worktree with a candidate fix)
# named by PROPDESK_BENCH_REPO. Child processes inherit the variable.
REPO = Path(os.environ.get("PROPDESK_BENCH_REPO") or BENCH_DIR.parent).resolve()

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# Names of the entries a PropDesk data folder may hold (app.paths, app.log, app.settings,
# app.ui.state). `--force` only ever clears a folder that holds nothing else.
DATA_DIR_ENTRIES = {
    "propdesk.db",
    "propdesk.db-wal",
    "propdesk.db-shm",
    "propdesk.db-journal",
    "backups",
    "logs",
    "attachments",
    "exports",
    "cache",
    "settings.json",
    "settings.tmp",
    "ui-state.ini",
}

# 60 invented neighbourhood (社区) names: 6 × 10 two-character combinations.
NEIGHBORHOODS = [
    f"{a}{b}社区"
    for a in "东西南北中新"
    for b in ("湖", "岭", "苑", "辰", "山", "桥", "港", "塘", "街", "园")
]


@dataclass(frozen=True)
class Generated:
    data_dir: Path
    communities: int
    companies: int
    neighborhoods: int
    open_seconds: float
    load_seconds: float


def is_empty_dir(path: Path) -> bool:
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


def clear_data_dir(path: Path) -> None:
    """Empty a folder that holds only what PropDesk puts in a data folder; refuse otherwise."""
    if not path.is_dir():
        raise SystemExit(f"{path} is not a folder")
    foreign = sorted(p.name for p in path.iterdir() if p.name not in DATA_DIR_ENTRIES)
    if foreign:
        raise SystemExit(
            f"{path} holds files that are not part of a PropDesk data folder "
            f"({', '.join(foreign[:5])}); refusing to clear it even with --force"
        )
    import shutil

    for p in path.iterdir():
        if p.is_dir():
            shutil.rmtree(p)
        else:
            p.unlink()


def generate(
    data_dir: Path,
    *,
    communities: int = 20_000,
    companies: int = 300,
    seed: int = 20261123,
    force: bool = False,
    issues: int = 200_000,
) -> Generated:
    """A migrated data folder filled through DemoService.load (the app's own code path)."""
    from app.bootstrap import open_data

    data_dir = data_dir.expanduser().resolve()
    if not is_empty_dir(data_dir):
        if not force:
            raise SystemExit(f"{data_dir} is not empty; pass --force to replace its contents")
        clear_data_dir(data_dir)
    t0 = time.perf_counter()
    opened = open_data(data_dir)
    t1 = time.perf_counter()
    try:
        opened.settings.update(operator_name="基准测试")
        result = opened.services.demo.load(
            communities, companies, seed=seed, neighborhoods=list(NEIGHBORHOODS), issues=False
        )
        t2 = time.perf_counter()
        n_communities = opened.services.communities.count()
        n_companies = len(opened.services.companies.search())
        n_neighborhoods = len(opened.services.communities.neighborhoods())
    finally:
        opened.close()
    if issues:
        from _issues_data import add_issues

        add_issues(data_dir, issues, seed=seed)
    t2 = time.perf_counter()
    assert n_communities == result.communities == communities, (n_communities, result)
    assert n_companies == result.companies == companies, (n_companies, result)
    return Generated(data_dir, n_communities, n_companies, n_neighborhoods, t1 - t0, t2 - t1)


def ensure_county(data_dir: Path | None) -> Path:
    """The benchmark database: the given folder, or benchmarks/out/county generated once."""
    if data_dir is not None:
        path = data_dir.expanduser().resolve()
        if not (path / "propdesk.db").exists():
            raise SystemExit(f"{path} has no propdesk.db; create it with benchmarks/generate.py")
        return path
    if not (DEFAULT_COUNTY / "propdesk.db").exists():
        print(f"generating the 20,000-community county into {DEFAULT_COUNTY} (once) ...")
        if DEFAULT_COUNTY.exists():
            clear_data_dir(DEFAULT_COUNTY)  # a half-written earlier attempt
        g = generate(DEFAULT_COUNTY)
        print(
            f"  {g.communities} communities, {g.companies} companies, "
            f"{g.neighborhoods} neighbourhoods in {g.load_seconds:.1f} s"
        )
    return DEFAULT_COUNTY


def offscreen() -> None:
    """Qt's offscreen platform with one 1920×1080 screen at 96 dpi.

    Its default screen is 800×800, on which a restored 1280×800 window is squeezed; a
    desktop-sized screen keeps the window at the size a clerk would see. Another platform
    set in QT_QPA_PLATFORM (say xcb, to watch) is left alone."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    config = OUT_DIR / "offscreen-screen.json"
    screen = {"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1080}
    screen.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


@dataclass(frozen=True)
class Stat:
    name: str
    values: list[float]  # seconds
    target: float | None = None  # seconds
    baseline: float | None = None  # median of the bare-library equivalent, seconds
    target_ratio: float | None = None  # target for median / baseline
    note: str = ""

    @property
    def median(self) -> float:
        import statistics

        return statistics.median(self.values)

    @property
    def ratio(self) -> float | None:
        return self.median / self.baseline if self.baseline else None

    def verdict(self) -> str:
        ok = []
        if self.target is not None:
            ok.append(self.median <= self.target)
        if self.target_ratio is not None and self.ratio is not None:
            ok.append(self.ratio <= self.target_ratio)
        if not ok:
            return ""
        return "ok" if all(ok) else "MISSED"

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "n": len(self.values),
            "median_s": self.median,
            "min_s": min(self.values),
            "max_s": max(self.values),
            "values_s": self.values,
            "target_s": self.target,
            "baseline_median_s": self.baseline,
            "ratio_to_baseline": self.ratio,
            "target_ratio": self.target_ratio,
            "verdict": self.verdict(),
            "note": self.note,
        }


def fmt_seconds(s: float | None) -> str:
    if s is None:
        return "-"
    return f"{s * 1000:.1f} ms" if s < 1.0 else f"{s:.2f} s"


def table(stats: list[Stat]) -> str:
    head = ["benchmark", "n", "median", "min", "max", "target", "ratio", "verdict"]
    rows = [head]
    for st in stats:
        target = []
        if st.target is not None:
            target.append(f"≤ {fmt_seconds(st.target)}")
        if st.target_ratio is not None:
            target.append(f"≤ {st.target_ratio:.1f}×")
        rows.append(
            [
                st.name,
                str(len(st.values)),
                fmt_seconds(st.median),
                fmt_seconds(min(st.values)),
                fmt_seconds(max(st.values)),
                " ".join(target) or "-",
                f"{st.ratio:.2f}×" if st.ratio is not None else "-",
                st.verdict(),
            ]
        )
    widths = [max(_width(r[i]) for r in rows) for i in range(len(head))]
    lines = []
    for k, r in enumerate(rows):
        cells = [c + " " * (widths[i] - _width(c)) for i, c in enumerate(r)]
        lines.append("  ".join(cells).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
