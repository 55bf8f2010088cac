"""The 问题台账 page and the issue dialog, driven with qtbot against a real database."""

from __future__ import annotations

import types
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialogButtonBox

from app.domain.enums import AttachmentKind, IssueStatus, ResponsibleKind
from app.domain.issues import IssueFields, IssueQuery
from app.ui.common.messages import MessageService
from app.ui.common.photo_viewer import PhotoViewer
from app.ui.issues.page import IssuesPage
from app.ui.issues.table_model import IssueTableModel
from app.ui.state import UiState
from tests.conftest import TODAY
from tests.ui.conftest import files_for, type_into

FIRE = "消防安全隐患（通道占用、设施老化）"


@pytest.fixture
def ledger(services):
    """The demo office with its demo issues in every state of the chain."""
    services.demo.load()
    return services


def make_page(qtbot, services) -> IssuesPage:
    page = IssuesPage(services, MessageService(dialogs=False), files_for(services), jobs=False)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.activate()
    return page


def new_issue(svc, **kw):
    cid = kw.pop("community_id", None) or svc.communities.choices()[0][0]
    f = IssueFields(
        community_id=cid,
        category=FIRE,
        description="3号楼消防通道被电动车占用",
        found_date=TODAY - timedelta(days=3),
        deadline=TODAY + timedelta(days=4),
        responsible_name="某物业公司",
    )
    return svc.issues.create(replace(f, **kw))


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.LeftButton)


# ---- the issue dialog ------------------------------------------------------------------------
def test_add_an_issue_through_the_dialog(qtbot, demo):
    page = make_page(qtbot, demo)
    assert page.model.rowCount() == 0
    dialog = page.open_issue_dialog()
    qtbot.addWidget(dialog)
    cid, name = next(
        (c, n) for c, n in demo.communities.choices() if demo.issues.suggested_responsible(c)
    )
    dialog.community.set_value(cid)
    dialog.category.setCurrentIndex(dialog.category.findData(FIRE))
    cat = demo.issues.category(FIRE)
    # the category suggests the deadline and legal basis; the community its company
    assert dialog.deadline.value() == TODAY + timedelta(days=cat.deadline_days)
    assert dialog.legal_basis.text() == cat.legal_basis
    assert dialog.responsible_name.currentText() == demo.issues.suggested_responsible(cid)
    type_into(dialog.description, "3号楼消防通道被电动车占用")
    type_into(dialog.measures, "立即清理")
    save(qtbot, dialog)
    assert dialog.result_value is not None, page._messages.shown
    page.after_dialog(dialog)
    assert page.model.rowCount() == 1
    assert page.selected_ids() == [dialog.result_value.id]
    rec = demo.issues.get(dialog.result_value.id)
    assert rec.fields.description == "3号楼消防通道被电动车占用"
    assert rec.fields.measures == "立即清理"
    assert rec.community == name and rec.status is IssueStatus.OPEN
    assert page.detail.title.text().startswith(f"#{rec.id}")
    assert page.model.data(page.model.index(0, 9)) == "待整改"


def test_a_deadline_typed_by_hand_is_kept_when_the_category_changes(qtbot, demo):
    page = make_page(qtbot, demo)
    dialog = page.open_issue_dialog()
    qtbot.addWidget(dialog)
    dialog.category.setCurrentIndex(dialog.category.findData(FIRE))
    dialog.deadline.clear()
    type_into(dialog.deadline, "2026-12-31")
    dialog.category.setCurrentIndex(dialog.category.findData("收费不规范"))
    assert dialog.deadline.text() == "2026-12-31"
    # an untouched deadline follows the found date
    dialog.deadline.clear()
    dialog.category.setCurrentIndex(dialog.category.findData(FIRE))
    days = demo.issues.category(FIRE).deadline_days
    dialog.found_date.setText("2026-11-01")
    assert dialog.deadline.value() == date(2026, 11, 1) + timedelta(days=days)


def test_a_department_gets_the_categorys_lead_department(qtbot, demo):
    page = make_page(qtbot, demo)
    dialog = page.open_issue_dialog()
    qtbot.addWidget(dialog)
    dialog.category.setCurrentIndex(dialog.category.findData(FIRE))
    dialog.responsible_kind.set_value(ResponsibleKind.DEPARTMENT)
    assert dialog.responsible_name.currentText() == demo.issues.category(FIRE).department != ""


