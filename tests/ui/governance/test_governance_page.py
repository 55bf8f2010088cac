"""The 业委会 page: a whole formation through the dialogs, late steps recorded with a reason,
members leaving and their audits, filters and coverage links, and the table model."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from app.domain.governance import (
    AuditKind,
    BodyKind,
    GovernanceQuery,
    GovernanceRow,
    MemberFields,
    MemberRole,
    Stage,
    UnitType,
)
from app.services import services_on
from app.services.demo_governance import load_governance
from app.ui.common.form_dialog import BreachReasonDialog
from app.ui.common.messages import MessageService
from app.ui.fonts import ensure_cjk_font
from app.ui.governance.dialogs import (
    DatesDialog,
    DateTextDialog,
    FilingDialog,
)
from app.ui.governance.formation_dialogs import ElectionDialog, InterimDialog, PrepGroupDialog
from app.ui.governance.member_table import FINANCE, NAME, OWNER, ROLE, ROOM, UNIT, VOTES
from app.ui.governance.page import GovernancePage
from app.ui.governance.table_model import GovernanceTableModel
from tests.conftest import TODAY
from tests.ui.conftest import drive, files_for, type_into

TOWN = "青禾镇人民政府"


@pytest.fixture
def page(qtbot, qapp, demo):
    ensure_cjk_font(qapp)
    p = GovernancePage(demo, MessageService(dialogs=False), files_for(demo), jobs=False)
    qtbot.addWidget(p)
    p.resize(1150, 760)
    p.show()
    p.activate()
    return p


@pytest.fixture
def governed(demo):
    """The demo committees: every stage and warning (the demo fixture leaves them out)."""
    ids = [r.community_id for r in demo.governance.rows() if r.eligible]
    load_governance(demo.ctx, services_on(demo.ctx), ids)
    return demo


def fresh(svc) -> GovernanceRow:
    return next(
        r
        for r in svc.governance.rows()
        if r.kind is None and r.eligible and r.stage.value == "not_started"
    )


def select(page: GovernancePage, community_id: int) -> GovernanceRow:
    assert page.select_id(community_id)
    row = page.current_row()
    assert row is not None and row.community_id == community_id
    return row


def committee(n: int = 5) -> list[MemberFields]:
    return [
        MemberFields(
            f"委员{k}",
            MemberRole.DIRECTOR if k == 0 else MemberRole.MEMBER,
            votes=300 - k,
            is_finance=k == 1,
        )
        for k in range(n)
    ]


def covered(page: GovernancePage) -> str:
    return page.coverage_label.text()


def click_figure(qtbot, page: GovernancePage, href: str) -> None:
    """Click a neighbourhood's figure in the coverage strip, as a user would."""
    hoods = page.hood_coverage
    (row,) = [
        i for i in range(hoods.count()) if hoods.item(i).data(Qt.ItemDataRole.UserRole) == href
    ]
    hoods.scrollToItem(hoods.item(row))
    rect = hoods.visualItemRect(hoods.item(row))
    qtbot.mouseClick(hoods.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_whole_formation_from_the_application_to_the_filing(qtbot, monkeypatch, page, demo):
    r = fresh(demo)
    total, _parts = demo.governance.coverage()
    assert f"（{total.covered}/{total.eligible}）" in covered(page)
    select(page, r.community_id)
    assert page.start_action.isEnabled() and not page.file_action.isEnabled()

    # 1. the owners' written application
    def apply(d: DateTextDialog) -> None:
        d.date.setText("2026-07-01")
        d.save_button.click()

    drive(monkeypatch, DateTextDialog, apply)
    page.start_action.trigger()
    row = page.current_row()
    assert row.stage is Stage.APPLIED and row.kind is BodyKind.PREP_GROUP
    assert page.prep_action.isEnabled() and not page.start_action.isEnabled()

    # 2. the prep group: a leader from the township and two owner representatives
    def prep(d: PrepGroupDialog) -> None:
        d.on.setText("2026-07-20")
        t = d.members.table
        t.item(0, NAME).setText("陈晓梅")
        t.item(0, UNIT).setText(TOWN)
        assert t.rowCount() == 3  # the 组长 and two rows to fill in
        for row, name in ((1, "业主甲"), (2, "业主乙")):
            t.item(row, NAME).setText(name)
            t.item(row, ROOM).setText("3-201")
            assert t.item(row, OWNER).checkState() == Qt.CheckState.Checked
        assert d.members.count_label.text() == "共 3 人"
        d.save_button.click()

    drive(monkeypatch, PrepGroupDialog, prep)
    reasons = drive(monkeypatch, BreachReasonDialog, lambda d: d.reject())
    page.prep_action.trigger()
    assert reasons == []  # on time, composition right: no prompt
    assert page.current_row().stage is Stage.PREP_FORMED
    body = demo.governance.body(page.current_row().body_id)
    assert [m.fields.role for m in body.members][0] is MemberRole.LEADER
    assert page.detail.members.rowCount() == 3

    # 3. the notice and the first meeting
    def meeting(d: DatesDialog) -> None:
        assert list(d.dates) == ["notice_on", "first_meeting_on"]
        d.dates["notice_on"].setText("2026-08-20")
        d.dates["first_meeting_on"].setText("2026-09-10")
        d.save_button.click()

    drive(monkeypatch, DatesDialog, meeting)
    page.dates_action.trigger()
    assert page.current_row().stage is Stage.FIRST_MEETING_HELD

    # 4. the election: 5 members, participation by area and headcount
    def elect(d: ElectionDialog) -> None:
        d.on.setText("2026-10-30")
        assert d.seats.text() == "5"
        d.total_area.setText("32000")
        d.part_area.setText("24000.50")
        d.total_owners.setText("420")
        d.part_owners.setText("330")
        assert "75.00%" in d.participation.text() and "78.57%" in d.participation.text()
        roles = [MemberRole.DIRECTOR, MemberRole.DEPUTY] + [MemberRole.MEMBER] * 3
        d.members.set_members([])
        for k, role in enumerate(roles):
            qtbot.mouseClick(d.members.add_button, Qt.MouseButton.LeftButton)
            t = d.members.table
            t.item(k, NAME).setText(f"委员{k}")
            t.item(k, VOTES).setText(str(300 - k))
            t.item(k, ROOM).setText(f"{k + 1}-101")
            combo = t.cellWidget(k, ROLE)
            combo.setCurrentIndex(combo.findData(role))
        d.members.table.item(2, FINANCE).setCheckState(Qt.CheckState.Checked)
        d.save_button.click()

    drive(monkeypatch, ElectionDialog, elect)
    page.elect_action.trigger()
    row = page.current_row()
    assert row.stage is Stage.ELECTED and row.kind is BodyKind.COMMITTEE
    assert row.active_members == 5 and row.seats == 5 and row.term_no == 1
    committee_body = demo.governance.body(row.body_id)
    assert "78.57%" in committee_body.votes.text()
    assert "78.57%" in page.detail.summary.text()
    assert page.detail.history.count() == 1  # the prep group, now ended

    # 5. the committee's first session
    def session(d: DatesDialog) -> None:
        assert list(d.dates) == ["first_session_on"]
        d.dates["first_session_on"].setText("2026-11-03")
        d.save_button.click()

    drive(monkeypatch, DatesDialog, session)
    page.dates_action.trigger()
    assert demo.governance.body(row.body_id).dates.committee_meeting_on == date(2026, 11, 3)

    # 6. the filing: covered, and the coverage figure moves
    def file(d: FilingDialog) -> None:
        assert "应于 2026-11-29 前备案" in d.info.text()
        d.filed_on.setText("2026-11-20")
        type_into(d.certificate_no, "青禾备〔2026〕1号")
        d.save_button.click()

    drive(monkeypatch, FilingDialog, file)
    page.file_action.trigger()
    row = page.current_row()
    assert row.stage is Stage.IN_TERM and row.covered and row.filed_on == date(2026, 11, 20)
    assert reasons == []
    assert f"（{total.covered + 1}/{total.eligible}）" in covered(page)
    assert demo.governance.body(row.body_id).findings == ()
    steps = [page.detail.steps.item(i, 2).text() for i in range(page.detail.steps.rowCount())]
    assert "备案已按时完成" in steps and "召开首次业主大会已按时完成" in steps
    assert page.print_action.isEnabled() and not page.file_action.isEnabled()


@pytest.mark.parametrize(("days", "late"), [(30, False), (31, True)])
def test_filing_on_day_31_asks_for_a_reason_day_30_does_not(monkeypatch, page, demo, days, late):
    r = fresh(demo)
    c = demo.governance.elect(r.community_id, TODAY - timedelta(days=days), 5, committee())
    page.refresh(select=r.community_id)
    assert page.current_row().body_id == c.id and page.file_action.isEnabled()
    prompts: list[str] = []

    def answer(d: BreachReasonDialog) -> None:
        prompts.append(d.findings_label.text())
        if len(prompts) == 1:
            d.reject()  # back to the filing form: nothing written, nothing lost
            return
        d.save_button.click()  # an empty reason is refused
        assert d.result() != BreachReasonDialog.DialogCode.Accepted and d.error.text()
        type_into(d.reason, "申请材料补正")
        d.save_button.click()

    def file(d: FilingDialog) -> None:
        type_into(d.certificate_no, "备字1号")
        d.save_button.click()
        if late:
            assert d.result() != FilingDialog.DialogCode.Accepted
            assert demo.governance.body(c.id).dates.filed_on is None
            assert d.certificate_no.text() == "备字1号"
            d.save_button.click()

    drive(monkeypatch, BreachReasonDialog, answer)
    drive(monkeypatch, FilingDialog, file)
    page.file_action.trigger()
    saved = demo.governance.body(c.id)
    assert saved.dates.filed_on == TODAY and saved.certificate_no == "备字1号"
    if not late:
        assert prompts == [] and saved.findings == ()
        return
    assert len(prompts) == 2 and "晚了1天" in prompts[0]
    (finding,) = saved.findings
    assert "备案晚了1天" in finding.text and finding.reason == "申请材料补正"
    shown = [page.detail.findings.item(i).text() for i in range(page.detail.findings.count())]
    assert any("晚了1天" in t and "申请材料补正" in t for t in shown)
    assert page.detail.tabs.tabText(2) == "警示（1）"
    row = page.current_row()
    assert page.model.data(page.model.index(page.model.row_of(r.community_id), 11)) == "1"
    assert row.findings and "申请材料补正" in row.findings[0]


def test_the_director_leaving_creates_an_audit_that_can_be_completed(monkeypatch, page, demo):
    r = fresh(demo)
    c = demo.governance.elect(r.community_id, TODAY - timedelta(days=10), 5, committee())
    page.refresh(select=r.community_id)
    director = c.members[0]
    page.detail.members.selectRow(0)
    assert page.detail.selected_member_id() == director.id

    def leave(d: DateTextDialog) -> None:
        assert d.choice.currentData() == director.id  # the member selected below the table
        type_into(d.text, "搬离小区")
        d.save_button.click()

    drive(monkeypatch, DateTextDialog, leave)
    page.end_member_action.trigger()
    (task,) = demo.governance.body(c.id).audits
    assert task.kind is AuditKind.DEPARTURE and task.done_on is None
    assert "离任审计" in page._messages.last()
    assert page.detail.audits.rowCount() == 1 and page.detail.audits.item(0, 3).text() == "待完成"
    assert page.detail.members.item(0, 10).text().endswith("离任：搬离小区")
    assert page.detail.complete_audit_button.isEnabled()
    assert page.current_row().active_members == 4

    def complete(d: DateTextDialog) -> None:
        assert d.windowTitle() == "完成审计"
        d.save_button.click()  # the result is required: the service says so, the form stays
        assert d.result() != DateTextDialog.DialogCode.Accepted
        assert d.focusWidget() is d.text
        type_into(d.text, "账目清楚，无问题")
        d.save_button.click()

    drive(monkeypatch, DateTextDialog, complete)
    page.detail.complete_audit_button.click()
    (done,) = demo.governance.body(c.id).audits
    assert done.done_on == TODAY and done.result == "账目清楚，无问题"
    assert page.detail.audits.item(0, 3).text() == TODAY.isoformat()
    assert not page.detail.complete_audit_button.isEnabled()


def test_a_bad_value_keeps_the_election_dialog_open_with_the_field_focused(page, demo, qtbot):
    r = fresh(demo)
    select(page, r.community_id)
    d = page.election_dialog(r)
    qtbot.addWidget(d)
    d.members.set_members(committee())
    d.on.setText("2026-13-45")
    d.save_button.click()
    assert d.result() != ElectionDialog.DialogCode.Accepted
    assert d.focusWidget() is d.on and page._messages.shown[-1][0] == "warn"
    d.on.setText((TODAY + timedelta(days=1)).isoformat())  # the service refuses a future day
    d.save_button.click()
    assert d.focusWidget() is d.on and "不能晚于今天" in page._messages.last()
    d.on.setText(TODAY.isoformat())
    d.members.table.item(2, NAME).setText("")
    d.save_button.click()
    assert "成员第3行" in page._messages.last() and d.focusWidget() is d.members.table
    assert demo.governance.history(r.community_id) == []  # nothing written
    assert d.members.table.item(3, NAME).text() == "委员3"  # nothing lost


def test_a_committee_filed_beside_an_interim_committee_proposes_to_dissolve_it(
    monkeypatch, page, demo
):
    r = fresh(demo)
    select(page, r.community_id)

    def interim(d: InterimDialog) -> None:
        d.members.set_members(committee(7))
        d.save_button.click()

    drive(monkeypatch, InterimDialog, interim)
    page.interim_action.trigger()
    assert page.current_row().stage is Stage.INTERIM_ACTING
    demo.governance.elect(r.community_id, TODAY - timedelta(days=3), 5, committee())
    page.refresh(select=r.community_id)

    def file(d: FilingDialog) -> None:
        type_into(d.certificate_no, "备字2号")
        d.save_button.click()

    drive(monkeypatch, FilingDialog, file)
    page.file_action.trigger()
    assert "物管会应在30日内解散" in page._messages.last()
    assert demo.governance.interim_to_dissolve(r.community_id) is None
    ended = [b for b in demo.governance.history(r.community_id) if b.kind is BodyKind.INTERIM]
    assert ended[0].ended_on == TODAY


def test_filters_give_the_rows_the_service_gives(qtbot, page, governed):
    page.refresh()
    gov = governed.governance

    def shown() -> list[int]:
        return [r.community_id for r in page.model.rows()]

    def expected(**kw) -> list[int]:
        return [r.community_id for r in gov.rows(GovernanceQuery(**kw))]

    assert shown() == expected()
    page.filters.stage.setCurrentIndex(page.filters.stage.findData(Stage.PREP_FORMED.value))
    assert shown() == expected(stage=Stage.PREP_FORMED) and shown()
    page.filters.stage.setCurrentIndex(0)
    nid, name = governed.communities.neighborhoods()[1]
    page.filters.neighborhood.set_value(nid)
    assert shown() == expected(neighborhood_id=nid) and shown()
    assert {r.neighborhood for r in page.model.rows()} == {name}
    page.filters.neighborhood.set_value(None)
    page.filters.overdue.setChecked(True)
    assert shown() == expected(overdue_only=True) and shown()
    assert page.count.text() == f"共 {len(shown())} 个小区"
    page.filters.kind.setCurrentIndex(page.filters.kind.findData("committee"))
    assert shown() == expected(overdue_only=True, kind="committee")

    # a neighbourhood's coverage figure opens the communities behind it
    nid = next(
        n
        for n, _ in governed.communities.neighborhoods()
        if expected(neighborhood_id=n, uncovered_only=True)
    )
    click_figure(qtbot, page, f"hood:{nid}")
    assert page.filters.neighborhood.value() == nid and page.filters.uncovered.isChecked()
    assert not page.filters.overdue.isChecked() and page.filters.kind.currentIndex() == 0
    assert shown() == expected(neighborhood_id=nid, uncovered_only=True) and shown()
    page.coverage_label.linkActivated.emit("hood:")
    assert shown() == expected(uncovered_only=True)
    (lapsed,) = gov.rows(GovernanceQuery(stage=Stage.TERM_OVERDUE))
    assert ("逾期未换届 1 个", "lapsed") in page.coverage.items()
    click_figure(qtbot, page, "lapsed")
    assert shown() == [lapsed.community_id]


def test_rows_stand_out_and_activate_reloads_after_a_write(page, governed):
    page.activate()
    model = page.model
    for n, r in enumerate(model.rows()):
        background = model.data(model.index(n, 0), Qt.ItemDataRole.BackgroundRole)
        assert (background is not None) == bool(r.overdue or r.must_reelect)
        stage = model.data(model.index(n, 4), Qt.ItemDataRole.ForegroundRole)
        assert (stage is not None) == (r.stage is Stage.TERM_OVERDUE)
        if r.findings:
            tip = model.data(model.index(n, 11), Qt.ItemDataRole.ToolTipRole)
            assert tip == "\n".join(r.findings)
    assert any(r.overdue for r in model.rows()) and any(r.must_reelect for r in model.rows())
    before = len(model.rows())
    r = fresh(governed)
    governed.governance.start_formation(r.community_id, TODAY)
    page.activate()  # the generation changed: reloaded
    assert model.rows()[model.row_of(r.community_id)].stage is Stage.APPLIED
    assert len(model.rows()) == before


def test_sorting_and_the_model_tester(qtmodeltester, governed):
    model = GovernanceTableModel(TODAY)
    model.set_rows(governed.governance.rows(), TODAY)
    qtmodeltester.check(model)
    households = model.column_of("户数")
    model.sort(households, Qt.SortOrder.DescendingOrder)
    values = [r.households for r in model.rows() if r.households is not None]
    assert values == sorted(values, reverse=True)
    model.sort(model.column_of("下一节点"))
    dues = [r.next_due.due for r in model.rows() if r.next_due]
    assert dues == sorted(dues) and model.rows()[-1].next_due is None
    qtmodeltester.check(model)
    members = model.column_of("成员/名额")
    row = next(n for n, r in enumerate(model.rows()) if r.seats)
    r = model.rows()[row]
    assert model.data(model.index(row, members)) == f"{r.active_members}/{r.seats}"


def test_a_members_row_reads_back_as_entered(qtbot):
    d = PrepGroupDialog(today=TODAY, leader_unit=TOWN)
    qtbot.addWidget(d)
    assert d.members.table.rowCount() == 3  # the 组长 and two rows to fill in
    d.members.table.item(0, NAME).setText("陈晓梅")
    qtbot.mouseClick(d.members.add_button, Qt.MouseButton.LeftButton)
    assert d.members.table.rowCount() == 4
    d.members.table.item(2, NAME).setText("业主甲")  # rows 1 and 3 left blank: skipped
    d.members.table.item(2, ROOM).setText("1-201")
    on, members = d.fields()
    assert on == TODAY
    assert members == [
        MemberFields(
            "陈晓梅", MemberRole.LEADER, is_owner=False, unit=TOWN, unit_type=UnitType.TOWNSHIP
        ),
        MemberFields("业主甲", MemberRole.GROUP_MEMBER, is_owner=True, room="1-201"),
    ]
    d.leader_unit_type.set_value(UnitType.RESIDENTS)  # the 组长 is from the 居委会
    assert d.fields()[1][0].unit_type is UnitType.RESIDENTS
    d.members.table.selectRow(2)
    d.members.remove_selected()
    assert d.members.count_label.text() == "共 1 人"


def test_add_a_member_print_the_form_export_and_dissolve(monkeypatch, page, demo, tmp_path):
    from app.ui.governance.formation_dialogs import MemberDialog

    r = fresh(demo)
    c = demo.governance.elect(r.community_id, TODAY - timedelta(days=5), 5, committee())
    page.refresh(select=r.community_id)

    def add(d: MemberDialog) -> None:
        d.save_button.click()  # no name: the service names the field, the form stays open
        assert d.result() != MemberDialog.DialogCode.Accepted and d.focusWidget() is d.name
        type_into(d.name, "赵候补")
        d.role.setCurrentIndex(d.role.findData(MemberRole.ALTERNATE))
        d.save_button.click()

    drive(monkeypatch, MemberDialog, add)
    page.add_member_action.trigger()
    added = demo.governance.body(c.id).members[-1]
    assert added.fields.name == "赵候补" and added.fields.role is MemberRole.ALTERNATE
    # the 候补委员 is listed (last) but not counted as a member
    assert page.detail.members.rowCount() == 6 and page.detail.tabs.tabText(0) == "成员（5，候补1）"
    assert "在任 5 人，另有候补委员 1 人" in page.detail.summary.text()
    assert page.detail.members.item(5, 1).text() == "候补委员"
    assert page.current_row().active_members == 5

    opened = page._files.opened
    page.print_action.trigger()
    assert opened and opened[0].read_bytes().startswith(b"%PDF")
    assert page.export_ledger(tmp_path / "台账.xlsx") == len(page.model.rows())
    assert (tmp_path / "台账.xlsx").stat().st_size > 0

    def dissolve(d: DateTextDialog) -> None:
        type_into(d.text, "业主大会决定解散")
        d.save_button.click()

    drive(monkeypatch, DateTextDialog, dissolve)
    page.dissolve_action.trigger()
    row = page.current_row()
    assert row.kind is None and row.body_id is None
    (ended,) = demo.governance.history(r.community_id)
    assert ended.ended_on == TODAY and ended.end_reason == "业主大会决定解散"
    assert (
        page.detail.history.count() == 1
        and "业主大会决定解散" in page.detail.history.item(0).text()
    )
    assert page.start_action.isEnabled()


def test_edit_a_members_details(monkeypatch, page, demo):
    from app.ui.governance.formation_dialogs import MemberDialog

    r = fresh(demo)
    c = demo.governance.elect(r.community_id, TODAY - timedelta(days=5), 5, committee())
    page.refresh(select=r.community_id)
    page.detail.members.selectRow(1)
    member = c.members[1]

    def edit(d: MemberDialog) -> None:
        assert d.windowTitle() == "修改成员信息" and d.name.text() == member.fields.name
        d.role.setCurrentIndex(d.role.findData(MemberRole.DEPUTY))
        d.phone.setText("13800001111")
        d.save_button.click()

    drive(monkeypatch, MemberDialog, edit)
    page.edit_member_action.trigger()
    after = demo.governance.body(c.id).members[1]
    assert after.fields.role is MemberRole.DEPUTY and after.fields.phone == "13800001111"
    assert after.fields.name == member.fields.name and after.active


def test_a_lapsed_term_shows_its_term_audit_to_complete(page, demo):
    from dataclasses import replace

    from app.services.governance_service import GovernanceService

    r = fresh(demo)
    elected = date(TODAY.year - 5, TODAY.month, TODAY.day)  # the term ended yesterday
    filed = elected + timedelta(days=9)
    then = GovernanceService(replace(demo.governance._ctx, today=lambda: filed))
    c = then.elect(r.community_id, elected, 5, committee())
    then.file(c.id, filed, "备1")
    page.refresh(select=r.community_id)
    assert select(page, r.community_id).stage is Stage.TERM_OVERDUE
    assert page.detail.tabs.tabText(1) == "审计（待完成1）"
    assert page.detail.audits.rowCount() == 1
    assert page.detail.audits.item(0, 0).text() == AuditKind.TERM_END.label
    page.refresh(select=r.community_id)  # reading again makes no second task
    assert page.detail.audits.rowCount() == 1 and len(demo.governance.body(c.id).audits) == 1
