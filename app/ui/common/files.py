"""The UI's file plumbing behind one small service, passed into pages and dialogs like
MessageService: asking for a path to open or save, opening a file with the system viewer,
the exports folder, and safe file names. Tests pass a subclass that answers and records
instead of showing dialogs (tests/ui/conftest.py `FakeFiles`); nothing here is a
module-level hook."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from app.domain.errors import PropDeskError
from app.ui.common.messages import MessageService

log = logging.getLogger(__name__)

SAVE_FILTERS = {".pdf": "PDF 文件 (*.pdf)", ".xlsx": "Excel 文件 (*.xlsx)"}
EXCEL_FILTER = SAVE_FILTERS[".xlsx"]
IMAGE_FILTER = "图片 (*.jpg *.jpeg *.png *.gif *.bmp *.webp)"
FORBIDDEN = set('\\/:*?"<>|')


def safe_name(name: str, fallback: str = "") -> str:
    """`name` as part of a file name: without the characters Windows refuses."""
    return "".join(ch for ch in name if ch not in FORBIDDEN).strip() or fallback


def xlsx_path(path: Path) -> Path:
    """A ledger always gets .xlsx (a .pdf suffix is replaced)."""
    if path.suffix.lower() == ".pdf":
        path = path.with_suffix("")
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


class FileService:
    """Paths asked of the user, files opened with the system's viewer, and where the
    application puts what it writes for viewing (`<data_dir>/exports`)."""

    def __init__(self, data_dir: str | Path) -> None:
        self.data_dir = Path(data_dir)

    # ---- the four primitives a test replaces --------------------------------------------
    def ask_save_path(self, parent: QWidget | None, title: str, suggested: Path) -> Path | None:
        """A save-as dialog for the suggested file's type (PDF or Excel); adds the suffix."""
        suffix = suggested.suffix.lower() if suggested.suffix.lower() in SAVE_FILTERS else ".pdf"
        chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), SAVE_FILTERS[suffix])
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def ask_open_paths(
        self, parent: QWidget | None, title: str, file_filter: str, *, many: bool = False
    ) -> list[Path]:
        """The file(s) the user picks to read; [] when cancelled."""
        start = str(Path.home())
        if many:
            chosen, _ = QFileDialog.getOpenFileNames(parent, title, start, file_filter)
            return [Path(p) for p in chosen]
        one, _ = QFileDialog.getOpenFileName(parent, title, start, file_filter)
        return [Path(one)] if one else []

    def open(self, path: Path) -> bool:
        """Open with the system's viewer; False when no program could open it."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # ---- built on them ------------------------------------------------------------------
    def ask_open_path(self, parent: QWidget | None, title: str, file_filter: str) -> Path | None:
        paths = self.ask_open_paths(parent, title, file_filter)
        return paths[0] if paths else None

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "exports"

    @property
    def documents_dir(self) -> Path:
        """Where documents are written for viewing and printing."""
        return self.exports_dir / "文书"

    def ask_ledger_path(self, parent: QWidget | None, title: str, name: str) -> Path | None:
        """The save-as path for a ledger, suggested as `<data_dir>/exports/<name>`."""
        path = self.ask_save_path(parent, title, self.exports_dir / name)
        return xlsx_path(path) if path is not None else None

    def show(self, messages: MessageService, path: Path, what: str = "文件") -> bool:
        """Open `path`; without a viewer, say where `what` was saved."""
        if self.open(path):
            return True
        messages.info(f"{what}已保存到：{path}\n请用PDF阅读器打开后打印。")
        return False

    def open_existing(self, messages: MessageService, path: Path, what: str) -> None:
        """Open a stored photo or scan; say where it is when nothing can open it."""
        if not path.exists():
            raise PropDeskError(f"找不到{what}文件：{path}")
        if not self.open(path):
            messages.info(f"{what}保存在：{path}")

    def write_pdf(
        self, messages: MessageService, path: Path, write: Callable[[], object], what: str = "文件"
    ) -> Path:
        """Make the folder, `write` the PDF and open it; a file that cannot be written (open
        in a PDF viewer) is one plain message."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write()
        except OSError as err:
            raise PropDeskError(
                f"无法写入 {path}：文件可能正在PDF阅读器中打开，请关闭后再试（{err.strerror}）"
            ) from err
        self.show(messages, path, what)
        return path

    def write_and_open(self, messages: MessageService, data: bytes, name: str) -> Path:
        """Write `data` under exports/文书 (a second name if the first is locked) and open it."""
        folder = self.documents_dir
        stem, suffix = Path(name).stem, Path(name).suffix or ".pdf"
        for n in range(1, 6):
            path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}（{n}）{suffix}")
            try:
                folder.mkdir(parents=True, exist_ok=True)
                if not (path.exists() and path.read_bytes() == data):
                    path.write_bytes(data)
                break
            except OSError as err:  # e.g. open in a PDF viewer that locks it
                log.info("cannot write %s: %s", path, err)
        else:
            raise PropDeskError(f"无法写入文件夹 {folder}，请检查磁盘空间或文件夹权限")
        self.show(messages, path)
        return path

    def save_bytes(
        self, parent: QWidget | None, data: bytes, title: str, suggested: Path
    ) -> Path | None:
        """Ask where, then write `data` there; None when the user cancels."""
        path = self.ask_save_path(parent, title, suggested)
        if path is None:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as err:
            raise PropDeskError(
                f"无法保存到 {path}：文件可能正被其他程序打开，或没有写入权限（{err.strerror}）"
            ) from err
        return path
