"""What the printed documents of the issue chain say (DOMAIN.md §4.3, §6), as plain data.

Services build these from the records; `app/documents` draws them. The wording is
composed here so that the preview the user edits and the PDF say exactly the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

PLACEHOLDER_NUMBER_TEXT = "〔    〕   号"


def cn_date(d: date | None) -> str:
    """GB/T 9704-2012 writes dates in Arabic numerals: 2026年11月23日 (no leading zeros)."""
    return "" if d is None else f"{d.year}年{d.month}月{d.day}日"


def format_doc_number(prefix: str, year: int, number: int) -> str:
    """X镇物整〔2026〕7号: prefix, year in 六角括号, number without leading zeros."""
    return f"{prefix}〔{year}〕{number}号"


@dataclass(frozen=True)
class Letterhead:
    office_name: str  # 发文机关标志, printed in red above the red line
    doc_number: str  # 发文字号, centred under it; "" on a blank form


@dataclass(frozen=True)
class NoticeText:
    """The editable wording of one 整改通知书."""

    addressee: str  # 主送: the responsible unit
    facts: str  # what was found; one numbered item per line
    legal_basis: str  # e.g. 《物业管理条例》第四十条
    requirements: str  # what must be done
    deadline: date
    contact: str  # 联系人及电话
    issuer: str  # 署名 (the office)
    issue_date: date
    closing: str = "逾期未整改或整改不到位的，我单位将依法依规予以处理，并记入企业信用档案。"
    period_days: int | None = None  # set when the pack counts the deadline from service

    def deadline_phrase(self) -> str:
        if self.period_days is not None:
            return f"自收到本通知之日起{self.period_days}日内"
        return f"于{cn_date(self.deadline)}前"

    def paragraphs(self) -> list[str]:
        """The body after the addressee line, one string per paragraph."""
        paras = ["经检查，发现你单位存在以下问题："]
        paras += [line.strip() for line in self.facts.splitlines() if line.strip()]
        basis = f"根据{self.legal_basis}的规定，" if self.legal_basis.strip() else ""
        paras.append(f"{basis}现责令你单位{self.deadline_phrase()}整改完毕，整改要求如下：")
        paras += [line.strip() for line in self.requirements.splitlines() if line.strip()]
        paras.append("整改完成后，请将整改情况书面报送我单位，我单位将组织复查。")
        if self.closing.strip():
            paras.append(self.closing.strip())
        if self.contact.strip():
            paras.append(f"联系人及电话：{self.contact.strip()}")
        return paras


@dataclass(frozen=True)
class NoticeDoc:
    letterhead: Letterhead
    text: NoticeText
    title: str = "整改通知书"


@dataclass(frozen=True)
class ReceiptDoc:
    """送达回证. On a blank form the service fields are empty, to be filled in by hand."""

    letterhead: Letterhead
    served_document: str  # 送达文书名称及文号, e.g. 整改通知书（青禾镇物整〔2026〕7号）
    recipient: str  # 受送达人
    place: str = ""  # 送达地点
    method: str = ""  # 送达方式 label (直接送达/留置送达/邮寄送达/委托送达)
    server: str = ""  # 送达人
    served_date: date | None = None
    signer: str = ""  # 受送达人（签收人）
    refusal_reason: str = ""  # 拒收事由
    witness: str = ""  # 见证人
    notes: str = ""
    issuer: str = ""
    issue_date: date | None = None
    title: str = "送达回证"
    method_choices: tuple[str, ...] = ("直接送达", "留置送达", "邮寄送达", "委托送达")


@dataclass(frozen=True)
class OpinionDoc:
    """复查意见书: the re-inspection result for one notice's issues."""

    letterhead: Letterhead
    addressee: str
    notice_ref: str  # 整改通知书 and its 文号 being checked, "" when none was issued
    community: str
    reinspection_date: date
    inspector: str
    items: Sequence[str]  # the issues re-inspected, one line each
    passed: bool
    opinion: str  # the inspector's words
    new_deadline: date | None
    issuer: str
    issue_date: date
    title: str = "复查意见书"

    def paragraphs(self) -> list[str]:
        basis = f"对照整改通知书（{self.notice_ref}），" if self.notice_ref else ""
        paras = [
            f"我单位于{cn_date(self.reinspection_date)}{basis}对你单位在{self.community}"
            f"的问题整改情况进行了复查，复查人员：{self.inspector}。复查的问题如下："
        ]
        paras += [line for line in self.items if line.strip()]
        verdict = "复查合格，准予销号。" if self.passed else "复查不合格。"
        paras.append(f"复查意见：{self.opinion.strip()}" if self.opinion.strip() else "复查意见：")
        paras.append(verdict)
        if not self.passed and self.new_deadline is not None:
            paras.append(
                f"请你单位于{cn_date(self.new_deadline)}前继续整改完毕，并将整改情况书面报送我单位。"
            )
        return paras


@dataclass(frozen=True)
class LedgerTable:
    """A ledger printed as a PDF table (A4 landscape, header repeated on every page)."""

    title: str
    office_name: str
    filled_date: date
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    col_widths_mm: Sequence[float] = field(default_factory=tuple)  # empty: even split
    preparer: str = ""
    reviewer: str = ""
    phone: str = ""


@dataclass(frozen=True)
class FilingMember:
    name: str
    role: str  # 主任/副主任/委员/候补委员
    room: str = ""  # 房号
    is_owner: bool = True
    party_member: bool = False
    votes: int | None = None  # 得票数
    phone: str = ""


@dataclass(frozen=True)
class FilingForm:
    """业主委员会备案表: the committee, its term, its members, the attached documents."""

    office_name: str  # 受理备案的单位
    community: str
    address: str
    body_name: str  # e.g. 幸福里小区业主委员会 (or 物业管理委员会)
    term_no: int  # 第几届
    elected_on: date | None
    term_start: date | None
    term_end: date | None
    seats: int
    households: int | None
    total_area: str  # m², already formatted
    participation: str  # e.g. 参与表决面积 20000/30000（66.67%）、人数 300/400（75.00%）
    members: Sequence[FilingMember]
    documents: Sequence[tuple[str, bool]]  # (材料名称, 已提交)
    filed_on: date | None = None
    certificate_no: str = ""
    contact: str = ""
    title: str = "业主委员会备案表"
