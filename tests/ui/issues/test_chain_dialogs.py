"""The document-chain dialogs driven with qtbot: 整改通知书, batch issuing, 送达, 复查."""

from __future__ import annotations

import io
import threading
import time
from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPushButton, QWidget

from app.domain.doc_records import DocumentQuery
from app.domain.enums import DocType, IssueStatus, ServiceMethod
from app.domain.errors import ValidationError
from app.ui.common.messages import MessageService
from app.ui.issues.chain import ChainActions
from app.ui.issues.notice_dialog import NoticeDialog
from app.ui.issues.reinspection_dialog import ReinspectionDialog
from app.ui.issues.service_dialog import ServiceDialog
from app.ui.progress_job import ProgressDialog, run_progress_job
from tests.conftest import TODAY
from tests.services.test_issue_chain import new_issue, text_of
from tests.ui.conftest import drive, type_into


@pytest.fixture
def chain(demo, messages, fake_files):
    """ChainActions(parent=None, jobs=...) over the demo office."""
    return lambda parent=None, jobs=False: ChainActions(
        demo, messages, fake_files, parent, jobs=jobs
    )


@pytest.fixture
def messages():
    return MessageService(dialogs=False)


def test_notice_preview_follows_edits(qtbot, demo):
    a = new_issue(demo)
    draft = demo.chain.draft_notice([a.id])
    dialog = NoticeDialog(draft)
    qtbot.addWidget(dialog)
    preview = dialog.preview_text()
    assert preview.startswith("整改通知书")
    assert "文号：签发时自动编号" in preview and f"{draft.addressee}：" in preview
    assert "3号楼消防通道被电动车占用" in preview and draft.issuer in preview
    dialog.requirements.moveCursor(QTextCursor.MoveOperation.End)
    dialog.requirements.insertPlainText("\n")
    type_into(dialog.requirements, "建立每日巡查制度")
    assert "建立每日巡查制度" in dialog.preview_text()
    dialog.addressee.setText("青禾物业服务有限公司")
    assert "青禾物业服务有限公司：" in dialog.preview_text()
    dialog.deadline.setText("2026-12-10")
    assert "于2026年12月10日前整改完毕" in dialog.preview_text()
    dialog.deadline.setText("2026-12-")  # half-typed: the preview keeps the last good date
    assert "于2026年12月10日前" in dialog.preview_text()
    dialog.deadline.setText("2026-12-11")
    edited = dialog.edited()
    assert edited.deadline == TODAY + timedelta(days=18)
    assert edited.requirements.endswith("建立每日巡查制度")
    assert all(p in dialog.preview_text() for p in edited.paragraphs())


def test_issue_notice_prints_the_edited_wording(
    qtbot, monkeypatch, demo, messages, opened_files, chain
):
    a = new_issue(demo)
    b = new_issue(demo, description="2号楼楼道堆放杂物")

    def fill(d):
        qtbot.addWidget(d)
        d.requirements.setPlainText("清走楼道杂物并张贴禁放告示")
        d.buttons.accepted.emit()

    seen = drive(monkeypatch, NoticeDialog, fill)
    assert chain().issue_notice([a.id, b.id])
    assert "清走楼道杂物并张贴禁放告示" in seen[0].preview_text()
    (doc,) = demo.documents.search()
    assert doc.doc_number == "青禾镇物整〔2026〕1号" and doc.issue_ids == (a.id, b.id)
    pdf = demo.documents.pdf(doc.id)
    body = text_of(pdf)
    assert "清走楼道杂物并张贴禁放告示" in body and doc.doc_number in body
    assert demo.issues.get(a.id).status is IssueStatus.NOTIFIED
    # offered to open it: the exact stored bytes, written under exports/文书
    assert "青禾镇物整〔2026〕1号" in messages.shown[-1][1]
    (path,) = opened_files
    assert path.parent == demo.ctx.data_dir / "exports" / "文书"
    assert path.read_bytes() == pdf


def test_draft_pdf_preview_is_neither_numbered_nor_stored(
    qtbot, monkeypatch, demo, messages, opened_files, chain
):
    a = new_issue(demo)

    def fill(d):
        qtbot.addWidget(d)
        d.requirements.setPlainText("草稿里改过的整改要求")
        d.pdf_button.click()
        d.reject()

    drive(monkeypatch, NoticeDialog, fill)
    assert not chain().issue_notice([a.id])
    body = text_of(opened_files[-1].read_bytes())
    assert "（签发时编号）" in body and "草稿里改过的整改要求" in body
    assert demo.documents.search() == []
    assert demo.issues.get(a.id).status is IssueStatus.OPEN


