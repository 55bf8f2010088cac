"""The 小区底数台账 with chosen column groups (issue 12 item 15): fewer columns, the name,
neighbourhood and address always there, and a paper that prints the text at 7 pt or more."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from app.domain.community_import import COLUMN_GROUPS, column_keys
from app.domain.errors import ValidationError
from app.spreadsheets.ledger_writer import A3, A4, printed_font_pt


def headers(path):
    ws = load_workbook(path).active
    return [c.value for c in ws[3]], ws


def test_groups_choose_the_columns(demo, tmp_path):
    out = tmp_path / "l.xlsx"
    n = demo.ledgers.export_communities(out, groups=["物业管理"])
    heads, ws = headers(out)
    assert n == 40
    assert heads[:4] == ["序号", "小区名称", "所属社区", "小区地址"]
    assert heads[4:] == ["管理方式", "物业服务企业", "企业统一社会信用代码", "项目负责人",
                         "项目负责人电话", "党组织覆盖", "业委会情况"]  # fmt: skip
    phones = [ws.cell(r, heads.index("项目负责人电话") + 1).value for r in range(4, 44)]
    assert any(p and "****" in p for p in phones)  # still masked
    widths = [ws.column_dimensions[chr(65 + i)].width for i in range(len(heads))]
    assert int(ws.page_setup.paperSize) == A4 and printed_font_pt(widths, A4) >= 7


def test_all_the_groups_are_every_column_and_print_on_a3(demo, tmp_path):
    out = tmp_path / "all.xlsx"
    demo.ledgers.export_communities(out)
    heads, ws = headers(out)
    assert len(heads) == 30 and int(ws.page_setup.paperSize) == A3
    assert column_keys(list(COLUMN_GROUPS)) == column_keys(None)


def test_no_group_leaves_the_basic_columns(demo, tmp_path):
    out = tmp_path / "basic.xlsx"
    demo.ledgers.export_communities(out, groups=[])
    assert headers(out)[0] == ["序号", "小区名称", "所属社区", "小区地址"]


def test_an_unknown_group_is_refused_and_nothing_written(demo, tmp_path):
    out = tmp_path / "x.xlsx"
    with pytest.raises(ValidationError, match="没有名为“物业”的列组"):
        demo.ledgers.export_communities(out, groups=["物业"])
    assert not out.exists()
