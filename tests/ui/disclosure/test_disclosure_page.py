"""The 信息公示 page: a visit with a failing item recorded through the dialog, the issue made from
it, the rates that change; the half-yearly boundary in the detail; filters; the table model;
the checklist settings; printing and the ledger export."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.domain.disclosure import CheckResult, DisclosureQuery, EntryFields, Frequency
from app.domain.issues import IssueQuery
from app.services import build_services
from app.ui.common.messages import MessageService
from app.ui.disclosure.check_dialog import DisclosureCheckDialog
from app.ui.disclosure.items_dialog import DisclosureItemsDialog
from app.ui.disclosure.page import DisclosurePage
from app.ui.disclosure.rates import COMPANY, NEIGHBORHOOD
from app.ui.disclosure.table_model import DisclosureTableModel
from tests.conftest import TODAY
from tests.documents.pdf_checks import all_text
from tests.ui.conftest import drive, files_for, press_ok

D = date
ACCEPTED = QDialog.DialogCode.Accepted
REVENUE = "public_revenue"  # 共有部分经营收益及收支情况, half-yearly
COMPLIANCE, LAST, OVERDUE = 3, 4, 5  # columns
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture
def opened_files(window):
    return window.files.opened


@pytest.fixture
def page(window, services, opened_files) -> DisclosurePage:
    services.demo.load(issues=False)
    return window.go("信息公示")


def cell(page, row: int, col: int, role=Qt.ItemDataRole.DisplayRole):
    return page.model.data(page.model.index(row, col), role)


def select(page, community_id: int) -> int:
    assert page.select_id(community_id)
    return page.model.row_of(community_id)


def all_posted(services, community_id: int, on: date = D(2026, 11, 1), **results) -> int:
    """A visit (through the service) with every active item posted on `on`, except `results`."""
    entries = [
        EntryFields(i.code, results.get(i.code, CheckResult.POSTED), on)
        for i in services.disclosure.items(active_only=True)
    ]
    return services.disclosure.record_check(community_id, on, "张三", entries)


# ---- the issue's check: a failing item, its issue, the rate -------------------------------------
def test_record_a_failing_visit_create_the_issue_and_see_the_rates_change(
    monkeypatch, page, services, tmp_path, opened_files
):
    row = page.model.record(0)
    cid, hood = row.community_id, row.neighborhood
    select(page, cid)
    assert cell(page, 0, COMPLIANCE) == "0/14 项现行" and cell(page, 0, LAST) == "从未检查"
    assert cell(page, 0, LAST, Qt.ItemDataRole.ForegroundRole).color().name() == "#8a5300"
    assert page.rates.total.text().startswith("公示率 0.0%（目标 100%）　未达标")
    hood_before = next(r for r in page.rates.rows(NEIGHBORHOOD) if r[0] == hood)

    photo = tmp_path / "公示栏.png"
    photo.write_bytes(PNG)
    page._files.open_from = [photo]

    def fill(d: DisclosureCheckDialog) -> None:
        assert d.community.value() == cid  # the selected community is proposed
        d.inspector.setText("王晓、李明")
        d.all_posted.click()
        assert "本次登记 14 项，其中未通过 0 项" in d.count.text()
        d.set_result(REVENUE, CheckResult.MISSING)
        r = d.rows[REVENUE]
        assert not r.posted_on.isEnabled()
        r.note.setText("收支表未张贴")
        r.photo_button.click()
        assert r.photo_name.text() == "公示栏.png"
        d.rows["parking"].posted_on.setText("2026-10-08")
        for code in ("utility_split", "fund_use", "committee_accounts"):  # periodic: dated
            d.rows[code].posted_on.setText("2026-11-02")
        press_ok(d)

    seen = drive(monkeypatch, DisclosureCheckDialog, fill)
    page.check_action.trigger()
    assert seen[0].result() == ACCEPTED, page._messages.shown[-1:]
    (visit,) = services.disclosure.checks(cid)
    assert visit.inspector == "王晓、李明" and visit.checked_on == TODAY
    entries = {e.item_code: e for e in visit.entries}
    assert len(entries) == 14 and entries["parking"].posted_on == D(2026, 10, 8)
    assert entries[REVENUE].result is CheckResult.MISSING
    assert Path(entries[REVENUE].photo_path).read_bytes() == PNG

    # the row, the rates panel and the detail follow
    r = page.model.row_of(cid)
    assert page.current_id() == cid
    assert cell(page, r, COMPLIANCE) == "13/14 项现行"
    assert cell(page, r, COMPLIANCE, Qt.ItemDataRole.ForegroundRole).color().name() == "#b42318"
    assert cell(page, r, LAST) == TODAY.isoformat()
    assert cell(page, r, OVERDUE) == "1 项：共有部分经营收益及收支情况"
    hood_after = next(x for x in page.rates.rows(NEIGHBORHOOD) if x[0] == hood)
    assert hood_after != hood_before and hood_after[2] == f"13/{14 * int(hood_before[1])}"
    assert page.rates.rows(NEIGHBORHOOD)[-1][2] == "13/560"
    assert page.rates.total.text().startswith("公示率 2.3%（目标 100%）　未达标")
    company = row.company or "（无物业企业）"
    assert next(x for x in page.rates.rows(COMPANY) if x[0] == company)[2].startswith("13/")
    d = page.detail
    assert d.history.rowCount() == 1 and d.history.item(0, 3).text() == "1 项"
    assert d.entries.rowCount() == 14

    # the photo opens; 生成问题 on the failing item (asked first)
    assert d.select_item("共有部分经营收益及收支情况")
    assert d.photo_button.isEnabled() and d.issue_button.isEnabled()
    d.photo_button.click()
    assert opened_files[-1] == Path(entries[REVENUE].photo_path)
    page._messages.confirm_answer = False
    d.issue_button.click()
    assert services.issues.search_ids(IssueQuery()) == []
    page._messages.confirm_answer = True
    d.issue_button.click()
    (issue_id,) = services.issues.search_ids(IssueQuery())
    assert page._messages.last() == f"已在问题台账中生成问题 #{issue_id}"
    issue = services.issues.get(issue_id)
    assert issue.fields.category == "信息公示" and issue.fields.community_id == cid
    assert "共有部分经营收益及收支情况" in issue.fields.description
    linked = services.disclosure.check_of_issue(issue_id)
    assert linked is not None and linked.id == visit.id
    # the detail says so, and the button is off for the linked entry
    entry = d.selected_entry()
    assert entry is not None and entry.issue_id == issue_id
    texts = [d.entries.item(n, 5).text() for n in range(14)]
    assert texts.count(f"已生成问题 #{issue_id}") == 1
    assert not d.issue_button.isEnabled()
    assert d.select_item("车位、车库使用及出售情况") and not d.issue_button.isEnabled()  # posted


def test_a_bad_value_keeps_the_check_dialog_open_with_the_field_focused(page, services, qtbot):
    cid = page.model.record(0).community_id
    d = page.check_dialog(cid)
    qtbot.addWidget(d)
    d.set_result(REVENUE, CheckResult.POSTED)
    d.rows[REVENUE].posted_on.setText("2026-13-01")
    d.rows[REVENUE].note.setText("已更新")
    d.inspector.setText("")
    press_ok(d)
    assert d.result() != ACCEPTED and d.focusWidget() is d.rows[REVENUE].posted_on
    assert d.focusWidget().objectName() == f"posted_on:{REVENUE}"
    d.rows[REVENUE].posted_on.setText("2026-11-30")  # after the visit: the service refuses it
    press_ok(d)
    assert d.focusWidget() is d.inspector and "检查人" in page._messages.last()
    d.inspector.setText("张三")
    press_ok(d)
    assert d.focusWidget() is d.rows[REVENUE].posted_on
    assert "公示日期不能晚于检查日期" in page._messages.last()
    assert services.disclosure.checks(cid) == []  # nothing written
    assert d.rows[REVENUE].note.text() == "已更新" and d.inspector.text() == "张三"  # nothing lost
    d.rows[REVENUE].posted_on.setText("2026-05-23")
    press_ok(d)
    assert d.result() == ACCEPTED and d.result_value is not None
    (visit,) = services.disclosure.checks(cid)
    assert [(e.item_code, e.posted_on) for e in visit.entries] == [(REVENUE, D(2026, 5, 23))]


def test_no_result_at_all_is_refused(page, services, qtbot):
    d = page.check_dialog(None)
    qtbot.addWidget(d)
    d.inspector.setText("张三")
    press_ok(d)
    assert d.focusWidget() is d.community and "请选择小区" in page._messages.last()
    d.community.setCurrentIndex(1)
    press_ok(d)
    assert d.result() != ACCEPTED and "至少登记一个" in page._messages.last()


# ---- the half-yearly boundary ------------------------------------------------------------
@pytest.mark.parametrize(("day", "state", "text"), [
    (D(2026, 11, 23), "现行有效", "现行有效，至 2026-11-23"),
    (D(2026, 11, 24), "已逾期", "已逾期 1 天"),
])  # fmt: skip
def test_a_half_yearly_item_is_current_to_the_last_day_of_its_period(qtbot, demo, day, state, text):
    cid = demo.communities.choices()[0][0]
    demo.disclosure.record_check(
        cid, D(2026, 6, 1), "张三", [EntryFields(REVENUE, CheckResult.POSTED, D(2026, 5, 23))]
    )
    at = build_services(replace(demo.ctx, today=lambda: day))
    page = DisclosurePage(at, MessageService(dialogs=False), files_for(at), jobs=False)
    qtbot.addWidget(page)
    page.activate()
    row = select(page, cid)
    (n,) = [
        n
        for n in range(page.detail.items.rowCount())
        if page.detail.items.item(n, 0).text() == "共有部分经营收益及收支情况"
    ]
    assert page.detail.items.item(n, 1).text() == "每半年"
    assert page.detail.items.item(n, 2).text() == state
    described = page.detail.items.item(n, 3).text()
    assert described == text if state == "现行有效" else described.startswith(text)
    assert state == "现行有效" or described.endswith("（有效期至 2026-11-23）")
    color = "#2e7d32" if state == "现行有效" else "#b42318"
    assert page.detail.items.item(n, 3).foreground().color().name() == color
    assert cell(page, row, COMPLIANCE) == ("1/14 项现行" if state == "现行有效" else "0/14 项现行")
    assert bool(cell(page, row, OVERDUE)) is (state == "已逾期")


# ---- filters, the table ------------------------------------------------------------------
def test_filters_sieve_the_rows_already_held(monkeypatch, page, services):
    rows = page.model.rows()
    good, bad = rows[0], next(r for r in rows if r.neighborhood != rows[0].neighborhood)
    all_posted(services, good.community_id)
    all_posted(services, bad.community_id, parking=CheckResult.INCOMPLETE)
    page.refresh_action.trigger()
    assert page.model.rowCount() == 40 and page.count.text() == "共 40 个小区"

    calls = []
    real = services.disclosure.rows
    monkeypatch.setattr(services.disclosure, "rows", lambda *a: calls.append(a) or real(*a))
    f = page.filters
    f.never.setChecked(True)
    assert page.model.rowCount() == 38 and page.count.text() == "共 38 个小区（全部 40 个）"
    assert all(r.last_check is None for r in page.model.rows())
    f.set_filters(overdue_only=True)
    assert [r.community_id for r in page.model.rows()] == [bad.community_id]
    assert cell(page, 0, OVERDUE) == "1 项：车位、车库使用及出售情况"
    f.set_filters(neighborhood_id=good.neighborhood_id)
    assert {r.neighborhood for r in page.model.rows()} == {good.neighborhood}
    assert good.community_id in [r.community_id for r in page.model.rows()]
    f.set_filters(text=good.community)
    assert good.community_id in [r.community_id for r in page.model.rows()]
    assert all(good.community in r.community for r in page.model.rows())
    company = next(r for r in rows if r.company_id is not None)
    f.set_filters(company_id=company.company_id)
    assert {r.company for r in page.model.rows()} == {company.company}
    assert f.query() == DisclosureQuery(company_id=company.company_id)
    assert calls == []  # only sieved
    f.clear()
    assert page.model.rowCount() == 40 and f.query() == DisclosureQuery()

    # a double-click in the rates panel shows that neighbourhood's communities
    t = page.rates.by_neighborhood
    n = next(i for i in range(t.rowCount()) if t.item(i, 0).text() == bad.neighborhood)
    t.cellDoubleClicked.emit(n, 0)
    assert f.neighborhood.value() == bad.neighborhood_id
    assert {r.neighborhood for r in page.model.rows()} == {bad.neighborhood}

    # a write elsewhere is seen on the next activation (one recomputation)
    all_posted(services, good.community_id, on=TODAY, fee_items=CheckResult.MISSING)
    page.activate()
    assert len(calls) == 1 and page.current_id() in (None, *[r.community_id for r in rows])


def test_the_table_model_passes_the_model_tester(qtmodeltester, demo):
    cid = demo.communities.choices()[0][0]
    all_posted(demo, cid, parking=CheckResult.MISSING)
    model = DisclosureTableModel(demo.ctx.rules.disclosure.target_rate)
    model.set_rows(demo.disclosure.rows())
    assert model.rowCount() == 40 and model.columnCount() == 6
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "小区",
        "社区",
        "物业企业",
        "公示情况",
        "最近检查",
        "逾期事项",
    ]
    qtmodeltester.check(model, force_py=True)
    model.sort(COMPLIANCE, Qt.SortOrder.DescendingOrder)
    assert model.record(0).community_id == cid
    model.sort(LAST, Qt.SortOrder.AscendingOrder)
    assert model.record(0).community_id == cid  # blanks (never checked) last
    qtmodeltester.check(model, force_py=True)


# ---- the checklist settings ----------------------------------------------------------------
def test_switching_items_changes_what_is_required(monkeypatch, page, services):
    cid = page.model.record(0).community_id
    visit = all_posted(services, cid, parking=CheckResult.MISSING)
    page.refresh(select=cid)
    r = page.model.row_of(cid)
    assert cell(page, r, COMPLIANCE) == "13/14 项现行"

    def fill(d: DisclosureItemsDialog) -> None:
        d.line("parking").active.setChecked(False)
        d.line("utility_split").active.setChecked(False)
        new = d.add_local()
        new.name.setText("小区停车收费标准")
        new.frequency.set_value(Frequency.YEARLY)
        press_ok(d)

    seen = drive(monkeypatch, DisclosureItemsDialog, fill)
    page.items_action.trigger()
    assert seen[0].result() == ACCEPTED, page._messages.shown[-1:]
    r = page.model.row_of(cid)
    assert cell(page, r, COMPLIANCE) == "12/13 项现行"  # 2 switched off, 1 local added
    assert cell(page, r, OVERDUE) == ""  # the failing parking item no longer counts
    local = [i for i in services.disclosure.items() if i.local]
    assert [(i.name, i.frequency, i.active) for i in local] == [
        ("小区停车收费标准", Frequency.YEARLY, True)
    ]
    # past results are not rewritten
    entries = {e.item_code: e for e in services.disclosure.check(visit).entries}
    assert entries["parking"].result is CheckResult.MISSING and len(entries) == 14

    # switching one back on, renaming the local one
    def again(d: DisclosureItemsDialog) -> None:
        assert not d.line("parking").active.isChecked()
        d.line("parking").active.setChecked(True)
        d.line(local[0].code).name.setText("停车收费标准")
        press_ok(d)

    drive(monkeypatch, DisclosureItemsDialog, again)
    page.items_action.trigger()
    assert cell(page, page.model.row_of(cid), COMPLIANCE) == "12/14 项现行"
    assert [i.name for i in services.disclosure.items() if i.local] == ["停车收费标准"]


def test_the_items_dialog_refuses_a_duplicate_name_and_keeps_the_rest(page, services, qtbot):
    d = page.items_dialog()
    qtbot.addWidget(d)
    first, second = d.add_local(), d.add_local()
    first.name.setText("停车收费标准")
    second.name.setText("停车收费标准")
    d.line("parking").active.setChecked(False)
    press_ok(d)
    assert d.result() != ACCEPTED and d.focusWidget() is second.name
    assert "已有公示事项" in page._messages.last()
    assert all(i.active for i in services.disclosure.items())  # nothing written
    second.name.setText("业主大会决定事项")
    press_ok(d)
    assert d.result() == ACCEPTED
    assert [i.name for i in services.disclosure.items() if i.local] == [
        "停车收费标准",
        "业主大会决定事项",
    ]
    assert not next(i for i in services.disclosure.items() if i.code == "parking").active


# ---- papers out ------------------------------------------------------------------------------
def test_print_checklists_and_posters(page, services, opened_files):
    rows = page.model.rows()
    cid = rows[0].community_id
    page.filters.set_filters(neighborhood_id=rows[0].neighborhood_id)
    shown = page.model.rowCount()
    select(page, cid)
    assert not page.filled_action.isEnabled()  # no visit yet
    page.blank_one_action.trigger()
    one = opened_files[-1]
    assert one.parent == Path(services.ctx.data_dir, "exports", "文书")
    assert one.name == f"信息公示检查表（空白）_{rows[0].community}.pdf"
    assert rows[0].community in all_text(one.read_bytes())
    page.blank_all_action.trigger()
    assert opened_files[-1].name == f"信息公示检查表（空白，{shown}个小区）.pdf"

    visit = all_posted(services, cid, parking=CheckResult.INCOMPLETE)
    page.refresh(select=cid)
    assert page.filled_action.isEnabled() and page.detail.selected_check().id == visit
    page.filled_action.trigger()
    filled = opened_files[-1]
    assert filled.name == f"信息公示检查表_{rows[0].community}_20261101.pdf"
    assert "内容不全" in all_text(filled.read_bytes())

    page.poster_a3_action.trigger()
    assert opened_files[-1].name == f"执法进小区公示牌_{rows[0].community}_A3.pdf"
    page.poster_a4_action.trigger()
    assert opened_files[-1].name.endswith("_A4.pdf") and len(opened_files) == 5


def test_export_the_ledger_with_the_current_filter(monkeypatch, page, services, tmp_path):
    page.filters.set_filters(never_checked=True)
    calls = []
    real = services.ledgers.export_disclosure

    def spy(path, query=None):
        calls.append((path, query))
        return real(path, query)

    asked = []
    monkeypatch.setattr(services.ledgers, "export_disclosure", spy)
    page._files.save_to = lambda suggested: asked.append(suggested) or tmp_path / "台账"
    page.export_action.trigger()
    assert asked[0].name == "信息公示检查台账.xlsx"
    assert calls == [(tmp_path / "台账.xlsx", DisclosureQuery(never_checked=True))]
    assert (tmp_path / "台账.xlsx").stat().st_size > 0
    assert "导出 40 个小区" in page._messages.last()
    page._files.save_to = lambda _suggested: None  # cancelled
    page.export_action.trigger()
    assert len(calls) == 1


# ---- the page in the window ----------------------------------------------------------------
def test_the_page_is_built_lazily_and_remembers_its_layout(window, opened):
    from app.ui.state import UiState

    assert window._disclosure._page is None  # not built before it is first shown
    page = window.disclosure
    assert isinstance(page, DisclosurePage) and page.title == "信息公示"
    page.splitter.setSizes([111, 444])
    page.table.horizontalHeader().resizeSection(2, 234)
    state = UiState(opened.data_dir)
    page.save_state(state)
    again = DisclosurePage(window._services, window.messages, window.files, jobs=False, state=state)
    assert again.table.horizontalHeader().sectionSize(2) == 234
    assert again.splitter.sizes()[0] < again.splitter.sizes()[1]
    again.deleteLater()


def test_the_rows_are_computed_in_the_background(qtbot, demo):
    cid = demo.communities.choices()[0][0]
    all_posted(demo, cid)
    page = DisclosurePage(demo, MessageService(dialogs=False), files_for(demo), jobs=True)
    qtbot.addWidget(page)
    page.activate()
    qtbot.waitUntil(lambda: page.model.rowCount() == 40)
    page.refresh(select=cid)
    qtbot.waitUntil(lambda: page.current_id() == cid)
    assert page.detail.history.rowCount() == 1
    assert cell(page, page.model.row_of(cid), COMPLIANCE) == "14/14 项现行"


def test_a_visit_recomputes_only_its_community_and_a_checklist_change_recomputes_all(
    monkeypatch, page, services
):
    cid = page.model.record(0).community_id
    calls = []
    real = services.disclosure.rows

    def spy(q=None, community_ids=None):
        calls.append(community_ids)
        return real(q, community_ids)

    monkeypatch.setattr(services.disclosure, "rows", spy)
    visit = all_posted(services, cid)
    page.refresh(select=cid, check=visit, changed=cid)
    assert calls == [[cid]]  # one row, not the county
    assert cell(page, page.model.row_of(cid), COMPLIANCE) == "14/14 项现行"
    services.disclosure.set_active("parking", False)
    page.refresh(select=cid)  # not a change to one community: every row again
    assert calls[-1] is None
    assert cell(page, page.model.row_of(cid), COMPLIANCE) == "13/13 项现行"
