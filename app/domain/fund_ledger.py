"""The 维修资金使用台账 (DOMAIN.md §7): columns, one row per request, and the totals row.
Amounts are written as numbers in yuan (two decimals) so the county can add them up."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from app.domain.dates import fmt
from app.domain.fund_records import FundView
from app.domain.funds import disclosure_days
from app.domain.tabular import ColumnSpec

COLUMNS = [
    ColumnSpec("seq", "序号", width=6),
    ColumnSpec("serial", "申请编号", width=10),
    ColumnSpec("neighborhood", "社区", width=12),
    ColumnSpec("community", "小区", width=16),
    ColumnSpec("project", "维修项目", width=22),
    ColumnSpec("part", "维修部位（设施设备）", width=14),
    ColumnSpec("applicant", "申请人", width=16),
    ColumnSpec("emergency", "紧急使用", width=8),
    ColumnSpec("scope", "列支范围", width=20),
    ColumnSpec("households", "列支户数", width=8),
    ColumnSpec("area", "列支面积(㎡)", width=12),
    ColumnSpec("vote", "业主表决", width=14),
    ColumnSpec("disclosure", "公示期", width=24),
    ColumnSpec("budget", "申请金额(元)", width=14),
    ColumnSpec("approved", "核准金额(元)", width=14),
    ColumnSpec("disbursed", "已拨付(元)", width=14),
    ColumnSpec("final", "决算金额(元)", width=14),
    ColumnSpec("stage", "办理阶段", width=12),
    ColumnSpec("stage_since", "进入本阶段日期", width=12),
    ColumnSpec("completed_on", "竣工验收日期", width=12),
    ColumnSpec("closed_on", "办结日期", width=12),
    ColumnSpec("notes", "备注", width=30),
]


def money(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen) / 100


def vote_text(v: FundView) -> str:
    if v.fields.emergency:
        return "紧急使用，无需表决"
    if v.vote_passed is None:
        return "未表决"
    return f"{'通过' if v.vote_passed else '未通过'}（{fmt(v.voted_on)}）"


def ledger_row(seq: int, v: FundView) -> list[object]:
    f = v.fields
    disclosure = ""
    if f.disclosure_start and f.disclosure_end:
        days = disclosure_days(f.disclosure_start, f.disclosure_end)
        disclosure = f"{fmt(f.disclosure_start)} 至 {fmt(f.disclosure_end)}（{days}天）"
    notes = [*v.warnings]
    last = v.steps[-1] if v.steps else None
    if last is not None and last.to_stage is v.stage and v.stage.value in ("returned", "rejected"):
        notes.insert(0, f"{v.stage.label}理由：{last.opinion}")
    if f.notes:
        notes.append(f.notes)
    return [
        seq,
        v.serial,
        v.neighborhood,
        v.community,
        f.project,
        f.part,
        f"{f.applicant.label} {f.applicant_name}".strip(),
        "是" if f.emergency else "否",
        f.scope_text,
        f.scope_households,
        f.scope_area,
        vote_text(v),
        disclosure,
        money(f.budget_fen),
        money(v.approved_fen),
        money(v.disbursed_fen),
        money(v.final_fen),
        v.stage.label,
        v.stage_since,
        v.completed_on,
        v.closed_on,
        "；".join(notes),
    ]


def summary_rows(views: Sequence[FundView]) -> list[list[object]]:
    """One 合计 row: the count and the sums of the four amounts."""
    row: list[object] = [None] * len(COLUMNS)
    keys = [c.key for c in COLUMNS]
    row[keys.index("serial")] = "合计"
    row[keys.index("community")] = f"{len(views)} 件"
    row[keys.index("budget")] = money(sum(v.fields.budget_fen for v in views))
    row[keys.index("approved")] = money(sum(v.approved_fen or 0 for v in views))
    row[keys.index("disbursed")] = money(sum(v.disbursed_fen for v in views))
    row[keys.index("final")] = money(sum(v.final_fen or 0 for v in views))
    return [row]