def test_deadline_before_found_date_keeps_the_dialog_open_and_writes_nothing(qtbot, demo):
    page = make_page(qtbot, demo)
    dialog = page.open_issue_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.community.setCurrentIndex(1)
    dialog.category.setCurrentIndex(dialog.category.findData(FIRE))
    type_into(dialog.description, "楼道堆放杂物")
    dialog.responsible_name.setEditText("某物业公司")
    dialog.deadline.setText("2026-11-20")  # found date is today, 2026-11-23
    save(qtbot, dialog)
    assert dialog.result_value is None and dialog.isVisible()
    assert "早于发现日期" in page._messages.last()
    assert dialog.focusWidget() is dialog.deadline
    assert dialog.description.toPlainText() == "楼道堆放杂物"  # nothing typed is lost
    assert demo.issues.counts().total == 0


def test_edit_an_issue(qtbot, demo):
    issue = new_issue(demo)
    page = make_page(qtbot, demo)
    page.select_ids([issue.id])
    dialog = page.open_issue_dialog(page.current_id())
    qtbot.addWidget(dialog)
    assert dialog.description.toPlainText() == issue.fields.description
    assert dialog.deadline.value() == issue.fields.deadline  # not moved by the category
    dialog.description.setPlainText("消防通道已部分清理")
    save(qtbot, dialog)
    page.after_dialog(dialog)
    assert demo.issues.get(issue.id).fields.description == "消防通道已部分清理"
    assert page.detail.values["description"].text() == "消防通道已部分清理"


# ---- filters, counts and the table -----------------------------------------------------------
def _ids(page) -> list[int]:
    return page.model.ids()


def test_filters_show_what_the_service_returns(qtbot, ledger):
    page = make_page(qtbot, ledger)
    assert page.model.rowCount() == ledger.issues.counts().total == 33
    f = page.filters
    f.status.setCurrentIndex(f.status.findText(IssueStatus.RECTIFYING.label))
    assert _ids(page) == ledger.issues.search_ids(IssueQuery(statuses=(IssueStatus.RECTIFYING,)))
    assert 0 < page.model.rowCount() < 33
    f.status.setCurrentIndex(0)
    f.overdue.setChecked(True)
    assert _ids(page) == ledger.issues.search_ids(IssueQuery(overdue_only=True))
    assert all(page.model.is_overdue_row(r) for r in range(page.model.rowCount()))
    f.overdue.setChecked(False)
    f.category.setCurrentIndex(f.category.findData(FIRE))
    assert _ids(page) == ledger.issues.search_ids(IssueQuery(category=FIRE))
    f.clear()
    assert page.model.rowCount() == 33
    start, end = TODAY - timedelta(days=10), TODAY - timedelta(days=2)
    f.set_found_range(start, end)
    expected = ledger.issues.search_ids(IssueQuery(found_from=start, found_to=end))
    assert _ids(page) == expected and 0 < len(expected) < 33


def test_typing_a_search_narrows_the_table(qtbot, ledger):
    page = make_page(qtbot, ledger)
    word = page.model.record(0).community
    type_into(page.filters.search, word)
    qtbot.waitUntil(lambda: page.model.rowCount() < 33, timeout=2000)
    assert all(word in page.model.record(r).community for r in range(page.model.rowCount()))


def test_counts_strip_shows_the_filtered_counts(qtbot, ledger):
    page = make_page(qtbot, ledger)
    counts = ledger.issues.counts()
    text = page.counts_label.text()
    assert text.startswith(f"共 {counts.total} 个问题")
    for status, n in counts.by_status.items():
        assert f"{status.label} {n}" in text
    assert page.overdue_label.text() == f"· 逾期 {counts.overdue}" and counts.overdue > 0
    page.filters.status.setCurrentIndex(page.filters.status.findText("已销号"))
    assert page.counts_label.text().startswith(f"共 {counts.by_status[IssueStatus.CLOSED]} 个")
    assert page.overdue_label.text() == "· 逾期 0"


