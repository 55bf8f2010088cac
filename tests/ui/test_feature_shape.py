"""The one shape of the feature pages (issue 11): one base, one selection API, every table
sortable, the standard shortcuts, and no module-level hooks in the UI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut

from app.ui.common.feature_page import FeaturePage

FEATURES = ["问题台账", "业委会", "维修资金", "信息公示"]
UI = Path(__file__).resolve().parents[2] / "app" / "ui"


@pytest.mark.parametrize("name", FEATURES)
def test_every_feature_page_builds_on_the_one_base(window, name):
    page = window.go(name)
    assert isinstance(page, FeaturePage)
    assert page.toolbar.objectName() == "page_toolbar"
    assert page.filters.search is not None and page.status is not None
    assert page.table.isSortingEnabled()
    keys = {s.key().toString() for s in page.findChildren(QShortcut)}
    for standard in (QKeySequence.StandardKey.Find, QKeySequence.StandardKey.New,
                     QKeySequence.StandardKey.Print, QKeySequence.StandardKey.Refresh):  # fmt: skip
        assert QKeySequence(standard).toString() in keys, (name, standard)
    assert "Ctrl+E" in keys


@pytest.mark.parametrize("name", FEATURES)
def test_the_same_selection_api_on_every_page(window, services, name):
    services.demo.load()
    page = window.go(name)
    first = page.model.id_at(0)
    assert first is not None
    assert page.select_id(first) and page.current_id() == first
    assert page.selected_ids() == [first]
    assert not page.select_id(-1)  # not in the table: nothing selected
    assert page.current_id() is None


def test_the_fund_table_sorts_in_the_database(window, services):
    services.demo.load()
    page = window.go("维修资金")
    column = page.model.column_of("budget")
    page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    budgets = [page.model.record(r).budget_fen for r in range(page.model.rowCount())]
    assert budgets == sorted(budgets) and len(set(budgets)) > 1
    page.table.sortByColumn(page.model.column_of("days"), Qt.SortOrder.DescendingOrder)
    days = [page.model.record(r).days_in_stage for r in range(page.model.rowCount())]
    assert days == sorted(days, reverse=True)
    assert page.query().sort == "days" and page.query().descending


def _module_level_names(tree: ast.Module) -> list[str]:
    names = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names += [t.id for t in targets if isinstance(t, ast.Name)]
    return names


def test_no_module_level_path_or_opener_hooks_remain_in_the_ui():
    """Files are asked for and opened through the FileService passed in, never through a
    module-level function that tests overwrite."""
    hooks = []
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hooks += [f"{path.name}:{n}" for n in _module_level_names(tree)
                  if any(w in n.upper() for w in ("OPENER", "ASK_", "PATH_PROVIDER"))]  # fmt: skip
        text = path.read_text(encoding="utf-8")
        if path.name != "files.py":
            assert "QFileDialog" not in text and "QDesktopServices" not in text, path
    assert hooks == []
