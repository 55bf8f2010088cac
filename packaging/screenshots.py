"""Screenshot every page of the real GUI on an X display (run under xvfb-run).

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python packaging/screenshots.py OUT_DIR [WxH]

It loads the demo data into a fresh data folder, sizes the window to fill WxH (default
1366x768, as a township office's laptop; try 1024x768 too) and grabs the X screen for each
page.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import app.bootstrap as bootstrap  # noqa: E402  (data layer before PySide6)
from app.ui.app import build_main_window, make_application  # noqa: E402
from app.ui.main_window import NAV  # noqa: E402


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    width, height = (int(n) for n in (sys.argv[2] if len(sys.argv) > 2 else "1366x768").split("x"))
    out.mkdir(parents=True, exist_ok=True)
    qapp = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        opened = bootstrap.open_data(tmp)
        opened.services.demo.load()
        window = build_main_window(opened, dialogs=False)
        window.resize(width, height - 30)  # the rest is the title bar
        window.move(0, 0)
        window.show()
        for i, name in enumerate(NAV):
            window.go(name)
            for _ in range(40):  # ~0.6 s: background searches deliver their rows
                qapp.processEvents()
                time.sleep(0.015)
            shot = qapp.primaryScreen().grabWindow(0)
            shot.save(str(out / f"{i:02d}_{name}.png"))
        page = window.go("小区")
        dialog = page.open_dialog(page.model.id_at(0))
        dialog.show()
        for _ in range(20):
            qapp.processEvents()
        qapp.primaryScreen().grabWindow(0).save(str(out / "99_小区编辑.png"))
        dialog.close()
        window.close()
        opened.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
