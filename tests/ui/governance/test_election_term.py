"""The election dialog asks for the term (任期), up to the pack's maximum (issue 12 item 5)."""

from __future__ import annotations

from app.ui.common.messages import MessageService
from app.ui.governance.formation_dialogs import ElectionDialog
from tests.conftest import TODAY


def test_the_term_defaults_to_the_maximum_and_a_typed_one_is_passed_on(qtbot):
    got = []
    messages = MessageService(dialogs=False)
    d = ElectionDialog(
        today=TODAY,
        term_years=5,
        messages=messages,
        submit=lambda f, reason="": got.append(f) or f,
    )
    qtbot.addWidget(d)
    assert d.term_years.text() == "5"
    d.term_years.setText("3")
    assert d.term_years.value() == 3
    d.term_years.setText("")
    d._on_accept()  # blank: refused with its message, nothing submitted
    assert got == [] and d.result() != ElectionDialog.DialogCode.Accepted
    assert messages.last() == "请填写任期年数"
