"""冲销 from the 维修资金 page: select a payment in 拨付记录, 冲销…, give the reason."""

from __future__ import annotations

from datetime import date as D

from app.domain.funds import InstalmentKind
from app.ui.funds.step_dialogs import ReversalDialog
from tests.services.test_fund_papers import approved
from tests.ui.conftest import drive, press_ok, type_into


def test_a_payment_is_reversed_from_the_detail(monkeypatch, window, demo):
    rid = approved(demo)
    demo.funds.disburse(rid, InstalmentKind.FIRST, D(2026, 10, 21), 900_000)
    page = window.go("维修资金")
    page.refresh(select=rid)
    assert page.current_id() == rid
    payments = page.detail.payments
    assert not page.detail.reverse_button.isEnabled()  # nothing selected yet
    payments.selectRow(0)
    assert page.detail.reverse_button.isEnabled()

    def fill(d: ReversalDialog) -> None:
        press_ok(d)  # no reason: refused, the dialog stays open
        assert d.result() != ReversalDialog.DialogCode.Accepted
        assert "冲销原因" in window.messages.last()
        type_into(d.reason, "金额录入错误")
        press_ok(d)

    seen = drive(monkeypatch, ReversalDialog, fill)
    page.detail.reverse_button.click()
    assert seen and seen[0].result() == ReversalDialog.DialogCode.Accepted
    v = demo.funds.get(rid)
    assert v.disbursed_fen == 0 and len(v.disbursements) == 2
    kinds = [payments.item(r, 0).text() for r in range(payments.rowCount())]
    assert kinds == ["首付（已冲销）", "冲销（首付）"]
    assert payments.item(1, 2).text() == "-9,000.00"
    payments.selectRow(0)
    assert not page.detail.reverse_button.isEnabled()  # reversed once only
    payments.selectRow(1)
    assert not page.detail.reverse_button.isEnabled()  # a reversal is never reversed
