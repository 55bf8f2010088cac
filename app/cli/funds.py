"""Maintenance funds: `propdesk vote-check`, `propdesk split` and `export ledger funds`."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from app import paths, settings
from app.cli.common import EXIT_USAGE, XLSX, output, write
from app.domain import rulepack
from app.domain.amounts import parse_yuan
from app.domain.errors import ValidationError
from app.domain.text import normalize_width
from app.domain.votes import VoteCount, VoteMatter, evaluate

if TYPE_CHECKING:  # vote-check runs without the data layer: keep its start-up light
    from app.bootstrap import Opened


def _area(text: str, what: str, field: str) -> Decimal:
    try:
        d = Decimal(normalize_width(text).strip().replace(",", ""))
    except InvalidOperation:
        d = None
    if d is None or not d.is_finite():
        raise ValidationError(f"{what}“{text}”不是有效的数字", field=field, value=text)
    return d


def _owners(text: str, what: str, field: str) -> int:
    try:
        return int(normalize_width(text).strip().replace(",", ""))
    except ValueError:
        raise ValidationError(f"{what}“{text}”应为整数", field=field, value=text) from None


def run_vote_check(args: argparse.Namespace) -> int:
    """Needs no database: the rule pack comes from the resources, as chosen in the settings.
    Invalid input exits 2."""
    try:
        count = VoteCount(
            total_area=_area(args.total_area, "总面积", "total_area"),
            total_owners=_owners(args.total_owners, "业主总人数", "total_owners"),
            part_area=_area(args.part_area, "参与表决面积", "part_area"),
            part_owners=_owners(args.part_owners, "参与表决人数", "part_owners"),
            yes_area=_area(args.yes_area, "同意面积", "yes_area"),
            yes_owners=_owners(args.yes_owners, "同意人数", "yes_owners"),
        )
        chosen = settings.load(paths.data_dir(args.data_dir)).rule_pack
        rules = rulepack.load(paths.rules_dir(), chosen).votes
        if args.rules:
            rules = rules.with_rule(args.rules)
        matter = VoteMatter.from_code(args.matter)
        result = evaluate(count, matter, rules)
    except ValidationError as err:
        print(f"错误：{err.message}", file=sys.stderr)
        return EXIT_USAGE
    print(f"表决事项：{matter.label}")
    print(f"表决规则：{result.rules_label}")
    for test in result.tests:
        print(test.text())
    print("PASS" if result.passed else "FAIL")
    return 0


def cmd_split(opened: Opened, args: argparse.Namespace) -> int:
    """Exits 1 when the shares do not add up to the cost (never expected)."""
    path = output(args.out, XLSX)
    papers = opened.services.funds.papers
    cost = parse_yuan(args.cost, what="维修费用", allow_zero=False)
    units = papers.read_units(Path(args.units).expanduser())
    result = papers.split_units(units, cost)
    write(path, lambda temp: papers.export_units_split(temp, result))
    print(result.check_line())
    print(f"已写出分摊明细：{path}")
    return 0 if sum(s.fen for s in result.shares) == cost else 1


def export_ledger(opened: Opened, args: argparse.Namespace) -> int:
    """`export ledger funds`: the 维修资金使用台账."""
    path = output(args.out, XLSX)
    n = write(path, opened.services.ledgers.export_funds)
    print(f"已导出维修资金使用台账：{n} 条 → {path}")
    return 0
