"""The 维修资金使用台账 (DOMAIN.md §7): columns, one row per request, and the totals row.
Amounts are written as numbers in yuan (two decimals) so the county can add them up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain.dates import fmt
from app.domain.funds import Applicant, FundStage, disclosure_days
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
    ColumnSpec("disclosure", "公示期", width=20),
    ColumnSpec("budget", "申请金额(元)", width=14),
    ColumnSpec("approved", "核准金额(元)", width=14),
    ColumnSpec("disbursed", "已拨付(元)", width=14),
    ColumnSpec("final", "决算金额(元)", width=14),
    ColumnSpec("stage", "办理阶段", width=12),
    ColumnSpec("stage_since", "进入本阶段日期", width=12),
    ColumnSpec("completed_on", "竣工验收日期", width=12),
    ColumnSpec("closed_on", "办结日期", width=12),
    ColumnSpec("notes", "备注", width=22),
]


def money(fen: int | None) -> Decimal | None:
    return None if fen is None else Decimal(fen) / 100


@dataclass(frozen=True)
class FundLedgerRecord:
    """One request as the ledger shows it (read in bulk, without the detail view)."""

    serial: str
    neighborhood: str
    community: str
    project: str
    part: str
    applicant: Applicant
    applicant_name: str
    emergency: bool
    scope_text: str
    scope_households: int | None
    scope_area: Decimal | None
    vote_passed: bool | None
    voted_on: date | None
    disclosure_start: date | None
    disclosure_end: date | None
    budget_fen: int
    approved_fen: int | None
    disbursed_fen: int
    final_fen: int | None
    stage: FundStage
    stage_since: date
    completed_on: date | None
    closed_on: date | None
    notes: str
    stage_reason: str | None  # the opinion of the step into the current stage


def vote_text(v: FundLedgerRecord) -> str:
    if v.emergency:
        return "紧急使用，无需表决"
    if v.vote_passed is None:
        return "未表决"
    return f"{'通过' if v.vote_passed else '未通过'}（{fmt(v.voted_on)}）"


def ledger_row(seq: int, v: FundLedgerRecord, min_days: int) -> list[object]:
    disclosure = ""
    notes = []
    if v.stage in (FundStage.RETURNED, FundStage.REJECTED) and v.stage_reason:
        notes.append(f"{v.stage.label}理由：{v.stage_reason}")
    if v.disclosure_start and v.disclosure_end:
        days = disclosure_days(v.disclosure_start, v.disclosure_end)
        disclosure = f"{fmt(v.disclosure_start)} 至 {fmt(v.disclosure_end)}（{days}天）"
        if days < min_days:
            notes.append(f"公示期少于规定的 {min_days} 天")
    if v.notes:
        notes.append(v.notes)
    return [
        seq,
        v.serial,
        v.neighborhood,
        v.community,
        v.project,
        v.part,
        f"{v.applicant.label} {v.applicant_name}".strip(),
        "是" if v.emergency else "否",
        v.scope_text,
        v.scope_households,
        v.scope_area,
        vote_text(v),
        disclosure,
        money(v.budget_fen),
        money(v.approved_fen),
        money(v.disbursed_fen),
        money(v.final_fen),
        v.stage.label,
        v.stage_since,
        v.completed_on,
        v.closed_on,
        "；".join(notes),
    ]


def summary_rows(views: Sequence[FundLedgerRecord]) -> list[list[object]]:
    """One 合计 row: the count and the sums of the four amounts."""
    row: list[object] = [None] * len(COLUMNS)
    keys = [c.key for c in COLUMNS]
    row[keys.index("serial")] = "合计"
    row[keys.index("community")] = f"{len(views)} 件"
    row[keys.index("budget")] = money(sum(v.budget_fen for v in views))
    row[keys.index("approved")] = money(sum(v.approved_fen or 0 for v in views))
    row[keys.index("disbursed")] = money(sum(v.disbursed_fen for v in views))
    row[keys.index("final")] = money(sum(v.final_fen or 0 for v in views))
    return [row]
