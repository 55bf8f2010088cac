"""The windowed program starts: `propdesk gui --first-paint-exit` in a fresh process opens the
data folder, paints the main window once and exits 0 (offscreen, and once under Xvfb)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.bootstrap import open_data

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 120  # the program's own safety timeout is 60 s


def first_paint_command(data_dir: Path) -> list[str]:
    """`propdesk gui --first-paint-exit --data-dir DIR`, as `python -m app` runs it."""
    return [sys.executable, "-m", "app", "gui", "--first-paint-exit", "--data-dir", str(data_dir)]


def _env(*, platform: str | None = "offscreen") -> dict[str, str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    if platform:
        env["QT_QPA_PLATFORM"] = platform
    env["PROPDESK_DATA_DIR"] = "/nonexistent-propdesk-tests"  # never the user's
    return env


def run(cmd: list[str], **env: str | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, cwd=REPO, env=_env(**env), capture_output=True, text=True, timeout=TIMEOUT
    )


def assert_first_frame(proc: subprocess.CompletedProcess[str]) -> None:
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "首帧已绘制" in proc.stdout, (proc.stdout, proc.stderr[-3000:])


def test_first_paint_exit_on_a_new_data_folder(tmp_path):
    data = tmp_path / "new"  # does not exist yet: created and migrated
    assert_first_frame(run(first_paint_command(data)))
    assert (data / "propdesk.db").exists()
    assert (data / "ui-state.ini").exists()  # closed as a quit closes it
    opened = open_data(data)
    try:
        assert opened.services.office.is_empty()
        # the demo offer is a dialog: never shown (nor recorded as shown) in this mode
        assert not opened.settings.get().offered_demo
    finally:
        opened.close()


def test_first_paint_exit_with_the_demo_loaded(tmp_path):
    data = tmp_path / "demo"
    demo = run([sys.executable, "-m", "app", "demo", "--data-dir", str(data)])
    assert demo.returncode == 0, demo.stderr[-3000:]
    assert_first_frame(run(first_paint_command(data)))


def test_first_paint_exit_fails_when_the_data_cannot_be_opened(tmp_path):
    data = tmp_path / "foreign"
    data.mkdir()
    conn = sqlite3.connect(data / "propdesk.db")  # a database of some other program
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    proc = run(first_paint_command(data))  # no error dialog to block on: exits with 1
    assert proc.returncode == 1, (proc.stdout, proc.stderr[-3000:])
    assert "不是 PropDesk 数据库" in proc.stderr
    assert "首帧已绘制" not in proc.stdout


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_first_paint_exit_under_xvfb(tmp_path):
    xvfb = shutil.which("xvfb-run")
    assert xvfb is not None
    proc = run([xvfb, "-a", *first_paint_command(tmp_path / "x")], platform=None)  # xcb
    assert_first_frame(proc)


def test_the_dashboard_counts_its_figures_once_its_first_frame_is_painted(qtbot, demo):
    from app.ui.pages.dashboard_page import DashboardPage

    page = DashboardPage(demo, background=True)
    qtbot.addWidget(page)
    page.activate()  # as the main window does before it is shown
    assert page.figures["communities"].text() == "—"  # nothing counted before the frame
    page.show()
    qtbot.waitUntil(lambda: page.figures["communities"].text() != "—")
    assert page.figures["communities"].text() == str(demo.communities.count())
    # the ledgers' figures follow from the worker thread
    qtbot.waitUntil(lambda: page.figures["issues_open"].text() != "—", timeout=10_000)


# Loaded after the first frame, when something asks for them (benchmarks/README.md, start-up):
# the ORM and the models with the first query, the file formats with the first export.
NOT_BEFORE_THE_FIRST_FRAME = [
    "sqlalchemy.orm",
    "app.storage.models",
    "alembic",  # only when the database must be created or upgraded
    "openpyxl",
    "reportlab",
    "pypdf",
]

_WATCH_FIRST_FRAME = """
import sys

import app.bootstrap  # noqa: F401 - the data layer first, as app.cli does
from app.ui import first_paint

loaded = []
frame_done = first_paint.FirstFrame._frame_done


def watched(self):
    if not loaded:
        loaded.append(sorted(m for m in sys.argv[2:] if m in sys.modules))
    frame_done(self)


first_paint.FirstFrame._frame_done = watched
from app.ui.app import run_gui  # noqa: E402

code = run_gui(sys.argv[1], first_paint_exit=True)
print("LOADED", " ".join(loaded[0]))
sys.exit(code)
"""


def test_the_first_frame_loads_neither_the_orm_nor_the_file_formats(tmp_path):
    data = tmp_path / "data"
    opened = open_data(data)  # created and migrated beforehand: a usual start
    opened.close()
    proc = run([sys.executable, "-c", _WATCH_FIRST_FRAME, str(data), *NOT_BEFORE_THE_FIRST_FRAME])
    assert_first_frame(proc)
    (line,) = [x for x in proc.stdout.splitlines() if x.startswith("LOADED")]
    assert line.split()[1:] == [], f"imported before the first frame: {line}"
