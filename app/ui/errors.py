"""Expected errors get a plain message; bugs get a crash dialog with the log path."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from PySide6.QtWidgets import QMessageBox

from app.domain.errors import PropDeskError
from app.ui.common.messages import MessageService

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


def install_excepthook(log_path: Path, *, dialogs: bool) -> None:
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, exc, tb))
        log.error("unhandled exception:\n%s", text)
        if isinstance(exc, PropDeskError):
            if dialogs:
                QMessageBox.warning(None, "无法完成", exc.message)
            return
        if dialogs:
            box = QMessageBox(
                QMessageBox.Icon.Critical, "程序出错", "程序遇到了意外错误，本次操作可能没有完成。"
            )
            box.setInformativeText(f"已保存的数据不受影响。请把日志文件发给技术支持：\n{log_path}")
            box.setDetailedText(text)
            box.exec()
        else:
            sys.__excepthook__(kind, exc, tb)

    sys.excepthook = hook


def guarded(messages_attr: str = "_messages") -> Callable[[F], F]:
    """Decorator for `_on_*` handlers: a PropDeskError becomes one plain warning."""

    def decorate(fn: F) -> F:
        @wraps(fn)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return fn(self, *args, **kwargs)
            except PropDeskError as err:
                messages: MessageService = getattr(self, messages_attr)
                messages.warn(err.message)
                return None

        return wrapper  # type: ignore[return-value]

    return decorate
