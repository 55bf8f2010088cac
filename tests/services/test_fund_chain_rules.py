"""Rules of the maintenance-fund chain found in review (issue 5): money that must still add
up, materials that stay in once used, step dates in order, and requests that can end."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import ConflictError, ValidationError
from app.domain.fund_records import FundFields
from app.domain.funds import FundStage, InstalmentKind, Material
from app.domain.votes import VoteCount, VoteMatter
from app.services import Services
from app.storage.repositories import audit_repo

D = date
PASSING = VoteCount(Decimal("30000"), 300, Decimal("20000"), 200, Decimal("10000.01"), 101)
FAILING = VoteCount(Decimal("30000"), 300, Decimal("20000"), 200, Decimal("10000"), 101)
ENTRY = (Material.APPLICATION, Material.PLAN, Material.VOTE_RESULT, Material.DISCLOSURE_PROOF)


def new_request(services: Services, *, emergency: bool = False) -> int:
    cid = services.communities.choices()[0][0]
    return services.funds.create(
        FundFields(
            community_id=cid,
            project="3号楼屋面防水维修",
            budget_fen=12_000_000,
            applied_on=D(2026, 10, 1),
            emergency=emergency,
            emergency_category="roof_leak" if emergency else "",
            confirmed_by="张三" if emergency else "",
            confirmed_on=D(2026, 10, 2) if emergency else None,
            disclosure_start=None if emergency else D(2026, 10, 3),
            disclosure_end=None if emergency else D(2026, 10, 9),
        )
    )


def tick(services: Services, rid: int, *materials: Material, on: date = D(2026, 10, 10)) -> None:
    for m in materials:
        services.funds.set_material(rid, m, on)


def to_community_review(services: Services) -> int:
    f = services.funds
    rid = new_request(services)
    f.record_vote(rid, PASSING, VoteMatter.USE, D(2026, 10, 10))
    f.advance(rid, FundStage.VOTED, D(2026, 10, 11))
    tick(services, rid, *ENTRY)
    f.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 12), "提交")
    return rid


def to_accepted(services: Services, paid: int) -> int:
    """Approved for 120,000.00 yuan, `paid` fen paid out, accepted on 2026-11-01."""
    f = services.funds
    rid = to_community_review(services)
    f.advance(rid, FundStage.TOWNSHIP_REVIEW, D(2026, 10, 13), "同意上报")
    f.advance(rid, FundStage.COUNTY_REVIEW, D(2026, 10, 14), "同意")
    f.advance(rid, FundStage.APPROVED, D(2026, 10, 20), "核准", amount_fen=12_000_000)
    tick(services, rid, Material.CONTRACT, on=D(2026, 10, 21))
    f.disburse(rid, InstalmentKind.FIRST, D(2026, 10, 21), paid)
    tick(services, rid, Material.ACCEPTANCE, Material.FINAL_ACCOUNT, on=D(2026, 11, 1))
    f.advance(rid, FundStage.ACCEPTED, D(2026, 11, 1), "验收合格")
    return rid


def test_final_amount_below_what_is_already_paid_is_refused(demo: Services) -> None:
    f = demo.funds
    rid = to_accepted(demo, paid=9_000_000)  # 90,000.00 paid
    try:
        f.advance(rid, FundStage.FINAL_DISCLOSURE, D(2026, 11, 5), "公示", amount_fen=8_000_000)
    except ValidationError as err:
        assert "已拨付" in err.message
        return
    # it was accepted: 办结 now needs paid == final, and nothing can lower what was paid
    with pytest.raises(ValidationError, match="本次最多可拨付 0.00 元"):
        f.disburse(rid, InstalmentKind.FINAL, D(2026, 11, 6), 1)
    f.advance(rid, FundStage.DONE, D(2026, 11, 20), "办结")  # raises: stuck for good


def test_material_unticked_in_community_review_blocks_moving_past_it(demo: Services) -> None:
    f = demo.funds
    rid = to_community_review(demo)
    with pytest.raises(ConflictError, match="申请表"):
        f.set_material(rid, Material.APPLICATION, None)
    f.set_material(rid, Material.APPLICATION, D(2026, 10, 11))  # re-dating stays possible
    f.advance(rid, FundStage.TOWNSHIP_REVIEW, D(2026, 10, 13), "同意上报")


def test_corrected_vote_cannot_be_dated_before_the_stage_it_leaves(demo: Services) -> None:
    f = demo.funds
    rid = new_request(demo)
    f.record_vote(rid, PASSING, VoteMatter.USE, D(2026, 10, 10))
    f.advance(rid, FundStage.VOTED, D(2026, 11, 1))
    f.record_vote(rid, FAILING, VoteMatter.USE, D(2026, 10, 10))  # the vote's own date
    v = f.get(rid)
    assert v.stage is FundStage.VOTING and v.voted_on == D(2026, 10, 10)
    assert v.steps[-1].on == D(2026, 11, 1)  # the correction is not dated before 表决通过


def test_a_step_out_of_a_reentered_draft_cannot_predate_earlier_steps(demo: Services) -> None:
    f = demo.funds
    rid = new_request(demo)
    f.record_vote(rid, PASSING, VoteMatter.USE, D(2026, 11, 10))  # 草拟 → 公示/表决中
    v = f.get(rid)
    f.update(
        rid,
        replace(
            v.fields,
            emergency=True,
            emergency_category="roof_leak",
            confirmed_by="张三",
            confirmed_on=D(2026, 11, 12),
        ),
    )
    assert f.get(rid).stage is FundStage.DRAFT  # moved back on 2026-11-23
    tick(demo, rid, Material.APPLICATION, Material.PLAN, Material.EVIDENCE, on=D(2026, 11, 12))
    with pytest.raises(ValidationError, match="日期不能早于"):
        f.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 1), "紧急")


def test_review_cannot_start_before_its_materials_were_received(demo: Services) -> None:
    f = demo.funds
    rid = new_request(demo, emergency=True)
    tick(demo, rid, Material.APPLICATION, Material.PLAN, Material.EVIDENCE, on=D(2026, 10, 10))
    with pytest.raises(ValidationError, match="申请表"):
        f.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 3), "紧急")


def test_review_form_of_a_request_made_urgent_does_not_print_the_old_vote(
    demo: Services,
) -> None:
    f = demo.funds
    rid = new_request(demo)
    f.record_vote(rid, FAILING, VoteMatter.USE, D(2026, 10, 10))
    v = f.get(rid)
    f.update(
        rid,
        replace(
            v.fields,
            emergency=True,
            emergency_category="roof_leak",
            confirmed_by="张三",
            confirmed_on=D(2026, 10, 2),
        ),
    )
    form = f.papers.review_form(rid)
    assert form.vote_lines == ("紧急使用，无需业主表决",)


def test_a_returned_request_that_is_never_resubmitted_can_be_ended(demo: Services) -> None:
    f = demo.funds
    rid = to_community_review(demo)
    f.send_back(rid, D(2026, 10, 13), "预算缺少分项明细")
    f.reject(rid, D(2026, 11, 20), "申请人逾期未补正，视为撤回")
    assert f.get(rid).stage is FundStage.REJECTED


def test_approved_amount_is_in_the_audit_log(demo: Services) -> None:
    f = demo.funds
    rid = to_community_review(demo)
    f.advance(rid, FundStage.TOWNSHIP_REVIEW, D(2026, 10, 13), "同意上报")
    f.advance(rid, FundStage.COUNTY_REVIEW, D(2026, 10, 14), "同意")
    f.advance(rid, FundStage.APPROVED, D(2026, 10, 20), "核准", amount_fen=11_000_000)
    with demo.ctx.db.read() as s:
        entries = audit_repo.for_record(s, "fund_request", rid)
    assert any("approved_fen" in e.changes for e in entries)
