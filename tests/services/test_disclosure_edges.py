"""Edges of issue 6 found in review (disclosure checks and the departments registry): the
checklist settings saved all or nothing, renamed defaults, hidden departments, periodic items
without a date, superseded results, communities without a company, archived communities,
and output files that cannot be written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.bootstrap import open_data
from app.cli import main
from app.domain.disclosure import CheckResult, EntryFields, ItemState
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.services import build_services

D = date
P = CheckResult.POSTED
MISSING = CheckResult.MISSING


def first_community(services) -> int:
    return services.communities.choices()[0][0]


def row_of(services, cid: int):
    return next(r for r in services.disclosure.rows() if r.community_id == cid)


def one_entry_visit(services, cid: int, on: date, code: str, result: CheckResult) -> int:
    return services.disclosure.record_check(cid, on, "王建华", [EntryFields(code, result)])


# ---- the checklist settings dialog ----------------------------------------------------------
def test_cancelling_the_items_dialog_after_an_error_leaves_the_checklist_as_it_was(services, qtbot):
    from app.ui.common.messages import MessageService
    from app.ui.disclosure.items_dialog import DisclosureItemsDialog
    from tests.ui.conftest import press_ok

    messages = MessageService(dialogs=False)
    d = DisclosureItemsDialog(services.disclosure, messages)
    qtbot.addWidget(d)
    d.line("parking").active.setChecked(False)  # a pack item, saved first
    new = d.add_local().name
    assert new is not None
    new.setText("长" * 101)  # refused by the service, after parking
    press_ok(d)
    assert "不能超过100个字" in messages.last()
    d.reject()  # the user gives up: 取消
    assert next(i for i in services.disclosure.items() if i.code == "parking").active


# ---- departments ------------------------------------------------------------------------------
def test_restoring_defaults_does_not_duplicate_a_renamed_default(services):
    first = services.departments.list()[0]
    assert first.fields.name == "县住房和城乡建设局"  # a placeholder every office renames
    services.departments.update(first.id, replace(first.fields, name="青禾县住房和城乡建设局"))
    assert services.departments.restore_defaults() == 0
    names = [d.fields.name for d in services.departments.list()]
    assert len([n for n in names if n.endswith("住房和城乡建设局")]) == 1


def test_poster_with_every_department_hidden_says_they_are_hidden(demo):
    for d in demo.departments.list():
        demo.departments.update(d.id, replace(d.fields, active=False))
    with pytest.raises(ValidationError) as err:
        demo.disclosure.poster(first_community(demo))
    assert "为空" not in err.value.message and "显示" in err.value.message


# ---- item states --------------------------------------------------------------------------------
def test_a_periodic_item_posted_without_a_date_is_not_taken_as_posted_on_the_visit_day(demo):
    cid = first_community(demo)
    # 30 Sep: the inspector ticks 已公示 for the half-yearly revenue statement, no date typed
    sept = build_services(replace(demo.ctx, today=lambda: D(2026, 9, 30)))
    try:
        one_entry_visit(sept, cid, D(2026, 9, 30), "public_revenue", P)
    except ValidationError:
        return  # refusing it (asking for the date) is a fix too
    revenue = next(s for s in row_of(demo, cid).statuses if s.item.code == "public_revenue")
    # now: current until 2027-03-29, whatever date the statement on the board carries
    assert revenue.state is not ItemState.CURRENT


# ---- the issue made from a failing item ---------------------------------------------------------
def test_no_issue_from_a_failing_entry_a_later_visit_superseded(demo):
    cid = first_community(demo)
    old = one_entry_visit(demo, cid, D(2026, 9, 1), "complaint_phones", MISSING)
    one_entry_visit(demo, cid, D(2026, 11, 20), "complaint_phones", P)
    entry = demo.disclosure.check(old).entries[0]
    with pytest.raises(ConflictError):
        demo.disclosure.create_issue(entry.id)


def test_an_issue_for_a_community_without_company_or_committee_names_no_committee(demo):
    bodies = {g.community_id: g for g in demo.governance.rows()}
    cid = next(
        r.community_id
        for r in demo.disclosure.rows()
        if not r.company
        and not bodies[r.community_id].covered
        and bodies[r.community_id].kind is None
    )
    check_id = one_entry_visit(demo, cid, D(2026, 11, 20), "complaint_phones", MISSING)
    issue_id = demo.disclosure.create_issue(demo.disclosure.check(check_id).entries[0].id)
    assert "业主委员会" not in demo.issues.get(issue_id).fields.responsible_name


# ---- printouts of an archived community ---------------------------------------------------------
def test_a_blank_checklist_for_an_archived_community(demo):
    cid = first_community(demo)
    demo.communities.set_archived(cid, True)
    demo.disclosure.poster(cid)  # the poster works for it
    try:
        demo.disclosure.checklist([cid], blank=True)
    except NotFoundError as err:
        pytest.fail(err.message)


def test_the_filled_checklist_of_an_archived_community_names_its_company(demo):
    cid = first_community(demo)
    company = row_of(demo, cid).company
    assert company
    check_id = one_entry_visit(demo, cid, D(2026, 11, 20), "public_revenue", MISSING)
    demo.communities.set_archived(cid, True)
    page = demo.disclosure.checklist([cid], blank=False, check_id=check_id).pages[0]
    assert page.company == company


# ---- command line ----------------------------------------------------------------------------
@pytest.fixture
def small_county(tmp_path):
    folder = tmp_path / "data"
    opened = open_data(folder)
    opened.services.demo.load(3, 1, seed=3)
    name = opened.services.communities.choices()[0][1]
    opened.close()
    return folder, name


@pytest.mark.parametrize("command", ["poster", "checklist"])
def test_an_unwritable_out_file_is_a_plain_error(capsys, small_county, tmp_path, command):
    folder, name = small_county
    target = tmp_path / "公示牌.pdf"
    target.mkdir()  # stands for a file locked by a PDF reader, or no permission
    code = main([command, "--community", name, "--out", str(target), "--data-dir", str(folder)])
    _, err = capsys.readouterr()
    assert code == 1 and err.startswith("错误：") and "Traceback" not in err
