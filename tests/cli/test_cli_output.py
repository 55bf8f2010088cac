"""Every command that writes a file goes through app.cli.common.output/write: a wrong
extension is refused before any work, a write error is a Chinese message with exit 1 and no
traceback, nothing partial is left behind and an existing file is replaced only on success."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import types
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.bootstrap import open_data
from app.cli import COMMANDS, LEDGERS, build_parser, command_function, main
from app.services.ledger_service import LedgerService

REPO = Path(__file__).resolve().parents[2]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


def leftovers(folder: Path) -> list[str]:
    """Temporary files of a write (.<name>.partial-<random><ext>) left in `folder`."""
    return sorted(p.name for p in folder.iterdir() if ".partial-" in p.name)


def units_sheet(path: Path) -> Path:
    wb = Workbook()
    for row in (["房号", "面积", "业主"], ["1-101", 50, "张三"], ["1-102", 50, "李四"]):
        wb.active.append(row)
    wb.save(path)
    return path


# ---- the extension ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "name", "allowed"),
    [
        (["export", "ledger", "issues"], "x.docx", ".xlsx 或 .pdf"),
        (["export", "ledger", "issues"], "台账", ".xlsx 或 .pdf"),  # no extension at all
        (["export", "ledger", "funds"], "x.pdf", ".xlsx"),
        (["export", "ledger", "communities"], "x.pdf", ".xlsx"),
        (["export", "ledger", "committees"], "x.xls", ".xlsx"),
        (["export", "ledger", "disclosure"], "x.csv", ".xlsx"),
        (["template", "communities"], "x.pdf", ".xlsx"),
        (["poster", "--community", "任意"], "x.xlsx", ".pdf"),
        (["checklist", "--community", "任意"], "x.docx", ".pdf"),
        (["notice", "--issue", "1"], "x.xlsx", ".pdf"),
        (["split", "--cost", "100", "--units", "UNITS"], "x.pdf", ".xlsx"),
    ],
)
def test_a_wrong_extension_is_refused_before_any_work(
    capsys, data_dir, tmp_path, argv, name, allowed
):
    argv = [str(units_sheet(tmp_path / "units.xlsx")) if a == "UNITS" else a for a in argv]
    folder = tmp_path / "out"
    code, out, err = run(capsys, *argv, "--out", str(folder / name), "--data-dir", str(data_dir))
    assert (code, out) == (2, "")
    assert err.startswith("错误：") and "扩展名不对" in err and f"以 {allowed} 结尾" in err
    assert not folder.exists()  # not even the folder was made


def test_the_extension_is_case_insensitive_and_kept(capsys, data_dir, tmp_path):
    out = tmp_path / "LEDGER.XLSX"
    code, printed, err = run(
        capsys, "export", "ledger", "funds", "--out", str(out), "--data-dir", str(data_dir)
    )
    assert (code, err) == (0, "") and str(out) in printed
    assert load_workbook(out).active["A1"].value
    assert leftovers(tmp_path) == []


def test_a_ledger_is_written_in_the_format_its_name_asks_for(capsys, data_dir, tmp_path):
    """Issues: .xlsx is Excel, .pdf is PDF (before, any other name got an xlsx)."""
    xlsx, pdf = tmp_path / "l.xlsx", tmp_path / "l.pdf"
    for out in (xlsx, pdf):
        assert (
            run(
                capsys, "export", "ledger", "issues", "--out", str(out), "--data-dir", str(data_dir)
            )[0]
            == 0
        )
    assert xlsx.read_bytes()[:2] == b"PK" and pdf.read_bytes()[:5] == b"%PDF-"
    assert leftovers(tmp_path) == []


# ---- a path that cannot be written -----------------------------------------------------------
def unwritable(tmp_path: Path, kind: str) -> Path:
    if kind == "proc":
        return Path("/proc/x.xlsx")  # no new files in /proc, not even for root
    if kind == "proc-folder":
        return Path("/proc/propdesk-no-such-folder/x.xlsx")
    if kind == "under-a-file":  # a "folder" that is a file, like a drive that is not there
        (tmp_path / "not-a-folder").write_text("x")
        return tmp_path / "not-a-folder" / "x.xlsx"
    if kind == "a-folder":  # the target itself is a folder
        (tmp_path / "x.xlsx").mkdir()
        return tmp_path / "x.xlsx"
    assert kind == "read-only"
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("root (or Windows) writes into a read-only folder")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    return folder / "x.xlsx"


@pytest.mark.parametrize("kind", ["proc", "proc-folder", "under-a-file", "a-folder", "read-only"])
@pytest.mark.parametrize("what", ["issues", "funds"])
def test_an_unwritable_path_is_a_chinese_message_and_exit_1(capsys, data_dir, tmp_path, kind, what):
    target = unwritable(tmp_path, kind)
    code, out, err = run(
        capsys, "export", "ledger", what, "--out", str(target), "--data-dir", str(data_dir)
    )
    assert (code, out) == (1, "")
    assert err.startswith(f"错误：无法写入文件“{target}”：") and "Traceback" not in err
    if target.parent.is_dir() and target.parent != Path("/proc"):
        assert leftovers(target.parent) == []
    if kind == "read-only":
        target.parent.chmod(0o755)


def test_an_unwritable_path_in_a_fresh_process_prints_no_traceback(data_dir):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "export",
            "ledger",
            "issues",
            "--out",
            "/proc/x.xlsx",
            "--data-dir",
            str(data_dir),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith("错误：无法写入文件“/proc/x.xlsx”")
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


# ---- a write that fails half-way -------------------------------------------------------------
@pytest.mark.parametrize(
    ("error", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (PermissionError(errno.EACCES, "Permission denied"), "请先关闭"),
        (ValueError("I/O operation on closed file."), "写入时出错"),
    ],
)
def test_a_failed_write_leaves_the_existing_file_untouched(
    capsys, monkeypatch, data_dir, tmp_path, error, words
):
    written: list[Path] = []

    def half_way(self, path, query=None):
        path.write_bytes(b"PK half a workbook")
        written.append(path)
        raise error

    monkeypatch.setattr(LedgerService, "export_issues", half_way)
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"last week's ledger")
    code, out, err = run(
        capsys, "export", "ledger", "issues", "--out", str(target), "--data-dir", str(data_dir)
    )
    assert (code, out) == (1, "")
    assert err.startswith(f"错误：无法写入文件“{target}”") and words in err
    assert "Traceback" not in err and "partial" not in err  # the temporary name is not shown
    assert target.read_bytes() == b"last week's ledger"
    # the writer was given a temporary name next to the target, with the same extension
    assert written[0].parent == tmp_path and written[0].suffix == ".xlsx"
    assert written[0] != target and not written[0].exists()
    assert leftovers(tmp_path) == []


def test_openpyxl_failing_late_prints_nothing_but_the_message(data_dir, tmp_path):
    """openpyxl's write-only sheet reports a failed save only when it is collected; that
    report goes to the log, not to stderr (a fresh process: pytest hooks unraisables)."""
    opened = open_data(data_dir)
    opened.services.demo.load(3, 1, seed=3)  # rows: an empty sheet fails without the report
    opened.close()
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")
    script = (
        "import sys; from pathlib import Path\n"
        "from app.services.ledger_service import LedgerService\n"
        "real = LedgerService.export_issues\n"
        "LedgerService.export_issues = (\n"
        "    lambda self, path, q=None: real(self, Path('/proc/propdesk-x.xlsx'), q))\n"
        "from app.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "export",
            "ledger",
            "issues",
            "--out",
            str(target),
            "--data-dir",
            str(data_dir),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"错误：无法写入文件“{target}”")
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_split_writes_through_the_helper(capsys, monkeypatch, data_dir, tmp_path):
    from app.services.fund_papers import FundPapers

    def broken(self, path, result):
        raise OSError(errno.ENOSPC, "No space left on device")

    units = units_sheet(tmp_path / "units.xlsx")
    out = tmp_path / "split.xlsx"
    argv = [
        "split",
        "--cost",
        "100",
        "--units",
        str(units),
        "--out",
        str(out),
        "--data-dir",
        str(data_dir),
    ]
    monkeypatch.setattr(FundPapers, "export_units_split", broken)
    code, printed, err = run(capsys, *argv)
    assert (code, printed) == (1, "") and "磁盘空间不足" in err and not out.exists()
    monkeypatch.undo()
    code, printed, err = run(capsys, *argv)
    assert (code, err) == (0, "") and printed.splitlines()[-1] == f"已写出分摊明细：{out}"
    assert leftovers(tmp_path) == []


def test_a_notice_that_cannot_be_saved_still_prints_its_number(
    capsys, monkeypatch, data_dir, tmp_path
):
    opened = open_data(data_dir)
    opened.services.demo.load(3, 1, seed=3, issues=False)
    opened.close()
    name = (
        sqlite3.connect(data_dir / "propdesk.db")
        .execute("SELECT name FROM community ORDER BY id LIMIT 1")
        .fetchone()[0]
    )
    deadline = (date.today() + timedelta(days=10)).isoformat()
    code, out, _ = run(
        capsys,
        "issue",
        "add",
        "--data-dir",
        str(data_dir),
        "--community",
        name,
        "--category",
        "其他",
        "--description",
        "x",
        "--deadline",
        deadline,
        "--responsible",
        "某物业公司",
    )
    assert code == 0
    issue = out.strip()

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr("app.cli.common.os.replace", locked)
    target = tmp_path / "通知书.pdf"
    code, out, err = run(
        capsys, "notice", "--issue", issue, "--out", str(target), "--data-dir", str(data_dir)
    )
    assert code == 1 and out.strip().endswith("1号")  # the number was taken: it is printed
    assert err.startswith(f"错误：通知书已签发，但写入 {target} 失败（") and "文书" in err
    assert not target.exists() and leftovers(tmp_path) == []


# ---- the parser and the dispatch -------------------------------------------------------------
def test_gui_first_paint_exit_is_parsed():
    parser = build_parser()
    assert parser.parse_args(["gui", "--first-paint-exit"]).first_paint_exit is True
    assert parser.parse_args(["--first-paint-exit"]).first_paint_exit is True
    assert parser.parse_args(["gui"]).first_paint_exit is False
    assert parser.parse_args([]).first_paint_exit is False


def test_gui_first_paint_exit_reaches_run_gui(monkeypatch, tmp_path, capsys):
    calls = []

    def run_gui(data_dir, **kwargs):
        calls.append((data_dir, kwargs))
        return 0

    fake = types.ModuleType("app.ui.app")
    fake.run_gui = run_gui  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "app.ui.app", fake)
    assert main(["gui", "--first-paint-exit", "--data-dir", str(tmp_path)]) == 0
    assert main(["--first-paint-exit", "--data-dir", str(tmp_path)]) == 0
    assert main(["gui", "--no-error-dialogs"]) == 0
    assert calls == [
        (str(tmp_path), {"no_error_dialogs": False, "first_paint_exit": True}),
        (str(tmp_path), {"no_error_dialogs": False, "first_paint_exit": True}),
        (None, {"no_error_dialogs": True, "first_paint_exit": False}),
    ]
    assert main(["--first-paint-exit", "demo"]) == 2
    assert "只用于启动图形界面" in capsys.readouterr().err


def test_every_subcommand_has_one_function_in_its_area_module():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) == {*COMMANDS, "gui", "vote-check", "export"}  # none dead
    for command, (module, _) in COMMANDS.items():
        function = command_function(command, types.SimpleNamespace())
        assert callable(function) and function.__module__ == f"app.cli.{module}"
    export = sub.choices["export"]
    what = next(a for a in export._actions if a.dest == "what")
    assert list(what.choices) == list(LEDGERS)
    routes = {
        w: command_function("export", types.SimpleNamespace(what=w)).__module__ for w in LEDGERS
    }
    assert routes == {
        "communities": "app.cli.registry",
        "issues": "app.cli.issues",
        "committees": "app.cli.governance",
        "funds": "app.cli.funds",
        "disclosure": "app.cli.disclosure",
    }


def test_columns_choose_the_communities_ledgers_groups(tmp_path, capsys):
    from openpyxl import load_workbook

    data = tmp_path / "data"
    assert run(capsys, "demo", "--data-dir", str(data))[0] == 0
    out = tmp_path / "l.xlsx"
    code, _stdout, _stderr = run(capsys, "export", "ledger", "communities", "--out", str(out),
                                  "--columns", "合同,五备案", "--data-dir", str(data))  # fmt: skip
    assert code == 0
    heads = [c.value for c in load_workbook(out).active[3]]
    assert heads[1:4] == ["小区名称", "所属社区", "小区地址"] and "合同到期日期" in heads
    assert "物业服务企业" not in heads and len(heads) == 4 + 4 + 5
    code, _stdout, stderr = run(capsys, "export", "ledger", "communities", "--out", str(out),
                                 "--columns", "物业", "--data-dir", str(data))  # fmt: skip
    assert code != 0 and "没有名为“物业”的列组" in stderr and "Traceback" not in stderr
    code, _stdout, stderr = run(capsys, "export", "ledger", "funds", "--out", str(tmp_path / "f.xlsx"),
                                 "--columns", "合同", "--data-dir", str(data))  # fmt: skip
    assert code == 2 and "--columns 只用于小区底数台账" in stderr
