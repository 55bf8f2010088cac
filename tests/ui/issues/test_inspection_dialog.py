"""登记检查: an inspection and the issues it found, saved in one go."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.domain.enums import InspectionKind, IssueStatus
from app.domain.issues import IssueQuery
from app.ui.common.messages import MessageService
from app.ui.issues.inspection_dialog import InspectionDialog
from tests.conftest import TODAY
from tests.ui.conftest import type_into

FIRE = "消防安全隐患（通道占用、设施老化）"


def open_dialog(qtbot, services) -> InspectionDialog:
    dialog = InspectionDialog(services, MessageService(dialogs=False))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def collect(qtbot, dialog, community_id: int, description: str, deadline: str = "") -> None:
    """Fill the nested issue dialog as a user would and add the row."""
    nested = dialog.issue_dialog()
    assert nested is not None, dialog._messages.shown
    qtbot.addWidget(nested)
    nested.community.set_value(community_id)
    nested.category.setCurrentIndex(nested.category.findData(FIRE))
    type_into(nested.description, description)
    nested.responsible_name.setEditText(nested.responsible_name.currentText() or "某物业公司")
    if deadline:
        nested.deadline.setText(deadline)
    qtbot.mouseClick(nested.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.LeftButton)
    if nested.result_value is not None:
        dialog.add_issue(nested.result_value)


def test_record_an_inspection_with_two_issues(qtbot, demo):
    dialog = open_dialog(qtbot, demo)
    (a, _), (b, _), (c, _) = demo.communities.choices()[:3]
    dialog.inspected_on.setText("2026-11-20")
    dialog.kind.set_value(InspectionKind.SPECIAL)
    type_into(dialog.inspectors, "张三、李四,王五")
    dialog.set_checked([a, b])
    assert dialog.chosen.text() == "已选 2 个小区"
    collect(qtbot, dialog, a, "消防通道被占用")
    collect(qtbot, dialog, b, "楼道堆放杂物")
    assert dialog.issues.rowCount() == 2
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.LeftButton)
    assert dialog.result_value is not None, dialog._messages.shown
    inspection_id, ids = dialog.result_value
    assert len(ids) == 2
    for issue_id in ids:
        rec = demo.issues.get(issue_id)
        assert rec.inspection_id == inspection_id
        assert rec.fields.found_date == date(2026, 11, 20)
        assert rec.status is IssueStatus.OPEN
    first = demo.issues.timeline(ids[0])[0].text
    assert "专项检查" in first and "张三、李四、王五" in first
    assert c not in {demo.issues.get(i).fields.community_id for i in ids}


def test_the_nested_dialog_offers_only_the_chosen_communities(qtbot, demo):
    dialog = open_dialog(qtbot, demo)
    choices = demo.communities.choices()
    dialog.set_checked([choices[4][0], choices[7][0]])
    dialog.inspected_on.setText("2026-11-18")
    nested = dialog.issue_dialog()
    qtbot.addWidget(nested)
    offered = [nested.community.itemData(i) for i in range(1, nested.community.count())]
    assert offered == [choices[4][0], choices[7][0]]
    assert nested.found_date.isReadOnly() and nested.found_date.value() == date(2026, 11, 18)


def test_issues_need_a_chosen_community_first(qtbot, demo):
    dialog = open_dialog(qtbot, demo)
    assert dialog.issue_dialog() is None
    assert "请先勾选被检查的小区" in dialog._messages.last()


def test_a_bad_issue_stays_in_the_nested_dialog(qtbot, demo):
    dialog = open_dialog(qtbot, demo)
    cid = demo.communities.choices()[0][0]
    dialog.set_checked([cid])
    collect(qtbot, dialog, cid, "电梯年检过期", deadline=str(TODAY - timedelta(days=1)))
    assert dialog.issues.rowCount() == 0
    assert "早于发现日期" in dialog._messages.last()


def test_missing_inspectors_focus_the_field_and_write_nothing(qtbot, demo):
    dialog = open_dialog(qtbot, demo)
    cid = demo.communities.choices()[0][0]
    dialog.set_checked([cid])
    collect(qtbot, dialog, cid, "消防通道被占用")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.LeftButton)
    assert dialog.result_value is None and dialog.isVisible()
    assert "检查人员" in dialog._messages.last()
    assert dialog.focusWidget() is dialog.inspectors
    assert dialog.issues.rowCount() == 1  # the collected issue is still there
    assert demo.issues.search_ids(IssueQuery()) == []


def test_an_inspection_without_issues_is_fine(qtbot, demo):
    dialog = open_dialog(qtbot, demo)
    dialog.set_checked([demo.communities.choices()[0][0]])
    type_into(dialog.inspectors, "赵磊")
    dialog._on_accept()
    assert dialog.result_value is not None and dialog.result_value[1] == []


def test_filter_box_and_removing_a_row(qtbot, demo, qtmodeltester):
    dialog = open_dialog(qtbot, demo)
    choices = demo.communities.choices()
    name = choices[0][1]
    type_into(dialog.community_filter, name)
    visible = [
        dialog.communities.item(i).text()
        for i in range(dialog.communities.count())
        if not dialog.communities.item(i).isHidden()
    ]
    assert visible and all(name in v for v in visible) and len(visible) < len(choices)
    dialog.set_checked([choices[0][0]])
    collect(qtbot, dialog, choices[0][0], "垃圾满溢")
    collect(qtbot, dialog, choices[0][0], "路面破损")
    qtmodeltester.check(dialog.issues, force_py=True)
    dialog.issue_table.selectRow(0)
    qtbot.mouseClick(dialog.remove_issue_button, Qt.LeftButton)
    assert [f.description for f in dialog.issues.rows()] == ["路面破损"]
