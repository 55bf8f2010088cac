"""One issue's whole life in the main window: record it, print its notice, serve it,
re-inspect it (fail, then pass) and see it closed out — with the printed pages checked."""

from __future__ import annotations

import subprocess
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.domain.enums import DocType, IssueStatus, ServiceMethod
from app.ui.issues.notice_dialog import NoticeDialog
from app.ui.issues.reinspection_dialog import ReinspectionDialog
from app.ui.issues.service_dialog import ServiceDialog
from tests.conftest import TODAY
from tests.services.test_issue_chain import text_of
from tests.ui.conftest import drive, type_into

FIRE = "消防安全隐患（通道占用、设施老化）"


def test_from_a_new_issue_to_a_printed_notice_and_close_out(
    qtbot, monkeypatch, demo, window, tmp_path
):
    opened = window.files.opened
    page = window.go("问题台账")
    assert page is window.issues

    # 1. record the issue through the dialog
    dialog = page.open_issue_dialog()
    qtbot.addWidget(dialog)
    cid = next(c for c, _ in demo.communities.choices() if demo.issues.suggested_responsible(c))
    dialog.community.set_value(cid)
    dialog.category.setCurrentIndex(dialog.category.findData(FIRE))
    type_into(dialog.description, "5号楼消防通道被电动车占用")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.LeftButton)
    assert dialog.result_value is not None, window.messages.shown
    page.after_dialog(dialog)
    issue_id = dialog.result_value.id
    assert page.selected_ids() == [issue_id]

    # 2. print the notice, editing the wording in the preview first
    def edit_and_issue(d):
        qtbot.addWidget(d)
        d.requirements.setPlainText("立即清理通道内的电动车，设置禁停标识")
        d._on_accept()

    drive(monkeypatch, NoticeDialog, edit_and_issue)
    page.notice_action.trigger()
    (notice,) = demo.documents.search()
    assert notice.doc_number == "青禾镇物整〔2026〕1号"
    pdf = demo.documents.pdf(notice.id)
    assert opened[-1].read_bytes() == pdf
    body = text_of(pdf)
    for expected in (
        notice.doc_number,
        notice.addressee,
        "5号楼消防通道被电动车占用",
        "设置禁停标识",
        "整改通知书",
        "送达回证",
    ):
        assert expected in body, expected
    assert demo.issues.get(issue_id).status is IssueStatus.NOTIFIED

    # the 文书 page lists it
    docs_page = window.go("文书")
    assert docs_page.model.rowCount() == 1

    # 3. serve it
    window.go("问题台账")
    page.select_ids([issue_id])

    def serve(d):
        qtbot.addWidget(d)
        d.method.set_value(ServiceMethod.DIRECT)
        type_into(d.signer, "项目经理")
        d._on_accept()

    drive(monkeypatch, ServiceDialog, serve)
    page.serve_action.trigger()
    assert demo.issues.get(issue_id).status is IssueStatus.RECTIFYING

    # 4. re-inspection fails: new deadline, chain continues
    def fail(d):
        qtbot.addWidget(d)
        d.failed.setChecked(True)
        d.new_deadline.setText((TODAY + timedelta(days=5)).isoformat())
        d._on_accept()

    drive(monkeypatch, ReinspectionDialog, fail)
    page.select_ids([issue_id])
    page.reinspect_action.trigger()
    assert demo.issues.get(issue_id).status is IssueStatus.RECTIFYING

    # 5. re-inspection passes: closed out
    def passed(d):
        qtbot.addWidget(d)
        d.opinion.setPlainText("通道已清理，标识已设置")
        d._on_accept()

    drive(monkeypatch, ReinspectionDialog, passed)
    page.select_ids([issue_id])
    page.reinspect_action.trigger()
    done = demo.issues.get(issue_id)
    assert done.status is IssueStatus.CLOSED and done.closed_on == TODAY
    row = page.model.row_of(issue_id)
    assert page.model.data(page.model.index(row, 9)) == "已销号"
    kinds = [e.kind for e in demo.issues.timeline(issue_id)]
    assert kinds[0] == "found" and kinds[-1] == "closed"

    # every printed page renders (what a clerk would look at)
    types = {d.doc_type for d in demo.documents.search()}
    assert types == {
        DocType.RECTIFICATION_NOTICE,
        DocType.SERVICE_RECEIPT,
        DocType.REINSPECTION_OPINION,
    }
    for d in demo.documents.search():
        src = tmp_path / f"{d.id}.pdf"
        src.write_bytes(demo.documents.pdf(d.id))
        subprocess.run(
            ["pdftoppm", "-r", "40", "-png", str(src), str(tmp_path / f"p{d.id}")], check=True
        )
    assert len(list(tmp_path.glob("p*.png"))) >= 4