def test_issue_model_passes_modeltester(qtmodeltester, ledger):
    model = IssueTableModel(ledger.issues, ledger.ctx.today)
    model.refresh()
    assert model.rowCount() == 33
    qtmodeltester.check(model, force_py=True)
    model.sort(model.column_of("deadline"), Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_overdue_rows_stand_out_and_closed_rows_are_muted(qtbot, ledger):
    page = make_page(qtbot, ledger)
    m = page.model
    rows = range(m.rowCount())
    late = next(r for r in rows if m.is_overdue_row(r))
    fine = next(r for r in rows if not m.is_overdue_row(r) and m.record(r).status != "closed")
    closed = next(r for r in rows if m.record(r).status is IssueStatus.CLOSED)
    bg = Qt.ItemDataRole.BackgroundRole
    fg = Qt.ItemDataRole.ForegroundRole
    assert m.data(m.index(late, 1), bg) is not None
    assert m.data(m.index(late, 1), bg) != m.data(m.index(fine, 1), bg)
    assert "逾期" in m.data(m.index(late, 9)) and "天" in m.data(m.index(late, 9))
    assert m.data(m.index(closed, 1), fg).color() == QColor("#8a8a8a")


def test_sorting_by_a_header_requeries(qtbot, ledger):
    page = make_page(qtbot, ledger)
    page.table.sortByColumn(page.model.column_of("deadline"), Qt.SortOrder.AscendingOrder)
    deadlines = [page.model.record(r).deadline for r in range(page.model.rowCount())]
    assert deadlines == sorted(deadlines)
    assert page.query().sort == "deadline" and not page.query().descending


# ---- buttons follow the selection -------------------------------------------------------------
def test_actions_follow_selection_and_status(qtbot, ledger):
    page = make_page(qtbot, ledger)
    assert not page.edit_action.isEnabled() and not page.notice_action.isEnabled()
    by_status = {}
    for r in range(page.model.rowCount()):
        by_status.setdefault(page.model.record(r).status, page.model.id_at(r))
    page.select_ids([by_status[IssueStatus.CLOSED]])
    for a in (page.edit_action, page.delete_action, page.notice_action, page.reinspect_action):
        assert not a.isEnabled()
    assert not page.detail.add_before.isEnabled()
    page.select_ids([by_status[IssueStatus.OPEN]])
    for a in (page.edit_action, page.delete_action, page.notice_action, page.report_action):
        assert a.isEnabled()
    # 待整改: no re-inspection before a notice or a reported fix
    assert not page.serve_action.isEnabled() and not page.reinspect_action.isEnabled()
    page.select_ids([by_status[IssueStatus.NOTIFIED]])
    assert page.serve_action.isEnabled() and not page.delete_action.isEnabled()
    assert page.reinspect_action.isEnabled()
    page.select_ids([by_status[IssueStatus.OPEN], by_status[IssueStatus.RECTIFYING]])
    assert page.notice_action.isEnabled() and not page.edit_action.isEnabled()
    assert page.selected_ids() == sorted(page.selected_ids(), key=lambda i: page.model.row_of(i))


def test_delete_an_open_issue(qtbot, demo):
    issue = new_issue(demo)
    page = make_page(qtbot, demo)
    page.select_ids([issue.id])
    page._on_delete()
    assert page.model.rowCount() == 0 and demo.issues.counts().total == 0
    assert "删除问题" in page._messages.shown[-1][1]


def test_report_rectified(qtbot, demo):
    issue = new_issue(demo)
    page = make_page(qtbot, demo)
    page.select_ids([issue.id])
    dialog = page.open_rectified_dialog(issue.id)
    qtbot.addWidget(dialog)
    save(qtbot, dialog)
    assert dialog.result_value is None and "请填写整改情况" in page._messages.last()
    type_into(dialog.result_text, "已清理完毕")
    save(qtbot, dialog)
    page.after_dialog(dialog)
    rec = demo.issues.get(issue.id)
    assert rec.status is IssueStatus.AWAITING_REINSPECTION and rec.result == "已清理完毕"
    assert page.model.data(page.model.index(0, 9)) == "待复查"


def test_activate_refreshes_after_a_write_elsewhere(qtbot, demo):
    page = make_page(qtbot, demo)
    assert page.model.rowCount() == 0
    new_issue(demo)
    page.activate()
    assert page.model.rowCount() == 1


# ---- the document chain is wired to ChainActions ----------------------------------------------
@pytest.fixture
def chain_calls(monkeypatch):
    """Stand in for ChainActions (its dialogs are tested with it) and the stored-document
    opener, and record what the page asks of them."""
    import app.ui.common.documents as documents

    calls: list[tuple[str, object]] = []
    fake = types.SimpleNamespace(
        issue_notice=lambda ids: calls.append(("notice", ids)) or True,
        issue_batch=lambda ids: calls.append(("batch", ids)) or True,
        record_service=lambda issue_id: calls.append(("serve", issue_id)),
        reinspect=lambda ids: calls.append(("reinspect", ids)) or False,
    )
    monkeypatch.setattr(IssuesPage, "chain_actions", lambda self: fake)
    monkeypatch.setattr(
        documents, "open_document", lambda svc, msg, files, doc: calls.append(("open", doc))
    )
    return calls


def test_document_buttons_call_chain_actions_and_refresh(qtbot, demo, chain_calls):
    a, b = new_issue(demo), new_issue(demo, description="楼道堆放杂物")
    page = make_page(qtbot, demo)
    page.select_ids([a.id, b.id])
    page.notice_action.trigger()
    page.batch_action.trigger()
    assert not page.reinspect_action.isEnabled()  # 待整改: nothing to re-inspect yet
    for issue in (a, b):
        demo.issues.report_rectified(issue.id, "已整改", TODAY)
    page.refresh([a.id, b.id])
    page.reinspect_action.trigger()
    assert [c[0] for c in chain_calls] == ["notice", "batch", "reinspect"]
    assert sorted(chain_calls[0][1]) == sorted([a.id, b.id])
    assert sorted(page.selected_ids()) == sorted([a.id, b.id])  # kept after the refresh
    assert not page.serve_action.isEnabled()  # 登记送达 needs one notified issue
    page.serve_action.trigger()
    assert len(chain_calls) == 3


def test_double_clicking_a_document_in_the_timeline_opens_it(qtbot, ledger, chain_calls):
    from app.ui.issues.detail import DOC_ROLE

    page = make_page(qtbot, ledger)
    page.filters.status.setCurrentIndex(page.filters.status.findText("已下发通知"))
    page.select_ids([page.model.id_at(0)])
    timeline = page.detail.timeline
    item = next(
        timeline.item(i) for i in range(timeline.count()) if timeline.item(i).data(DOC_ROLE)
    )
    timeline.itemDoubleClicked.emit(item)
    assert chain_calls == [("open", item.data(DOC_ROLE))]
    assert page.serve_action.isEnabled()
    page.serve_action.trigger()
    assert chain_calls[-1] == ("serve", page.model.id_at(0))


# ---- photos -----------------------------------------------------------------------------------
def test_add_a_photo_shows_a_thumbnail(qtbot, demo, tmp_path):
    issue = new_issue(demo)
    page = make_page(qtbot, demo)
    page.select_ids([issue.id])
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#3070c0"))
    path = tmp_path / "现场.png"
    assert image.save(str(path))
    assert page.add_photos([path], AttachmentKind.BEFORE) == 1
    assert page.detail.photos.count() == 1
    item = page.detail.photos.item(0)
    assert not item.icon().isNull() and "整改前" in item.text()
    stored = demo.attachments.list(issue.id)
    assert len(stored) == 1 and stored[0].kind is AttachmentKind.BEFORE
    assert any("照片" in page.detail.timeline.item(i).text() for i in range(2))
    with qtbot.waitSignal(page.detail.photo_requested) as shown:
        page.detail.photos.itemDoubleClicked.emit(item)
    assert shown.args[0] == stored[0].path and "整改前" in shown.args[1]
    viewer = next(w for w in page.findChildren(PhotoViewer) if w.isVisible())
    assert "整改前" in viewer.windowTitle()
    assert viewer.image_label.pixmap().size().width() == 64


def test_a_file_that_is_no_image_is_refused(qtbot, demo, tmp_path):
    issue = new_issue(demo)
    page = make_page(qtbot, demo)
    page.select_ids([issue.id])
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    page.add_photos([bad], AttachmentKind.AFTER)
    assert "不是可识别的图片" in page._messages.last()
    assert demo.attachments.list(issue.id) == []


# ---- ledger out and state ---------------------------------------------------------------------
def test_export_uses_the_on_screen_filter(qtbot, ledger, tmp_path):
    if not hasattr(ledger.ledgers, "export_issues"):
        pytest.skip("services.ledgers.export_issues is not there yet")
    from openpyxl import load_workbook

    page = make_page(qtbot, ledger)
    page.filters.overdue.setChecked(True)
    shown = page.model.rowCount()
    assert 0 < shown < 33
    path = tmp_path / "台账.xlsx"
    assert page.export_ledger(path) == shown
    ws = load_workbook(path).active
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    data = [
        r for r in range(header + 1, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int | float)
    ]
    assert len(data) == shown
    assert "已按当前筛选条件导出" in page._messages.last()
    pdf = tmp_path / "台账.pdf"
    assert page.print_ledger(pdf) == shown and pdf.read_bytes().startswith(b"%PDF")


def test_columns_and_splitter_are_remembered(qtbot, demo, tmp_path):
    state = UiState(tmp_path)
    page = make_page(qtbot, demo)
    page.table.setColumnWidth(1, 277)
    page.splitter.setSizes([500, 400])
    sizes = page.splitter.sizes()
    page.save_state(state)
    again = IssuesPage(
        demo, MessageService(dialogs=False), files_for(demo), jobs=False, state=UiState(tmp_path)
    )
    qtbot.addWidget(again)
    again.resize(page.size())
    again.show()
    assert again.table.columnWidth(1) == 277
    assert again.splitter.sizes() == sizes


def test_keyboard_shortcuts(qtbot, demo):
    from PySide6.QtTest import QTest

    page = make_page(qtbot, demo)
    page.activateWindow()
    assert QTest.qWaitForWindowActive(page)
    QTest.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filters.search.hasFocus()
    new_issue(demo)
    QTest.keyClick(page.table, Qt.Key.Key_F5)
    assert page.model.rowCount() == 1
