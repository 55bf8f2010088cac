"""`propdesk issue add`, `propdesk notice` and `propdesk export ledger issues`, in-process."""

from __future__ import annotations

import io
import sqlite3
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.bootstrap import open_data
from app.cli import main


@pytest.fixture
def data(tmp_path):
    """Demo communities without demo issues, so numbers and counts start from zero."""
    folder = tmp_path / "data"
    opened = open_data(folder)
    opened.services.demo.load(issues=False)
    opened.close()
    return folder


def first_community(folder) -> str:
    return (
        sqlite3.connect(folder / "propdesk.db")
        .execute("SELECT name FROM community ORDER BY id LIMIT 1")
        .fetchone()[0]
    )


def add(folder, capsys, *extra: str, deadline: date | None = None) -> int:
    d = deadline or date.today() + timedelta(days=10)
    argv = [
        "issue",
        "add",
        "--data-dir",
        str(folder),
        "--community",
        first_community(folder),
        "--category",
        "消防安全隐患",
        "--description",
        "消防通道被电动车占用",
        "--deadline",
        d.isoformat(),
        *extra,
    ]
    assert main(argv) == 0, capsys.readouterr().err
    return int(capsys.readouterr().out.strip())


def test_issue_add_notice_and_ledger(data, tmp_path, capsys):
    first = add(data, capsys)
    second = add(data, capsys, "--source", "12345", "--ref", "GD001")
    late = add(
        data,
        capsys,
        "--found",
        (date.today() - timedelta(days=9)).isoformat(),
        deadline=date.today() - timedelta(days=1),
    )
    assert (first, second, late) == (first, first + 1, first + 2)

    out = tmp_path / "notice.pdf"
    assert (
        main(
            [
                "notice",
                "--data-dir",
                str(data),
                "--issue",
                str(first),
                "--issue",
                str(second),
                "--out",
                str(out),
            ]
        )
        == 0
    )  # noqa: E501
    number = capsys.readouterr().out.strip()
    assert number == f"青禾镇物整〔{date.today().year}〕1号"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert number in text.replace(" ", "")

    xlsx = tmp_path / "overdue.xlsx"
    assert (
        main(
            ["export", "ledger", "issues", "--data-dir", str(data), "--out", str(xlsx), "--overdue"]
        )
        == 0
    )  # noqa: E501
    assert "1 个问题" in capsys.readouterr().out
    ws = load_workbook(xlsx).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(r for r in values if r[0] == "序号")
    assert header[:4] == ["序号", "小区", "社区", "来源"] and "文书号" in header
    data_rows = [r for r in values if isinstance(r[0], int)]
    assert len(data_rows) == 1 and "逾期1天" in data_rows[0][header.index("备注")]

    xlsx2 = tmp_path / "notified.xlsx"
    assert (
        main(
            [
                "export",
                "ledger",
                "issues",
                "--data-dir",
                str(data),
                "--out",
                str(xlsx2),
                "--status",
                "已下发通知",
            ]
        )
        == 0
    )  # noqa: E501
    rows = [
        r for r in load_workbook(xlsx2).active.iter_rows(values_only=True) if isinstance(r[0], int)
    ]  # noqa: E501
    assert len(rows) == 2 and all(number in r[header.index("文书号")] for r in rows)


def test_bad_input_exits_non_zero_with_chinese_message(data, capsys):
    base = ["issue", "add", "--data-dir", str(data), "--community", first_community(data)]
    tail = ["--category", "其他", "--description", "x"]
    assert main([*base, *tail, "--deadline", "2026-01-01", "--found", "2026-02-01"]) == 1
    assert "早于发现日期" in capsys.readouterr().err
    assert main([*base, *tail, "--deadline", "明天"]) == 1
    assert "不是有效日期" in capsys.readouterr().err
    assert (
        main(
            [*base, "--category", "不存在的类别", "--description", "x", "--deadline", "2030-01-01"]
        )
        == 1
    )  # noqa: E501
    assert "不存在" in capsys.readouterr().err
    assert main(["notice", "--data-dir", str(data), "--issue", "999", "--out", "/tmp/x.pdf"]) == 1
    assert "不存在" in capsys.readouterr().err
    count = sqlite3.connect(data / "propdesk.db").execute("SELECT count(*) FROM issue").fetchone()
    assert count == (0,)


def test_ledger_as_pdf_follows_the_filter(data, tmp_path, capsys):
    add(data, capsys)
    add(
        data,
        capsys,
        "--found",
        (date.today() - timedelta(days=9)).isoformat(),
        deadline=date.today() - timedelta(days=2),
    )
    out = tmp_path / "ledger.pdf"
    assert (
        main(
            ["export", "ledger", "issues", "--data-dir", str(data), "--out", str(out), "--overdue"]
        )
        == 0
    )  # noqa: E501
    assert "1 个问题" in capsys.readouterr().out
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "")
    assert "问题整改台账" in text and "逾期2天" in text
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape
