"""The start-up baseline: a bare PySide6 window over the same database (benchmarks/README.md).

    python benchmarks/bare_window.py --data-dir benchmarks/out/county

What any Qt + SQLAlchemy desktop program has to do before its first frame, and nothing
else: import PySide6 and SQLAlchemy, make a QApplication, open the database file with a
SQLAlchemy engine, count the communities and read the first page of their names into a
table, and show a 1280×800 window holding a navigation list and that table in a splitter.
The first painted frame is taken by app.ui.first_paint, as for `propdesk gui
--first-paint-exit`; the program then prints the same line and exits 0.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

PAGE = 200  # rows read for the first page
NAV = ["工作台", "小区", "物业企业", "业委会", "维修资金", "信息公示", "职能部门", "问题台账"]
NAV += ["文书", "报表", "设置"]


def main(argv: list[str]) -> int:
    data_dir = Path(argv[argv.index("--data-dir") + 1])
    started = time.perf_counter()
    # SQLAlchemy before PySide6: PySide6's import hook slows every later import.
    from sqlalchemy import create_engine, text

    # isort: split

    from PySide6.QtWidgets import (
        QApplication,
        QListWidget,
        QMainWindow,
        QSplitter,
        QTableWidget,
        QTableWidgetItem,
    )

    # The repository root, for app.ui.first_paint (a PySide6-only module, nothing else of
    # the app is imported).
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from app.ui.first_paint import FirstFrame

    app = QApplication(sys.argv[:1])
    engine = create_engine(f"sqlite:///{data_dir / 'propdesk.db'}")
    with engine.connect() as conn:
        count = conn.execute(
            text("SELECT count(*) FROM community WHERE archived_at IS NULL")
        ).scalar_one()
        rows = conn.execute(
            text(
                "SELECT name, address, household_count FROM community "
                "WHERE archived_at IS NULL ORDER BY name LIMIT :n"
            ),
            {"n": PAGE},
        ).all()

    window = QMainWindow()
    window.setWindowTitle(f"bare window: {count} communities")
    window.resize(1280, 800)
    nav = QListWidget()
    nav.addItems(NAV)
    table = QTableWidget(len(rows), 3)
    table.setHorizontalHeaderLabels(["名称", "地址", "户数"])
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    splitter = QSplitter()
    splitter.addWidget(nav)
    splitter.addWidget(table)
    splitter.setSizes([130, 1150])
    window.setCentralWidget(splitter)

    def on_frame() -> None:
        seconds = time.perf_counter() - started
        print(
            f"首帧已绘制 first_frame_wall={time.time():.6f} main_s={seconds:.3f} "
            f"cpu_s={time.process_time():.3f}",
            flush=True,
        )
        window.close()
        app.exit(0)

    watcher = FirstFrame(window, on_frame)
    window.show()
    code = app.exec()
    del watcher
    engine.dispose()
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
