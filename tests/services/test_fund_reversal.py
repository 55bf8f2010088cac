"""冲销: a wrong payment is netted out by a reversal entry with its reason, never edited or
deleted (issue 12 item 12)."""

from __future__ import annotations

from datetime import date as D

import pytest

from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.fund_records import FundQuery
from app.domain.funds import FundStage, InstalmentKind
from tests.services.test_fund_papers import approved
from tests.services.test_fund_requests import new_request


def test_a_wrong_payment_is_netted_out_and_can_be_paid_again(demo):
    f = demo.funds
    rid = approved(demo)
    f.disburse(rid, InstalmentKind.FIRST, D(2026, 10, 21), 900_000)  # typed 9,000 for 8,400
    wrong = f.get(rid).disbursements[0]
    f.reverse_payment(rid, wrong.id, D(2026, 10, 22), "金额录入错误，应为8400元")
    v = f.get(rid)
    assert v.disbursed_fen == 0 and v.stage is FundStage.DISBURSED
    original, reversal = v.disbursements
    assert (original.id, original.amount_fen, original.note) == (wrong.id, 900_000, "")
    assert original.reversed_by == reversal.id and not original.can_reverse
    assert reversal.reverses_id == wrong.id and reversal.amount_fen == -900_000
    assert reversal.note == "冲销：金额录入错误，应为8400元" and not reversal.can_reverse
    f.disburse(rid, InstalmentKind.FIRST, D(2026, 10, 22), 840_000)
    assert f.get(rid).disbursed_fen == 840_000
    # the totals and the ledger net the reversal too
    assert f.totals(FundQuery()).disbursed_fen == sum(
        f.get(i).disbursed_fen for i in f.search_ids(FundQuery())
    )


def test_a_reversal_needs_a_reason_and_a_sensible_day(demo):
    f = demo.funds
    rid = approved(demo)
    f.disburse(rid, InstalmentKind.FIRST, D(2026, 10, 21), 1_000_000)
    pid = f.get(rid).disbursements[0].id
    with pytest.raises(ValidationError, match="冲销原因") as err:
        f.reverse_payment(rid, pid, D(2026, 10, 22), "  ")
    assert err.value.field == "reason"
    with pytest.raises(ValidationError, match="早于拨付日期"):
        f.reverse_payment(rid, pid, D(2026, 10, 20), "错")
    with pytest.raises(ValidationError, match="晚于今天"):
        f.reverse_payment(rid, pid, D(2026, 11, 24), "错")
    assert len(f.get(rid).disbursements) == 1  # nothing written


def test_a_payment_is_reversed_once_and_a_reversal_never(demo):
    f = demo.funds
    rid = approved(demo)
    f.disburse(rid, InstalmentKind.FIRST, D(2026, 10, 21), 1_000_000)
    pid = f.get(rid).disbursements[0].id
    f.reverse_payment(rid, pid, D(2026, 10, 21), "重复登记")  # the same day is allowed
    rev = f.get(rid).disbursements[1].id
    with pytest.raises(ConflictError, match="已冲销"):
        f.reverse_payment(rid, pid, D(2026, 10, 22), "再冲一次")
    with pytest.raises(ConflictError, match="冲销记录"):
        f.reverse_payment(rid, rev, D(2026, 10, 22), "冲销冲销")
    with pytest.raises(NotFoundError):
        f.reverse_payment(new_request(demo), pid, D(2026, 10, 22), "别的申请")


def test_the_reversal_is_in_the_audit_log(demo):
    from app.storage.models import AuditEntry

    f = demo.funds
    rid = approved(demo)
    f.disburse(rid, InstalmentKind.FIRST, D(2026, 10, 21), 1_000_000)
    f.reverse_payment(rid, f.get(rid).disbursements[0].id, D(2026, 10, 22), "收款账户错误")
    with demo.ctx.db.read() as s:
        entry = s.query(AuditEntry).filter_by(action="reverse_payment").one()
        assert "冲销首付 10,000.00 元" in entry.summary and "收款账户错误" in entry.summary
