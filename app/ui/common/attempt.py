"""How every dialog saves: run the write; a bad value focuses its field and is said in
plain Chinese, any other expected error is said once. The dialog stays open either way,
so nothing the user typed is lost."""

from __future__ import annotations

from collections.abc import Callable

from app.domain.errors import PropDeskError, ValidationError
from app.ui.common.messages import MessageService


def attempt(
    action: Callable[[], object],
    focus: Callable[[str | None], None],
    messages: MessageService,
    *,
    let_through: tuple[type[PropDeskError], ...] = (),
) -> bool:
    """True when `action` ran without an expected error. Errors in `let_through` are raised
    for the caller to handle (e.g. a breach that needs a reason)."""
    try:
        action()
    except let_through:
        raise
    except ValidationError as err:
        focus(err.field)
        messages.warn(err.message, "请检查输入")
        return False
    except PropDeskError as err:
        messages.warn(err.message)
        return False
    return True
