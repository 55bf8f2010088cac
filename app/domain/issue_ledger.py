"""The 问题整改台账 (DOMAIN.md §7): its columns and one row per issue."""

from __future__ import annotations

from datetime import date

from app.domain.enums import IssueStatus
from app.domain.issues import IssueRow, days_overdue
from app.domain.tabular import ColumnSpec

COLUMNS = [
    ColumnSpec("seq", "序号", width=6),
    ColumnSpec("community", "小区", width=16),
    ColumnSpec("neighborhood", "社区", width=12),
    ColumnSpec("source", "来源", width=10),
    ColumnSpec("found_date", "发现日期", width=12),
    ColumnSpec("category", "类别", width=16),
    ColumnSpec("description", "描述", width=30),
    ColumnSpec("responsible_name", "责任单位", width=18),
    ColumnSpec("measures", "整改措施", width=24),
    ColumnSpec("deadline", "整改时限", width=12),
    ColumnSpec("result", "整改情况", width=20),
    ColumnSpec("completed_on", "完成日期", width=12),
    ColumnSpec("reinspection", "复查", width=20),
    ColumnSpec("closed", "是否销号", width=8),
    ColumnSpec("doc_numbers", "文书号", width=20),
    ColumnSpec("notes", "备注", width=16),
]
# relative widths (mm) for the landscape PDF of the same ledger; dates fit on one line
PDF_WIDTHS = [8, 18, 14, 12, 23, 18, 28, 20, 22, 23, 20, 23, 18, 10, 20, 17]


def ledger_row(seq: int, r: IssueRow, today: date) -> list[object]:
    source = f"{r.source.label}（{r.source_ref}）" if r.source_ref else r.source.label
    late = days_overdue(r.status, r.deadline, today)
    notes = "；".join(x for x in (f"逾期{late}天" if late else "", r.notes) if x)
    return [
        seq,
        r.community,
        r.neighborhood,
        source,
        r.found_date,
        r.category,
        r.description,
        r.responsible_name,
        r.measures,
        r.deadline,
        r.result or r.status.label,
        r.completed_on,
        r.reinspection,
        r.status is IssueStatus.CLOSED,
        r.doc_numbers,
        notes,
    ]


def as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)
