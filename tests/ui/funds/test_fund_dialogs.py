"""The 维修资金 dialogs driven with qtbot: the request form, the live vote, the steps, the
payments, the materials and the 分摊明细."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from app.domain.fund_records import FundQuery
from app.domain.funds import FundStage, InstalmentKind, Material
from app.domain.votes import VoteMatter
from app.services.fund_service import FundService
from app.ui.common.files import EXCEL_FILTER
from app.ui.common.messages import MessageService
from app.ui.common.style import role
from app.ui.funds import step_dialogs as fund_step_dialogs
from app.ui.funds.dialogs import FundDialog, VoteDialog
from app.ui.funds.split_dialog import NO_UNITS, SplitDialog
from app.ui.funds.step_dialogs import (
    AdvanceDialog,
    DisbursementDialog,
    MaterialDialog,
    ReasonDialog,
)
from tests.conftest import TODAY
from tests.services.test_fund_papers import unit_sheet
from tests.services.test_fund_requests import ENTRY, FAILING, PASSING, new_request, tick
from tests.ui.conftest import files_for, type_into

D = date
ACCEPTED = QDialog.DialogCode.Accepted


def fund_dialog(demo, messages, view=None):
    return FundDialog(
        demo.funds, messages, view, communities=demo.communities.choices(), today=TODAY
    )


@pytest.fixture
def messages():
    return MessageService(dialogs=False)


@pytest.fixture
def show(qtbot):
    def show(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return show


def to_county(demo) -> int:
    """An ordinary request waiting at 报县住建局."""
    f = demo.funds
    rid = new_request(demo)
    f.record_vote(rid, PASSING, VoteMatter.USE, D(2026, 10, 10))
    f.advance(rid, FundStage.VOTED, D(2026, 10, 11))
    tick(demo, rid, *ENTRY)
    f.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 12), "提交")
    f.advance(rid, FundStage.TOWNSHIP_REVIEW, D(2026, 10, 13), "同意上报")
    f.advance(rid, FundStage.COUNTY_REVIEW, D(2026, 10, 14), "材料齐全，同意")
    return rid


# ---- the request form ------------------------------------------------------------------
def test_fund_dialog_creates_a_request(show, demo, messages):
    d = show(fund_dialog(demo, messages))
    assert d.windowTitle() == "新建维修资金使用申请"
    assert d.applied_on.text() == "2026-11-23"
    d.community.setCurrentIndex(1)
    type_into(d.project, "5号楼外墙修缮")
    type_into(d.part, "外墙")
    type_into(d.reason, "外墙瓷砖空鼓脱落")
    type_into(d.budget, "123400")
    assert d.budget.capital.text() == "大写：壹拾贰万叁仟肆佰元整"
    type_into(d.scope_households, "48")
    type_into(d.scope_area, "4321.5")
    d.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert d.result() == ACCEPTED and isinstance(d.result_value, int)
    v = demo.funds.get(d.result_value)
    assert (v.fields.project, v.fields.part, v.fields.budget_fen) == (
        "5号楼外墙修缮",
        "外墙",
        12_340_000,
    )
    assert v.fields.scope_households == 48 and v.fields.scope_area == Decimal("4321.50")
    assert v.stage is FundStage.DRAFT and not v.fields.emergency


def test_a_bad_amount_keeps_the_dialog_open_and_saves_nothing(show, demo, messages):
    d = show(fund_dialog(demo, messages))
    d.community.setCurrentIndex(1)
    type_into(d.project, "屋面维修")
    type_into(d.budget, "12.345")
    assert "最多保留两位小数" in d.budget.capital.text()
    d.buttons.accepted.emit()
    assert d.result() != ACCEPTED and d.isVisible()
    assert d.focusWidget() is d.budget
    assert messages.shown[-1][0] == "warn" and "最多保留两位小数" in messages.last()
    assert demo.funds.search_ids(FundQuery()) == []
    assert d.project.text() == "屋面维修" and d.budget.text() == "12.345"  # nothing lost
    d.budget.setText("12.34")
    d.buttons.accepted.emit()
    assert d.result() == ACCEPTED and demo.funds.get(d.result_value).fields.budget_fen == 1234


def test_disclosure_days_warn_under_the_minimum(show, demo, messages):
    d = show(fund_dialog(demo, messages))
    assert demo.funds.rules.disclosure_min_days == 7
    d.disclosure_start.setText("2026-10-03")
    d.disclosure_end.setText("2026-10-08")
    assert d.days.text() == "共 6 天，少于规定的 7 天" and role(d.days) == "danger"
    d.disclosure_end.setText("2026-10-09")  # exactly 7 days, both ends counted
    assert d.days.text() == "共 7 天" and role(d.days) == "ok"
    d.disclosure_end.setText("2026-10-")  # half typed
    assert d.days.text() == "填写起止日期后计算公示天数"


def test_emergency_fields_follow_the_checkbox_and_save(show, demo, messages):
    d = show(fund_dialog(demo, messages))
    assert not d.category.isEnabled() and not d.confirmed_by.isEnabled()
    d.emergency.setChecked(True)
    assert d.category.isEnabled() and d.confirmed_on.isEnabled()
    assert d.confirmed_on.text() == "2026-11-23"
    d.category.setCurrentIndex(d.category.findData("lift_fault"))
    assert d.evidence.text() == "须提供证明材料：检测机构整改通知书"
    d.community.setCurrentIndex(1)
    d.project.setText("2号电梯抢修")
    d.confirmed_by.setText("李四（镇应急办）")
    d.buttons.accepted.emit()
    f = demo.funds.get(d.result_value).fields
    assert f.emergency and f.emergency_category == "lift_fault"
    assert (f.confirmed_by, f.confirmed_on) == ("李四（镇应急办）", D(2026, 11, 23))


def test_fund_dialog_edits_a_request(show, demo, messages):
    rid = new_request(demo)
    v = demo.funds.get(rid)
    d = show(fund_dialog(demo, messages, v))
    assert d.windowTitle() == f"修改维修资金使用申请 {v.serial}"
    assert d.budget.text() == "123,400.00" and d.project.text() == v.fields.project
    assert d.days.text() == "共 7 天"
    d.community.setCurrentIndex(0)
    d.buttons.accepted.emit()
    assert d.result() != ACCEPTED and d.focusWidget() is d.community
    d.community.set_value(v.fields.community_id)
    d.budget.setText("100000")
    d.buttons.accepted.emit()
    assert d.result() == ACCEPTED and demo.funds.get(rid).fields.budget_fen == 10_000_000


# ---- the owners' vote ------------------------------------------------------------------
def fill_vote(d, count):
    for name, edit in d.figures.items():
        edit.setText(str(getattr(count, name)))


def test_vote_lines_at_the_exact_boundaries(show, demo, messages):
    rid = new_request(demo)
    d = show(VoteDialog(demo.funds, messages, demo.funds.get(rid), today=TODAY))
    assert d.result_lines() == ["请填写全部数字"]
    assert d.rule.text() == "表决规则：《民法典》第二百七十八条" and not d.legacy.isVisible()
    fill_vote(d, FAILING)  # participation exactly 2/3; approving area exactly 1/2
    assert d.result_lines() == [
        "参与表决面积 20000/30000 = 66.67%（需 ≥ 2/3）✓",
        "参与表决人数 200/300 = 66.67%（需 ≥ 2/3）✓",
        "同意面积 10000/20000 = 50.00%（需 > 1/2）✗",
        "同意人数 101/200 = 50.50%（需 > 1/2）✓",
        "结论：未通过",
        "未通过的表决也会如实登记，但申请不能进入“表决通过”。",
    ]
    roles = [role(label) for label in d.result_labels]
    assert roles[:5] == ["ok", "ok", "danger", "ok", "danger"]
    assert d.result_labels[4].property("strong") == "true"  # the verdict
    assert d.result_labels[0].property("strong") != "true"
    d.figures["yes_area"].setText("10000.01")
    assert d.result_lines()[2] == "同意面积 10000.01/20000 = 50.0001%（需 > 1/2）✓"
    assert d.result_lines()[4] == "结论：通过" and role(d.result_labels[4]) == "ok"
    d.matter.set_value(VoteMatter.RAISE)  # raising the fund: 3/4
    assert d.result_lines()[2] == "同意面积 10000.01/20000 = 50.00%（需 ≥ 3/4）✗"
    d.figures["part_owners"].clear()
    assert d.result_lines() == ["请填写全部数字"]


def test_invalid_figures_show_the_message_and_refuse(show, demo, messages):
    rid = new_request(demo)
    d = show(VoteDialog(demo.funds, messages, demo.funds.get(rid), today=TODAY))
    fill_vote(d, replace(PASSING, yes_area=Decimal("20000.01")))
    assert d.result_lines() == ["同意面积 20000.01 ㎡ 超过参与表决面积 20000 ㎡"]
    assert role(d.result_labels[0]) == "danger"
    d.buttons.accepted.emit()
    assert d.result() != ACCEPTED and d.focusWidget() is d.figures["yes_area"]
    assert "超过参与表决面积" in messages.last()
    assert demo.funds.get(rid).vote_count is None


def test_a_failing_vote_is_recorded_and_refilled(show, demo, messages):
    rid = new_request(demo)
    d = show(VoteDialog(demo.funds, messages, demo.funds.get(rid), today=TODAY))
    fill_vote(d, FAILING)
    d.voted_on.setText("2026-10-10")
    d.buttons.accepted.emit()
    assert d.result() == ACCEPTED and not d.result_value.passed
    v = demo.funds.get(rid)
    assert v.vote_passed is False and v.vote_count == FAILING and v.stage is FundStage.VOTING
    again = show(VoteDialog(demo.funds, messages, v, today=TODAY))
    assert again.figures["yes_area"].text() == "10000" and again.voted_on.text() == "2026-10-10"
    assert again.result_lines()[-2] == "结论：未通过"


def test_the_legacy_rule_is_announced(show, demo, messages, monkeypatch):
    legacy = demo.funds.vote_rules.with_rule("legacy")
    monkeypatch.setattr(FundService, "vote_rules", property(lambda _s: legacy))
    d = show(VoteDialog(demo.funds, messages, demo.funds.get(new_request(demo)), today=TODAY))
    assert d.legacy.isVisible() and d.legacy.text().startswith("正在使用旧规则：双三分之二")
    fill_vote(d, PASSING)
    assert d.result_lines()[0] == "同意面积占总面积 10000.01/30000 = 33.33%（需 ≥ 2/3）✗"


# ---- steps -------------------------------------------------------------------------------
def test_step_dialog_lists_the_blockers_and_is_refused(show, demo, messages):
    rid = new_request(demo)
    demo.funds.record_vote(rid, PASSING, VoteMatter.USE, D(2026, 10, 10))
    demo.funds.advance(rid, FundStage.VOTED, D(2026, 10, 11))
    tick(demo, rid, Material.APPLICATION)
    v = demo.funds.get(rid)
    d = show(AdvanceDialog(demo.funds, messages, v, FundStage.COMMUNITY_REVIEW, today=TODAY))
    assert d.windowTitle() == f"{v.serial}：进入“社区初审”"
    assert d.blockers.isVisible()
    assert d.blockers.text() == "尚不能进入：\n· 缺少材料：维修方案与预算、业主表决结果、公示证明"
    assert d.opinion_label == "说明" and d.amount is None
    d.buttons.accepted.emit()
    assert d.result() != ACCEPTED
    assert "不能进入“社区初审”" in messages.last() and "公示证明" in messages.last()
    assert demo.funds.get(rid).stage is FundStage.VOTED


def test_leaving_a_review_stage_needs_the_levels_opinion(show, demo, messages):
    rid = to_county(demo)
    demo.funds.send_back(rid, D(2026, 10, 15), "x")  # RETURNED → resubmit
    demo.funds.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 16), "已补正")
    d = show(
        AdvanceDialog(
            demo.funds, messages, demo.funds.get(rid), FundStage.TOWNSHIP_REVIEW, today=TODAY
        )
    )
    assert not d.blockers.isVisible() and d.opinion_label == "社区（居委会）初审意见"
    d.buttons.accepted.emit()
    assert d.result() != ACCEPTED and d.focusWidget() is d.opinion
    type_into(d.opinion, "同意上报")
    d.buttons.accepted.emit()
    assert d.result() == ACCEPTED
    step = demo.funds.get(rid).steps[-1]
    assert (step.to_stage, step.opinion, step.on) == (
        FundStage.TOWNSHIP_REVIEW,
        "同意上报",
        D(2026, 11, 23),
    )


def test_approval_takes_an_amount(show, demo, messages):
    rid = to_county(demo)
    d = show(
        AdvanceDialog(demo.funds, messages, demo.funds.get(rid), FundStage.APPROVED, today=TODAY)
    )
    assert d.opinion_label == "县住房和城乡建设局核准意见"
    assert d.amount.text() == "123,400.00"
    assert d.amount.capital.text() == "大写：壹拾贰万叁仟肆佰元整"
    d.opinion.setPlainText("同意")
    d.amount.setText("123400.01")
    d.buttons.accepted.emit()
    assert d.result() != ACCEPTED and d.focusWidget() is d.amount
    assert "不能超过申请金额" in messages.last()
    d.amount.setText("120000")
    assert d.amount.capital.text() == "大写：壹拾贰万元整"
    d.buttons.accepted.emit()
    v = demo.funds.get(rid)
    assert d.result() == ACCEPTED and v.stage is FundStage.APPROVED
    assert v.approved_fen == 12_000_000


def test_reason_dialogs_send_back_and_reject(show, demo, messages):
    rid = to_county(demo)
    d = show(
        ReasonDialog(demo.funds, messages, demo.funds.get(rid), FundStage.RETURNED, today=TODAY)
    )
    d.buttons.accepted.emit()
    assert d.result() != ACCEPTED and d.focusWidget() is d.opinion
    type_into(d.opinion, "预算缺少明细")
    d.buttons.accepted.emit()
    assert d.result() == ACCEPTED and demo.funds.get(rid).stage is FundStage.RETURNED
    demo.funds.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 11, 23), "已补正")
    r = show(
        ReasonDialog(demo.funds, messages, demo.funds.get(rid), FundStage.REJECTED, today=TODAY)
    )
    r.opinion.setPlainText("不属于维修资金列支范围")
    messages.confirm_answer = False
    r.buttons.accepted.emit()
    assert messages.shown[-1][0] == "confirm" and "终止" in messages.last()
    assert r.result() != ACCEPTED and demo.funds.get(rid).stage is FundStage.COMMUNITY_REVIEW
    messages.confirm_answer = True
    r.buttons.accepted.emit()
    v = demo.funds.get(rid)
    assert r.result() == ACCEPTED and v.stage is FundStage.REJECTED
    assert v.steps[-1].opinion == "不属于维修资金列支范围"


# ---- payments ----------------------------------------------------------------------------
def test_disbursement_is_capped_by_the_approved_amount(show, demo, messages):
    rid = to_county(demo)
    demo.funds.advance(rid, FundStage.APPROVED, D(2026, 10, 20), "核准", amount_fen=12_000_000)
    tick(demo, rid, Material.CONTRACT, on=D(2026, 10, 21))
    d = show(DisbursementDialog(demo.funds, messages, demo.funds.get(rid), today=TODAY))
    assert d.kind.value() is InstalmentKind.FIRST and d.amount.text() == ""
    assert d.info.text() == "核准金额 120,000.00 元，已拨付 0.00 元，本次最多 120,000.00 元"
    d.amount.setText("120000.01")
    d.buttons.accepted.emit()
    assert d.result() != ACCEPTED and d.focusWidget() is d.amount
    assert "本次最多可拨付 120,000.00 元" in messages.last()
    d.amount.setText("84000")
    d.buttons.accepted.emit()
    v = demo.funds.get(rid)
    assert d.result() == ACCEPTED and v.stage is FundStage.DISBURSED
    assert v.disbursements[0].amount_fen == 8_400_000
    again = show(DisbursementDialog(demo.funds, messages, v, today=TODAY))
    assert again.kind.value() is InstalmentKind.FINAL and again.amount.text() == "36,000.00"
    assert again.info.text().endswith("已拨付 84,000.00 元，本次最多 36,000.00 元")


# ---- materials ---------------------------------------------------------------------------
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def test_material_is_ticked_with_a_scan_and_unticked(show, demo, messages, monkeypatch, tmp_path):
    rid = new_request(demo)
    scan = tmp_path / "申请表.png"
    scan.write_bytes(PNG)
    files = files_for(demo)
    files.open_from = [scan]
    d = show(
        MaterialDialog(
            demo.funds,
            messages,
            demo.funds.get(rid),
            Material.APPLICATION,
            files=files,
            today=TODAY,
        )
    )
    assert not d.untick.isVisible() and d.received_on.text() == "2026-11-23"
    d.received_on.clear()
    d.buttons.accepted.emit()  # no date: refused, never taken as 取消收取
    assert d.result() != ACCEPTED and d.focusWidget() is d.received_on
    d.received_on.setText("2026-11-20")
    d.choose.click()
    assert files.open_filters == [fund_step_dialogs.SCAN_FILTER] and d.scan.text() == "申请表.png"
    d.note.setText("原件已存档")
    d.buttons.accepted.emit()
    assert d.result() == ACCEPTED
    m = demo.funds.get(rid).materials[0]
    assert (m.material, m.received_on, m.original_name, m.note) == (
        Material.APPLICATION,
        D(2026, 11, 20),
        "申请表.png",
        "原件已存档",
    )
    assert Path(m.path).read_bytes() == PNG
    scan_copy = Path(m.path)
    u = show(
        MaterialDialog(
            demo.funds,
            messages,
            demo.funds.get(rid),
            Material.APPLICATION,
            files=files,
            today=TODAY,
        )
    )
    assert u.untick.isVisible() and "已有：申请表.png" in u.scan.placeholderText()
    messages.confirm_answer = False
    u.untick.click()
    assert demo.funds.get(rid).materials[0].received_on == D(2026, 11, 20)
    messages.confirm_answer = True
    u.untick.click()
    assert u.result() == ACCEPTED and u.unticked
    m = demo.funds.get(rid).materials[0]
    assert m.received_on is None and m.path == ""
    assert not scan_copy.exists()  # the copy goes with the tick


# ---- the cost split ----------------------------------------------------------------------


def test_split_dialog_imports_units_and_adds_up(
    show, demo, messages, monkeypatch, tmp_path, qtmodeltester
):
    rid = new_request(demo, budget=10_000)
    sheet = unit_sheet(
        tmp_path / "units.xlsx",
        [("1-101", 33.33, "甲"), ("1-102", 33.33, "乙"), ("1-103", 33.33, "")],
    )
    files = files_for(demo)
    files.open_from = [sheet]
    d = show(SplitDialog(demo.funds, messages, rid, files=files))
    assert d.hint.isVisible() and d.hint.text().startswith(NO_UNITS) and d.model.rowCount() == 0
    assert not d.export_button.isEnabled() and not any(k == "warn" for k, _ in messages.shown)
    assert d.cost.text() == "100.00"
    d.import_button.click()
    assert not d.hint.isVisible() and d.model.rowCount() == 3
    amounts = [d.model.text(r, 5) for r in range(3)]
    assert sorted(amounts) == ["33.33", "33.33", "33.34"]
    assert sum(Decimal(a) for a in amounts) == Decimal("100.00")
    assert d.model.text(2, 2) == "建设单位（未售）" and d.model.text(0, 4) == "33.3333%"
    assert d.check.text().startswith("分摊合计 100.00 元，与维修费用 100.00 元一致")
    assert role(d.check) == "ok"
    qtmodeltester.check(d.model)
    d.cost.setText("1000")
    d.cost.editingFinished.emit()
    assert sorted(d.model.text(r, 5) for r in range(3)) == ["333.33", "333.33", "333.34"]
    # a bad sheet: its message, nothing changes
    assert files.open_filters == [EXCEL_FILTER]
    files.open_from = [unit_sheet(tmp_path / "bad.xlsx", [("2-1", "二十", "丙")])]
    d.import_button.click()
    assert messages.shown[-1][0] == "warn" and "未导入任何房屋" in messages.last()
    assert d.model.rowCount() == 3 and len(demo.funds.papers.units(rid)) == 3
    # export and print
    out = tmp_path / "out" / "split.xlsx"
    files.save_to = lambda _suggested: out
    d.export_button.click()
    assert out.exists() and str(out) in messages.last()
    opened = files.opened
    d.print_button.click()
    assert opened and opened[0].read_bytes().startswith(b"%PDF")
    assert opened[0].parent == demo.ctx.data_dir / "exports" / "维修资金"


def test_final_account_defaults_to_the_approved_amount(show, demo, messages):
    rid = to_county(demo)
    f = demo.funds
    f.advance(rid, FundStage.APPROVED, D(2026, 10, 20), "核准", amount_fen=12_000_000)
    tick(demo, rid, Material.CONTRACT, on=D(2026, 10, 21))
    f.disburse(rid, InstalmentKind.FIRST, D(2026, 10, 21), 8_400_000)
    tick(demo, rid, Material.ACCEPTANCE, Material.FINAL_ACCOUNT, on=D(2026, 11, 1))
    f.advance(rid, FundStage.ACCEPTED, D(2026, 11, 1), "验收合格")
    v = f.get(rid)
    assert v.missing == ()  # the step's dialog takes the 决算金额: not a blocker
    d = show(AdvanceDialog(demo.funds, messages, v, FundStage.FINAL_DISCLOSURE, today=TODAY))
    assert not d.blockers.isVisible() and d.opinion_label == "说明"
    assert d.amount.text() == "120,000.00"
    d.amount.setText("118000")
    d.buttons.accepted.emit()
    v = f.get(rid)
    assert d.result() == ACCEPTED and v.stage is FundStage.FINAL_DISCLOSURE
    assert v.final_fen == 11_800_000
