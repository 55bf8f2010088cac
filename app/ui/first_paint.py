"""The first painted frame of a window (or of a widget in it): used by `propdesk gui
--first-paint-exit`, by the start-up benchmark (benchmarks/bench_foundation.py), so both
mean the same moment, and by the 工作台 page to count its figures once it is on screen.

An application-wide event filter takes the first `QEvent.Paint` delivered to the widget or
any widget inside it (in the same window). From inside it a zero-delay timer is posted; it
runs once that whole paint pass (every child widget, and the flush to the platform's
backing store) has returned to the event loop. That moment is "the first frame". This works
on every platform plugin (offscreen, xcb under Xvfb, windows), unlike
`QWindow.frameSwapped`, which only OpenGL windows emit.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class FirstFrame(QObject):
    """Calls `on_frame()` once, at the end of the first paint pass that paints `widget` (a
    window, or a page in one) or a widget inside it.

    `on_paint()`, if given, is called at the first Paint event itself. `painted_at` and
    `frame_at` hold `time.perf_counter()` of those two moments (None until then). The filter
    removes itself after the first Paint. The object is a child of `widget`."""

    def __init__(
        self,
        widget: QWidget,
        on_frame: Callable[[], None],
        *,
        on_paint: Callable[[], None] | None = None,
    ) -> None:
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("FirstFrame needs a QApplication")
        super().__init__(widget)
        self._app = app
        self._widget = widget
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
            and (obj is self._widget or self._widget.isAncestorOf(obj))
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
