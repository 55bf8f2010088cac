"""`propdesk poster`, `propdesk checklist` and `propdesk export ledger disclosure`."""

from __future__ import annotations

import openpyxl
import pytest

from app.bootstrap import open_data
from app.cli import main
from tests.documents.pdf_checks import A4_LONG, A4_SHORT, all_text, reader


@pytest.fixture
def county(tmp_path):
    folder = tmp_path / "data"
    opened = open_data(folder)
    opened.services.demo.load(12, 3, seed=3)
    name = opened.services.communities.choices()[0][1]
    opened.close()
    return folder, name


def run(capsys, *argv):
    code = main([*argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("size", "points"), [("A4", (A4_SHORT, A4_LONG)), ("A3", (841.89, 1190.55))]
)
def test_poster_on_a4_and_a3(capsys, county, tmp_path, size, points):
    folder, name = county
    out = tmp_path / f"poster-{size}.pdf"
    code, printed, err = run(
        capsys,
        "poster",
        "--community",
        name,
        "--out",
        str(out),
        "--size",
        size,
        "--data-dir",
        str(folder),
    )
    assert (code, err) == (0, "") and f"（{size}，12 个部门）" in printed
    data = out.read_bytes()
    box = reader(data).pages[0].mediabox
    assert (round(float(box.width), 0), round(float(box.height), 0)) == tuple(
        round(p) for p in points
    )
    text = all_text(data)
    assert "执法进小区公示牌" in text and name in text and "县住房和城乡建设局" in text


def test_checklist_blank_and_of_the_latest_visit(capsys, county, tmp_path):
    folder, name = county
    blank = tmp_path / "blank.pdf"
    code, printed, _ = run(
        capsys,
        "checklist",
        "--community",
        name,
        "--out",
        str(blank),
        "--blank",
        "--data-dir",
        str(folder),
    )
    assert code == 0 and "空白" in printed
    assert "信息公示检查表" in all_text(blank.read_bytes()) and name in all_text(blank.read_bytes())
    filled = tmp_path / "filled.pdf"
    code, printed, _ = run(
        capsys, "checklist", "--community", name, "--out", str(filled), "--data-dir", str(folder)
    )
    assert code == 0 and "检查结果" in printed  # the demo visited the first community


def test_unknown_community_and_export_ledger(capsys, county, tmp_path):
    folder, _ = county
    code, _, err = run(
        capsys,
        "poster",
        "--community",
        "不存在的小区",
        "--out",
        str(tmp_path / "x.pdf"),
        "--data-dir",
        str(folder),
    )
    assert code == 1 and "不存在的小区" in err and not (tmp_path / "x.pdf").exists()
    out = tmp_path / "d.xlsx"
    code, printed, _ = run(
        capsys, "export", "ledger", "disclosure", "--out", str(out), "--data-dir", str(folder)
    )
    assert code == 0 and "12 个小区" in printed
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert (
        rows[0][0].endswith("信息公示检查台账") and len([r for r in rows if r[3] == "公示率"]) >= 2
    )
