"""The subcommands behind `propdesk`, one function each (later issues add theirs here)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from app.bootstrap import Opened
from app.services.import_service import ImportReport


def _out(text: str) -> Path:
    path = Path(text).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def cmd_demo(opened: Opened, args: argparse.Namespace) -> int:
    result = opened.services.demo.load()
    print(
        f"已载入演示数据：{result.communities} 个小区、{result.companies} 家物业企业、"
        f"{result.neighborhoods} 个社区。数据文件夹：{opened.data_dir}"
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
    n = opened.services.ledgers.export_communities(path, mask_phones=not args.no_mask)
    print(f"已导出小区底数台账（{n} 个小区）：{path}")
    return 0


COMMANDS: dict[str, Callable[[Opened, argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "template": cmd_template,
    "import": cmd_import,
    "export": cmd_export,
}
