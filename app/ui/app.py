"""Start the GUI: Qt, Chinese translations and fonts, the data folder, the main window."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME, APP_TITLE
from app.bootstrap import Opened, open_data
from app.domain.errors import PropDeskError
from app.ui.common.files import FileService
from app.ui.common.messages import MessageService
from app.ui.common.style import apply_style
from app.ui.errors import install_excepthook
from app.ui.fonts import ensure_cjk_font
from app.ui.main_window import MainWindow
from app.ui.state import UiState

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    install_translations(app)
    ensure_cjk_font(app)
    apply_style(app)
    return app


def install_translations(app: QApplication) -> list[str]:
    """Load Qt's zh_CN translations, so standard buttons read 确定 and 取消."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase", "qt"):
        tr = QTranslator(app)
        if tr.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), name, "_", folder):
            app.installTranslator(tr)
            loaded.append(name)
    log.info("Qt translations loaded from %s: %s", folder, loaded)
    return loaded


def build_main_window(opened: Opened, *, dialogs: bool = True, jobs: bool = True) -> MainWindow:
    messages = MessageService(dialogs=dialogs)
    files = FileService(opened.data_dir)
    return MainWindow(
        opened.services, opened.settings, UiState(opened.data_dir), messages, files, jobs=jobs
    )


def offer_demo(opened: Opened, window: MainWindow) -> None:
    """On an empty database, offer the demonstration township once."""
    if opened.settings.get().offered_demo or not opened.services.office.is_empty():
        return
    opened.settings.update(offered_demo=True)
    if window.messages.confirm(
        "数据库是空的。是否载入演示数据（虚构的“青禾镇”，约40个小区、12家物业企业）以便熟悉操作？\n"
        "演示数据会明确标注，正式使用前可换用新的数据文件夹。",
        "欢迎使用物业监管工作台",
    ):
        opened.services.demo.load()
        window.communities.reload_choices()
        window.communities.apply_filters()
        window.show_page(window.nav.currentRow())


FIRST_PAINT_TIMEOUT_S = 60


def run_gui(
    data_dir: str | Path | None = None,
    *,
    no_error_dialogs: bool = False,
    first_paint_exit: bool = False,
) -> int:
    """The GUI's event loop; its exit code.

    first_paint_exit: a smoke check of the windowed program. Open the data folder (and
    migrate it), show the main window on its first page, wait for the first painted frame
    (app.ui.first_paint), close the window as a quit does and return 0. No dialog is ever
    shown (no demo offer, no error boxes); 1 if the data cannot be opened, if an unhandled
    exception happens before the frame, or if no frame comes within FIRST_PAINT_TIMEOUT_S."""
    started = time.perf_counter()
    dialogs = not (no_error_dialogs or first_paint_exit)
    app = make_application()
    try:
        opened = open_data(data_dir)
    except PropDeskError as err:
        if dialogs:
            QMessageBox.critical(None, "无法打开数据", err.message)
        print(f"错误：{err.message}", file=sys.stderr)
        return 1
    try:
        install_excepthook(opened.log_path, dialogs=dialogs)
        window = build_main_window(opened, dialogs=dialogs)
        if first_paint_exit:
            return _show_until_first_frame(app, window, started)
        window.show()
        offer_demo(opened, window)
        return app.exec()
    finally:
        opened.close()


def _show_until_first_frame(app: QApplication, window: MainWindow, started: float) -> int:
    from PySide6.QtCore import QTimer

    from app.ui.first_paint import FirstFrame

    failed: list[str] = []
    hook = sys.excepthook

    def on_error(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        hook(kind, exc, tb)  # type: ignore[arg-type]
        failed.append(f"{kind.__name__}: {exc}")
        app.exit(1)

    def on_frame() -> None:
        # The wall-clock time lets a caller that noted when it started the process work out
        # the time to the first frame (benchmarks/bench_foundation.py does); cpu_s is the
        # processor time the process has used so far, which a busy machine disturbs less.
        seconds = time.perf_counter() - started
        print(
            f"首帧已绘制 first_frame_wall={time.time():.6f} run_gui_s={seconds:.3f} "
            f"cpu_s={time.process_time():.3f}",
            flush=True,
        )
        window.close()  # as a quit does: closeEvent saves the window state
        app.exit(0)

    def on_timeout() -> None:
        failed.append(f"主窗口在 {FIRST_PAINT_TIMEOUT_S} 秒内没有绘制出来")
        app.exit(1)

    sys.excepthook = on_error
    watcher = FirstFrame(window, on_frame)
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(on_timeout)
    timeout.start(FIRST_PAINT_TIMEOUT_S * 1000)
    try:
        window.show()
        code = app.exec()
    finally:
        timeout.stop()
        sys.excepthook = hook
        watcher.deleteLater()
    if failed:
        print(f"错误：{failed[0]}", file=sys.stderr)
        return code or 1
    return code
