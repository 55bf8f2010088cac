"""The papers of a fund request: unit list, cost split, 审核表, and the fund ledger."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from app.domain.errors import ConflictError, ValidationError
from app.domain.fund_records import FundQuery
from app.domain.funds import FundStage, InstalmentKind, Material
from app.domain.votes import VoteMatter
from tests.documents.pdf_checks import all_text, assert_a4, assert_fonts_embedded_subsets
from tests.services.test_fund_requests import ENTRY, PASSING, new_request, tick

D = date


def unit_sheet(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["房号", "面积(㎡)", "业主"])
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def test_units_import_split_and_export(demo, tmp_path):
    rid = new_request(demo, budget=10_000)
    sheet = unit_sheet(
        tmp_path / "u.xlsx",
        [("1-101", 33.33, "甲"), ("1-102", "33.33", "乙"), ("1-103", 33.33, "")],
    )
    assert demo.funds.papers.import_units(rid, sheet) == 3
    v = demo.funds.get(rid)
    assert v.unit_count == 3
    assert v.fields.scope_households == 3 and v.fields.scope_area == Decimal("99.99")
    result = demo.funds.papers.split(rid)
    assert result.cost_fen == 10_000
    assert sum(s.fen for s in result.shares) == 10_000
    assert sorted(s.fen for s in result.shares) == [3333, 3333, 3334]
    assert "分摊合计 100.00 元，与维修费用 100.00 元一致" in result.check_line()
    out = tmp_path / "split.xlsx"
    assert demo.funds.papers.export_split(rid, out) == 3
    ws = openpyxl.load_workbook(out).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "1-103" in values and "建设单位（未售）" in values
    pdf = tmp_path / "split.pdf"
    demo.funds.papers.print_split(rid, pdf, cost_fen=100_00)
    text = all_text(pdf.read_bytes())
    assert "分摊明细" in text and "33.34" in text and "100.00" in text


def test_a_bad_unit_sheet_changes_nothing(demo, tmp_path):
    rid = new_request(demo)
    good = unit_sheet(tmp_path / "g.xlsx", [("1", 10, "甲"), ("2", 20, "乙")])
    demo.funds.papers.import_units(rid, good)
    bad = unit_sheet(tmp_path / "b.xlsx", [("1", 10, "甲"), ("2", "二十", "乙")])
    with pytest.raises(ValidationError) as err:
        demo.funds.papers.import_units(rid, bad)
    assert "第3行" in err.value.message
    assert [u.room for u in demo.funds.papers.units(rid)] == ["1", "2"]


def test_split_needs_units(demo):
    rid = new_request(demo)
    with pytest.raises(ConflictError, match="房屋清单"):
        demo.funds.papers.split(rid)


def approved(demo):
    """A request approved for 10,005.00 yuan, its 施工合同 received: ready to be paid."""
    f = demo.funds
    rid = new_request(demo)
    f.record_vote(rid, PASSING, VoteMatter.USE, D(2026, 10, 10))
    f.advance(rid, FundStage.VOTED, D(2026, 10, 11))
    tick(demo, rid, *ENTRY)
    f.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 12), "提交")
    f.advance(rid, FundStage.TOWNSHIP_REVIEW, D(2026, 10, 13), "情况属实，同意上报")
    f.advance(rid, FundStage.COUNTY_REVIEW, D(2026, 10, 14), "材料齐全，同意报县")
    f.advance(rid, FundStage.APPROVED, D(2026, 10, 20), "同意使用", amount_fen=1_000_500)
    tick(demo, rid, Material.CONTRACT, on=D(2026, 10, 21))
    return rid


def approved_request(demo):
    rid = approved(demo)
    demo.funds.disburse(rid, InstalmentKind.FIRST, D(2026, 10, 21), 700_000)
    return rid


def test_review_form_shows_amounts_in_capitals_and_each_level(demo, tmp_path):
    rid = approved_request(demo)
    form = demo.funds.papers.review_form(rid)
    assert [b.opinion for b in form.boxes] == [
        "情况属实，同意上报",
        "材料齐全，同意报县",
        "同意使用",
    ]
    assert form.vote_lines[1].startswith("参与表决面积 20000/30000 = 66.67%")
    assert form.disclosure == "2026-10-03 至 2026-10-09（共 7 天）"
    out = demo.funds.papers.print_review_form(rid, tmp_path / "form.pdf")
    data = out.read_bytes()
    text = all_text(data)
    for part in (
        "专项维修资金使用申请审核表",
        "2026-001",
        "壹拾贰万叁仟肆佰元整",
        "壹万零伍元整",
        "情况属实，同意上报",
        "县住房和城乡建设局核准意见",
    ):
        assert part in text, part
    assert_a4(data)
    assert_fonts_embedded_subsets(data)


def test_returned_opinion_shows_in_its_box(demo):
    rid = new_request(demo, emergency=True)
    tick(demo, rid, Material.APPLICATION, Material.PLAN, Material.EVIDENCE)
    demo.funds.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 10), "紧急")
    demo.funds.send_back(rid, D(2026, 10, 11), "缺少预算明细")
    form = demo.funds.papers.review_form(rid)
    assert form.boxes[0].opinion == "退回补正：缺少预算明细"
    assert form.boxes[1].opinion == "" and form.vote_lines == ("紧急使用，无需业主表决",)


def test_fund_ledger_reads_back_with_totals(demo, tmp_path):
    a = approved_request(demo)
    b = new_request(demo, emergency=True, budget=50_000)
    out = tmp_path / "funds.xlsx"
    assert demo.ledgers.export_funds(out) == 2
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0].endswith("住宅专项维修资金使用台账")
    header = rows[2]
    assert header[:4] == ("序号", "申请编号", "社区", "小区")
    data = rows[3:5]
    assert [r[1] for r in data] == ["2026-001", "2026-002"]  # oldest first
    col = header.index
    assert data[0][col("核准金额(元)")] == 10005 and data[0][col("已拨付(元)")] == 7000
    assert data[0][col("办理阶段")] == "已拨付"
    assert data[1][col("业主表决")] == "紧急使用，无需表决"
    total = rows[5]
    assert total[1] == "合计" and total[col("申请金额(元)")] == 123900
    assert ws.freeze_panes == "A4"
    assert ws.page_setup.orientation == "landscape"
    only = tmp_path / "emergency.xlsx"
    assert demo.ledgers.export_funds(only, FundQuery(emergency=True)) == 1
    assert a != b


def test_fund_ledger_notes_say_why_returned_and_a_short_disclosure(demo, tmp_path):
    rid = new_request(demo, emergency=True)
    tick(demo, rid, Material.APPLICATION, Material.PLAN, Material.EVIDENCE)
    demo.funds.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 10), "紧急")
    demo.funds.send_back(rid, D(2026, 10, 11), "缺少预算明细")
    short = new_request(demo)
    f = demo.funds.get(short).fields
    from dataclasses import replace

    demo.funds.update(short, replace(f, disclosure_end=D(2026, 10, 8)))  # 6 days
    out = tmp_path / "funds.xlsx"
    demo.ledgers.export_funds(out)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    notes = {r[1]: r[-1] for r in rows[3:5]}
    assert notes["2026-001"] == "退回补正理由：缺少预算明细"
    assert notes["2026-002"] == "公示期少于规定的 7 天"
    assert rows[4][12] == "2026-10-03 至 2026-10-08（6天）"
