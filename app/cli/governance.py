"""Owners' committees: `propdesk committee status` and `export ledger committees`."""

from __future__ import annotations

import argparse

from app.bootstrap import Opened
from app.cli.common import XLSX, output, write
from app.domain.errors import ValidationError


def cmd_committee(opened: Opened, args: argparse.Namespace) -> int:
    """Per community: the stage, the next deadline, and any breached rule."""
    gov = opened.services.governance
    today = opened.services.ctx.today()
    rows = gov.rows()
    if args.community:
        rows = [r for r in rows if r.community == args.community.strip()]
        if not rows:
            raise ValidationError(f"找不到名为“{args.community.strip()}”的小区")
    for r in rows:
        kind = (
            f"{r.kind.label}第{r.term_no}届"
            if r.kind and r.term_no
            else (r.kind.label if r.kind else "无组织")
        )
        line = f"{r.neighborhood}\t{r.community}\t{r.stage.label}\t{kind}"
        if r.next_due is not None:
            line += f"\t下一节点：{r.next_due.describe(today)}"
        print(line)
        for text in r.overdue:
            print(f"\t! 逾期：{text}")
        if r.must_reelect:
            print(f"\t! 在任委员{r.active_members}人，不足名额{r.seats}人的半数，应补选或换届")
        for text in r.findings:
            print(f"\t! 违反规定：{text}")
    if not args.community:
        total, _ = gov.coverage()
        print(f"组建率：{total.text()}，目标 {float(total.target * 100):.0f}%")
    return 0


def export_ledger(opened: Opened, args: argparse.Namespace) -> int:
    """`export ledger committees`: the 业委会组建情况台账 with 组建率 rows."""
    path = output(args.out, XLSX)
    n = write(path, opened.services.ledgers.export_committees)
    print(f"已导出业委会组建情况台账（{n} 个小区）：{path}")
    return 0
