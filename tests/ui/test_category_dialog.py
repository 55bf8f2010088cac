"""问题类别设置: edit a default, switch a category off, add and remove a local one."""

from __future__ import annotations

from app.ui.common.messages import MessageService
from app.ui.dialogs.category_dialog import CategoryDialog


def test_edit_defaults_and_local_categories(qtbot, demo):
    messages = MessageService(dialogs=False)
    d = CategoryDialog(demo, messages)
    qtbot.addWidget(d)
    d.reload("收费不规范")
    assert d.deadline_days.value() == 15
    d.deadline_days.setValue(20)
    d.active.setChecked(False)
    d.save.click()
    cat = demo.issues.category("收费不规范")
    assert cat.deadline_days == 20 and not cat.active
    assert "收费不规范" not in [c.name for c in demo.issues.categories(active_only=True)]
    assert "〔停用〕" in d.names.currentItem().text()

    messages.confirm_answer = True
    d.reset.click()
    assert demo.issues.category("收费不规范").deadline_days == 15

    d.add_category("高空抛物")
    assert d.current().name == "高空抛物" and d.current().local
    assert d.reset.text() == "删除此类别"
    d.reset.click()
    assert demo.issues.category("高空抛物") is None