def test_deadline_before_today_keeps_the_dialog_open(qtbot, monkeypatch, demo, messages, chain):
    a = new_issue(demo)
    state = {}

    def fill(d):
        qtbot.addWidget(d)
        d.show()
        d.requirements.setPlainText("立即清理")
        d.deadline.setText((TODAY - timedelta(days=2)).isoformat())
        d._on_accept()
        state["open"] = d.isVisible()
        state["message"] = messages.last()
        state["focus"] = d.focusWidget() is d.deadline
        state["docs"] = len(demo.documents.search())
        assert d.requirements.toPlainText() == "立即清理"  # nothing typed is lost
        d.deadline.setText((TODAY + timedelta(days=3)).isoformat())
        d._on_accept()

    drive(monkeypatch, NoticeDialog, fill)
    assert chain().issue_notice([a.id])
    assert state["open"] and state["focus"] and state["docs"] == 0
    assert "早于今天" in state["message"]
    assert demo.issues.get(a.id).fields.deadline == TODAY + timedelta(days=3)


def test_unreadable_deadline_is_a_plain_message(qtbot, demo):
    a = new_issue(demo)
    dialog = NoticeDialog(demo.chain.draft_notice([a.id]))
    qtbot.addWidget(dialog)
    dialog.deadline.setText("下周")
    with pytest.raises(ValidationError) as e:
        dialog.edited()
    assert e.value.field == "deadline" and "日期无法识别" in e.value.message


def test_two_addressees_are_refused_with_a_warning(demo, messages, chain):
    a = new_issue(demo, responsible_name="甲物业公司")
    b = new_issue(demo, responsible_name="乙物业公司")
    assert not chain().issue_notice([a.id, b.id])
    kind, text = messages.shown[-1]
    assert kind == "warn" and "甲物业公司" in text and "批量开具" in text
    assert demo.documents.search() == []


def _three_issues(demo):
    return [new_issue(demo, responsible_name=n).id for n in ("甲物业", "乙物业", "甲物业")]


def test_batch_cancelled_after_the_first_notice_issues_nothing(
    qtbot, monkeypatch, demo, messages, chain
):
    ids = _three_issues(demo)
    real = demo.chain.issue_batch
    finished = threading.Event()

    def slow(issue_ids, progress, cancelled):
        def report(done, total):
            progress(done, total)
            if done == 1:  # wait for the user to press 取消 on the UI thread
                end = time.monotonic() + 5
                while not cancelled() and time.monotonic() < end:
                    time.sleep(0.01)

        try:
            return real(issue_ids, report, cancelled)
        finally:
            finished.set()

    monkeypatch.setattr(demo.chain, "issue_batch", slow)
    parent = QWidget()
    qtbot.addWidget(parent)
    pressed = []

    def press_cancel():
        dialog = parent.findChild(ProgressDialog)
        if dialog is not None and dialog.value() == 1 and not pressed:
            assert dialog.maximum() == 2
            pressed.append(dialog.labelText())
            dialog.findChild(QPushButton).click()

    timer = QTimer(interval=10, timeout=press_cancel)
    timer.start()
    assert not chain(parent, jobs=True).issue_batch(ids)
    timer.stop()
    assert pressed and "（1/2）" in pressed[0]
    assert finished.is_set()  # returned only after the worker (and its rollback) ended
    assert messages.shown[-1] == ("info", "已取消批量开具，没有签发任何通知书")
    assert demo.documents.search() == []
    assert all(demo.issues.get(i).status is IssueStatus.OPEN for i in ids)


