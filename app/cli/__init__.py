"""The `propdesk` command. Every failure prints a Chinese message to stderr and exits non-zero.

This module holds only the parser and the dispatch; each subcommand lives in its area's
module (registry, issues, governance, funds, disclosure), imported when it runs, so that
`propdesk gui` and `propdesk vote-check` never load what they do not use."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING

from app import APP_TITLE, __version__
from app.cli.common import EXIT_USAGE, ChineseParser, report
from app.domain.errors import PropDeskError

if TYPE_CHECKING:
    from app.bootstrap import Opened

__all__ = ["build_parser", "main"]

# subcommand -> (module of app.cli, function taking (Opened, Namespace)); gui and vote-check
# run without opening the data folder and are dispatched in main().
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("registry", "cmd_demo"),
    "template": ("registry", "cmd_template"),
    "import": ("registry", "cmd_import"),
    "issue": ("issues", "cmd_issue"),
    "notice": ("issues", "cmd_notice"),
    "committee": ("governance", "cmd_committee"),
    "split": ("funds", "cmd_split"),
    "poster": ("disclosure", "cmd_poster"),
    "checklist": ("disclosure", "cmd_checklist"),
}
# `export ledger <what>` -> the module whose export_ledger(Opened, Namespace) writes it
LEDGERS: dict[str, str] = {
    "communities": "registry",
    "issues": "issues",
    "committees": "governance",
    "funds": "funds",
    "disclosure": "disclosure",
}


def _common(*, top: bool) -> argparse.ArgumentParser:
    """Options every (sub)command takes. Sub-commands store --data-dir under another name so
    `propdesk --data-dir X gui` and `propdesk gui --data-dir X` both work."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("-h", "--help", action="help", help="显示帮助并退出")
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        dest="data_dir" if top else "sub_data_dir",
        default=None if top else argparse.SUPPRESS,
        help="数据文件夹（默认：用户数据目录，或程序旁的 data/）",
    )
    p.add_argument(
        "--verbose",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="日志中记录调试信息",
    )
    return p


def _first_paint_exit(p: argparse.ArgumentParser, *, top: bool) -> None:
    p.add_argument(
        "--first-paint-exit",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="显示主窗口，首帧绘制完成后退出（启动自检用）",
    )


def build_parser() -> argparse.ArgumentParser:
    common = _common(top=False)
    parser = ChineseParser(
        prog="propdesk",
        description=f"{APP_TITLE} PropDesk {__version__}",
        parents=[_common(top=True)],
        add_help=False,
    )
    parser.add_argument(
        "--self-check", action="store_true", help="在临时文件夹中自检数据库、PDF 与 Excel，然后退出"
    )
    _first_paint_exit(parser, top=True)
    parser.add_argument(
        "--version", action="version", version=f"PropDesk {__version__}", help="显示版本并退出"
    )
    sub = parser.add_subparsers(dest="command", parser_class=ChineseParser, title="子命令")

    gui = sub.add_parser("gui", parents=[common], add_help=False, help="启动图形界面（默认）")
    gui.add_argument(
        "--no-error-dialogs", action="store_true", help="错误只写入日志，不弹窗（测试用）"
    )
    _first_paint_exit(gui, top=False)

    sub.add_parser("demo", parents=[common], add_help=False, help="向空数据库载入演示数据")

    template = sub.add_parser("template", parents=[common], add_help=False, help="导出导入模板")
    template.add_argument("what", choices=["communities"], help="模板类型")
    template.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出文件")

    imp = sub.add_parser("import", parents=[common], add_help=False, help="从 Excel 导入")
    imp.add_argument("what", choices=["communities"])
    imp.add_argument("file", metavar="FILE.xlsx")
    imp.add_argument("--dry-run", action="store_true", help="只检查并打印报告，不写入")

    export = sub.add_parser("export", parents=[common], add_help=False, help="导出台账")
    export.add_argument("kind", choices=["ledger"])
    export.add_argument("what", choices=list(LEDGERS))
    export.add_argument(
        "--out", required=True, metavar="FILE.xlsx", help="输出文件（问题台账也可为 .pdf）"
    )
    export.add_argument("--no-mask", action="store_true", help="不隐藏手机号中间四位")
    export.add_argument(
        "--columns",
        metavar="GROUPS",
        default=None,
        help="小区底数台账只导出这些列组（逗号分隔）：房屋情况,物业管理,合同,五备案,备注；"
        "小区名称、所属社区和地址总会导出",
    )
    export.add_argument("--status", metavar="S", help="问题台账：只导出该状态（如 待整改）")
    export.add_argument("--overdue", action="store_true", help="问题台账：只导出逾期问题")

    issue = sub.add_parser("issue", parents=[common], add_help=False, help="登记问题")
    issue.add_argument("action", choices=["add"])
    issue.add_argument("--community", required=True, metavar="NAME", help="小区名称")
    issue.add_argument("--category", required=True, metavar="CAT", help="问题类别")
    issue.add_argument("--description", required=True, metavar="TEXT", help="问题描述")
    issue.add_argument("--deadline", required=True, metavar="YYYY-MM-DD", help="整改时限")
    issue.add_argument("--source", default="排查", metavar="SRC", help="来源（默认 排查）")
    issue.add_argument("--ref", default="", metavar="REF", help="来源编号，如工单号")
    issue.add_argument("--responsible", default="", metavar="TEXT", help="责任单位")
    issue.add_argument("--found", metavar="YYYY-MM-DD", help="发现日期（默认今天）")

    committee = sub.add_parser("committee", parents=[common], add_help=False, help="业委会组建情况")
    committee.add_argument("action", choices=["status"])
    committee.add_argument("--community", metavar="NAME", help="只看这个小区")

    poster = sub.add_parser("poster", parents=[common], add_help=False, help="生成执法进小区公示牌")
    poster.add_argument("--community", required=True, metavar="NAME", help="小区名称")
    poster.add_argument("--out", required=True, metavar="FILE.pdf", help="输出 PDF")
    poster.add_argument("--size", default="A4", choices=["A4", "A3"], help="纸张（默认 A4）")

    checklist = sub.add_parser(
        "checklist", parents=[common], add_help=False, help="生成信息公示检查表"
    )
    checklist.add_argument("--community", required=True, metavar="NAME", help="小区名称")
    checklist.add_argument("--out", required=True, metavar="FILE.pdf", help="输出 PDF")
    checklist.add_argument(
        "--blank", action="store_true", help="空白表（默认：最近一次检查的结果）"
    )

    notice = sub.add_parser("notice", parents=[common], add_help=False, help="开具整改通知书")
    notice.add_argument(
        "--issue", required=True, action="append", type=int, metavar="ID", help="问题编号，可重复"
    )
    notice.add_argument("--out", required=True, metavar="FILE.pdf", help="输出 PDF")

    vote = sub.add_parser("vote-check", parents=[common], add_help=False, help="核算业主表决结果")
    vote.add_argument(
        "--matter",
        required=True,
        choices=["use", "raise", "rebuild", "change-use"],
        help="表决事项：use 使用维修资金，raise 筹集，rebuild 改建重建，change-use 改变共有部分用途",
    )
    for flag, what in (
        ("--total-area", "专有部分总面积（㎡，最多两位小数）"),
        ("--total-owners", "业主总人数"),
        ("--part-area", "参与表决的专有部分面积（㎡）"),
        ("--part-owners", "参与表决的业主人数"),
        ("--yes-area", "同意的专有部分面积（㎡）"),
        ("--yes-owners", "同意的业主人数"),
    ):
        vote.add_argument(flag, required=True, metavar="N", help=what)
    vote.add_argument(
        "--rules", choices=["civil_code_2021", "legacy"], help="表决规则（默认：规则包的设置）"
    )

    split = sub.add_parser("split", parents=[common], add_help=False, help="按面积分摊维修费用")
    split.add_argument("--cost", required=True, metavar="YUAN", help="维修费用（元）")
    split.add_argument(
        "--units", required=True, metavar="FILE.xlsx", help="房屋清单（房号、面积、业主）"
    )
    split.add_argument("--out", required=True, metavar="FILE.xlsx", help="输出的分摊明细")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.data_dir = getattr(args, "sub_data_dir", None) or args.data_dir
    if args.self_check:
        from app.services import self_check

        return self_check.run(sys.stdout)
    command = args.command or "gui"
    if args.first_paint_exit and command != "gui":
        parser.print_usage(sys.stderr)
        print("错误：--first-paint-exit 只用于启动图形界面（gui）", file=sys.stderr)
        return EXIT_USAGE
    if command == "export" and args.columns and args.what != "communities":
        parser.print_usage(sys.stderr)
        print("错误：--columns 只用于小区底数台账（export ledger communities）", file=sys.stderr)
        return EXIT_USAGE
    try:
        if command == "gui":
            # Import the data layer before PySide6: PySide6's import hook slows every module
            # imported after it (measured: ~170 ms of start-up).
            import app.bootstrap  # noqa: F401
            from app.ui.app import run_gui

            return run_gui(
                args.data_dir,
                no_error_dialogs=getattr(args, "no_error_dialogs", False),
                first_paint_exit=args.first_paint_exit,
            )
        if command == "vote-check":  # pure arithmetic: no data folder, no database
            from app.cli.funds import run_vote_check

            return run_vote_check(args)
        return _run_command(command, args)
    except (PropDeskError, OSError, KeyboardInterrupt) as err:
        return report(err)


def command_function(
    command: str, args: argparse.Namespace
) -> Callable[[Opened, argparse.Namespace], int]:
    """The function that runs `command` (for `export`, the ledger's area decides)."""
    module, name = (
        (LEDGERS[args.what], "export_ledger") if command == "export" else COMMANDS[command]
    )
    function: Callable[[Opened, argparse.Namespace], int] = getattr(
        import_module(f"app.cli.{module}"), name
    )
    return function


def _run_command(command: str, args: argparse.Namespace) -> int:
    from app.bootstrap import open_data

    run = command_function(command, args)
    opened = open_data(args.data_dir, verbose=args.verbose)
    try:
        return run(opened, args)
    finally:
        opened.close()
