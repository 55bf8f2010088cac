import json

from app.settings import SETTINGS_FILE, Settings, SettingsStore, load


def test_a_settings_file_with_dropped_or_unknown_keys_still_loads(tmp_path):
    old = {"operator_name": "王建国", "last_dir": "D:/台账", "some_future_key": 1, "version": 1}
    (tmp_path / SETTINGS_FILE).write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    assert load(tmp_path) == Settings(operator_name="王建国")


def test_saving_writes_only_the_current_settings(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text(json.dumps({"last_dir": "D:/台账"}), encoding="utf-8")
    SettingsStore(tmp_path).update(operator_name="李娜")
    saved = json.loads((tmp_path / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert "last_dir" not in saved and saved["operator_name"] == "李娜"
