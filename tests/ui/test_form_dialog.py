"""FormDialog, the base of every form dialog: one result (`result_value`), a bad value keeps
the dialog open with its field focused, a broken rule asks for a reason and writes again
with it, and the size is remembered."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ConflictError, ValidationError
from app.domain.governance import Finding, NeedsReason
from app.ui.common.fields import IntField
from app.ui.common.form_dialog import BreachReasonDialog, FormDialog
from app.ui.common.messages import MessageService
from app.ui.state import UiState
from tests.ui.conftest import drive, type_into

LATE = Finding("filing_late", "备案晚了3天")


class Ledger:
    """A stand-in service: `write` refuses a breach without a reason, keeps what it wrote."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, str]] = []
        self.written: list[tuple[Any, str]] = []
        self.breach = False
        self.conflict = False

    def write(self, fields: Any, reason: str = "") -> str:
        self.calls.append((fields, reason))
        if fields[1] > 1000:
            raise ValidationError("金额不能超过1000元", field="amount")
        if self.conflict:
            raise ConflictError("已有同名记录")
        if self.breach and not reason:
            raise NeedsReason([LATE])
        self.written.append((fields, reason))
        return f"第{len(self.written)}笔"


class LoanDialog(FormDialog):
    """A name on the first tab and an amount on the second."""

    def __init__(self, parent: QWidget | None = None, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.setWindowTitle("登记")
        self.name = QLineEdit(objectName="name")
        self.amount = IntField("amount", "金额")
        self.tabs = QTabWidget()
        for title, label, widget in (("基本", "名称", self.name), ("金额", "金额", self.amount)):
            page = QWidget()
            form = QFormLayout(page)
            form.addRow(label, widget)
            self.tabs.addTab(page, title)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.resize(420, 260)

    def fields(self) -> tuple[str, int]:
        amount = self.amount.value()
        if amount is None:
            raise ValidationError("请填写金额", field="amount")
        return self.name.text().strip(), amount


@pytest.fixture
def messages():
    return MessageService(dialogs=False)


@pytest.fixture
def ledger():
    return Ledger()


@pytest.fixture
def dialog(qtbot, messages, ledger):
    d = LoanDialog(submit=ledger.write, messages=messages)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_a_saved_form_gives_what_the_write_returned(dialog, ledger):
    dialog.name.setText("维修")
    dialog.amount.setText("300")
    dialog._on_accept()
    assert dialog.result() == LoanDialog.DialogCode.Accepted
    assert dialog.result_value == "第1笔" and ledger.written == [(("维修", 300), "")]


def test_a_bad_field_keeps_the_dialog_open_and_focuses_it_on_its_tab(dialog, ledger, messages):
    dialog.name.setText("维修")
    dialog.amount.setText("三百")  # not a number: the form itself refuses it
    dialog._on_accept()
    assert dialog.isVisible() and dialog.result_value is None
    assert dialog.tabs.currentIndex() == 1 and dialog.focusWidget() is dialog.amount
    assert len(messages.shown) == 1 and messages.shown[0][0] == "warn"
    assert messages.last().startswith("金额：")
    assert ledger.calls == []

    dialog.tabs.setCurrentIndex(0)
    dialog.amount.setText("5000")  # the service refuses it, naming the field
    dialog._on_accept()
    assert dialog.isVisible() and dialog.result() != LoanDialog.DialogCode.Accepted
    assert dialog.tabs.currentIndex() == 1 and dialog.focusWidget() is dialog.amount
    assert messages.last() == "金额不能超过1000元" and ledger.written == []
    assert dialog.name.text() == "维修"  # nothing typed is lost


def test_another_expected_error_is_said_once_and_the_dialog_stays_open(dialog, ledger, messages):
    ledger.conflict = True
    dialog.amount.setText("300")
    dialog._on_accept()
    assert messages.shown == [("warn", "已有同名记录")]
    assert dialog.isVisible() and dialog.result_value is None and ledger.written == []


def test_a_breach_asks_for_a_reason_and_writes_again_with_it(monkeypatch, dialog, ledger):
    ledger.breach = True
    asked: list[str] = []

    def answer(d: BreachReasonDialog) -> None:
        asked.append(d.findings_label.text())
        d.save_button.click()  # a reason is required
        assert d.result() != BreachReasonDialog.DialogCode.Accepted and d.error.text()
        type_into(d.reason, "材料补正")
        d.save_button.click()

    drive(monkeypatch, BreachReasonDialog, answer)
    dialog.amount.setText("300")
    dialog._on_accept()
    assert asked == ["• 备案晚了3天"]
    assert ledger.calls == [(("", 300), ""), (("", 300), "材料补正")]
    assert ledger.written == [(("", 300), "材料补正")]
    assert dialog.result() == LoanDialog.DialogCode.Accepted
    assert dialog.result_value == "第1笔" and dialog.breach_reason == "材料补正"


def test_cancelling_the_reason_leaves_the_dialog_open_with_nothing_written(
    monkeypatch, dialog, ledger, messages
):
    ledger.breach = True
    drive(monkeypatch, BreachReasonDialog, lambda d: d.reject())
    dialog.name.setText("维修")
    dialog.amount.setText("300")
    dialog._on_accept()
    assert ledger.written == [] and len(ledger.calls) == 1
    assert dialog.isVisible() and dialog.result() != LoanDialog.DialogCode.Accepted
    assert dialog.result_value is None and messages.shown == []
    assert dialog.name.text() == "维修" and dialog.amount.text() == "300"


def test_the_result_is_none_after_a_cancel(dialog, ledger):
    dialog.amount.setText("300")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == LoanDialog.DialogCode.Rejected
    assert dialog.result_value is None and ledger.calls == []


def test_without_a_submit_the_result_is_the_form(dialog):
    dialog.set_submit(None)
    dialog.amount.setText("12")
    dialog._on_accept()
    assert dialog.result_value == ("", 12)


def test_stay_open_keeps_the_dialog_open_without_an_error(qtbot, messages):
    class Declined(LoanDialog):
        def _save(self, reason: str = "") -> Any:
            self.stay_open()  # e.g. the user said no to a confirmation
            return "nothing"

    d = Declined(messages=messages)
    qtbot.addWidget(d)
    d.show()
    d._on_accept()
    assert d.isVisible() and d.result_value is None and messages.shown == []


# ---- remembered geometry ---------------------------------------------------------------------
def shown(qtbot, d: FormDialog) -> FormDialog:
    if d.parentWidget() is None:  # a child goes with its window
        qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_a_dialog_reopened_after_resizing_comes_back_at_the_saved_size(qtbot, tmp_path):
    state = UiState(tmp_path)
    first = shown(qtbot, LoanDialog(state=state))
    assert first.size() == QSize(420, 260)
    first.resize(610, 380)
    first.reject()  # closed either way: the size is kept
    again = shown(qtbot, LoanDialog(state=state))
    assert again.size() == QSize(610, 380)
    again.resize(500, 300)
    again.amount.setText("1")
    again._on_accept()
    state.sync()
    next_run = shown(qtbot, LoanDialog(state=UiState(tmp_path)))
    assert next_run.size() == QSize(500, 300)


def test_each_dialog_class_has_its_own_size_and_unshown_dialogs_save_none(qtbot, tmp_path):
    class OtherDialog(LoanDialog):
        pass

    state = UiState(tmp_path)
    d = shown(qtbot, LoanDialog(state=state))
    d.resize(600, 400)
    d.reject()
    never_shown = LoanDialog(state=state)
    qtbot.addWidget(never_shown)
    never_shown.reject()
    assert shown(qtbot, OtherDialog(state=state)).size() == QSize(420, 260)
    assert shown(qtbot, LoanDialog(state=state)).size() == QSize(600, 400)
    keyed = shown(qtbot, OtherDialog(state=state, state_key="LoanDialog"))
    assert keyed.size() == QSize(600, 400)


def test_without_a_state_the_dialog_uses_its_parent_windows(qtbot, tmp_path):
    window = QWidget()
    window.ui_state = UiState(tmp_path)  # what MainWindow exposes
    qtbot.addWidget(window)
    inner = QWidget(window)
    d = shown(qtbot, LoanDialog(inner))
    assert d.geometry_state() is window.ui_state
    d.resize(640, 420)
    d.reject()
    assert shown(qtbot, LoanDialog(inner)).size() == QSize(640, 420)
    assert LoanDialog().geometry_state() is None  # no state anywhere: nothing remembered


def test_dialogs_of_the_main_window_remember_their_size(qtbot, window):
    page = window.go("小区")
    first = shown(qtbot, page.open_dialog())
    assert first.geometry_state() is window.ui_state
    first.resize(700, 600)
    first.reject()
    assert shown(qtbot, page.open_dialog()).size() == QSize(700, 600)
