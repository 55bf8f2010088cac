"""The 报表 page: every ledger with its button, exported whole, and no stale text."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtWidgets import QLabel, QPushButton

from app.ui.pages.reports_page import LEDGERS


def test_every_ledger_has_a_button_and_nothing_is_pending(window, services):
    page = window.go("报表")
    texts = [b.text() for b in page.findChildren(QPushButton)]
    for text, *_rest in LEDGERS:
        assert f"导出{text}…" in texts
    labels = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "尚未完成" not in labels and "尚未" not in " ".join(texts)


def test_a_ledger_from_the_reports_page_ignores_the_communities_search(window, services, tmp_path):
    services.demo.load()
    total = len(services.communities.choices())
    communities = window.go("小区")
    communities.search.setText("嘉禾")  # a search still typed on the 小区 page
    communities.apply_filters()
    assert communities.model.rowCount() < total
    page = window.go("报表")
    out = tmp_path / "底数.xlsx"
    window.files.save_to = lambda _suggested: out
    page.ledger_buttons["小区底数台账（Excel）"].click()
    assert f"已导出全部 {total} 个小区" in window.messages.last()
    names = [row[1] for row in load_workbook(out).active.iter_rows(values_only=True)]
    assert sum(1 for n in names if isinstance(n, str) and n.strip()) >= total


def test_the_document_buttons_lead_to_their_pages(window):
    page = window.go("报表")
    (button,) = [b for b in page.findChildren(QPushButton) if b.text() == "转到“信息公示”"]
    button.click()
    assert window.stack.currentWidget() is window.pages["信息公示"]


def test_the_template_is_written(window, tmp_path):
    page = window.go("报表")
    out = tmp_path / "模板.xlsx"
    window.files.save_to = lambda _suggested: out
    page.template_button.click()
    assert out.exists() and "已保存导入模板" in window.messages.last()
