"""The fund-request chain (DOMAIN.md §4.2): gates, materials, review, payments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.errors import ConflictError, ValidationError
from app.domain.fund_records import FundFields, FundQuery
from app.domain.funds import FundStage, InstalmentKind, Material
from app.domain.votes import VoteCount, VoteMatter

D = date
PASSING = VoteCount(Decimal("30000"), 300, Decimal("20000"), 200, Decimal("10000.01"), 101)
FAILING = VoteCount(Decimal("30000"), 300, Decimal("20000"), 200, Decimal("10000"), 101)


def new_request(services, *, emergency=False, budget=12_340_000, **kw):
    cid = services.communities.choices()[0][0]
    fields = FundFields(
        community_id=cid,
        project="3号楼屋面防水维修",
        part="屋面",
        reason="屋面渗漏",
        budget_fen=budget,
        applied_on=D(2026, 10, 1),
        emergency=emergency,
        emergency_category="roof_leak" if emergency else "",
        confirmed_by="张三（镇住建办）" if emergency else "",
        confirmed_on=D(2026, 10, 2) if emergency else None,
        disclosure_start=None if emergency else D(2026, 10, 3),
        disclosure_end=None if emergency else D(2026, 10, 9),
        **kw,
    )
    return services.funds.create(fields)


def tick(services, rid, *materials, on=D(2026, 10, 10)):
    for m in materials:
        services.funds.set_material(rid, m, on)


ENTRY = (Material.APPLICATION, Material.PLAN, Material.VOTE_RESULT, Material.DISCLOSURE_PROOF)


def test_ordinary_request_refuses_review_while_materials_missing_and_names_them(demo):
    rid = new_request(demo)
    demo.funds.record_vote(rid, PASSING, VoteMatter.USE, D(2026, 10, 10))
    demo.funds.advance(rid, FundStage.VOTED, D(2026, 10, 11))
    tick(demo, rid, Material.APPLICATION, Material.PLAN)
    with pytest.raises(ValidationError) as err:
        demo.funds.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 12))
    assert "业主表决结果" in err.value.message and "公示证明" in err.value.message
    assert "申请表" not in err.value.message
    v = demo.funds.get(rid)
    assert v.stage is FundStage.VOTED
    assert any("缺少材料：业主表决结果、公示证明" in m for m in v.missing)


def test_failing_vote_blocks_and_names_the_rule(demo):
    rid = new_request(demo)
    result = demo.funds.record_vote(rid, FAILING, VoteMatter.USE, D(2026, 10, 10))
    assert not result.passed
    with pytest.raises(ValidationError, match="业主表决未通过"):
        demo.funds.advance(rid, FundStage.VOTED, D(2026, 10, 11))


def test_ordinary_request_to_done(demo):
    f = demo.funds
    rid = new_request(demo)
    assert f.get(rid).serial == "2026-001"
    f.record_vote(rid, PASSING, VoteMatter.USE, D(2026, 10, 10))
    f.advance(rid, FundStage.VOTED, D(2026, 10, 11))
    tick(demo, rid, *ENTRY)
    f.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 12), "提交")
    with pytest.raises(ValidationError, match="意见"):
        f.advance(rid, FundStage.TOWNSHIP_REVIEW, D(2026, 10, 13))
    f.advance(rid, FundStage.TOWNSHIP_REVIEW, D(2026, 10, 13), "同意上报")
    f.advance(rid, FundStage.COUNTY_REVIEW, D(2026, 10, 14), "材料齐全，同意")
    with pytest.raises(ValidationError, match="不能超过申请金额"):
        f.advance(rid, FundStage.APPROVED, D(2026, 10, 20), "核准", amount_fen=12_340_001)
    f.advance(rid, FundStage.APPROVED, D(2026, 10, 20), "核准", amount_fen=12_000_000)
    with pytest.raises(ValidationError, match="施工合同"):
        f.disburse(rid, InstalmentKind.FIRST, D(2026, 10, 21), 8_400_000)
    tick(demo, rid, Material.CONTRACT, on=D(2026, 10, 21))
    f.disburse(rid, InstalmentKind.FIRST, D(2026, 10, 21), 8_400_000)
    assert f.get(rid).stage is FundStage.DISBURSED
    with pytest.raises(ValidationError, match="本次最多可拨付 36,000.00 元"):
        f.disburse(rid, InstalmentKind.FINAL, D(2026, 10, 22), 3_600_001)
    tick(demo, rid, Material.ACCEPTANCE, on=D(2026, 11, 1))
    f.advance(rid, FundStage.ACCEPTED, D(2026, 11, 1), "验收合格")
    tick(demo, rid, Material.FINAL_ACCOUNT, on=D(2026, 11, 5))
    with pytest.raises(ValidationError, match="不能超过核准金额"):
        f.advance(rid, FundStage.FINAL_DISCLOSURE, D(2026, 11, 5), amount_fen=12_000_001)
    f.advance(rid, FundStage.FINAL_DISCLOSURE, D(2026, 11, 5), amount_fen=11_800_000)
    with pytest.raises(ValidationError, match="请先登记尾款"):
        f.advance(rid, FundStage.DONE, D(2026, 11, 20))
    f.disburse(rid, InstalmentKind.FINAL, D(2026, 11, 20), 3_400_000)
    f.advance(rid, FundStage.DONE, D(2026, 11, 20), "办结")
    v = f.get(rid)
    assert v.stage is FundStage.DONE and v.closed_on == D(2026, 11, 20)
    assert v.disbursed_fen == 11_800_000
    assert [s.to_stage for s in v.steps] == [
        FundStage.VOTING,
        FundStage.VOTED,
        FundStage.COMMUNITY_REVIEW,
        FundStage.TOWNSHIP_REVIEW,
        FundStage.COUNTY_REVIEW,
        FundStage.APPROVED,
        FundStage.DISBURSED,
        FundStage.ACCEPTED,
        FundStage.FINAL_DISCLOSURE,
        FundStage.DONE,
    ]
    totals = f.totals(FundQuery())
    assert (totals.requested_fen, totals.approved_fen, totals.disbursed_fen) == (
        12_340_000, 12_000_000, 11_800_000)  # fmt: skip


def test_emergency_skips_the_vote_but_needs_evidence_and_confirmation(demo):
    f = demo.funds
    rid = new_request(demo, emergency=True)
    tick(demo, rid, Material.APPLICATION, Material.PLAN)
    v = f.get(rid)
    assert v.next_stage is FundStage.COMMUNITY_REVIEW
    assert any("紧急情况证明（鉴定机构证明）" in m for m in v.missing)
    with pytest.raises(ConflictError):
        f.record_vote(rid, PASSING, VoteMatter.USE, D(2026, 10, 10))
    tick(demo, rid, Material.EVIDENCE)
    f.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 10), "紧急")
    assert f.get(rid).stage is FundStage.COMMUNITY_REVIEW


def test_return_and_reject_need_a_reason_and_a_review_stage(demo):
    f = demo.funds
    rid = new_request(demo, emergency=True)
    tick(demo, rid, Material.APPLICATION, Material.PLAN, Material.EVIDENCE)
    with pytest.raises(ConflictError):
        f.send_back(rid, D(2026, 10, 11), "x")
    f.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 10), "紧急")
    with pytest.raises(ValidationError):
        f.send_back(rid, D(2026, 10, 11), "  ")
    f.send_back(rid, D(2026, 10, 11), "预算缺少明细")
    assert f.get(rid).stage is FundStage.RETURNED
    f.update(rid, f.get(rid).fields)  # editable again
    f.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 12), "已补正")
    f.reject(rid, D(2026, 10, 13), "不属于维修资金列支范围")
    v = f.get(rid)
    assert v.stage is FundStage.REJECTED and v.next_stage is None
    with pytest.raises(ConflictError):
        f.update(rid, v.fields)


def test_filters(demo):
    f = demo.funds
    a = new_request(demo)
    b = new_request(demo, emergency=True)
    assert f.search_ids(FundQuery(emergency=True)) == [b]
    assert f.search_ids(FundQuery(stage=FundStage.DRAFT)) == [b, a]
    assert f.search_ids(FundQuery(text="2026-002")) == [b]
    assert f.search_ids(FundQuery(waiting_over_days=0)) == []  # both entered today
    assert [r.days_in_stage for r in f.rows([a, b])] == [0, 0]


def test_material_scan_is_copied_in_and_removed_when_unticked(demo, tmp_path):
    rid = new_request(demo)
    scan = tmp_path / "申请表.pdf"
    scan.write_bytes(b"%PDF-1.4\n%fake\n")
    demo.funds.set_material(rid, Material.APPLICATION, D(2026, 10, 10), scan, "原件已核")
    m = demo.funds.get(rid).materials[0]
    assert m.received_on == D(2026, 10, 10) and m.original_name == "申请表.pdf"
    stored = Path(m.path)
    assert stored.read_bytes() == scan.read_bytes() and stored.suffix == ".pdf"
    demo.funds.set_material(rid, Material.APPLICATION, None)
    assert demo.funds.get(rid).materials[0].received_on is None
    assert not stored.exists()
    bad = tmp_path / "x.txt"
    bad.write_text("hello")
    with pytest.raises(ValidationError, match="不是 PDF"):
        demo.funds.set_material(rid, Material.PLAN, D(2026, 10, 10), bad)
    assert demo.funds.get(rid).materials[1].received_on is None
