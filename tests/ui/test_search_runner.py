"""Background searches: the page shows the newest answer, from a real worker thread."""

from __future__ import annotations

import threading

from app.domain.enums import IssueStatus
from app.ui.common.messages import MessageService
from app.ui.issues.page import IssuesPage
from app.ui.search_runner import SearchRunner
from tests.ui.conftest import files_for
from tests.ui.issues.test_issues_page import new_issue


def test_only_the_newest_answer_is_delivered(qtbot):
    runner = SearchRunner()
    got, release = [], threading.Event()

    def slow():
        release.wait(5)
        return "old"

    runner.run(slow, got.append, got.append)
    runner.run(lambda: "new", got.append, got.append)
    qtbot.waitUntil(lambda: got == ["new"], timeout=5000)
    release.set()
    qtbot.wait(100)
    assert got == ["new"]


def test_errors_come_back_to_the_ui_thread(qtbot):
    runner = SearchRunner()
    errors, threads = [], []

    def boom():
        raise ValueError("x")

    runner.run(
        boom,
        lambda r: None,
        lambda e: (errors.append(e), threads.append(threading.current_thread())),
    )  # noqa: E501
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError) and threads[0] is threading.main_thread()


def test_issues_page_searches_in_the_background(qtbot, demo):
    a = new_issue(demo)
    new_issue(demo, description="楼道堆放杂物")
    page = IssuesPage(demo, MessageService(dialogs=False), files_for(demo), jobs=True)
    qtbot.addWidget(page)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5000)
    assert "共 2 个问题" in page.counts_label.text()
    page.filters.status.setCurrentIndex(page.filters.status.findText(IssueStatus.OPEN.label))
    page.apply_filters()
    qtbot.waitUntil(lambda: page.model.loaded and page.model.rowCount() == 2, timeout=5000)
    page.filters.search.setText("楼道")
    page.apply_filters()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.model.id_at(0) != a.id
