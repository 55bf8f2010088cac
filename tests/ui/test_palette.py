"""The palette and the one style sheet: it fills in and applies without a Qt warning (the
suite fails on one), roles colour the widgets, and no colour is spelt outside the palette."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QToolBar

from app.ui.common import palette
from app.ui.common.style import (
    FIELD_ROLES,
    LABEL_ROLES,
    apply_style,
    is_invalid,
    role,
    set_invalid,
    set_role,
    set_strong,
    style_sheet,
)

UI = Path(__file__).resolve().parents[2] / "app" / "ui"
ALLOWED = {UI / "common" / "palette.py", UI / "common" / "style.py"}
HEX = re.compile(r"(?<![\w&])#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
NAMED = re.compile(
    r"QColor\(\s*[\"']|Qt\.GlobalColor|\bQt\.(?:red|green|blue|gray|darkRed|darkGreen|yellow)\b"
)


@pytest.fixture
def styled(qapp):
    apply_style(qapp)
    yield qapp
    qapp.setStyleSheet("")


def text_colour(widget) -> str:
    widget.ensurePolished()
    return widget.palette().color(QPalette.ColorRole.WindowText).name()


def test_every_palette_name_is_a_colour():
    names = palette.names()
    wanted = "DANGER OVERDUE WARNING OK MUTED HINT ACCENT LINK BANNER_BG BANNER_FG BORDER"
    assert set(wanted.split()) <= set(names)
    for name, code in names.items():
        assert QColor(code).isValid(), name
        assert palette.color(code).name() == code.lower()
    copy = palette.color(palette.OK)
    copy.setAlpha(10)
    assert palette.color(palette.OK).alpha() == 255  # the cached colour is not shared


def test_the_style_sheet_names_only_palette_colours_and_known_roles():
    text = style_sheet()
    assert "$" not in text and palette.DANGER in text
    source = (Path(__file__).resolve().parents[2] / "resources" / "qss" / "propdesk.qss").read_text(
        encoding="utf-8"
    )
    assert not HEX.search(source), "the .qss spells a colour; use a $NAME of the palette"
    used = set(re.findall(r'\[role="(\w+)"\]', source))
    assert used == LABEL_ROLES | FIELD_ROLES


def test_the_style_sheet_applies_and_roles_colour_labels(qtbot, styled):
    label = QLabel("逾期 3")
    qtbot.addWidget(label)
    plain = text_colour(label)
    set_role(label, "overdue")
    assert role(label) == "overdue"
    assert text_colour(label) == palette.OVERDUE and label.font().bold()
    set_role(label, "ok")
    assert text_colour(label) == palette.OK and not label.font().bold()
    set_strong(label, True)
    assert label.font().bold()
    set_strong(label, False)
    set_role(label, None)
    assert text_colour(label) == plain and not label.font().bold() and role(label) == ""
    with pytest.raises(ValueError):
        set_role(label, "reddish")


def test_banner_figure_and_fields(qtbot, styled):
    banner = QLabel("演示数据")
    banner.setObjectName("demo_banner")
    figure = QLabel("12")
    set_role(figure, "figure_alarm")
    field = QLineEdit()
    for w in (banner, figure, field):
        qtbot.addWidget(w)
    banner.ensurePolished()
    assert banner.palette().color(QPalette.ColorRole.WindowText).name() == palette.BANNER_FG
    assert text_colour(figure) == palette.DANGER and figure.font().pixelSize() == 26
    set_invalid(field, True)
    assert is_invalid(field)
    set_invalid(field, False)
    assert not is_invalid(field)


def test_the_page_toolbar_rule_applies(qtbot, styled):
    bar = QToolBar()
    bar.setObjectName("page_toolbar")
    action = bar.addAction("新增")
    qtbot.addWidget(bar)
    bar.show()
    button = bar.widgetForAction(action)
    button.ensurePolished()
    assert button.palette().color(QPalette.ColorRole.Button).name() == palette.BUTTON_BG


def test_no_colour_is_spelt_outside_the_palette():
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        if path in ALLOWED:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if HEX.search(line) or NAMED.search(line):
                offenders.append(f"{path.relative_to(UI.parent.parent)}:{n}: {line.strip()}")
    assert not offenders, "use app.ui.common.palette:\n" + "\n".join(offenders)
