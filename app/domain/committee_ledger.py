"""The 业委会组建情况台账 (DOMAIN.md §7): columns, one row per community, 组建率 rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.domain.governance import Coverage, GovernanceRow
from app.domain.tabular import ColumnSpec

COLUMNS = [
    ColumnSpec("seq", "序号", width=6),
    ColumnSpec("neighborhood", "社区", width=12),
    ColumnSpec("community", "小区", width=16),
    ColumnSpec("households", "户数", width=8),
    ColumnSpec("eligible", "具备组建条件", width=10),
    ColumnSpec("stage", "组建阶段", width=14),
    ColumnSpec("kind", "组织形式", width=10),
    ColumnSpec("term_no", "届次", width=6),
    ColumnSpec("term", "任期", width=24),
    ColumnSpec("members", "在任/名额", width=10),
    ColumnSpec("filed_on", "备案日期", width=12),
    ColumnSpec("next", "下一节点", width=36),
    ColumnSpec("notes", "备注", width=30),
]


def ledger_row(seq: int, r: GovernanceRow, today: date) -> list[object]:
    term = ""
    if r.term_start and r.term_end:
        term = f"{r.term_start:%Y-%m-%d} 至 {r.term_end:%Y-%m-%d}"
    members = f"{r.active_members}/{r.seats}" if r.seats else ""
    notes = list(r.overdue)
    if r.must_reelect:
        notes.append("在任委员不足半数，应补选或换届")
    notes += list(r.findings)
    return [
        seq,
        r.neighborhood,
        r.community,
        r.households,
        r.eligible,
        r.stage.label,
        r.kind.label if r.kind else "无",
        r.term_no,
        term,
        members,
        r.filed_on,
        r.next_due.describe(today) if r.next_due else "",
        "；".join(notes),
    ]


def summary_rows(total: Coverage, parts: Sequence[Coverage]) -> list[list[object]]:
    """组建率 per neighbourhood, then overall, against the pack's target."""
    target = f"{float(total.target * 100):.0f}%"
    out: list[list[object]] = []
    for c in [*parts, total]:
        label = "全部社区合计" if c is total else c.name
        verdict = "" if c.rate is None else ("达标" if c.meets_target else "未达标")
        out.append(
            [
                "",
                label,
                "组建率",
                None,
                f"具备条件{c.eligible}个",
                c.text(),
                f"目标 {target}",
                None,
                verdict,
                f"{c.covered}/{c.eligible}",
                None,
                "",
                "已成立并备案的业委会或物管会 ÷ 具备组建条件的小区",
            ]
        )
    return out
