"""双面打印 (issue 12, item 16): a per-machine setting, shown in the 设置 page and in the
notice dialog under its preview."""

from __future__ import annotations

import json
from datetime import date

from app.domain.documents import NoticeText
from app.settings import Settings, SettingsStore, load, save
from app.ui.issues.notice_dialog import DUPLEX_OFF, DUPLEX_ON, NoticeDialog


def test_duplex_is_off_by_default_and_saved(tmp_path):
    assert Settings().duplex_printing is False
    assert load(tmp_path).duplex_printing is False
    (tmp_path / "settings.json").write_text(
        json.dumps({"mask_phones_in_exports": False, "last_dir": "C:/"}), encoding="utf-8"
    )
    assert load(tmp_path).duplex_printing is False  # a file from before the setting existed
    save(tmp_path, Settings(duplex_printing=True))
    assert load(tmp_path).duplex_printing is True


def test_the_settings_page_checkbox_saves_the_setting(window, opened):
    page = window.go("设置")
    assert page.duplex.text() == "双面打印（送达回证另起一张纸）"
    assert not page.duplex.isChecked()
    page.duplex.setChecked(True)
    assert opened.settings.get().duplex_printing is True
    assert SettingsStore(opened.data_dir).get().duplex_printing is True  # saved at once
    page.duplex.setChecked(False)
    assert load(opened.data_dir).duplex_printing is False
    opened.settings.update(duplex_printing=True)
    page.load()
    assert page.duplex.isChecked()


def draft() -> NoticeText:
    return NoticeText(
        addressee="青禾物业服务有限公司",
        facts="1.消防通道堆放杂物；",
        legal_basis="《物业管理条例》第四十条",
        requirements="1.立即清理消防通道。",
        deadline=date(2026, 11, 23),
        contact="王明，0571-88886666",
        issuer="青禾镇物业管理监督办公室",
        issue_date=date(2026, 11, 9),
    )


def test_the_notice_dialog_says_whether_duplex_is_on(qtbot):
    off = NoticeDialog(draft())
    qtbot.addWidget(off)
    assert off.duplex_note.text() == DUPLEX_OFF and "双面打印：关" in DUPLEX_OFF
    on = NoticeDialog(draft(), duplex=True)
    qtbot.addWidget(on)
    assert on.duplex_note.text() == DUPLEX_ON and "双面打印：开" in DUPLEX_ON
    assert not on.duplex_note.isHidden()
