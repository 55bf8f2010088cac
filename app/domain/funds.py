"""Maintenance-fund use requests (住宅专项维修资金使用申请, DOMAIN.md §3 "FundRequest", §4.2,
§5.2): the stages, the materials each stage needs, and the gates between stages.

The gates are pure: `blockers(state, target)` lists, in Chinese, every rule that keeps a
request from reaching `target`, so the page can say exactly what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.domain.amounts import yuan as _yuan
from app.domain.enums import LabelledEnum


class FundStage(LabelledEnum):
    DRAFT = ("draft", "草拟")
    VOTING = ("voting", "公示/表决中")
    VOTED = ("voted", "表决通过")
    COMMUNITY_REVIEW = ("community_review", "社区初审")
    TOWNSHIP_REVIEW = ("township_review", "乡镇审核")
    COUNTY_REVIEW = ("county_review", "报县住建局")
    APPROVED = ("approved", "核准")
    DISBURSED = ("disbursed", "已拨付")
    ACCEPTED = ("accepted", "竣工验收")
    FINAL_DISCLOSURE = ("final_disclosure", "决算公示")
    DONE = ("done", "办结")
    RETURNED = ("returned", "退回补正")
    REJECTED = ("rejected", "不予核准")


_MAIN = list(FundStage)[: list(FundStage).index(FundStage.DONE) + 1]  # the ordinary path
REVIEW_STAGES = (FundStage.COMMUNITY_REVIEW, FundStage.TOWNSHIP_REVIEW, FundStage.COUNTY_REVIEW)
EDITABLE_STAGES = (FundStage.DRAFT, FundStage.VOTING, FundStage.VOTED, FundStage.RETURNED)
CLOSED_STAGES = (FundStage.DONE, FundStage.REJECTED)
# stages in which money may be paid out (the first payment moves 核准 to 已拨付)
PAYABLE_STAGES = (
    FundStage.APPROVED,
    FundStage.DISBURSED,
    FundStage.ACCEPTED,
    FundStage.FINAL_DISCLOSURE,
)
# the review level whose opinion is recorded when a request leaves each review stage
REVIEW_LEVELS = {
    FundStage.COMMUNITY_REVIEW: "社区（居委会）初审意见",
    FundStage.TOWNSHIP_REVIEW: "乡镇（街道）审核意见",
    FundStage.COUNTY_REVIEW: "县住房和城乡建设局核准意见",
}


class Applicant(LabelledEnum):
    COMMITTEE = ("committee", "业委会")
    COMPANY = ("company", "物业企业")
    OWNERS = ("owners", "相关业主")
    RESIDENTS_COMMITTEE = ("residents_committee", "居委会")


class Material(LabelledEnum):
    APPLICATION = ("application", "申请表")
    PLAN = ("plan", "维修方案与预算")
    VOTE_RESULT = ("vote_result", "业主表决结果")
    DISCLOSURE_PROOF = ("disclosure_proof", "公示证明")
    EVIDENCE = ("evidence", "紧急情况证明")
    CONTRACT = ("contract", "施工合同")
    ACCEPTANCE = ("acceptance", "验收证明")
    FINAL_ACCOUNT = ("final_account", "决算书")


class InstalmentKind(LabelledEnum):
    FIRST = ("first", "首付")
    PROGRESS = ("progress", "进度款")
    FINAL = ("final", "尾款")
    FULL = ("full", "一次性拨付")


@dataclass(frozen=True)
class EmergencyCategory:
    code: str
    name: str
    evidence: str  # the evidence document the category requires (鉴定机构证明 …)


@dataclass(frozen=True)
class FundRules:
    disclosure_min_days: int
    emergency_categories: tuple[EmergencyCategory, ...]

    def category(self, code: str) -> EmergencyCategory | None:
        return next((c for c in self.emergency_categories if c.code == code), None)


def materials_for(target: FundStage, emergency: bool) -> tuple[Material, ...]:
    """The materials a request must hold before it may reach `target`. An emergency
    request needs the evidence of its emergency instead of the vote and its 公示."""
    if target is FundStage.COMMUNITY_REVIEW:
        if emergency:
            return (Material.APPLICATION, Material.PLAN, Material.EVIDENCE)
        return (
            Material.APPLICATION,
            Material.PLAN,
            Material.VOTE_RESULT,
            Material.DISCLOSURE_PROOF,
        )
    return {
        FundStage.DISBURSED: (Material.CONTRACT,),
        FundStage.ACCEPTED: (Material.ACCEPTANCE,),
        FundStage.FINAL_DISCLOSURE: (Material.FINAL_ACCOUNT,),
    }.get(target, ())


def checklist(emergency: bool) -> list[tuple[Material, FundStage]]:
    """Every material a request of this kind needs, with the stage that first needs it."""
    out: list[tuple[Material, FundStage]] = []
    for stage in (
        FundStage.COMMUNITY_REVIEW,
        FundStage.DISBURSED,
        FundStage.ACCEPTED,
        FundStage.FINAL_DISCLOSURE,
    ):
        out += [(m, stage) for m in materials_for(stage, emergency)]
    return out


def material_label(material: Material, category: EmergencyCategory | None) -> str:
    if material is Material.EVIDENCE and category is not None:
        return f"{material.label}（{category.evidence}）"
    return material.label


def disclosure_days(start: date, end: date) -> int:
    """Days a 公示 covers, counting both the first and the last day (the deadline engine's
    convention: a period of N days starting on P runs through P + N − 1)."""
    return (end - start).days + 1


@dataclass(frozen=True)
class FundState:
    """What the gates look at: a snapshot of one request."""

    stage: FundStage
    emergency: bool
    category: EmergencyCategory | None = None
    confirmed_by: str = ""
    confirmed_on: date | None = None
    vote_passed: bool | None = None  # None: no vote recorded
    received: frozenset[Material] = field(default_factory=frozenset)
    disclosure_start: date | None = None
    disclosure_end: date | None = None
    budget_fen: int = 0
    approved_fen: int | None = None
    disbursed_fen: int = 0
    final_fen: int | None = None


def forward(stage: FundStage, emergency: bool) -> FundStage | None:
    """The next stage on the ordinary path (None at the end or in a terminal stage)."""
    if stage is FundStage.DRAFT:
        return FundStage.COMMUNITY_REVIEW if emergency else FundStage.VOTING
    if stage is FundStage.RETURNED:
        return FundStage.COMMUNITY_REVIEW
    if stage not in _MAIN or stage is FundStage.DONE:
        return None
    return _MAIN[_MAIN.index(stage) + 1]


def reached(stage: FundStage, target: FundStage) -> bool:
    """Whether a request in `stage` has already reached `target` on the main path (a
    returned request has not: it goes back to the applicant to be completed)."""
    return stage in _MAIN and target in _MAIN and _MAIN.index(stage) >= _MAIN.index(target)


def blockers(s: FundState, target: FundStage, rules: FundRules) -> list[str]:
    """Every reason `s` may not move to `target`, in plain Chinese; empty when it may."""
    if forward(s.stage, s.emergency) is not target:
        return [f"当前阶段“{s.stage.label}”不能直接进入“{target.label}”"]
    out: list[str] = []
    if target is FundStage.VOTED:
        if s.vote_passed is None:
            out.append("尚未登记业主表决结果")
        elif not s.vote_passed:
            out.append("业主表决未通过")
    if target is FundStage.COMMUNITY_REVIEW:
        out += _entry_blockers(s, rules)
    # 已拨付 is reached by the first payment, and 决算公示 takes its amount in the step itself:
    # neither is a condition to meet beforehand
    if target is FundStage.DONE and s.final_fen is not None and s.disbursed_fen != s.final_fen:
        out.append(
            f"已拨付合计 {_yuan(s.disbursed_fen)} 元与决算金额 {_yuan(s.final_fen)} 元不一致，"
            "请先登记尾款"
        )
    missing = [m for m in materials_for(target, s.emergency) if m not in s.received]
    if missing:
        names = "、".join(material_label(m, s.category) for m in missing)
        out.append(f"缺少材料：{names}")
    return out


def _entry_blockers(s: FundState, rules: FundRules) -> list[str]:
    out: list[str] = []
    if s.budget_fen <= 0:
        out.append("尚未填写申请金额（预算）")
    if s.emergency:
        if s.category is None:
            out.append("紧急使用须选择紧急情况类别")
        if not s.confirmed_by.strip():
            out.append("紧急使用须登记紧急情况确认人")
        if s.confirmed_on is None:
            out.append("紧急使用须登记确认日期")
        return out
    if s.vote_passed is None:
        out.append("尚未登记业主表决结果")
    elif not s.vote_passed:
        out.append("业主表决未通过")
    if s.disclosure_start is None or s.disclosure_end is None:
        out.append("尚未登记公示起止日期")
    return out


def warnings(s: FundState, rules: FundRules) -> list[str]:
    """Facts worth a warning that do not stop the request."""
    out: list[str] = []
    if s.disclosure_start and s.disclosure_end:
        days = disclosure_days(s.disclosure_start, s.disclosure_end)
        if days < rules.disclosure_min_days:
            out.append(
                f"公示期 {s.disclosure_start:%Y-%m-%d} 至 {s.disclosure_end:%Y-%m-%d} 共 {days} 天，"
                f"少于规定的 {rules.disclosure_min_days} 天"
            )
    return out
