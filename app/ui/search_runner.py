"""Run a read-only query off the UI thread and hand back only the newest answer.

A filter over 200,000 issues can take half a second in SQLite; typing another character
starts a new search, and an answer that arrives after a newer request is dropped.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class SearchRunner(QObject):
    _done = Signal(int, object, object)  # token, result, error (queued to the UI thread)

    def __init__(self, parent: QObject | None = None, *, background: bool = True) -> None:
        super().__init__(parent)
        self.background = background
        self._token = 0
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._done.connect(self._deliver)

    def run(
        self,
        work: Callable[[], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        self._token += 1
        token = self._token
        if not self.background:  # tests and --no-jobs: inline, same order of effects
            try:
                result = work()
            except Exception as exc:  # noqa: BLE001 - reported through on_error
                on_error(exc)
                return
            on_result(result)
            return
        self._callbacks = {token: (on_result, on_error)}

        # The thread holds the runner weakly: were it the last owner, the runner would be
        # destroyed on the worker thread, where a QObject of the UI thread must never die.
        runner = weakref.ref(self)

        def deliver(result: Any, error: Exception | None) -> None:
            alive = runner()
            if alive is not None:
                alive._done.emit(token, result, error)

        def thread_main() -> None:
            try:
                result = work()
            except Exception as exc:  # noqa: BLE001 - handed to the UI thread
                deliver(None, exc)
            else:
                deliver(result, None)

        threading.Thread(target=thread_main, name="propdesk-search", daemon=True).start()

    def _deliver(self, token: int, result: Any, error: Any) -> None:
        callbacks = self._callbacks.pop(token, None)
        if callbacks is None or token != self._token:
            return  # superseded by a newer search
        on_result, on_error = callbacks
        if error is not None:
            on_error(error)
        else:
            on_result(result)
