"""`propdesk vote-check` and `propdesk split`, in-process."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from app.bootstrap import open_data
from app.cli import main
from app.domain.office import OfficeProfile


def vote(capsys, matter="use", *, rules=None, data_dir=None, **figures: str):
    """Run vote-check on 30000 m² / 300 owners; returns (exit code, stdout lines, stderr)."""
    f = {
        "total_area": "30000",
        "total_owners": "300",
        "part_area": "20000",
        "part_owners": "200",
        "yes_area": "15000",
        "yes_owners": "150",
        **figures,
    }
    argv = ["vote-check", "--matter", matter]
    for key, value in f.items():
        argv += [f"--{key.replace('_', '-')}", value]
    if rules:
        argv += ["--rules", rules]
    if data_dir:
        argv += ["--data-dir", str(data_dir)]
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_vote_check_prints_each_test_then_pass(capsys, tmp_path):
    folder = tmp_path / "never-created"
    code, lines, err = vote(capsys, data_dir=folder)
    assert (code, err) == (0, "")
    assert lines == [
        "表决事项：使用维修资金",
        "表决规则：《民法典》第二百七十八条",
        "参与表决面积 20000/30000 = 66.67%（需 ≥ 2/3）✓",
        "参与表决人数 200/300 = 66.67%（需 ≥ 2/3）✓",
        "同意面积 15000/20000 = 75.00%（需 > 1/2）✓",
        "同意人数 150/200 = 75.00%（需 > 1/2）✓",
        "PASS",
    ]
    assert not folder.exists()  # no data folder, no database for a calculation


@pytest.mark.parametrize(
    ("figures", "verdict", "failing"),
    [
        ({"part_area": "20000"}, "PASS", None),  # exactly 2/3 participates
        ({"part_area": "19999.99", "yes_area": "15000"}, "FAIL", "参与表决面积"),
        ({"part_owners": "199", "yes_owners": "150"}, "FAIL", "参与表决人数"),
        ({"yes_area": "10000"}, "FAIL", "同意面积"),  # exactly 1/2 is not 过半数
        ({"yes_area": "10000.01"}, "PASS", None),
        ({"yes_owners": "100"}, "FAIL", "同意人数"),
        ({"yes_owners": "101"}, "PASS", None),
    ],
)
def test_vote_check_around_the_use_thresholds(capsys, figures, verdict, failing):
    code, lines, _ = vote(capsys, "use", **figures)
    assert code == 0 and lines[-1] == verdict
    crossed = [line.split()[0] for line in lines if line.endswith("✗")]
    assert crossed == ([failing] if failing else [])


@pytest.mark.parametrize(
    ("matter", "figures", "line", "verdict"),
    [
        # a failure of ≥ 2/3 must not print 66.67%
        ("use", {"part_area": "19999.99", "yes_area": "15000"},
         "参与表决面积 19999.99/30000 = 66.6666%（需 ≥ 2/3）✗", "FAIL"),
        # a pass of > 1/2 must not print 50.00%
        ("use", {"yes_area": "10000.01"}, "同意面积 10000.01/20000 = 50.0001%（需 > 1/2）✓", "PASS"),
        ("use", {"yes_area": "10000"}, "同意面积 10000/20000 = 50.00%（需 > 1/2）✗", "FAIL"),
        ("raise", {"yes_area": "15000"}, "同意面积 15000/20000 = 75.00%（需 ≥ 3/4）✓", "PASS"),
        # a failure of ≥ 3/4 must not print 75.00%
        ("raise", {"yes_area": "14999.99"},
         "同意面积 14999.99/20000 = 74.99995%（需 ≥ 3/4）✗", "FAIL"),
    ],
)  # fmt: skip
def test_vote_check_figures_never_contradict_the_marks(capsys, matter, figures, line, verdict):
    code, lines, _ = vote(capsys, matter, **figures)
    assert code == 0 and line in lines and lines[-1] == verdict


@pytest.mark.parametrize("matter", ["raise", "rebuild", "change-use"])
@pytest.mark.parametrize(
    ("figures", "verdict"),
    [
        ({"yes_area": "15000", "yes_owners": "150"}, "PASS"),  # exactly 3/4 of participation
        ({"yes_area": "14999.99", "yes_owners": "150"}, "FAIL"),
        ({"yes_area": "15000", "yes_owners": "149"}, "FAIL"),
    ],
)
def test_vote_check_around_three_quarters(capsys, matter, figures, verdict):
    code, lines, _ = vote(capsys, matter, **figures)
    assert code == 0 and lines[-1] == verdict
    assert "（需 ≥ 3/4）" in lines[4] and "（需 ≥ 3/4）" in lines[5]


def test_vote_check_use_passes_where_raise_fails(capsys):
    figures = {"yes_area": "10000.01", "yes_owners": "101"}
    assert vote(capsys, "use", **figures)[1][-1] == "PASS"
    assert vote(capsys, "raise", **figures)[1][-1] == "FAIL"


def test_vote_check_legacy_rule_is_labelled(capsys):
    code, lines, _ = vote(
        capsys,
        "use",
        rules="legacy",
        part_area="30000",
        part_owners="300",
        yes_area="20000",
        yes_owners="200",
    )
    assert code == 0
    assert lines[1].startswith("表决规则：旧规则") and "物业管理条例" in lines[1]
    assert lines[2:] == [
        "同意面积占总面积 20000/30000 = 66.67%（需 ≥ 2/3）✓",
        "同意人数占总人数 200/300 = 66.67%（需 ≥ 2/3）✓",
        "PASS",
    ]
    _, lines, _ = vote(
        capsys,
        "use",
        rules="legacy",
        part_area="30000",
        part_owners="300",
        yes_area="19999.99",
        yes_owners="200",
    )
    assert lines[-1] == "FAIL"
    _, lines, _ = vote(capsys, "use", rules="civil_code_2021")
    assert lines[1] == "表决规则：《民法典》第二百七十八条"


@pytest.mark.parametrize(
    ("figures", "words"),
    [
        ({"yes_owners": "-1"}, "同意人数不能为负数"),
        ({"total_area": "-30000"}, "总面积不能为负数"),
        ({"part_area": "20000.001"}, "最多保留两位小数"),
        ({"part_area": "30000.01"}, "参与表决面积 30000.01 ㎡ 超过总面积 30000 ㎡"),
        ({"part_owners": "301"}, "参与表决人数 301 人 超过业主总人数 300 人"),
        ({"yes_area": "20000.01"}, "同意面积 20000.01 ㎡ 超过参与表决面积 20000 ㎡"),
        ({"yes_owners": "201"}, "同意人数 201 人 超过参与表决人数 200 人"),
        ({"total_area": "三万"}, "不是有效的数字"),
        ({"total_owners": "300.5"}, "应为整数"),
        ({"total_owners": "0"}, "不能为零"),
    ],
)
def test_vote_check_invalid_input_exits_2(capsys, figures, words):
    code, lines, err = vote(capsys, **figures)
    assert code == 2 and lines == []
    assert err.startswith("错误：") and words in err


def test_vote_check_unknown_matter_is_an_argument_error(capsys):
    with pytest.raises(SystemExit) as exc:
        vote(capsys, "sell")
    assert exc.value.code == 2
    assert "错误：" in capsys.readouterr().err


# ---- split -----------------------------------------------------------------------------------
@pytest.fixture
def data(data_dir):
    opened = open_data(data_dir)
    opened.services.office.save_profile(OfficeProfile(name="青禾镇人民政府"))
    opened.close()
    return data_dir


def unit_sheet(path, rows):
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def test_split_three_awkward_units_adds_up_to_the_cost(data, tmp_path, capsys):
    units = unit_sheet(
        tmp_path / "units.xlsx",
        [
            ["房号", "面积", "业主"],
            ["1-101", 33.33, "张三"],
            ["1-102", 33.33, None],
            ["1-103", 33.33, "王五"],
        ],
    )
    out = tmp_path / "out" / "split.xlsx"
    argv = [
        "split",
        "--data-dir",
        str(data),
        "--cost",
        "100.00",
        "--units",
        str(units),
        "--out",
        str(out),
    ]
    assert main(argv) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "分摊合计 100.00 元，与维修费用 100.00 元一致（3 户，总面积 99.99 ㎡）"
    ws = load_workbook(out).active
    assert ws["A1"].value == "青禾镇人民政府维修资金分摊明细"
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    amounts = [Decimal(str(r[5])) for r in rows]
    assert amounts == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(amounts) == Decimal("100.00")
    assert rows[1][2] == "建设单位（未售）"
    total = next(r for r in ws.iter_rows(values_only=True) if r[0] == "合计")
    assert Decimal(str(total[5])) == Decimal("100.00")


def test_split_bad_sheet_or_cost_exits_1_and_writes_nothing(data, tmp_path, capsys):
    bad = unit_sheet(tmp_path / "bad.xlsx", [["房号", "面积"], ["1-101", "abc"], ["1-101", 50]])
    out = tmp_path / "split.xlsx"
    base = ["split", "--data-dir", str(data), "--out", str(out)]
    assert main([*base, "--cost", "100", "--units", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "第2行「面积(㎡)」“abc”" in err and "第3行「房号」" in err
    good = unit_sheet(tmp_path / "good.xlsx", [["房号", "面积"], ["1-101", 50]])
    assert main([*base, "--cost", "100.001", "--units", str(good)]) == 1
    assert "两位小数" in capsys.readouterr().err
    assert main([*base, "--cost", "0", "--units", str(good)]) == 1
    assert "大于零" in capsys.readouterr().err
    assert not out.exists()


def test_export_ledger_funds_writes_every_request(capsys, tmp_path):
    folder = tmp_path / "data"
    opened = open_data(folder)
    opened.services.demo.load(12, 3, seed=3)
    opened.close()
    out = tmp_path / "funds.xlsx"
    assert main(["export", "ledger", "funds", "--out", str(out), "--data-dir", str(folder)]) == 0
    printed = capsys.readouterr().out
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    serials = [r[1] for r in rows[3:] if r[1] and str(r[1]).startswith("20")]
    assert f"已导出维修资金使用台账：{len(serials)} 条" in printed
    assert len(serials) == 5  # the demo walks one request per chosen community
    assert any(r[1] == "合计" for r in rows)
