"""Between the fund-request rows and the domain: fields, gate state and the detail view."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.fund_records import (
    DisbursementView,
    FundFields,
    FundView,
    MaterialView,
    StepView,
)
from app.domain.funds import FundRules, FundState, blockers, checklist, forward, material_label
from app.domain.funds import warnings as fund_warnings
from app.domain.rulepack import RulePack
from app.domain.votes import VoteCount, VoteMatter, evaluate
from app.storage.models import FundDisbursement, FundMaterial, FundRequest, FundStep
from app.storage.repositories import fund_repo
from app.storage.session import Session

FIELD_NAMES = tuple(FundFields.__dataclass_fields__)
VOTE_COLUMNS = ("total_area", "total_owners", "part_area", "part_owners", "yes_area", "yes_owners")


def columns(f: FundFields) -> dict[str, Any]:
    """The request's columns for a FundFields (text trimmed; category kept only when urgent)."""
    out = {name: getattr(f, name) for name in FIELD_NAMES}
    for key, value in out.items():
        if isinstance(value, str):
            out[key] = value.strip()
    if not f.emergency:
        out.update(emergency_category="", confirmed_by="", confirmed_on=None)
    return out


def fields_of(r: FundRequest) -> FundFields:
    return FundFields(**{name: getattr(r, name) for name in FIELD_NAMES})


def vote_of(r: FundRequest) -> dict[str, Any]:
    """The vote as a plain record (for the audit log)."""
    return {
        k: getattr(r, k)
        for k in ("vote_matter", "vote_rule", "voted_on", *VOTE_COLUMNS, "vote_passed")
    }


def vote_count(r: FundRequest) -> VoteCount | None:
    values = [getattr(r, k) for k in VOTE_COLUMNS]
    if any(v is None for v in values):
        return None
    return VoteCount(*values)


@dataclass
class Related:
    """The rows around one request that its view needs."""

    materials: list[FundMaterial] = field(default_factory=list)
    steps: list[FundStep] = field(default_factory=list)
    disbursements: list[FundDisbursement] = field(default_factory=list)
    unit_count: int = 0
    names: tuple[str, str] = ("", "")


def related(s: Session, r: FundRequest) -> Related:
    return Related(
        fund_repo.materials(s, r.id),
        fund_repo.steps(s, r.id),
        fund_repo.disbursements(s, r.id),
        fund_repo.unit_count(s, r.id),
        fund_repo.names(s, r.community_id),
    )


def state(s: Session, r: FundRequest, rules: FundRules, rel: Related | None = None) -> FundState:
    materials = rel.materials if rel else fund_repo.materials(s, r.id)
    paid = sum(d.amount_fen for d in rel.disbursements) if rel else fund_repo.paid_fen(s, r.id)
    return FundState(
        stage=r.stage,
        emergency=r.emergency,
        category=rules.category(r.emergency_category) if r.emergency_category else None,
        confirmed_by=r.confirmed_by,
        confirmed_on=r.confirmed_on,
        vote_passed=r.vote_passed,
        received=frozenset(m.material for m in materials),
        disclosure_start=r.disclosure_start,
        disclosure_end=r.disclosure_end,
        budget_fen=r.budget_fen,
        approved_fen=r.approved_fen,
        disbursed_fen=paid,
        final_fen=r.final_fen,
    )


def vote_lines(r: FundRequest, pack: RulePack) -> tuple[str, ...]:
    """The recorded vote's tests, evaluated under the rule it was recorded with."""
    count = vote_count(r)
    if count is None:
        return ()
    rules = pack.votes
    if r.vote_rule and r.vote_rule != rules.rule:
        rules = rules.with_rule(r.vote_rule)
    result = evaluate(count, VoteMatter.from_code(r.vote_matter), rules)
    return (f"表决事项：{result.matter.label}（{result.rules_label}）", *result.lines())


def view(s: Session, r: FundRequest, pack: RulePack, folder: Path) -> FundView:
    rel = related(s, r)
    rules = pack.fund
    st = state(s, r, rules, rel)
    category = st.category
    received = {m.material: m for m in rel.materials}
    materials = []
    for material, needed_for in checklist(r.emergency):
        m = received.get(material)
        materials.append(
            MaterialView(
                material=material,
                label=material_label(material, category),
                needed_for=needed_for,
                received_on=m.received_on if m else None,
                path=str(folder / m.stored_name) if m and m.stored_name else "",
                original_name=m.original_name if m else "",
                note=m.note if m else "",
            )
        )
    nxt = forward(r.stage, r.emergency)
    community, hood = rel.names
    reversed_by = {d.reverses_id: d.id for d in rel.disbursements if d.reverses_id is not None}
    return FundView(
        id=r.id,
        serial=fund_repo.serial(r),
        fields=fields_of(r),
        community=community,
        neighborhood=hood,
        stage=r.stage,
        stage_since=r.stage_since,
        approved_fen=r.approved_fen,
        final_fen=r.final_fen,
        disbursed_fen=st.disbursed_fen,
        completed_on=r.completed_on,
        final_on=r.final_on,
        closed_on=r.closed_on,
        vote_matter=r.vote_matter,
        vote_rule=r.vote_rule,
        voted_on=r.voted_on,
        vote_passed=r.vote_passed,
        vote_count=vote_count(r),
        vote_lines=vote_lines(r, pack),
        steps=tuple(
            StepView(x.id, x.from_stage, x.to_stage, x.on, x.operator, x.opinion, x.amount_fen)
            for x in rel.steps
        ),
        materials=tuple(materials),
        disbursements=tuple(
            DisbursementView(
                d.id,
                d.kind,
                d.paid_on,
                d.amount_fen,
                d.operator,
                d.note,
                d.reverses_id,
                reversed_by.get(d.id),
            )
            for d in rel.disbursements
        ),
        unit_count=rel.unit_count,
        next_stage=nxt,
        missing=tuple(blockers(st, nxt, rules)) if nxt is not None else (),
        warnings=tuple(fund_warnings(st, rules)),
    )
