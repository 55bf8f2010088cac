from __future__ import annotations

import io

from app import paths
from app.services import self_check
from app.storage.migrate import head_revision


class _GbkConsole(io.StringIO):
    """A Chinese Windows console redirected to a file: code page 936, no ✓."""

    encoding = "gbk"

    def write(self, text: str) -> int:
        text.encode(self.encoding)  # raises UnicodeEncodeError like the real stream
        return super().write(text)


def test_all_checks_pass():
    out = io.StringIO()
    assert self_check.run(out) == 0
    lines = out.getvalue().splitlines()
    checks = [line for line in lines if line.startswith(("✓", "✗"))]
    assert len(checks) == len(self_check.CHECKS)
    assert all(line.startswith("✓ ") for line in checks), out.getvalue()
    head = head_revision(paths.migrations_dir())
    assert any("数据库迁移" in line and head in line for line in checks)
    assert any("整改通知书" in line and "送达回证" in line for line in checks)
    assert any("AAAAAA+" in line for line in checks)
    assert lines[-1] == f"自检通过：{len(self_check.CHECKS)} 项全部正常。"


def test_a_failing_check_is_reported_and_the_others_still_run(monkeypatch):
    def broken(_data):
        raise RuntimeError("故意失败")

    monkeypatch.setattr(self_check, "CHECKS", [("坏的检查", broken), *self_check.CHECKS[2:3]])
    out = io.StringIO()
    assert self_check.run(out) == 1
    text = out.getvalue()
    assert "✗ 坏的检查：失败 —— RuntimeError: 故意失败" in text
    assert "✓ 规则包" in text
    assert text.splitlines()[-1] == "自检未通过：2 项中有 1 项失败。"


def test_a_gbk_console_gets_marks_it_can_print(monkeypatch):
    monkeypatch.setattr(self_check, "CHECKS", self_check.CHECKS[2:3])
    out = _GbkConsole()
    assert self_check.run(out) == 0
    assert "√ 规则包" in out.getvalue()
