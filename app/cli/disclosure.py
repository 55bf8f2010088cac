"""Disclosure: `propdesk poster`, `propdesk checklist` and `export ledger disclosure`."""

from __future__ import annotations

import argparse

from app.bootstrap import Opened
from app.cli.common import PDF, XLSX, output, write


def cmd_poster(opened: Opened, args: argparse.Namespace) -> int:
    path = output(args.out, PDF)
    svc = opened.services
    cid = svc.communities.id_by_name(args.community)
    doc = svc.disclosure.poster(cid, args.size)  # checks the size before a file is made
    write(path, lambda temp: svc.disclosure.print_poster(cid, temp, doc.size))
    print(f"已生成执法进小区公示牌（{doc.size}，{len(doc.departments)} 个部门）：{path}")
    return 0


def cmd_checklist(opened: Opened, args: argparse.Namespace) -> int:
    path = output(args.out, PDF)
    svc = opened.services
    cid = svc.communities.id_by_name(args.community)
    latest = None
    if not args.blank:
        visits = svc.disclosure.checks(cid)
        if not visits:
            print(f"“{args.community}”还没有检查记录，已输出空白检查表。")
        else:
            latest = visits[0]
    write(
        path,
        lambda temp: svc.disclosure.print_checklist(
            temp, [cid], blank=latest is None, check_id=latest.id if latest else None
        ),
    )
    kind = "空白" if latest is None else f"{latest.checked_on:%Y-%m-%d} 检查结果"
    print(f"已生成信息公示检查表（{kind}）：{path}")
    return 0


def export_ledger(opened: Opened, args: argparse.Namespace) -> int:
    """`export ledger disclosure`: the 信息公示检查台账 with 公示率 rows."""
    path = output(args.out, XLSX)
    n = write(path, opened.services.ledgers.export_disclosure)
    print(f"已导出信息公示检查台账（{n} 个小区）：{path}")
    return 0
