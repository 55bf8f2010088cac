"""Issues: `propdesk issue add`, `propdesk notice` and `export ledger issues`."""

from __future__ import annotations

import argparse
import sys

from app.bootstrap import Opened
from app.cli.common import PDF, WriteError, date_arg, output, write
from app.domain.enums import IssueSource, IssueStatus
from app.domain.errors import ValidationError
from app.domain.issues import IssueFields, IssueQuery, find_category

LEDGER_FORMATS = (".xlsx", ".pdf")


def cmd_issue(opened: Opened, args: argparse.Namespace) -> int:
    svc = opened.services.issues
    community_id = opened.services.communities.id_by_name(args.community)
    category = find_category(args.category, svc.categories(active_only=True))
    try:
        source = IssueSource.parse("12345工单" if args.source == "12345" else args.source)
    except ValueError:
        raise ValidationError(
            f"来源“{args.source}”无效，可选：{'、'.join(IssueSource.labels())}"
        ) from None
    responsible = args.responsible or svc.suggested_responsible(community_id)
    if not responsible:
        raise ValidationError("该小区没有登记物业企业，请用 --responsible 指定责任单位")
    found = date_arg(args.found, "发现日期") if args.found else opened.services.ctx.today()
    rec = svc.create(
        IssueFields(
            community_id=community_id,
            category=category.name,
            description=args.description,
            found_date=found,
            deadline=date_arg(args.deadline, "整改时限"),
            responsible_name=responsible,
            source=source,  # type: ignore[arg-type]
            source_ref=args.ref,
            legal_basis=category.legal_basis,
        )
    )
    print(rec.id)
    return 0


def cmd_notice(opened: Opened, args: argparse.Namespace) -> int:
    chain = opened.services.chain
    path = output(args.out, PDF)  # make sure the PDF can be written before a number is taken
    issued = chain.issue_notice(args.issue, chain.draft_notice(args.issue))
    print(issued.row.doc_number)
    try:
        write(path, lambda temp: temp.write_bytes(issued.pdf))
    except WriteError as err:
        print(
            f"错误：通知书已签发，但写入 {path} 失败（{err.reason}），可在“文书”中另存",
            file=sys.stderr,
        )
        return 1
    return 0


def export_ledger(opened: Opened, args: argparse.Namespace) -> int:
    """`export ledger issues`: the 问题整改台账, as Excel or (for a .pdf name) as PDF."""
    path = output(args.out, LEDGER_FORMATS)
    statuses: tuple[IssueStatus, ...] = ()
    if args.status:
        try:
            statuses = (IssueStatus.parse(args.status),)  # type: ignore[assignment]
        except ValueError:
            raise ValidationError(
                f"状态“{args.status}”无效，可选：{'、'.join(IssueStatus.labels())}"
            ) from None
    q = IssueQuery(statuses=statuses, overdue_only=args.overdue, sort="found_date")
    ledgers = opened.services.ledgers
    writer = ledgers.print_issues if path.suffix.lower() == ".pdf" else ledgers.export_issues
    n = write(path, lambda temp: writer(temp, q))
    print(f"已导出问题整改台账（{n} 个问题）：{path}")
    return 0
