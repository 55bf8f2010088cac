"""Importing the county's sheet: every row checked, one transaction, no duplicates."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.domain.community import CommunityQuery
from app.domain.errors import PropDeskError

VALID_USCC = "91440300708461136T"
HEADERS = [
    "小区名称",
    "所属社区",
    "管理方式",
    "物业服务企业",
    "企业统一社会信用代码",
    "户数",
    "合同到期日期",
    "专有部分面积(㎡)",
]


def row(
    name="幸福家园",
    hood="东风社区",
    mode="专业物业",
    company="安居物业",
    code=VALID_USCC,
    households=500,
    end="2027-06-30",
    area=45000.5,
):
    return [name, hood, mode, company, code, households, end, area]


def write(path: Path, rows, headers=HEADERS, title: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def problems(services, path):
    report = services.imports.check(path)
    return report, [(p.row, p.column, p.message) for p in report.problems]


def assert_nothing_written(services):
    assert services.communities.count(CommunityQuery(include_archived=True)) == 0
    assert services.companies.search() == []


def test_good_file_imports_every_row_and_reimport_updates(services, tmp_path):
    path = write(tmp_path / "ok.xlsx", [row(), row(name="阳光花园", households=300)])
    report = services.imports.check(path)
    assert report.ok and report.to_create == ("幸福家园", "阳光花园")
    assert report.new_companies == ("安居物业",)
    result = services.imports.apply(report)
    assert (result.created, result.updated, result.companies_created) == (2, 0, 1)
    path2 = write(
        tmp_path / "again.xlsx", [row(households=520), row(name="阳光花园", households=300)]
    )
    report2 = services.imports.check(path2)
    assert report2.to_update == ("幸福家园", "阳光花园") and report2.to_create == ()
    result2 = services.imports.apply(report2)
    assert (result2.created, result2.updated, result2.companies_created) == (0, 1, 0)
    assert services.communities.count() == 2
    rec = services.communities.get(services.communities.search_ids(CommunityQuery(text="幸福"))[0])
    assert rec.fields.household_count == 520
    assert rec.fields.contract_end == date(2027, 6, 30)
    assert len(services.companies.search()) == 1


def test_reimport_keeps_fields_of_columns_the_sheet_lacks(services, tmp_path):
    full = ["小区名称", "所属社区", "管理方式", "备注"]
    services.imports.apply(
        services.imports.check(
            write(tmp_path / "a.xlsx", [["甲小区", "东风社区", "社区代管", "保留我"]], full)
        )
    )
    services.imports.apply(
        services.imports.check(
            write(tmp_path / "b.xlsx", [["甲小区", "西岭社区", "社区代管"]], full[:3])
        )
    )
    rec = services.communities.records()[0]
    assert rec.fields.notes == "保留我" and rec.fields.neighborhood == "西岭社区"


@pytest.mark.parametrize(
    "raw", ["2023.6.5", "2023/06/05", "2023年6月5日", 45082, datetime(2023, 6, 5), "2023-06-05"]
)
def test_every_date_form_is_accepted(services, tmp_path, raw):
    report = services.imports.check(write(tmp_path / "d.xlsx", [row(end=raw)]))
    assert report.ok, report.problems
    assert report.rows[0].fields.contract_end == date(2023, 6, 5)


BAD_ROWS = [
    ("negative households", row(households=-5), "户数", "负数"),
    ("text in a number cell", row(households="很多"), "户数", "整数"),
    ("decimal households", row(households=12.5), "户数", "小数"),
    ("bad USCC check char", row(code=VALID_USCC[:17] + "A"), "企业统一社会信用代码", "应为“T”"),
    ("USCC wrong length", row(code="9144030070"), "企业统一社会信用代码", "18位"),
    ("unknown management mode", row(mode="托管"), "管理方式", "专业物业"),
    ("missing required cell", row(hood=""), "所属社区", "必填"),
    ("bad date", row(end="明年"), "合同到期日期", "日期"),
    ("impossible date", row(end="2023-02-30"), "合同到期日期", "日期"),
    ("professional without company", row(company="", code=""), "物业服务企业", "专业物业"),
    ("unmanaged with company", row(mode="无物业(失管)"), "物业服务企业", "失管"),
    ("area with three decimals", row(area="100.123"), "专有部分面积(㎡)", "两位小数"),
    ("negative area", row(area=-1), "专有部分面积(㎡)", "负数"),
]


@pytest.mark.parametrize(("label", "bad", "column", "text"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_bad_cells_are_reported_with_row_column_value_and_message(
    services, tmp_path, label, bad, column, text
):
    path = write(tmp_path / "bad.xlsx", [row(name="好小区"), bad])
    report, found = problems(services, path)
    assert not report.ok
    assert any(r == 3 and c == column and text in m for r, c, m in found), found
    with pytest.raises(PropDeskError):
        services.imports.apply(report)
    assert_nothing_written(services)


def test_duplicate_names_in_one_file(services, tmp_path):
    report, found = problems(services, write(tmp_path / "dup.xlsx", [row(), row()]))
    assert found == [(3, "小区名称", "与第2行的小区名称重复")]
    assert_nothing_written(services)


def test_same_uscc_for_two_companies_in_one_file(services, tmp_path):
    path = write(tmp_path / "u.xlsx", [row(), row(name="乙", company="另一家物业")])
    _report, found = problems(services, path)
    assert found and found[0][0] == 3


def test_missing_required_column(services, tmp_path):
    path = write(tmp_path / "m.xlsx", [["幸福家园", 500]], ["小区名称", "户数"])
    with pytest.raises(PropDeskError, match="所属社区"):
        services.imports.check(path)
    assert_nothing_written(services)


def test_headers_tolerate_spaces_full_width_order_and_a_title_row(services, tmp_path):
    headers = [
        "户 数",
        "所属社区",
        "小区名称＊",
        "管理方式",
        "物业服务企业",
        "企业统一社会信用代码",
        "合同到期日期",
        "专有部分面积（㎡）",
    ]
    r = row()
    data = [r[5], r[1], r[0], r[2], r[3], r[4], r[6], r[7]]
    path = write(tmp_path / "h.xlsx", [data], headers, title="某镇小区底数台账")
    report = services.imports.check(path)
    assert report.ok, report.problems
    assert report.rows[0].fields.household_count == 500


def test_merged_header_cells_are_refused(services, tmp_path):
    path = tmp_path / "merged.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["小区名称", "所属社区", "管理方式", "备案情况", ""])
    ws.merge_cells("D1:E1")
    ws.append(["甲", "东风社区", "社区代管", "", ""])
    wb.save(path)
    with pytest.raises(PropDeskError, match="D1:E1"):
        services.imports.check(path)


def test_empty_sheet(services, tmp_path):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(PropDeskError, match="空"):
        services.imports.check(path)


def test_header_only_sheet_has_nothing_to_import(services, tmp_path):
    report = services.imports.check(write(tmp_path / "h.xlsx", []))
    assert not report.ok and report.total_rows == 0
    with pytest.raises(PropDeskError):
        services.imports.apply(report)


def test_not_an_xlsx_file(services, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("小区名称,所属社区\n甲,乙\n", encoding="utf-8")
    with pytest.raises(PropDeskError, match="xlsx"):
        services.imports.check(path)


def test_corrupt_zip(services, tmp_path):
    good = write(tmp_path / "good.xlsx", [row()])
    data = good.read_bytes()
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(data[: len(data) // 2])
    with pytest.raises(PropDeskError, match="损坏|无法读取"):
        services.imports.check(corrupt)


def test_missing_file(services, tmp_path):
    with pytest.raises(PropDeskError):
        services.imports.check(tmp_path / "nope.xlsx")


def test_reimport_with_conflicting_uscc_for_known_company(services, tmp_path):
    services.imports.apply(services.imports.check(write(tmp_path / "a.xlsx", [row()])))
    other = "91350100M000100Y43"
    from app.domain import uscc

    other = other[:17] + uscc.check_char(other[:17])
    _r, found = problems(services, write(tmp_path / "b.xlsx", [row(code=other)]))
    assert found and "不一致" in found[0][2]


@pytest.mark.slow
def test_ten_thousand_rows(services, tmp_path):
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(HEADERS)
    for i in range(10_000):
        ws.append(
            row(
                name=f"小区{i:05d}",
                hood=f"社区{i % 20}",
                company=f"物业{i % 50}",
                code="",
                households=100 + i % 900,
            )
        )
    path = tmp_path / "big.xlsx"
    wb.save(path)
    report = services.imports.check(path)
    assert report.ok and len(report.to_create) == 10_000
    result = services.imports.apply(report)
    assert result.created == 10_000 and result.companies_created == 50
    assert services.communities.count() == 10_000
