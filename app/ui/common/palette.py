"""The colours of the UI, named by what they mean. The one place a colour is written down.

Widgets do not spell colours: a label takes a role (app.ui.common.style.set_role) and the
style sheet resources/qss/propdesk.qss, filled in from these names, colours it; a table
model returns brush(...) of one of these; rich text interpolates the hex string.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QBrush, QColor

# --- states -------------------------------------------------------------------------------
DANGER = "#b42318"  # overdue, failing, invalid, urgent: text and the border of a bad field
DANGER_BG = "#fde8e7"  # a row or box that needs attention (overdue issue, governance alert)
DANGER_BORDER = "#f5c2c0"  # the frame of a red message box
OVERDUE = DANGER  # past a deadline
WARNING = "#8a5300"  # amber text: due soon, waiting long, a caution note
WARNING_BG = "#fff4ce"  # amber background: a cell waiting long, the banners
WARNING_BORDER = "#e0c36c"
OK = "#2e7d32"  # passed, complies, in force

# --- text ---------------------------------------------------------------------------------
MUTED = "#8a8a8a"  # closed, voided, ended: rows and items that no longer count
HINT = "#555555"  # secondary text: explanations under a field, an empty state
ACCENT = "#1f4e79"  # the dashboard's figures
LINK = "#0b57d0"  # a clickable text in a list

# --- banners (the demo-data banner, the legacy-rule note) -----------------------------------
BANNER_BG = WARNING_BG
BANNER_FG = WARNING
BANNER_BORDER = WARNING_BORDER

# --- frames and buttons -------------------------------------------------------------------
BORDER = "#c4c4c4"  # a toolbar button's frame
BUTTON_BG = "#fafafa"
HOVER_BG = "#eef3fb"  # under the mouse: toolbar buttons, the coverage figures
HOVER_BORDER = "#8fb0e0"
DISABLED_FG = "#a0a0a0"
DISABLED_BORDER = "#dedede"
READONLY_BG = "#f0f0f0"  # a field shown but not editable


def names() -> dict[str, str]:
    """Every colour by name (the upper-case constants above), for the style sheet."""
    return {k: v for k, v in globals().items() if k.isupper() and isinstance(v, str)}


@cache
def _parsed(hex_code: str) -> QColor:
    c = QColor(hex_code)
    if not c.isValid():
        raise ValueError(f"not a colour: {hex_code!r}")
    return c


def color(hex_code: str) -> QColor:
    """A QColor of one of the constants above, e.g. color(OVERDUE) (a copy: change it freely)."""
    return QColor(_parsed(hex_code))


def brush(hex_code: str) -> QBrush:
    """A brush for a model's ForegroundRole or BackgroundRole."""
    return QBrush(color(hex_code))
