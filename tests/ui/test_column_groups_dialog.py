"""The column-group choice before the 小区底数台账 is exported (issue 12 item 15)."""

from __future__ import annotations

from app.domain.community_import import COLUMN_GROUPS
from app.ui.common.messages import MessageService
from app.ui.dialogs.column_groups_dialog import ColumnGroupsDialog, ask_column_groups


def test_every_group_checked_means_every_column(qtbot):
    d = ColumnGroupsDialog(messages=MessageService(dialogs=False))
    qtbot.addWidget(d)
    assert list(d.boxes) == list(COLUMN_GROUPS)
    assert d.fields() is None
    d.boxes["房屋情况"].setChecked(False)
    d.boxes["备注"].setChecked(False)
    assert d.fields() == ["物业管理", "合同", "五备案"]
    d._on_accept()
    assert d.result_value == ["物业管理", "合同", "五备案"]


def test_without_dialogs_every_column_is_exported():
    assert ask_column_groups(None, MessageService(dialogs=False)) == (True, None)
