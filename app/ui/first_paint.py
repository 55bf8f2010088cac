"""The first painted frame of a window: used by `propdesk gui --first-paint-exit` and by the
start-up benchmark (benchmarks/bench_foundation.py), so both mean the same moment.

An application-wide event filter takes the first `QEvent.Paint` delivered to any widget of
the window. From inside it a zero-delay timer is posted; it runs once that whole paint pass
(every child widget, and the flush to the platform's backing store) has returned to the
event loop. That moment is "the first frame". This works on every platform plugin
(offscreen, xcb under Xvfb, windows), unlike `QWindow.frameSwapped`, which only OpenGL
windows emit.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class FirstFrame(QObject):
    """Calls `on_frame()` once, at the end of the first paint pass of `window`.

    `on_paint()`, if given, is called at the first Paint event itself. `painted_at` and
    `frame_at` hold `time.perf_counter()` of those two moments (None until then). The filter
    removes itself after the first Paint; keep a reference to this object until then."""

    def __init__(
        self,
        window: QWidget,
        on_frame: Callable[[], None],
        *,
        on_paint: Callable[[], None] | None = None,
    ) -> None:
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("FirstFrame needs a QApplication")
        super().__init__(app)
        self._app = app
        self._window = window
        self._on_frame = on_frame
        self._on_paint = on_paint
        self.painted_at: float | None = None
        self.frame_at: float | None = None
        app.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            self.painted_at is None
            and event.type() == QEvent.Type.Paint
            and isinstance(obj, QWidget)
            and obj.window() is self._window
        ):
            self.painted_at = time.perf_counter()
            self._app.removeEventFilter(self)
            if self._on_paint is not None:
                self._on_paint()
            QTimer.singleShot(0, self._frame_done)
        return False

    def _frame_done(self) -> None:
        self.frame_at = time.perf_counter()
        self._on_frame()
