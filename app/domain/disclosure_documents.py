"""What the disclosure printouts show: plain data the PDF modules lay out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.disclosure import CheckResult


@dataclass(frozen=True)
class DepartmentLine:
    name: str  # 县住房和城乡建设局
    duties: str  # what it handles in a community, in one or two sentences
    contact: str = ""  # contact person
    phone: str = ""


@dataclass(frozen=True)
class PosterDoc:
    """The 执法进小区公示牌 of one community (seed 002 §二(二)9, seed 004 §三(一)4)."""

    office_name: str  # 青禾镇人民政府
    community: str
    complaint_phone: str  # the township's complaint number
    departments: tuple[DepartmentLine, ...]
    company: str = ""  # the community's property company, when it has one
    company_phone: str = ""
    printed_on: date | None = None
    size: str = "A4"  # "A4" or "A3" (portrait)


@dataclass(frozen=True)
class ChecklistLine:
    name: str
    frequency: str  # 长期公示 / 每半年 …
    result: CheckResult | None = None  # None on a blank form
    posted_on: date | None = None
    note: str = ""


@dataclass(frozen=True)
class ChecklistPage:
    """One community's 信息公示检查表: blank (ticked on foot) or filled from a visit."""

    community: str
    neighborhood: str
    company: str
    lines: tuple[ChecklistLine, ...]
    checked_on: date | None = None
    inspector: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ChecklistDoc:
    office_name: str
    pages: tuple[ChecklistPage, ...]  # one community per page
    blank: bool
    printed_on: date
