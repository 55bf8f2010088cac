"""Start the GUI: Qt, Chinese translations and fonts, the data folder, the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME, APP_TITLE
from app.bootstrap import Opened, open_data
from app.domain.errors import PropDeskError
from app.ui.common.messages import MessageService
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
    return MainWindow(
        opened.services, opened.settings, UiState(opened.data_dir), messages, jobs=jobs
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


def run_gui(data_dir: str | Path | None = None, *, no_error_dialogs: bool = False) -> int:
    app = make_application()
    try:
        opened = open_data(data_dir)
    except PropDeskError as err:
        if not no_error_dialogs:
            QMessageBox.critical(None, "无法打开数据", err.message)
        print(f"错误：{err.message}", file=sys.stderr)
        return 1
    install_excepthook(opened.log_path, dialogs=not no_error_dialogs)
    window = build_main_window(opened, dialogs=not no_error_dialogs)
    window.show()
    offer_demo(opened, window)
    try:
        return app.exec()
    finally:
        opened.close()
