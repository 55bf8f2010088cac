"""Long work with a determinate progress bar and a cancel button that really cancels.

Unlike `jobs.run_job` (which only stops waiting), the work here receives two callables:
`progress(done, total)`, which moves the bar, and `cancelled()`, which turns true once the
user presses 取消. The work checks `cancelled()` between its steps and raises (for example
OperationCancelled after rolling back its transaction). We always wait for the worker to
finish, so when this returns or re-raises the database is in its final state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]
Work = Callable[[Progress, IsCancelled], Any]
CANCELLING_TEXT = "正在取消，正在撤销已做的更改，请稍候…"


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, fn: Work, cancel: threading.Event) -> None:
        super().__init__()
        self._fn = fn
        self._cancel = cancel
        self.result: Any = None
        self.error: BaseException | None = None
        self.done = False

    def run(self) -> None:
        try:
            self.result = self._fn(self.progressed.emit, self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - re-raised on the UI thread
            self.error = exc
        self.done = True
        self.finished.emit()


class ProgressDialog(QProgressDialog):
    """A progress dialog that stays open after 取消 until the work has really stopped."""

    cancel_requested = Signal()

    def __init__(self, label: str, parent: QWidget | None, total: int = 0) -> None:
        super().__init__(label, "取消", 0, max(total, 0), parent)
        self.canceled.disconnect(self.cancel)  # Qt would hide the dialog at once
        self.canceled.connect(self._on_cancel)
        self.setWindowTitle("请稍候")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(300)
        self.setMinimumWidth(380)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.cancelling = False
        self._base_label = label
        self.setValue(0)

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        if total > 0 and self.maximum() != total:
            self.setMaximum(total)
        self.setValue(min(done, max(total, 0)))
        if not self.cancelling and total > 0:
            self.setLabelText(f"{self._base_label}（{done}/{total}）")

    def _on_cancel(self) -> None:
        if self.cancelling:
            return
        self.cancelling = True
        self.setLabelText(CANCELLING_TEXT)
        self.setCancelButtonText("正在取消…")
        for button in self.findChildren(QPushButton):
            button.setEnabled(False)
        self.cancel_requested.emit()

    def reject(self) -> None:  # Esc: ask to cancel, never just hide
        self.canceled.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        event.ignore()
        self.canceled.emit()


def run_progress_job(
    parent: QWidget | None, label: str, fn: Work, *, show: bool = True, total: int = 0
) -> Any:
    """Run fn(progress, cancelled) and return its result or raise its error.

    With show=True the work runs in a QThread behind a ProgressDialog (`total` sets the bar's
    range before the first report; 0 shows a busy bar); with show=False (tests, jobs=False)
    it runs inline and can't be cancelled."""
    cancel = threading.Event()
    if not show:
        return fn(lambda _done, _total: None, cancel.is_set)
    thread = QThread()
    worker = _Worker(fn, cancel)
    worker.moveToThread(thread)
    dialog = ProgressDialog(label, parent, total)
    loop = QEventLoop()
    # Bound methods of objects living on the UI thread: Qt queues these calls to it.
    worker.progressed.connect(dialog.on_progress)
    worker.finished.connect(loop.quit)
    dialog.cancel_requested.connect(lambda: cancel.set())
    thread.started.connect(worker.run)
    thread.start()
    while not worker.done:
        loop.exec()  # quit (queued) once the worker is done, even if it finished already
    thread.quit()
    thread.wait()  # the worker has returned: its transaction is committed or rolled back
    dialog.hide()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result
