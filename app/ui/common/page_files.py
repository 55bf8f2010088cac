"""Files the pages write: a PDF under `<data_dir>/exports/文书/` opened for printing, and a
ledger exported to a path the user chooses. The viewer and the save-as dialog are the
chain_actions hooks (`OPENER`, `ASK_SAVE_PATH`), looked up at each call so tests can
replace them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.domain.errors import PropDeskError
from app.services import Services
from app.ui.common.messages import MessageService
from app.ui.issues import chain as chain_actions
from app.ui.jobs import Cancelled, run_job


def xlsx_path(path: Path) -> Path:
    """The ledger always gets .xlsx (a .pdf suffix is replaced)."""
    if path.suffix.lower() == ".pdf":
        path = path.with_suffix("")
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def write_pdf(
    messages: MessageService, path: Path, write: Callable[[], object], what: str = "文件"
) -> Path:
    """Make the folder, `write` the PDF and open it; a file that cannot be written (open in
    a PDF viewer) is one plain message. Without a viewer, say where `what` was saved."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write()
    except OSError as err:
        raise PropDeskError(
            f"无法写入 {path}：文件可能正在PDF阅读器中打开，请关闭后再试（{err.strerror}）"
        ) from err
    if not chain_actions.OPENER(path):
        messages.info(f"{what}已保存到：{path}\n请用PDF阅读器打开后打印。")
    return path


def ask_ledger_path(parent: QWidget, services: Services, title: str, name: str) -> Path | None:
    """The save-as path for a ledger, suggested as `<data_dir>/exports/<name>`; None when
    the user cancels."""
    suggested = Path(services.ctx.data_dir, "exports", name)
    path = chain_actions.ASK_SAVE_PATH(parent, title, suggested)
    return xlsx_path(Path(path)) if path is not None else None


def export_ledger(
    parent: QWidget,
    messages: MessageService,
    label: str,
    export: Callable[[], int],
    done: Callable[[int], str],
    *,
    show: bool,
) -> int:
    """Run `export` in a progress job and tell `done(n)`; 0 when cancelled."""
    try:
        n = run_job(parent, label, export, show=show)
    except Cancelled:
        return 0
    messages.info(done(n))
    return int(n)
