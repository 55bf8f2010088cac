"""The county's "一张表" of communities: its columns and the parsing of one row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain import cells
from app.domain.community import CommunityFields
from app.domain.enums import CommitteeStatus, EstateType, LabelledEnum, ManagementMode
from app.domain.errors import ValidationError
from app.domain.tabular import CellKind, CellProblem, ColumnSpec, RawRow
from app.domain.text import clean_cell_text

C = ColumnSpec
K = CellKind
_YES_NO = ("是", "否")

COLUMNS: list[ColumnSpec] = [
    C(
        "name",
        "小区名称",
        required=True,
        aliases=("小区", "项目名称", "物业管理区域名称"),
        note="小区（物业管理区域）全称，本单位内不可重名；重复导入时按名称更新",
        example="幸福家园",
    ),
    C(
        "neighborhood",
        "所属社区",
        required=True,
        aliases=("社区", "社区(居委会)", "所属社区(居委会)"),
        note="所属社区（居委会）名称，不存在时自动新增",
        example="东风社区",
    ),
    C("address", "小区地址", aliases=("地址", "坐落", "坐落地址"), example="东风路18号"),
    C("year_built", "建成年份", K.INT, aliases=("建成年代", "竣工年份"), example="2008"),
    C("building_count", "楼栋数", K.INT, aliases=("栋数",), example="12"),
    C("household_count", "户数", K.INT, aliases=("总户数", "住户数"), example="860"),
    C(
        "private_area",
        "专有部分面积(㎡)",
        K.DECIMAL,
        aliases=("总建筑面积", "专有面积", "建筑面积"),
        note="平方米，最多两位小数",
        example="86500.50",
    ),
    C(
        "delivered_share",
        "已交付面积占比(%)",
        K.DECIMAL,
        aliases=("交付面积占比", "已交付比例"),
        note="百分数，填 85 或 85%",
        example="100",
    ),
    C("is_high_rise", "是否高层", K.BOOL, choices=_YES_NO, aliases=("高层",), example="是"),
    C("elevator_count", "电梯数", K.INT, aliases=("电梯数量", "电梯(部)"), example="24"),
    C(
        "is_old_estate",
        "是否老旧小区",
        K.BOOL,
        choices=_YES_NO,
        aliases=("老旧小区",),
        example="否",
    ),
    C(
        "estate_type",
        "房屋类型",
        K.CHOICE,
        choices=tuple(EstateType.labels()),
        aliases=("小区类型",),
        example="商品房",
    ),
    C(
        "management_mode",
        "管理方式",
        K.CHOICE,
        required=True,
        choices=tuple(ManagementMode.labels()),
        aliases=("物业管理方式",),
        note="专业物业须填写物业服务企业",
        example="专业物业",
    ),
    C(
        "company_name",
        "物业服务企业",
        aliases=("物业企业", "物业公司", "物业服务企业名称"),
        note="企业全称；不存在时按本行信息新增",
        example="示例物业服务有限公司",
    ),
    C(
        "company_uscc",
        "企业统一社会信用代码",
        aliases=("统一社会信用代码", "信用代码"),
        note="18位，自动校验校验位",
        example="91440300708461136T",
    ),
    C("project_manager_name", "项目负责人", aliases=("项目经理",), example="张三"),
    C(
        "project_manager_phone",
        "项目负责人电话",
        aliases=("项目经理电话", "负责人电话"),
        example="13800001234",
    ),
    C(
        "has_party_branch",
        "党组织覆盖",
        K.BOOL,
        choices=_YES_NO,
        aliases=("是否建立党组织",),
        example="是",
    ),
    C(
        "committee_status",
        "业委会情况",
        K.CHOICE,
        choices=tuple(CommitteeStatus.labels()),
        aliases=("业委会组建情况", "是否成立业委会"),
        example="已成立业委会",
    ),
    C("contract_start", "合同开始日期", K.DATE, aliases=("合同起始日期",), example="2023-01-01"),
    C(
        "contract_end",
        "合同到期日期",
        K.DATE,
        aliases=("合同截止日期", "合同结束日期"),
        example="2025-12-31",
    ),
    C("service_grade", "服务等级", aliases=("物业服务等级",), example="二级"),
    C(
        "fee_standard",
        "物业费标准(元/㎡·月)",
        K.DECIMAL,
        aliases=("物业费标准", "收费标准"),
        example="1.20",
    ),
    C("filing_area", "管理区域备案日期", K.DATE, aliases=("管理区域备案",), example="2019-03-01"),
    C("filing_committee", "业委会备案日期", K.DATE, aliases=("业委会备案",), example=""),
    C("filing_contract", "合同备案日期", K.DATE, aliases=("合同备案",), example="2023-01-15"),
    C("filing_manager", "项目负责人备案日期", K.DATE, aliases=("项目负责人备案",), example=""),
    C("filing_handover", "承接查验备案日期", K.DATE, aliases=("承接查验备案",), example=""),
    C("notes", "备注", example=""),
]
BY_KEY = {c.key: c for c in COLUMNS}

_CHOICE_ALIASES: dict[str, dict[str, str]] = {
    "management_mode": {
        "物业服务企业": "专业物业",
        "专业": "专业物业",
        "自管": "业主自管",
        "代管": "社区代管",
        "无物业": "无物业(失管)",
        "失管": "无物业(失管)",
        "无物业（失管）": "无物业(失管)",
    },
    "committee_status": {
        "无": "未成立",
        "否": "未成立",
        "是": "已成立业委会",
        "已成立": "已成立业委会",
        "业委会": "已成立业委会",
        "物业管理委员会": "物管会",
        "筹备": "筹备中",
    },
}
_ENUMS: dict[str, type[LabelledEnum]] = {
    "estate_type": EstateType,
    "management_mode": ManagementMode,
    "committee_status": CommitteeStatus,
}


@dataclass(frozen=True)
class ParsedRow:
    row: int
    fields: CommunityFields  # company_id is None here; the service resolves the company
    company_name: str
    company_uscc: str


def _choice(key: str, value: object) -> LabelledEnum | None:
    text = clean_cell_text(value)
    if not text:
        return None
    text = _CHOICE_ALIASES.get(key, {}).get(text, text)
    try:
        return _ENUMS[key].parse(text)
    except ValueError:
        options = "、".join(_ENUMS[key].labels())
        raise cells.CellError(f"应从以下选项中选择：{options}") from None


def _convert(col: ColumnSpec, value: object) -> object:
    if col.kind is CellKind.INT:
        return cells.to_int(value)
    if col.kind is CellKind.DECIMAL:
        return cells.to_decimal(value, percent=col.key == "delivered_share")
    if col.kind is CellKind.DATE:
        return cells.to_date(value)
    if col.kind is CellKind.BOOL:
        return cells.to_bool(value)
    if col.kind is CellKind.CHOICE:
        return _choice(col.key, value)
    return cells.to_text(value)


def parse_row(raw: RawRow) -> tuple[ParsedRow | None, list[CellProblem]]:
    """Convert every cell; collect a problem per bad cell instead of stopping at the first."""
    values: dict[str, object] = {}
    problems: list[CellProblem] = []
    for key, value in raw.values.items():
        col = BY_KEY.get(key)
        if col is None:
            continue
        try:
            converted = _convert(col, value)
        except cells.CellError as err:
            problems.append(CellProblem(raw.row, col.header, cells.to_text(value), err.message))
            continue
        if col.required and (converted is None or converted == ""):
            problems.append(CellProblem(raw.row, col.header, "", f"“{col.header}”为必填项"))
            continue
        values[key] = converted
    for col in COLUMNS:
        if (
            col.required
            and col.key not in raw.values
            and not any(p.column == col.header for p in problems)
        ):
            problems.append(CellProblem(raw.row, col.header, "", f"“{col.header}”为必填项"))
    if problems:
        return None, problems
    company_name = str(values.pop("company_name", "") or "")
    company_uscc = str(values.pop("company_uscc", "") or "")
    kwargs = {k: v for k, v in values.items() if v is not None}
    for flag in ("is_high_rise", "is_old_estate", "has_party_branch"):
        kwargs.setdefault(flag, False)
    fields = CommunityFields(**kwargs)  # type: ignore[arg-type]
    return ParsedRow(raw.row, fields, company_name, company_uscc), []


# The 小区底数台账's columns in groups a clerk can leave out so that a printed ledger stays
# readable (text never under 7 pt): all 29 columns print at about 5 pt even on A3.
ALWAYS = ("name", "neighborhood", "address")
COLUMN_GROUPS: dict[str, tuple[str, ...]] = {
    "房屋情况": ("year_built", "building_count", "household_count", "private_area",
                 "delivered_share", "is_high_rise", "elevator_count", "is_old_estate",
                 "estate_type"),
    "物业管理": ("management_mode", "company_name", "company_uscc", "project_manager_name",
                 "project_manager_phone", "has_party_branch", "committee_status"),
    "合同": ("contract_start", "contract_end", "service_grade", "fee_standard"),
    "五备案": ("filing_area", "filing_committee", "filing_contract", "filing_manager",
               "filing_handover"),
    "备注": ("notes",),
}  # fmt: skip


def column_keys(groups: Sequence[str] | None = None) -> list[str]:
    """The keys of the columns for these groups (all when None), in COLUMNS order; the
    community's name, neighbourhood and address are always there."""
    if groups is None:
        return [c.key for c in COLUMNS]
    unknown = [g for g in groups if g not in COLUMN_GROUPS]
    if unknown:
        raise ValidationError(
            f"没有名为“{'、'.join(unknown)}”的列组；可选：{'、'.join(COLUMN_GROUPS)}",
            field="columns",
        )
    chosen = set(ALWAYS).union(*(COLUMN_GROUPS[g] for g in groups))
    return [c.key for c in COLUMNS if c.key in chosen]


def export_row(f: CommunityFields, company_name: str, company_uscc: str) -> list[object]:
    """One community as a row in COLUMNS order (ledger export, re-importable)."""
    out: list[object] = []
    for col in COLUMNS:
        if col.key == "company_name":
            out.append(company_name)
        elif col.key == "company_uscc":
            out.append(company_uscc)
        else:
            v = getattr(f, col.key)
            if isinstance(v, LabelledEnum):
                v = v.label
            elif isinstance(v, bool):
                v = "是" if v else "否"
            out.append(v)
    return out
