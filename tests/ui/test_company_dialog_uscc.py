"""The company dialog shows USCC doubts in an amber label that does not stop the save."""

from __future__ import annotations

from app.domain import uscc
from app.ui.dialogs.company_dialog import CompanyDialog
from tests.ui.conftest import type_into

VALID = "91440300708461136T"


def test_doubts_show_in_amber_and_the_company_still_saves(window, services, qtbot):
    dialog = CompanyDialog(services.companies, window.messages)
    qtbot.addWidget(dialog)
    type_into(dialog.name, "某物业")
    code = VALID[:16] + "7"  # embedded organisation code 70846113-7 fails GB 11714
    code += uscc.check_char(code)
    type_into(dialog.uscc, code)
    assert dialog.uscc_hint.text().startswith("✓")
    assert not dialog.uscc_warnings.isHidden()
    assert dialog.uscc_warnings.property("role") == "warning"
    assert "组织机构代码“70846113-7”" in dialog.uscc_warnings.text()
    dialog._on_accept()
    assert dialog.result_value is not None
    assert [c.fields.uscc for c in services.companies.search()] == [code]


def test_a_zero_width_space_passes_quietly(window, services, qtbot):
    dialog = CompanyDialog(services.companies, window.messages)
    qtbot.addWidget(dialog)
    type_into(dialog.uscc, "\u200b9144\u200b0300708461136T\u2060")
    assert dialog.uscc_hint.text() == f"✓ 校验通过：{VALID}"
    assert dialog.uscc_warnings.isHidden() and dialog.uscc_warnings.text() == ""
    dialog.uscc.clear()
    type_into(dialog.uscc, "\u200b")  # nothing visible: no hint, and saves with no code
    assert dialog.uscc_hint.text() == ""
    type_into(dialog.name, "无代码物业")
    dialog._on_accept()
    assert dialog.result_value is not None and dialog.result_value.fields.uscc == ""
