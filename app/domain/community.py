"""Community and company records (DOMAIN.md §3) and their validation rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from app.domain import uscc as uscc_rules
from app.domain.enums import CommitteeStatus, EstateType, FilingKind, Listing, ManagementMode
from app.domain.errors import ValidationError

FILING_FIELDS: dict[FilingKind, str] = {
    FilingKind.AREA: "filing_area",
    FilingKind.COMMITTEE: "filing_committee",
    FilingKind.CONTRACT: "filing_contract",
    FilingKind.MANAGER: "filing_manager",
    FilingKind.HANDOVER: "filing_handover",
}

_PHONE = re.compile(r"^[0-9+\-() ]{5,20}$")
MAX_NAME = 100


@dataclass(frozen=True)
class CommunityFields:
    """Every editable field of a community. Areas are m² with two decimals."""

    name: str
    neighborhood: str
    address: str = ""
    year_built: int | None = None
    building_count: int | None = None
    household_count: int | None = None
    private_area: Decimal | None = None
    delivered_share: Decimal | None = None  # percent of private area delivered, 0–100
    is_high_rise: bool = False
    elevator_count: int | None = None
    is_old_estate: bool = False
    estate_type: EstateType = EstateType.COMMERCIAL
    management_mode: ManagementMode = ManagementMode.PROFESSIONAL
    company_id: int | None = None
    project_manager_name: str = ""
    project_manager_phone: str = ""
    has_party_branch: bool = False
    committee_status: CommitteeStatus = CommitteeStatus.NONE
    contract_start: date | None = None
    contract_end: date | None = None
    service_grade: str = ""
    fee_standard: Decimal | None = None  # 元/㎡·月
    filing_area: date | None = None
    filing_committee: date | None = None
    filing_contract: date | None = None
    filing_manager: date | None = None
    filing_handover: date | None = None
    notes: str = ""

    def filing(self, kind: FilingKind) -> date | None:
        value: date | None = getattr(self, FILING_FIELDS[kind])
        return value

    @property
    def filings_complete(self) -> int:
        return sum(1 for kind in FilingKind if self.filing(kind) is not None)

    def with_changes(self, **changes: object) -> CommunityFields:
        return replace(self, **changes)  # type: ignore[arg-type]


COMMUNITY_FIELD_NAMES = [f.name for f in fields(CommunityFields)]


@dataclass(frozen=True)
class CommunityRecord:
    id: int
    fields: CommunityFields
    company_name: str
    archived: bool
    updated_at: datetime | None = None


@dataclass(frozen=True)
class CommunityRow:
    """One row of the 小区 table: just what the table shows."""

    id: int
    name: str
    neighborhood: str
    management_mode: ManagementMode
    company_name: str
    household_count: int | None
    committee_status: CommitteeStatus
    filings_complete: int
    contract_end: date | None
    archived: bool


def contract_expiring(contract_end: date | None, today: date, within_days: int) -> bool:
    """True when the contract ends between today and today + within_days (inclusive)."""
    if contract_end is None:
        return False
    return today <= contract_end <= today + timedelta(days=within_days)


def _check_count(name: str, label: str, value: int | None, upper: int = 10_000_000) -> None:
    if value is not None and not 0 <= value <= upper:
        raise ValidationError(f"{label}不能为负数，也不能超过{upper}", field=name, value=value)


def _check_decimal(name: str, label: str, value: Decimal | None, upper: Decimal) -> None:
    if value is None:
        return
    if value < 0:
        raise ValidationError(f"{label}不能为负数", field=name, value=value)
    if value > upper:
        raise ValidationError(f"{label}不能超过{upper}", field=name, value=value)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValidationError(f"{label}最多保留两位小数", field=name, value=value)


def check_phone(name: str, label: str, value: str) -> None:
    if "*" in value:
        raise ValidationError(
            f"{label}是隐藏了中间四位的号码（{value}），不能作为真实号码保存。"
            "请填写完整号码，或使用不隐藏手机号的台账（导出时选择不隐藏）。",
            field=name,
            value=value,
        )
    if value and not _PHONE.match(value):
        raise ValidationError(f"{label}格式不正确：{value}", field=name, value=value)


def validate_community(c: CommunityFields, *, this_year: int) -> None:
    """Raise ValidationError (Chinese message, field name) for the first broken rule."""
    if not c.name.strip():
        raise ValidationError("小区名称不能为空", field="name", value=c.name)
    if len(c.name) > MAX_NAME:
        raise ValidationError(f"小区名称不能超过{MAX_NAME}个字", field="name", value=c.name)
    if not c.neighborhood.strip():
        raise ValidationError("所属社区不能为空", field="neighborhood", value=c.neighborhood)
    if c.year_built is not None and not 1900 <= c.year_built <= this_year + 1:
        raise ValidationError(
            f"建成年份应在1900至{this_year + 1}之间", field="year_built", value=c.year_built
        )
    _check_count("building_count", "楼栋数", c.building_count, 100_000)
    _check_count("household_count", "户数", c.household_count)
    _check_count("elevator_count", "电梯数", c.elevator_count, 100_000)
    _check_decimal("private_area", "专有部分面积", c.private_area, Decimal("100000000"))
    _check_decimal("delivered_share", "已交付面积占比", c.delivered_share, Decimal(100))
    _check_decimal("fee_standard", "物业费标准", c.fee_standard, Decimal(1000))
    if c.management_mode is ManagementMode.PROFESSIONAL and c.company_id is None:
        raise ValidationError(
            "管理方式为“专业物业”时须选择物业服务企业", field="company_id", value=None
        )
    if c.management_mode is ManagementMode.UNMANAGED and c.company_id is not None:
        raise ValidationError(
            "管理方式为“无物业(失管)”的小区不能有物业服务企业", field="company_id", value=None
        )
    if c.contract_start and c.contract_end and c.contract_end < c.contract_start:
        raise ValidationError(
            f"合同到期日（{c.contract_end}）不能早于合同开始日（{c.contract_start}）",
            field="contract_end",
            value=c.contract_end,
        )
    check_phone("project_manager_phone", "项目负责人电话", c.project_manager_phone)


@dataclass(frozen=True)
class CompanyFields:
    name: str
    uscc: str = ""
    legal_representative: str = ""
    address: str = ""
    phone: str = ""
    credit_grade: str = ""
    listing: Listing = Listing.NONE
    listing_date: date | None = None
    listing_reason: str = ""
    notes: str = ""


@dataclass(frozen=True)
class CompanyRecord:
    id: int
    fields: CompanyFields
    community_count: int


CREDIT_GRADES = ["", "AAA", "AA", "A", "B", "C"]


def validate_company(c: CompanyFields) -> CompanyFields:
    """Validate and return the company with its USCC normalised."""
    if not c.name.strip():
        raise ValidationError("企业名称不能为空", field="name", value=c.name)
    if len(c.name) > MAX_NAME:
        raise ValidationError(f"企业名称不能超过{MAX_NAME}个字", field="name", value=c.name)
    code = uscc_rules.validate(c.uscc) if uscc_rules.normalize(c.uscc) else ""
    check_phone("phone", "联系电话", c.phone)
    if c.credit_grade not in CREDIT_GRADES:
        raise ValidationError(f"信用等级无效：{c.credit_grade}", field="credit_grade")
    if c.listing is not Listing.NONE and not c.listing_reason.strip():
        raise ValidationError(
            f"列入{c.listing.label}须填写原因", field="listing_reason", value=c.listing_reason
        )
    return replace(c, name=c.name.strip(), uscc=code)


SORT_KEYS = (
    "name",
    "neighborhood",
    "management_mode",
    "company",
    "household_count",
    "committee_status",
    "filings_complete",
    "contract_end",
)


@dataclass(frozen=True)
class CommunityQuery:
    """What the 小区 table shows: filters and a sort, all done by the database."""

    text: str = ""
    neighborhood_id: int | None = None
    management_mode: ManagementMode | None = None
    old_estate_only: bool = False
    filings_incomplete_only: bool = False
    expiring_by: date | None = None  # contract ends between expiring_from and this date
    expiring_from: date | None = None
    company_id: int | None = None
    include_archived: bool = False
    sort_key: str = "name"
    descending: bool = False