@pytest.mark.parametrize("jobs", [True, False])
def test_batch_issues_one_notice_per_addressee(
    qtbot, demo, messages, tmp_path, jobs, chain, fake_files
):
    ids = _three_issues(demo)
    target = tmp_path / "out" / "合并.pdf"
    asked = []

    def provider(suggested):
        asked.append(suggested)
        return target

    assert "将开具 2 份" in _confirm_text(chain, fake_files, messages, ids, jobs, provider)
    docs = demo.documents.search(DocumentQuery(doc_type=DocType.RECTIFICATION_NOTICE))
    assert len(docs) == 2 and {d.addressee for d in docs} == {"甲物业", "乙物业"}
    assert messages.shown[-1][1].startswith(
        "已签发2份整改通知书（文号 青禾镇物整〔2026〕1号 至 青禾镇物整〔2026〕2号）"
    )
    assert asked[0].suffix == ".pdf" and target.exists()
    pages = len(PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert pages == sum(len(PdfReader(io.BytesIO(demo.documents.pdf(d.id))).pages) for d in docs)


def _confirm_text(chain, fake_files, messages, ids, jobs, provider):
    fake_files.save_to = provider
    assert chain(jobs=jobs).issue_batch(ids)
    return next(text for kind, text in messages.shown if kind == "confirm")


def test_batch_declined_at_the_confirmation_does_nothing(demo, messages, chain):
    messages.confirm_answer = False
    assert not chain().issue_batch(_three_issues(demo))
    assert demo.documents.search() == []


def test_progress_job_inline_and_threaded_errors(qtbot):
    calls = []
    assert run_progress_job(None, "x", lambda p, c: calls.append(c()) or 7, show=False) == 7
    assert calls == [False]

    def boom(progress, cancelled):
        progress(1, 2)
        raise ValidationError("坏了", field="x")

    with pytest.raises(ValidationError):
        run_progress_job(None, "x", boom, show=True)


def _issued(demo):
    a = new_issue(demo)
    return a, demo.chain.issue_notice([a.id], demo.chain.draft_notice([a.id]))


def test_service_without_a_notice_is_refused(demo, messages, chain):
    a = new_issue(demo)
    assert not chain().record_service(a.id)
    assert messages.shown[-1] == ("warn", "该问题还没有下发整改通知书")


def test_service_then_reinspection_close_the_issue(
    qtbot, monkeypatch, demo, messages, opened_files, chain
):
    a, notice = _issued(demo)
    state = {}

    def fill_service(d):
        qtbot.addWidget(d)
        assert d.recipient.text() == notice.row.addressee and d.server.text() == "测试员"
        d.blank_button.click()  # a blank form to take along
        state["blank"] = text_of(opened_files[-1].read_bytes())
        d.method.set_value(ServiceMethod.LEFT)  # 留置送达 needs a reason and a witness
        assert d.refusal_reason.isEnabled() and d.witness.isEnabled()
        d._on_accept()
        state["left"] = (d.result(), messages.last())
        d.method.set_value(ServiceMethod.DIRECT)
        assert not d.witness.isEnabled()
        type_into(d.signer, "张经理")
        d._on_accept()

    drive(monkeypatch, ServiceDialog, fill_service)
    assert chain().record_service(a.id)
    assert "送达回证" in state["blank"] and notice.row.doc_number in state["blank"]
    assert state["left"][0] == 0 and "拒收事由" in state["left"][1]
    assert demo.issues.get(a.id).status is IssueStatus.RECTIFYING
    (receipt,) = demo.documents.search(DocumentQuery(doc_type=DocType.SERVICE_RECEIPT))
    assert opened_files[-1].read_bytes() == demo.documents.pdf(receipt.id)
    assert "张经理" in text_of(demo.documents.pdf(receipt.id))

    def fail(d):
        qtbot.addWidget(d)
        assert not d.new_deadline.isEnabled()
        d.failed.setChecked(True)
        assert d.new_deadline.isEnabled() and d.print_opinion.isChecked()
        d.new_deadline.setText((TODAY + timedelta(days=5)).isoformat())
        d.opinion.setPlainText("仍有电动车停放")
        d._on_accept()

    drive(monkeypatch, ReinspectionDialog, fail)
    assert chain().reinspect([a.id])
    rec = demo.issues.get(a.id)
    assert rec.status is IssueStatus.RECTIFYING and rec.fields.deadline == TODAY + timedelta(days=5)
    assert "复查不合格" in text_of(opened_files[-1].read_bytes())

    def passed(d):
        qtbot.addWidget(d)
        d.print_opinion.setChecked(False)
        d.opinion.setPlainText("通道畅通")
        d._on_accept()

    drive(monkeypatch, ReinspectionDialog, passed)
    assert chain().reinspect([a.id])
    done = demo.issues.get(a.id)
    assert done.status is IssueStatus.CLOSED and done.closed_on == TODAY
    assert messages.shown[-1] == ("info", "复查合格，已销号。")
    assert len(demo.documents.search(DocumentQuery(doc_type=DocType.REINSPECTION_OPINION))) == 1


def test_reinspection_needs_an_inspector(qtbot, monkeypatch, demo, messages, chain):
    a, _notice = _issued(demo)
    seen = []

    def fill(d):
        qtbot.addWidget(d)
        d.inspector.clear()
        d._on_accept()
        seen.append((d.result(), messages.last()))
        d.reject()

    drive(monkeypatch, ReinspectionDialog, fill)
    assert not chain().reinspect([a.id])
    assert seen == [(0, "请填写复查人")]
    assert demo.issues.get(a.id).status is IssueStatus.NOTIFIED
