"""The 维修资金 page: an ordinary and an emergency request taken from draft to 办结 through the
page's actions and dialogs, the gate that names what is missing, the filters and totals,
the table model, the 审核表 PDF and the ledger export."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QPlainTextEdit,
    QWidget,
)

from app.domain.fund_records import FundFields, FundQuery
from app.domain.funds import FundStage, InstalmentKind, Material
from app.domain.votes import VoteMatter
from app.services import build_services
from app.ui.common.files import xlsx_path
from app.ui.funds.dialogs import FundDialog, VoteDialog
from app.ui.funds.page import FundsPage
from app.ui.funds.step_dialogs import (
    AdvanceDialog,
    DisbursementDialog,
    MaterialDialog,
    ReasonDialog,
)
from app.ui.funds.table_model import WAITING_BACKGROUND, FundTableModel
from tests.conftest import TODAY
from tests.documents.pdf_checks import all_text
from tests.services.test_fund_requests import ENTRY, PASSING, new_request, tick
from tests.ui.conftest import drive, files_for, press_ok

D = date
ACCEPTED = QDialog.DialogCode.Accepted
STAGE, DAYS, URGENT, APPROVED, PAID = 8, 9, 7, 5, 6


@pytest.fixture
def opened_files(window):
    return window.files.opened


@pytest.fixture
def page(window, services, opened_files) -> FundsPage:
    services.demo.load(issues=False)
    return window.go("维修资金")


def fill(d: QWidget, **values: object) -> None:
    """Set each widget found by objectName, as a user would fill it in."""
    for name, value in values.items():
        w = d.findChild(QWidget, name)
        assert w is not None, name
        if isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QComboBox):
            i = w.findData(value)
            assert i >= 0, (name, value)
            w.setCurrentIndex(i)
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value))
        else:
            w.setText(str(value))  # type: ignore[attr-defined]


def through(monkeypatch, page, dialog_cls, trigger, **values) -> QDialog:
    """Open a dialog through the page (trigger), fill it, press OK; it must save."""
    results: list[int] = []

    def run(d: QDialog) -> None:
        fill(d, **values)
        press_ok(d)
        results.append(d.result())

    seen = drive(monkeypatch, dialog_cls, run)
    trigger()
    assert len(seen) == 1, page._messages.shown[-1:]
    assert results == [ACCEPTED], page._messages.shown[-1:]
    return seen[0]


def receive(monkeypatch, page, material: Material, on: str, **values) -> None:
    page.detail.select_material(material)
    through(
        monkeypatch,
        page,
        MaterialDialog,
        page.detail.receive_button.click,
        received_on=on,
        **values,
    )


def advance(monkeypatch, page, target: FundStage, on: str, **values) -> None:
    assert page.next_action.isEnabled() and page.next_action.text() == f"进入“{target.label}”"
    through(monkeypatch, page, AdvanceDialog, page.next_action.trigger, on=on, **values)
    assert page.view.stage is target


def disburse(monkeypatch, page, kind: InstalmentKind, on: str, amount: str) -> None:
    assert page.disburse_action.isEnabled()
    through(
        monkeypatch,
        page,
        DisbursementDialog,
        page.disburse_action.trigger,
        kind=kind.value,
        on=on,
        amount_fen=amount,
    )


def cell(page, row: int, col: int, role=Qt.ItemDataRole.DisplayRole):
    return page.model.data(page.model.index(row, col), role)


def new_through_page(monkeypatch, page, services, **values) -> int:
    cid = services.communities.choices()[0][0]
    fields = {
        "community_id": cid,
        "project": "3号楼屋面防水维修",
        "part": "屋面",
        "reason": "屋面渗漏",
        "budget_fen": "123400",
        "scope_text": "3号楼全体业主",
        "scope_households": "48",
        "scope_area": "4321.5",
        **values,
    }
    through(monkeypatch, page, FundDialog, page.new_action.trigger, **fields)
    assert page.view is not None and page.current_id() == page.view.id
    return page.view.id


# ---- the journeys --------------------------------------------------------------------------
def test_an_ordinary_request_from_draft_to_done(
    monkeypatch, page, services, qtbot, tmp_path, opened_files
):
    assert page.model.rowCount() == 0 and page.totals.text().startswith("共 0 件")
    rid = new_through_page(
        monkeypatch, page, services, disclosure_start="2026-10-03", disclosure_end="2026-10-09"
    )
    assert page.view.stage is FundStage.DRAFT and page.model.rowCount() == 1
    assert page.delete_action.isEnabled() and page.vote_action.isEnabled()
    assert "壹拾贰万叁仟肆佰元整" in page.detail.values["budget"].text()
    assert page.detail.values["scope"].text() == "3号楼全体业主（48 户，4,321.50 ㎡）"

    # the owners' vote, then 表决通过
    figures = {
        "total_area": "30000",
        "total_owners": "300",
        "part_area": "20000",
        "part_owners": "200",
        "yes_area": "10000.01",
        "yes_owners": "101",
    }
    through(
        monkeypatch,
        page,
        VoteDialog,
        page.vote_action.trigger,
        matter=VoteMatter.USE.value,
        voted_on="2026-10-10",
        **figures,
    )
    assert page.view.stage is FundStage.VOTING and page.view.vote_passed
    vote = page.detail.vote.text()
    assert "✓" in vote and "#2e7d32" in vote and "结论：通过" in vote
    advance(monkeypatch, page, FundStage.VOTED, "2026-10-11")

    # the four entry materials (one by double-click, one with a scan), then the review chain
    scan = tmp_path / "申请表.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    page._files.open_from = [scan]

    def with_scan(d: QDialog) -> None:
        d.findChild(QWidget, "choose_scan").click()
        fill(d, received_on="2026-10-10")
        press_ok(d)

    drive(monkeypatch, MaterialDialog, with_scan)
    page.detail.select_material(Material.APPLICATION)
    table = page.detail.materials
    rect = table.visualItemRect(table.item(table.currentRow(), 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.view.materials[0].received_on == D(2026, 10, 10) and page.view.materials[0].path
    page.detail.select_material(Material.APPLICATION)
    assert page.detail.scan_button.isEnabled()
    page.detail.scan_button.click()
    assert opened_files[-1].read_bytes() == b"%PDF-1.4 scan"
    for m in ENTRY[1:]:
        receive(monkeypatch, page, m, "2026-10-10")
    assert page.detail.tabs.tabText(0) == "材料清单（4/7）"
    assert page.detail.blockers.text() == "条件已具备"
    advance(monkeypatch, page, FundStage.COMMUNITY_REVIEW, "2026-10-12")
    assert not page.edit_action.isEnabled() and page.send_back_action.isEnabled()
    advance(monkeypatch, page, FundStage.TOWNSHIP_REVIEW, "2026-10-13", opinion="同意上报")
    advance(monkeypatch, page, FundStage.COUNTY_REVIEW, "2026-10-14", opinion="材料齐全，同意")
    advance(
        monkeypatch, page, FundStage.APPROVED, "2026-10-20", opinion="核准", amount_fen="120000"
    )
    assert page.view.approved_fen == 12_000_000

    # payments and the end of the works
    assert not page.next_action.isEnabled() and page.disburse_action.isEnabled()
    receive(monkeypatch, page, Material.CONTRACT, "2026-10-21")
    disburse(monkeypatch, page, InstalmentKind.FIRST, "2026-10-21", "84000")
    assert page.view.stage is FundStage.DISBURSED
    receive(monkeypatch, page, Material.ACCEPTANCE, "2026-11-01")
    advance(monkeypatch, page, FundStage.ACCEPTED, "2026-11-01", opinion="验收合格")
    receive(monkeypatch, page, Material.FINAL_ACCOUNT, "2026-11-05")
    advance(monkeypatch, page, FundStage.FINAL_DISCLOSURE, "2026-11-05", amount_fen="118000")
    assert "尚未填写决算金额" not in page.detail.blockers.text()
    assert "请先登记尾款" in page.detail.blockers.text()  # 已拨付 84,000 ≠ 决算 118,000
    disburse(monkeypatch, page, InstalmentKind.FINAL, "2026-11-20", "34000")
    advance(monkeypatch, page, FundStage.DONE, "2026-11-20", opinion="办结")

    # the row, the totals and the detail at the end
    v = services.funds.get(rid)
    assert v.stage is FundStage.DONE and v.disbursed_fen == 11_800_000 == v.final_fen
    assert page.model.rowCount() == 1 and page.current_id() == rid
    assert [cell(page, 0, c) for c in (0, APPROVED, PAID, URGENT, STAGE, DAYS)] == [
        v.serial, "120,000.00", "118,000.00", "", "办结", "3"]  # fmt: skip
    assert cell(page, 0, 4, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert cell(page, 0, 1, Qt.ItemDataRole.ForegroundRole).color().name() == "#8a8a8a"
    assert page.totals.text() == (
        "共 1 件　申请金额 ¥123,400.00　核准金额 ¥120,000.00　已拨付 ¥118,000.00"
    )
    d = page.detail
    assert d.stage.text() == "阶段：办结（2026-11-20）" and not d.next_step.isVisible()
    assert d.steps.rowCount() == 10 and d.steps.item(9, 1).text() == "决算公示 → 办结"
    assert d.steps.item(5, 4).text() == "120,000.00"
    assert [d.payments.item(r, 0).text() for r in range(2)] == ["首付", "尾款"]
    assert d.paid_total.text().startswith("合计已拨付 ¥118,000.00　决算金额 ¥118,000.00")
    assert d.values["final"].text() == "¥118,000.00（壹拾壹万捌仟元整）"
    assert not any(
        a.isEnabled()
        for a in (
            page.edit_action,
            page.delete_action,
            page.vote_action,
            page.next_action,
            page.disburse_action,
        )
    )
    assert not d.receive_button.isEnabled()


def test_an_emergency_request_from_draft_to_done(monkeypatch, page, services):
    rid = new_through_page(
        monkeypatch,
        page,
        services,
        emergency=True,
        emergency_category="roof_leak",
        confirmed_by="张三（镇住建办）",
        confirmed_on="2026-10-02",
    )
    assert cell(page, 0, URGENT) == "是"
    assert cell(page, 0, URGENT, Qt.ItemDataRole.ForegroundRole).color().name() == "#b42318"
    assert cell(page, 0, URGENT, Qt.ItemDataRole.FontRole).bold()
    assert not page.vote_action.isEnabled()
    assert page.detail.vote.text() == "紧急使用，无需业主表决"
    assert "屋面、外墙渗漏" in page.detail.values["emergency"].text()
    assert "张三（镇住建办） 2026-10-02" in page.detail.values["emergency"].text()
    labels = [page.detail.materials.item(r, 0).text() for r in range(3)]
    assert labels == ["申请表", "维修方案与预算", "紧急情况证明（鉴定机构证明）"]

    for m in (Material.APPLICATION, Material.PLAN, Material.EVIDENCE):
        receive(monkeypatch, page, m, "2026-10-03")
    advance(monkeypatch, page, FundStage.COMMUNITY_REVIEW, "2026-10-04")
    advance(monkeypatch, page, FundStage.TOWNSHIP_REVIEW, "2026-10-05", opinion="情况属实")
    advance(monkeypatch, page, FundStage.COUNTY_REVIEW, "2026-10-06", opinion="同意")
    advance(
        monkeypatch, page, FundStage.APPROVED, "2026-10-08", opinion="同意", amount_fen="123400"
    )
    receive(monkeypatch, page, Material.CONTRACT, "2026-10-09")
    disburse(monkeypatch, page, InstalmentKind.FULL, "2026-10-09", "123400")
    receive(monkeypatch, page, Material.ACCEPTANCE, "2026-10-30")
    advance(monkeypatch, page, FundStage.ACCEPTED, "2026-10-30")
    receive(monkeypatch, page, Material.FINAL_ACCOUNT, "2026-11-02")
    advance(monkeypatch, page, FundStage.FINAL_DISCLOSURE, "2026-11-02", amount_fen="123400")
    advance(monkeypatch, page, FundStage.DONE, "2026-11-12")

    v = services.funds.get(rid)
    assert v.stage is FundStage.DONE and v.vote_count is None
    assert FundStage.VOTING not in [s.to_stage for s in v.steps]
    assert cell(page, 0, STAGE) == "办结" and cell(page, 0, PAID) == "123,400.00"
    assert page.totals.text().endswith("已拨付 ¥123,400.00")


# ---- the gate --------------------------------------------------------------------------
def test_community_review_is_refused_while_materials_are_missing(monkeypatch, page, services):
    rid = new_request(services)
    services.funds.record_vote(rid, PASSING, VoteMatter.USE, D(2026, 10, 10))
    services.funds.advance(rid, FundStage.VOTED, D(2026, 10, 11))
    tick(services, rid, Material.APPLICATION, Material.PLAN)
    page.refresh(select=rid)
    assert "缺少材料：业主表决结果、公示证明" in page.detail.blockers.text()
    seen = drive(monkeypatch, AdvanceDialog, lambda d: None)
    page.next_action.trigger()
    assert seen == []  # the dialog does not open
    message = page._messages.last()
    assert message.startswith("不能进入“社区初审”") and "业主表决结果、公示证明" in message
    assert "申请表" not in message
    assert services.funds.get(rid).stage is FundStage.VOTED

    tick(services, rid, Material.VOTE_RESULT)  # one still missing: still refused
    page.refresh()
    page.next_action.trigger()
    assert seen == [] and "缺少材料：公示证明" in page._messages.last()
    tick(services, rid, Material.DISCLOSURE_PROOF)
    page.refresh()
    through(monkeypatch, page, AdvanceDialog, page.next_action.trigger, on="2026-10-12")
    assert services.funds.get(rid).stage is FundStage.COMMUNITY_REVIEW


def test_send_back_reject_and_delete(monkeypatch, page, services):
    rid = new_request(services, emergency=True)
    tick(services, rid, Material.APPLICATION, Material.PLAN, Material.EVIDENCE)
    services.funds.advance(rid, FundStage.COMMUNITY_REVIEW, D(2026, 10, 12))
    page.refresh(select=rid)
    through(
        monkeypatch,
        page,
        ReasonDialog,
        page.send_back_action.trigger,
        on="2026-10-13",
        opinion="预算缺少明细",
    )
    assert page.view.stage is FundStage.RETURNED and page.edit_action.isEnabled()
    assert page.reject_action.isEnabled() and not page.delete_action.isEnabled()  # may end it
    assert page.next_action.text() == "进入“社区初审”"
    advance(monkeypatch, page, FundStage.COMMUNITY_REVIEW, "2026-10-14")
    through(
        monkeypatch,
        page,
        ReasonDialog,
        page.reject_action.trigger,
        on="2026-10-15",
        opinion="不属于维修资金列支范围",
    )
    assert page.view.stage is FundStage.REJECTED
    assert cell(page, 0, 0, Qt.ItemDataRole.FontRole).italic()
    assert cell(page, 0, 0, Qt.ItemDataRole.ForegroundRole).color().name() == "#8a8a8a"
    assert not page.next_action.isEnabled() and page.next_action.text() == "下一步"

    draft = new_request(services)
    page.refresh(select=draft)
    page._messages.confirm_answer = False
    page.delete_action.trigger()
    assert services.funds.search_ids() == [draft, rid]
    page._messages.confirm_answer = True
    page.delete_action.trigger()
    assert services.funds.search_ids() == [rid] and page.view is None
    assert page.model.rowCount() == 1


# ---- filters, totals and the table ----------------------------------------------------------
def make(services, project: str, *, emergency: bool = False, budget: int = 100_000) -> int:
    cid = services.communities.choices()[1][0]
    today = services.ctx.today()
    return services.funds.create(
        FundFields(
            community_id=cid,
            project=project,
            budget_fen=budget,
            applied_on=today,
            emergency=emergency,
            emergency_category="lift_fault" if emergency else "",
        )
    )


def test_filters_and_totals(page, services):
    def at(day: date):
        return build_services(replace(services.ctx, today=lambda: day))

    older = make(at(TODAY - timedelta(days=31)), "31天前的申请", budget=300_000)
    edge = make(at(TODAY - timedelta(days=30)), "30天前的申请", budget=200_000)
    urgent = make(services, "电梯抢修", emergency=True, budget=500_000)
    voting = make(services, "外墙修缮")
    services.funds.record_vote(voting, PASSING, VoteMatter.USE, TODAY)
    page.refresh()
    assert page.model.rowCount() == 4
    assert page.totals.text() == "共 4 件　申请金额 ¥11,000.00　核准金额 ¥0.00　已拨付 ¥0.00"
    rows = {page.model.id_at(r): r for r in range(4)}
    older_days = page.model.index(rows[older], DAYS)
    assert page.model.data(older_days) == "31"
    assert page.model.data(older_days, Qt.ItemDataRole.BackgroundRole).color() == (
        WAITING_BACKGROUND
    )
    assert (
        page.model.data(page.model.index(rows[edge], DAYS), Qt.ItemDataRole.BackgroundRole) is None
    )

    f = page.filters
    f.waiting.setChecked(True)  # 等待超过 30 天: 31 days is over, 30 is not
    assert page.model.ids() == [older]
    assert page.totals.text().startswith("共 1 件　申请金额 ¥3,000.00")
    f.waiting_days.setValue(29)
    f._debounce.timeout.emit()
    assert set(page.model.ids()) == {older, edge}
    f.set_filters(stage=FundStage.VOTING)
    assert page.model.ids() == [voting]
    f.set_filters(emergency=True)
    assert page.model.ids() == [urgent] and page.totals.text().startswith(
        "共 1 件　申请金额 ¥5,000.00"
    )
    f.set_filters(emergency=False)
    assert urgent not in page.model.ids() and len(page.model.ids()) == 3
    serial = services.funds.get(edge).serial
    f.set_filters(text=serial)
    assert page.model.ids() == [edge]
    f.set_filters(text="电梯")
    assert page.model.ids() == [urgent]
    f.set_filters(community_id=services.communities.choices()[0][0])
    assert page.model.ids() == [] and page.totals.text().startswith("共 0 件")
    refused = make(services, "不予核准的申请", emergency=True)
    tick(services, refused, Material.APPLICATION, Material.PLAN, Material.EVIDENCE)
    services.funds.update(
        refused,
        replace(services.funds.get(refused).fields, confirmed_by="李四", confirmed_on=TODAY),
    )
    services.funds.advance(refused, FundStage.COMMUNITY_REVIEW, TODAY)
    services.funds.reject(refused, TODAY, "不属于列支范围")
    f.set_filters(open_only=True)
    assert len(page.model.ids()) == 4 and refused not in page.model.ids()
    f.set_filters()
    assert len(page.model.ids()) == 5
    f.clear()
    assert f.query() == FundQuery()

    # the selection stays on the same request through a filter change and a write
    assert page.select_id(edge)
    f.set_filters(open_only=True)
    assert page.current_id() == edge
    page.refresh_action.trigger()
    assert page.current_id() == edge and page.view.id == edge


def test_the_table_model_passes_the_model_tester(qtmodeltester, demo):
    make(demo, "屋面维修")
    make(demo, "电梯抢修", emergency=True)
    model = FundTableModel(demo.funds, demo.ctx.today)
    model.refresh()
    assert model.rowCount() == 2 and model.columnCount() == 10
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(10)] == [
        "申请编号",
        "小区",
        "社区",
        "维修项目",
        "申请金额(元)",
        "核准金额(元)",
        "已拨付(元)",
        "紧急",
        "阶段",
        "本阶段天数",
    ]
    qtmodeltester.check(model, force_py=True)


# ---- papers out ------------------------------------------------------------------------
def test_print_the_review_form(page, services, opened_files):
    rid = new_request(services)
    page.refresh(select=rid)
    serial = services.funds.get(rid).serial
    page.print_action.trigger()
    (path,) = opened_files
    assert path.name == f"审核表_{serial}.pdf" and path.parent.name == "文书"
    assert path.parent.parent == Path(services.ctx.data_dir, "exports")
    text = all_text(path.read_bytes())
    assert serial in text and "壹拾贰万叁仟肆佰元整" in text


def test_export_the_ledger_with_the_current_filter(monkeypatch, page, services, tmp_path):
    make(services, "屋面维修")
    make(services, "电梯抢修", emergency=True)
    page.refresh()
    page.filters.set_filters(emergency=True)
    calls = []
    real = services.ledgers.export_funds

    def spy(path, query=None):
        calls.append((path, query))
        return real(path, query)

    asked = []
    monkeypatch.setattr(services.ledgers, "export_funds", spy)
    page._files.save_to = lambda suggested: asked.append(suggested) or tmp_path / "台账"
    page.export_action.trigger()
    assert asked[0].name == "维修资金使用台账.xlsx"
    assert calls == [(tmp_path / "台账.xlsx", FundQuery(emergency=True))]
    assert (tmp_path / "台账.xlsx").stat().st_size > 0
    assert "导出 1 项申请" in page._messages.last()

    asked.clear()
    page._files.save_to = lambda _suggested: None  # cancelled
    page.export_action.trigger()
    assert len(calls) == 1


@pytest.mark.parametrize(("chosen", "written"), [
    ("a/台账.xlsx", "a/台账.xlsx"), ("a/台账.xlsx.pdf", "a/台账.xlsx"), ("a/台账.pdf", "a/台账.xlsx"),
    ("a/台账", "a/台账.xlsx"), ("a/台账.XLSX", "a/台账.XLSX"),
])  # fmt: skip
def test_the_ledger_always_gets_xlsx(chosen, written):
    assert xlsx_path(Path(chosen)) == Path(written)


def test_the_page_is_built_lazily_and_remembers_its_layout(window, opened):
    from app.ui.state import UiState

    assert window._funds._page is None  # not built before it is first shown
    page = window.funds
    assert isinstance(page, FundsPage)
    page.splitter.setSizes([111, 444])
    page.table.horizontalHeader().resizeSection(3, 234)
    state = UiState(opened.data_dir)
    page.save_state(state)
    again = FundsPage(window._services, window.messages, window.files, jobs=False, state=state)
    assert again.table.horizontalHeader().sectionSize(3) == 234
    assert again.splitter.sizes()[0] < again.splitter.sizes()[1]
    again.deleteLater()


def test_the_scope_area_keeps_its_decimals(page, services):
    rid = new_request(services, scope_area=Decimal("12150.05"), scope_households=150)
    page.refresh(select=rid)
    assert page.detail.values["scope"].text().endswith("（150 户，12,150.05 ㎡）")


def test_a_new_request_hidden_by_the_filter_is_announced(monkeypatch, page, services):
    page.filters.set_filters(emergency=True)
    cid = services.communities.choices()[0][0]
    through(
        monkeypatch,
        page,
        FundDialog,
        page.new_action.trigger,
        community_id=cid,
        project="楼道粉刷",
        budget_fen="9600",
    )
    assert "不符合当前筛选条件" in page._messages.last()
    assert page.model.rowCount() == 0 and page.view is None
    page.filters.clear()
    (rid,) = services.funds.search_ids()
    assert page.model.ids() == [rid]
    shown = len(page._messages.shown)
    page.refresh(select=rid)  # an ordinary reload says nothing
    assert len(page._messages.shown) == shown and page.current_id() == rid


def test_the_search_runs_in_the_background(qtbot, services):
    from app.ui.common.messages import MessageService

    services.demo.load(issues=False)
    first = make(services, "屋面维修", budget=100_000)
    make(services, "电梯抢修", emergency=True, budget=250_000)
    page = FundsPage(services, MessageService(dialogs=False), files_for(services), jobs=True)
    qtbot.addWidget(page)
    page.activate()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert page.totals.text().startswith("共 2 件　申请金额 ¥3,500.00")
    page.refresh(select=first)
    qtbot.waitUntil(lambda: page.current_id() == first)
    assert page.view is not None and page.view.fields.project == "屋面维修"
