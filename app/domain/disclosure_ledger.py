"""The 信息公示检查台账 (DOMAIN.md §7): one row per community, then 公示率 rows per
neighbourhood and overall against the pack's target."""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.disclosure import DisclosureRow, RateRow
from app.domain.tabular import ColumnSpec

COLUMNS = [
    ColumnSpec("seq", "序号", width=6),
    ColumnSpec("neighborhood", "社区", width=12),
    ColumnSpec("community", "小区", width=16),
    ColumnSpec("company", "物业服务企业", width=22),
    ColumnSpec("last_check", "最近检查日期", width=12),
    ColumnSpec("required", "应公示事项", width=10),
    ColumnSpec("current", "现行事项", width=10),
    ColumnSpec("rate", "公示率", width=10),
    ColumnSpec("overdue", "逾期或未通过事项", width=48),
    ColumnSpec("notes", "备注", width=20),
]


def percent(current: int, required: int) -> str:
    """Rounded down to 0.1 % so that 99.96 % never reads 100 %."""
    if not required:
        return "—"
    tenths = current * 1000 // required
    return f"{tenths // 10}.{tenths % 10}%"


def ledger_row(seq: int, r: DisclosureRow) -> list[object]:
    c = r.compliance
    return [
        seq,
        r.neighborhood,
        r.community,
        r.company or "（无物业企业）",
        r.last_check,
        c.required,
        c.current,
        percent(c.current, c.required),
        "；".join(r.overdue),
        "" if r.last_check else "从未检查",
    ]


def summary_rows(parts: Sequence[RateRow]) -> list[list[object]]:
    """公示率 per neighbourhood, then the total (the last RateRow), against the target."""
    out: list[list[object]] = []
    for p in parts:
        target = f"目标 {percent(p.target.numerator, p.target.denominator)}"
        verdict = "" if p.rate is None else ("达标" if p.meets_target else "未达标")
        out.append(
            [
                "",
                p.name,
                f"{p.communities} 个小区",
                "公示率",
                None,
                p.required,
                p.current,
                p.percent(),
                f"{target}　{verdict}",
                "现行事项 ÷ 应公示事项",
            ]
        )
    return out
