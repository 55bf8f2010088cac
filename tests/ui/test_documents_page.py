"""The 文书 page: list, filter, reopen and re-save the exact stored bytes, void with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from app.domain.doc_records import DocumentQuery
from app.domain.enums import DocType, IssueStatus, ServiceMethod
from app.domain.issues import ServiceFields
from app.ui.common.messages import MessageService
from app.ui.dialogs.void_dialog import VoidDialog
from app.ui.models.document_table_model import DocumentTableModel, number_key
from app.ui.pages.documents_page import DocumentsPage
from tests.conftest import TODAY
from tests.services.test_issue_chain import new_issue
from tests.ui.conftest import type_into

NUMBER, TYPE, ADDRESSEE, STATUS = 0, 1, 2, 6


@pytest.fixture
def chain(demo):
    """Two notices to two companies, and a 送达回证 for the first."""
    a = new_issue(demo, responsible_name="甲物业服务有限公司")
    b = new_issue(demo, responsible_name="乙物业管理有限公司")
    first = demo.chain.issue_notice([a.id], demo.chain.draft_notice([a.id]))
    second = demo.chain.issue_notice([b.id], demo.chain.draft_notice([b.id]))
    fields = ServiceFields(ServiceMethod.DIRECT, TODAY, first.row.addressee, "张经理", "李四")
    receipt = demo.chain.record_service(first.row.id, fields)
    return {"a": a, "first": first, "second": second, "receipt": receipt}


@pytest.fixture
def page(qtbot, demo, fake_files):
    p = DocumentsPage(demo, MessageService(dialogs=False), fake_files)
    qtbot.addWidget(p)
    p.show()
    p.activate()
    return p


def texts(page, column):
    m = page.proxy
    return [m.data(m.index(r, column)) for r in range(m.rowCount())]


def test_lists_every_document_and_passes_modeltester(qtmodeltester, chain, page):
    assert page.model.rowCount() == 3
    assert sorted(texts(page, TYPE)) == ["整改通知书", "整改通知书", "送达回证"]
    assert set(texts(page, STATUS)) == {"正常"}
    assert "共 3 份" in page.count.text()
    row = page.model.row_of(chain["first"].row.id)
    assert page.model.data(page.model.index(row, 5)) == f"#{chain['a'].id}"
    assert page.model.data(page.model.index(row, 4)) == "测试员"
    qtmodeltester.check(page.model, force_py=True)
    qtmodeltester.check(DocumentTableModel(), force_py=True)


def test_filters_by_text_type_date_and_voided(qtbot, chain, page):
    type_into(page.search, "乙物业")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert texts(page, ADDRESSEE) == ["乙物业管理有限公司"]
    page.search.clear()
    type_into(page.search, "〔2026〕1号")  # by 文号: the first notice and the first receipt
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=2000)
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=2000)
    page.doc_type.setCurrentIndex(page.doc_type.findData(DocType.SERVICE_RECEIPT))
    assert texts(page, TYPE) == ["送达回证"]
    assert [page.doc_type.itemText(i) for i in range(page.doc_type.count())] == [
        "全部类型",
        "整改通知书",
        "送达回证",
        "复查意见书",
    ]
    page.doc_type.setCurrentIndex(0)
    page.issued_from.setText((TODAY + timedelta(days=1)).isoformat())
    page.refresh()
    assert page.model.rowCount() == 0
    page.issued_from.setText("2026-11-2x")  # unreadable: marked, not applied
    page.refresh()
    assert page.model.rowCount() == 3
    page.issued_from.clear()
    page._services.documents.void(chain["second"].row.id, "受文单位写错")
    page.include_voided.setChecked(False)
    assert page.model.rowCount() == 2


def test_open_and_save_as_give_the_exact_stored_bytes(
    tmp_path, chain, page, opened_files, fake_files
):
    doc_id = chain["first"].row.id
    page.select(doc_id)
    assert page.selected_id() == doc_id
    page._on_open()
    assert (
        opened_files[-1].read_bytes() == chain["first"].pdf == page._services.documents.pdf(doc_id)
    )
    target = tmp_path / "重印.pdf"
    fake_files.save_to = lambda _suggested: target
    page._on_save_as()
    assert fake_files.asked[-1].startswith("另存为") and target.read_bytes() == chain["first"].pdf
    assert "完全一致" in page._messages.last()


def test_void_needs_a_reason_and_keeps_the_number(monkeypatch, chain, page):
    notice = chain["second"].row
    page.select(notice.id)
    assert page.void_button.isEnabled()
    seen = []

    def fake_exec(dialog):
        assert dialog.number_label.text() == notice.doc_number
        dialog._on_accept()  # no reason yet: stays open
        seen.append((dialog.result(), page._messages.last()))
        type_into(dialog.reason, "受文单位名称写错")
        dialog._on_accept()
        return dialog.result()

    monkeypatch.setattr(VoidDialog, "exec", fake_exec)
    page._on_void()
    assert seen == [(0, "作废文书时请写明原因")]
    row = page.model.row_of(notice.id)
    assert page.model.data(page.model.index(row, STATUS)) == "已作废（受文单位名称写错）"
    assert page.model.data(page.model.index(row, NUMBER)) == notice.doc_number
    grey = page.model.data(page.model.index(row, NUMBER), Qt.ItemDataRole.ForegroundRole)
    assert grey is not None
    assert page.selected_id() == notice.id and not page.void_button.isEnabled()
    services = page._services
    assert services.issues.get(chain["second"].row.issue_ids[0]).status is IssueStatus.OPEN
    # the number stays used: the next notice takes 3号
    b = chain["second"].row.issue_ids[0]
    again = services.chain.issue_notice([b], services.chain.draft_notice([b]))
    assert again.row.doc_number == "青禾镇物整〔2026〕3号"


def test_activate_refreshes_only_after_a_write(monkeypatch, demo, chain, page):
    calls = []
    real = demo.documents.search
    monkeypatch.setattr(demo.documents, "search", lambda q=None: calls.append(q) or real(q))
    page.activate()
    assert calls == []
    a = new_issue(demo)
    demo.chain.issue_notice([a.id], demo.chain.draft_notice([a.id]))
    page.activate()
    assert len(calls) == 1 and page.model.rowCount() == 4


def test_numbers_sort_as_numbers(demo, page):
    ids = [new_issue(demo).id for _ in range(10)]
    for i in ids:
        demo.chain.issue_notice([i], demo.chain.draft_notice([i]))
    page.refresh()
    page.table.sortByColumn(NUMBER, Qt.SortOrder.AscendingOrder)
    numbers = texts(page, NUMBER)
    assert numbers[0].endswith("〔2026〕1号") and numbers[-1].endswith("〔2026〕10号")
    rows = demo.documents.search(DocumentQuery())
    assert sorted(rows, key=number_key)[-1].doc_number.endswith("10号")
