"""`propdesk committee status` and `propdesk export ledger committees`, in-process."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from app.bootstrap import open_data
from app.cli import main
from app.domain.governance import MemberFields, MemberRole, Stage
from app.services import build_services


@pytest.fixture
def data(tmp_path):
    """Demo communities; one committee elected 31 days ago and not filed."""
    folder = tmp_path / "data"
    opened = open_data(folder)
    svc = build_services(replace(opened.services.ctx, today=date.today))
    svc.demo.load(issues=False)
    row = next(r for r in svc.governance.rows() if r.eligible and r.stage is Stage.NOT_STARTED)
    members = [MemberFields(f"委员{k}", MemberRole.MEMBER) for k in range(5)]
    svc.governance.elect(row.community_id, date.today() - timedelta(days=31), 5, members)
    opened.close()
    return folder, row.community


def test_status_names_the_stage_and_the_overdue_filing(data, capsys):
    folder, name = data
    assert main(["committee", "status", "--data-dir", str(folder), "--community", name]) == 0
    out = capsys.readouterr().out
    assert "业委会已选举" in out and "备案已逾期1天" in out
    assert main(["committee", "status", "--data-dir", str(folder), "--community", "没有"]) == 1
    assert "找不到" in capsys.readouterr().err
    assert main(["committee", "status", "--data-dir", str(folder)]) == 0
    assert "组建率：" in capsys.readouterr().out.splitlines()[-1]


def test_ledger_has_a_row_per_community_and_coverage_rows(data, tmp_path, capsys):
    folder, name = data
    out = tmp_path / "c.xlsx"
    assert (
        main(["export", "ledger", "committees", "--data-dir", str(folder), "--out", str(out)]) == 0
    )  # noqa: E501
    assert "40 个小区" in capsys.readouterr().out
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "序号")
    assert list(header[:6]) == ["序号", "社区", "小区", "户数", "具备组建条件", "组建阶段"]
    data_rows = [r for r in rows if isinstance(r[0], int)]
    assert len(data_rows) == 40
    mine = next(r for r in data_rows if r[2] == name)
    assert mine[5] == "业委会已选举" and "备案已逾期1天" in mine[-1]
    coverage = {r[1]: r for r in rows if r[2] == "组建率"}
    assert "全部社区合计" in coverage
    for hood, r in coverage.items():
        if hood == "全部社区合计":
            continue
        mine_rows = [d for d in data_rows if d[1] == hood and d[4] == "是"]
        covered = [d for d in mine_rows if d[5] in ("已备案", "任期内", "换届预警", "物管会代行")]
        assert r[9] == f"{len(covered)}/{len(mine_rows)}"
