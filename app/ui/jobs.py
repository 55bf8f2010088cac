"""Long work off the UI thread, with a progress dialog that can be cancelled."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)


class _Worker(QObject):
    finished = Signal(object, object)  # result, error

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._fn = fn

    def run(self) -> None:
        try:
            self.finished.emit(self._fn(), None)
        except BaseException as exc:  # noqa: BLE001 - handed back to the UI thread
            self.finished.emit(None, exc)


class Cancelled(Exception):
    pass


class _Outcome(QObject):
    """Receives the worker's answer on the thread it was made on (the UI thread): a plain
    function connected to the signal would run on the worker's thread instead."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self._loop = loop
        self.value: dict[str, Any] = {}

    @Slot(object, object)
    def done(self, result: Any, error: Any) -> None:
        self.value["result"], self.value["error"] = result, error
        self._loop.quit()


def run_job(parent: QWidget | None, label: str, fn: Callable[[], Any], *, show: bool = True) -> Any:
    """Run `fn` in a worker thread while a busy dialog shows; return its result or raise
    its error. Cancel stops waiting and raises Cancelled: the work must therefore write
    nothing until its end (one transaction), so abandoning it leaves nothing half-done."""
    thread = QThread()
    worker = _Worker(fn)
    worker.moveToThread(thread)
    loop = QEventLoop()
    receiver = _Outcome(loop)
    outcome = receiver.value
    worker.finished.connect(receiver.done)
    thread.started.connect(worker.run)
    dialog = None
    if show:
        dialog = QProgressDialog(label, "取消", 0, 0, parent)
        dialog.setWindowTitle("请稍候")
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(loop.quit)
    thread.start()
    if "result" not in outcome:
        loop.exec()
    if dialog is not None:
        dialog.close()
    cancelled = "result" not in outcome
    thread.quit()
    thread.wait()
    if cancelled:
        raise Cancelled()
    if outcome["error"] is not None:
        raise outcome["error"]
    return outcome["result"]
