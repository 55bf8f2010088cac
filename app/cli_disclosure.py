"""`propdesk poster`, `propdesk checklist` and `propdesk export ledger disclosure`."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.bootstrap import Opened


def _out(text: str) -> Path:
    path = Path(text).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def cmd_poster(opened: Opened, args: argparse.Namespace) -> int:
    svc = opened.services
    cid = svc.communities.id_by_name(args.community)
    doc = svc.disclosure.poster(cid, args.size)  # checks the size before a file is made
    path = svc.disclosure.print_poster(cid, _out(args.out), doc.size)
    print(f"已生成执法进小区公示牌（{doc.size}，{len(doc.departments)} 个部门）：{path}")
    return 0


def cmd_checklist(opened: Opened, args: argparse.Namespace) -> int:
    svc = opened.services
    cid = svc.communities.id_by_name(args.community)
    latest = None
    if not args.blank:
        visits = svc.disclosure.checks(cid)
        if not visits:
            print(f"“{args.community}”还没有检查记录，已输出空白检查表。")
        else:
            latest = visits[0]
    path = svc.disclosure.print_checklist(
        _out(args.out), [cid], blank=latest is None, check_id=latest.id if latest else None
    )
    kind = "空白" if latest is None else f"{latest.checked_on:%Y-%m-%d} 检查结果"
    print(f"已生成信息公示检查表（{kind}）：{path}")
    return 0


def export_disclosure(opened: Opened, path: Path) -> int:
    n = opened.services.ledgers.export_disclosure(path)
    print(f"已导出信息公示检查台账（{n} 个小区）：{path}")
    return 0
