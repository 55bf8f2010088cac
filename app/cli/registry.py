"""The register of communities: `propdesk demo`, `template communities`,
`import communities` and `export ledger communities`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from app.bootstrap import Opened
from app.cli.common import XLSX, output, write
from app.services.import_service import ImportReport


def cmd_demo(opened: Opened, args: argparse.Namespace) -> int:
    result = opened.services.demo.load()
    print(
        f"已载入演示数据：{result.communities} 个小区、{result.companies} 家物业企业、"
        f"{result.neighborhoods} 个社区、{result.issues} 个问题。数据文件夹：{opened.data_dir}"
    )
    return 0


def cmd_template(opened: Opened, args: argparse.Namespace) -> int:
    path = output(args.out, XLSX)
    write(path, opened.services.ledgers.write_community_template)
    print(f"已写出导入模板：{path}")
    return 0


def print_report(report: ImportReport, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
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


def export_ledger(opened: Opened, args: argparse.Namespace) -> int:
    """`export ledger communities`: the 小区底数台账."""
    path = output(args.out, XLSX)
    ledgers = opened.services.ledgers
    groups = [g.strip() for g in args.columns.split(",") if g.strip()] if args.columns else None
    n = write(
        path,
        lambda temp: ledgers.export_communities(temp, mask_phones=not args.no_mask, groups=groups),
    )
    print(f"已导出小区底数台账（{n} 个小区）：{path}")
    return 0
