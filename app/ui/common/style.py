"""The application's style sheet and the properties widgets set to pick a rule of it.

resources/qss/propdesk.qss is a string.Template whose $NAMEs are the colours of
app.ui.common.palette, so every colour is written once. make_application calls
apply_style(app); widgets then say what they are instead of how they look:

    set_role(label, "overdue")      # QLabel[role="overdue"]: red and bold
    set_invalid(line_edit, True)    # QLineEdit[invalid="true"]: red frame
    toolbar.setObjectName("page_toolbar")

Roles of a QLabel: danger, overdue, warning, ok, muted, hint, title, heading, figure,
figure_alarm, banner, error_box; of a QLineEdit: readonly. set_strong(label, True) makes any
label bold.
"""

from __future__ import annotations

from functools import cache
from string import Template

from PySide6.QtWidgets import QApplication, QWidget

from app.paths import resources_dir
from app.ui.common import palette

QSS_NAME = "propdesk.qss"
TEXT_ROLES = frozenset({"danger", "overdue", "warning", "ok", "muted", "hint"})  # colours
BLOCK_ROLES = frozenset({"title", "heading", "figure", "figure_alarm", "banner", "error_box"})
LABEL_ROLES = TEXT_ROLES | BLOCK_ROLES
FIELD_ROLES = frozenset({"readonly"})


@cache
def style_sheet() -> str:
    """The style sheet with the palette's colours filled in (a $NAME the palette does not
    have raises KeyError)."""
    text = (resources_dir() / "qss" / QSS_NAME).read_text(encoding="utf-8")
    return Template(text).substitute(palette.names())


def apply_style(app: QApplication) -> None:
    """Give the application its style sheet (once, at start-up)."""
    app.setStyleSheet(style_sheet())


def _set(widget: QWidget, name: str, value: str) -> None:
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    from PySide6.QtCore import Qt  # here: the first use of Qt sets up every enum (~20 ms)

    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return  # not shown yet: polished with the new value when it is
    # A property selector is matched when the widget is polished: polish it again.
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def set_role(widget: QWidget, role: str | None) -> None:
    """Say what a label or field shows (see LABEL_ROLES and FIELD_ROLES); None or "" for an
    ordinary one."""
    if role and role not in LABEL_ROLES | FIELD_ROLES:
        raise ValueError(f"unknown style role: {role!r}")
    _set(widget, "role", role or "")


def role(widget: QWidget) -> str:
    """The role set by set_role ("" for none)."""
    return widget.property("role") or ""


def set_strong(widget: QWidget, strong: bool) -> None:
    """Bold, whatever the role."""
    _set(widget, "strong", "true" if strong else "")


def set_invalid(widget: QWidget, bad: bool) -> None:
    """A field whose text was refused gets a red frame until it is changed."""
    _set(widget, "invalid", "true" if bad else "")


def is_invalid(widget: QWidget) -> bool:
    return widget.property("invalid") == "true"
