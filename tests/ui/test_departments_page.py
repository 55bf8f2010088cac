"""The 职能部门 page driven with qtbot: add through the dialog, edit, delete, move, restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from app.domain.departments import DepartmentFields
from app.services.department_service import DepartmentService
from app.ui.app import install_translations
from app.ui.common.messages import MessageService
from app.ui.dialogs.department_dialog import DepartmentDialog
from app.ui.fonts import ensure_cjk_font
from app.ui.pages.departments_page import HINT, DepartmentsPage
from tests.ui.conftest import type_into


@pytest.fixture
def messages():
    return MessageService(dialogs=False)


@pytest.fixture
def page(qtbot, services, messages):
    p = DepartmentsPage(DepartmentService(services.ctx), messages)
    qtbot.addWidget(p)
    p.activate()
    return p


def drive(monkeypatch, fill):
    """Replace DepartmentDialog.exec: fill the form, press 保存, return the result."""
    seen = []

    def fake_exec(self):
        seen.append(self)
        fill(self)
        self.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        return self.result()

    monkeypatch.setattr(DepartmentDialog, "exec", fake_exec)
    return seen


def names(page):
    return [d.fields.name for d in page.model.rows()]


def cell(page, row, column, role=Qt.ItemDataRole.DisplayRole):
    return page.model.data(page.model.index(row, column), role)


def test_page_shows_the_defaults_with_the_hint(page, qtmodeltester):
    assert HINT in [w.text() for w in page.findChildren(type(page.count))]
    assert page.model.rowCount() == 12
    assert [page.model.headerData(i, Qt.Orientation.Horizontal) for i in range(5)] == [
        "部门",
        "主要职责",
        "联系人",
        "联系电话",
        "公示牌上显示",
    ]
    assert cell(page, 0, 0) == "县住房和城乡建设局"
    assert "住宅专项维修资金" in cell(page, 0, 1)
    assert cell(page, 0, 1, Qt.ItemDataRole.ToolTipRole) == cell(page, 0, 1)
    assert cell(page, 0, 2) == "" and cell(page, 0, 4) == "是"
    assert page.count.text() == "共 12 个部门，公示牌显示 12 个"
    qtmodeltester.check(page.model)


def test_add_through_the_dialog(monkeypatch, page, services):
    def fill(d):
        assert d.windowTitle() == "新增职能部门" and d.active.isChecked()
        type_into(d.name, "镇派出所")
        type_into(d.duties, "辖区治安和矛盾纠纷")
        type_into(d.contact_person, "王警官")
        d.phone.setText("0731-7654321")

    seen = drive(monkeypatch, fill)
    page.add_button.click()
    assert seen and names(page)[-1] == "镇派出所"
    assert page.selected().fields.contact_person == "王警官"
    (new,) = [d for d in DepartmentService(services.ctx).list() if d.fields.name == "镇派出所"]
    assert new.fields.duties == "辖区治安和矛盾纠纷" and new.fields.phone == "0731-7654321"


def test_bad_value_keeps_the_dialog_open_and_focuses_the_field(monkeypatch, qtbot, page, messages):
    def fill(d):
        d.show()
        qtbot.waitExposed(d)
        d.name.setText("县公安局")  # already in the list

    seen = drive(monkeypatch, fill)
    page.add_button.click()
    dialog = seen[0]
    assert not dialog.result() and dialog.isVisible()
    assert dialog.focusWidget() is dialog.name
    assert messages.shown[-1] == ("warn", "部门“县公安局”已在列表中，不能重复添加")
    assert page.model.rowCount() == 12
    dialog.name.setText("镇派出所")
    dialog.phone.setText("1" * 41)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.focusWidget() is dialog.phone and "联系电话" in messages.last()
    dialog.close()


def test_edit_by_double_click(monkeypatch, qtbot, page, services):
    page.show()
    qtbot.waitExposed(page)

    def fill(d):
        assert d.windowTitle() == "修改职能部门"
        assert d.name.text() == "县公安局" and "治安" in d.duties.toPlainText()
        type_into(d.contact_person, "李警官")
        d.phone.setText("0731-1100110")
        d.active.setChecked(False)

    seen = drive(monkeypatch, fill)
    rect = page.table.visualRect(page.model.index(3, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert seen
    rec = page.model.rows()[3]
    assert rec.fields.contact_person == "李警官" and not rec.fields.active
    assert (cell(page, 3, 2), cell(page, 3, 3), cell(page, 3, 4)) == (
        "李警官",
        "0731-1100110",
        "否",
    )
    assert cell(page, 3, 0, Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    assert cell(page, 2, 0, Qt.ItemDataRole.ForegroundRole) is None
    assert page.selected().id == rec.id
    assert page.count.text() == "共 12 个部门，公示牌显示 11 个"
    assert rec.fields.sort_order == 40  # the dialog keeps its place
    assert "县公安局" not in [x.name for x in DepartmentService(services.ctx).poster_lines()]


def test_delete_asks_first(page, messages):
    first = page.model.rows()[0]
    page.select(first.id)
    messages.confirm_answer = False
    page.delete_button.click()
    assert messages.shown[-1][0] == "confirm" and "县住房和城乡建设局" in messages.last()
    assert names(page)[0] == "县住房和城乡建设局"
    messages.confirm_answer = True
    page.delete_button.click()
    assert "县住房和城乡建设局" not in names(page) and page.model.rowCount() == 11


def test_delete_key_and_new_shortcut(monkeypatch, qtbot, page, messages):
    page.show()
    page.activateWindow()
    assert QTest.qWaitForWindowActive(page)
    page.select(page.model.rows()[-1].id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "县信访局" not in names(page)
    seen = drive(monkeypatch, lambda d: d.name.setText("镇司法所"))
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen and names(page)[-1] == "镇司法所"


def test_move_up_and_down_keeps_the_selection(page):
    second = page.model.rows()[1]
    page.select(second.id)
    page.up_button.click()
    assert names(page)[:2] == ["县城市管理和综合执法局", "县住房和城乡建设局"]
    assert page.selected().id == second.id
    page.up_button.click()  # already first: nothing happens
    assert names(page)[0] == "县城市管理和综合执法局"
    page.down_button.click()
    page.down_button.click()
    assert names(page)[:3] == ["县住房和城乡建设局", "县市场监督管理局", "县城市管理和综合执法局"]
    assert page.selected().id == second.id


def test_buttons_without_a_selection_do_nothing(page, messages):
    page.table.clearSelection()
    for b in (page.edit_button, page.delete_button, page.up_button, page.down_button):
        b.click()
    assert page.model.rowCount() == 12 and messages.shown == []


def test_restore_defaults(page, messages, services):
    deps = DepartmentService(services.ctx)
    for d in page.model.rows()[:3]:
        deps.delete(d.id)
    page.refresh()
    assert page.model.rowCount() == 9
    messages.confirm_answer = False
    page.restore_button.click()
    assert page.model.rowCount() == 9
    messages.confirm_answer = True
    page.restore_button.click()
    assert page.model.rowCount() == 12 and names(page)[-3:] == [
        "县住房和城乡建设局",
        "县城市管理和综合执法局",
        "县市场监督管理局",
    ]
    assert messages.shown[-1] == ("info", "已恢复 3 个默认部门，请补填联系人和电话。")
    page.restore_button.click()
    assert messages.last() == "默认部门都在列表中，没有需要恢复的部门。"


def test_screenshot(qtbot, qapp, page, services):
    install_translations(qapp)
    ensure_cjk_font(qapp)
    first = page.model.rows()[0]
    DepartmentService(services.ctx).update(
        first.id, DepartmentFields(first.fields.name, first.fields.duties, "张三", "0731-1234567")
    )
    page.refresh(select=first.id)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    shots = Path("/tmp/shots")
    shots.mkdir(exist_ok=True)
    image = page.grab()
    assert image.width() == 1200
    assert image.save(str(shots / "departments.png"))
    dialog = page.open_dialog(page.selected())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.name.text() == "县住房和城乡建设局" and dialog.phone.text() == "0731-1234567"
    assert dialog.grab().save(str(shots / "department_dialog.png"))
