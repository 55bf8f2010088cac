"""What the maintenance-fund printouts show: plain data the PDF modules lay out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ReviewBox:
    """One review level's box on the 审核表: blank lines until that level has decided."""

    level: str  # "社区（居委会）初审意见"
    opinion: str = ""  # "" → print blank lines for a handwritten opinion
    operator: str = ""
    on: date | None = None
    seal_label: str = "（盖章）"


@dataclass(frozen=True)
class FundReviewForm:
    """The 专项维修资金使用申请审核表 of one request."""

    office_name: str  # 青禾镇人民政府 (the township that prints it)
    serial: str  # 申请编号, e.g. "2026-003"
    community: str
    neighborhood: str
    applicant: str  # "业委会　幸福家园业主委员会"
    contact: str  # "张三　138****5678"
    applied_on: date | None
    project: str
    part: str  # 维修部位 / 设施设备
    reason: str
    scope: str  # 列支范围 text
    scope_households: int | None
    scope_area: str  # "12,345.67"
    budget_fen: int
    approved_fen: int | None
    emergency: bool
    emergency_lines: tuple[str, ...]  # category, evidence, confirmed by/on; () when ordinary
    vote_lines: tuple[str, ...]  # the evaluated vote tests, or one line saying why none
    disclosure: str  # "2026-10-01 至 2026-10-07（共 7 天）" or ""
    materials: tuple[tuple[str, str], ...]  # (material, "2026-10-08 已收" | "未收")
    boxes: tuple[ReviewBox, ...]  # community, township, county: in that order
    disbursements: tuple[tuple[str, date, int], ...]  # (kind label, paid on, fen)
    printed_on: date
