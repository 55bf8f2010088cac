"""The subcommands behind `propdesk`, one function each (later issues add theirs here)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.bootstrap import Opened
from app.cli_disclosure import cmd_checklist, cmd_poster, export_disclosure
from app.cli_funds import cmd_split, cmd_vote_check, export_funds
from app.domain.dates import parse_date
from app.domain.enums import IssueSource, IssueStatus
from app.domain.errors import ValidationError
from app.domain.issues import IssueFields, IssueQuery, find_category
from app.services.import_service import ImportReport


def _out(text: str) -> Path:
    path = Path(text).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def cmd_demo(opened: Opened, args: argparse.Namespace) -> int:
    result = opened.services.demo.load()
    print(
        f"已载入演示数据：{result.communities} 个小区、{result.companies} 家物业企业、"
        f"{result.neighborhoods} 个社区、{result.issues} 个问题。数据文件夹：{opened.data_dir}"
    )
    return 0


def cmd_template(opened: Opened, args: argparse.Namespace) -> int:
    path = opened.services.ledgers.write_community_template(_out(args.out))
    print(f"已写出导入模板：{path}")
    return 0


def print_report(report: ImportReport, stream=sys.stdout) -> None:  # type: ignore[no-untyped-def]
    print(f"文件：{report.file}（工作表“{report.sheet}”）", file=stream)
    print(f"数据行：{report.total_rows}；有误的行：{report.bad_rows}", file=stream)
    if report.unknown_headers:
        print("未识别的列（将忽略）：" + "、".join(report.unknown_headers), file=stream)
    for p in report.problems:
        print(f"  第{p.row}行 | {p.column} | “{p.value}” | {p.message}", file=stream)
    if report.ok:
        print(
            f"将新增小区 {len(report.to_create)} 个，更新 {len(report.to_update)} 个，"
            f"新增物业企业 {len(report.new_companies)} 家。",
            file=stream,
        )


def cmd_import(opened: Opened, args: argparse.Namespace) -> int:
    report = opened.services.imports.check(Path(args.file).expanduser())
    print_report(report)
    if not report.ok:
        print("检查未通过，未写入任何数据。请按上表修改后重新导入。", file=sys.stderr)
        return 1
    if args.dry_run:
        print("（--dry-run：只检查，未写入）")
        return 0
    result = opened.services.imports.apply(report)
    print(
        f"导入完成：新增小区 {result.created} 个，更新 {result.updated} 个，"
        f"新增物业企业 {result.companies_created} 家。"
    )
    return 0


def cmd_export(opened: Opened, args: argparse.Namespace) -> int:
    path = _out(args.out)
    if args.what == "issues":
        return _export_issues(opened, args, path)
    if args.what == "committees":
        n = opened.services.ledgers.export_committees(path)
        print(f"已导出业委会组建情况台账（{n} 个小区）：{path}")
        return 0
    if args.what == "funds":
        return export_funds(opened, path)
    if args.what == "disclosure":
        return export_disclosure(opened, path)
    n = opened.services.ledgers.export_communities(path, mask_phones=not args.no_mask)
    print(f"已导出小区底数台账（{n} 个小区）：{path}")
    return 0


def _export_issues(opened: Opened, args: argparse.Namespace, path: Path) -> int:
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
    if path.suffix.lower() == ".pdf":
        n = ledgers.print_issues(path, q)
    else:
        n = ledgers.export_issues(path, q)
    print(f"已导出问题整改台账（{n} 个问题）：{path}")
    return 0


def _date_arg(text: str, what: str) -> date:
    try:
        d = parse_date(text)
    except ValueError:
        d = None
    if d is None:
        raise ValidationError(f"{what}“{text}”不是有效日期，请写成 2026-11-23")
    return d


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
    found = _date_arg(args.found, "发现日期") if args.found else svc.today()
    rec = svc.create(
        IssueFields(
            community_id=community_id,
            category=category.name,
            description=args.description,
            found_date=found,
            deadline=_date_arg(args.deadline, "整改时限"),
            responsible_name=responsible,
            source=source,  # type: ignore[arg-type]
            source_ref=args.ref,
            legal_basis=category.legal_basis,
        )
    )
    print(rec.id)
    return 0


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
        )  # noqa: E501
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


def cmd_notice(opened: Opened, args: argparse.Namespace) -> int:
    chain = opened.services.chain
    try:  # make sure the PDF can be written before a number is taken
        path = _out(args.out)
        with open(path, "ab"):
            pass
    except OSError as exc:
        raise ValidationError(f"无法写入输出文件 {args.out}：{exc.strerror}") from exc
    issued = chain.issue_notice(args.issue, chain.draft_notice(args.issue))
    try:
        path.write_bytes(issued.pdf)
    except OSError as exc:
        print(issued.row.doc_number)
        print(
            f"错误：通知书已签发，但写入 {path} 失败（{exc.strerror}），可在“文书”中另存",
            file=sys.stderr,
        )
        return 1
    print(issued.row.doc_number)
    return 0


COMMANDS: dict[str, Callable[[Opened, argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "template": cmd_template,
    "import": cmd_import,
    "export": cmd_export,
    "issue": cmd_issue,
    "notice": cmd_notice,
    "committee": cmd_committee,
    "vote-check": cmd_vote_check,
    "split": cmd_split,
    "poster": cmd_poster,
    "checklist": cmd_checklist,
}
