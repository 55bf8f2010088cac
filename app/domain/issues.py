"""The issue ledger (问题台账): records, rules and the status chain of DOMAIN.md §4.3."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.domain.enums import (
    AttachmentKind,
    InspectionKind,
    IssueSource,
    IssueStatus,
    ResponsibleKind,
    ServiceMethod,
)
from app.domain.errors import ConflictError, ValidationError

MAX_TEXT = 2000
SOURCES_NEEDING_REF = frozenset({IssueSource.HOTLINE, IssueSource.PETITION})


# ---- categories ------------------------------------------------------------------------------
@dataclass(frozen=True)
class IssueCategory:
    """One category with the defaults it suggests (DOMAIN.md §5.6)."""

    name: str
    deadline_days: int
    department: str
    legal_basis: str
    active: bool = True
    local: bool = False  # added by the office, not in the rule pack


@dataclass(frozen=True)
class CategoryOverride:
    """The office's own setting for a category; None keeps the rule pack's value."""

    name: str
    deadline_days: int | None = None
    department: str | None = None
    legal_basis: str | None = None
    active: bool = True
    local: bool = False


def merge_categories(
    pack: Sequence[IssueCategory], overrides: Sequence[CategoryOverride]
) -> list[IssueCategory]:
    """The pack's categories in pack order with the office's edits, then its local ones."""
    by_name = {o.name: o for o in overrides}
    out: list[IssueCategory] = []
    for c in pack:
        o = by_name.pop(c.name, None)
        if o is None:
            out.append(c)
            continue
        out.append(
            IssueCategory(
                name=c.name,
                deadline_days=c.deadline_days if o.deadline_days is None else o.deadline_days,
                department=c.department if o.department is None else o.department,
                legal_basis=c.legal_basis if o.legal_basis is None else o.legal_basis,
                active=o.active,
            )
        )
    for o in by_name.values():
        if o.local:
            out.append(
                IssueCategory(
                    name=o.name,
                    deadline_days=o.deadline_days or 15,
                    department=o.department or "",
                    legal_basis=o.legal_basis or "",
                    active=o.active,
                    local=True,
                )
            )
    return out


def find_category(text: str, categories: Sequence[IssueCategory]) -> IssueCategory:
    """The category named `text`, or the only one whose name starts with or contains it
    (so "消防安全隐患" finds "消防安全隐患（通道占用、设施老化）")."""
    t = text.strip()
    for c in categories:
        if c.name == t:
            return c
    hits = [c for c in categories if c.name.startswith(t)] or [
        c for c in categories if t and t in c.name
    ]
    if len(hits) == 1:
        return hits[0]
    names = "、".join(c.name for c in (hits or categories))
    raise ValidationError(
        f"问题类别“{t}”{'不唯一' if hits else '不存在'}，可选：{names}",
        field="category",
        value=text,
    )


def validate_category(c: IssueCategory) -> IssueCategory:
    name = c.name.strip()
    if not name:
        raise ValidationError("类别名称不能为空", field="name", value=c.name)
    if len(name) > 60:
        raise ValidationError("类别名称不能超过60个字", field="name", value=c.name)
    if not 1 <= c.deadline_days <= 365:
        raise ValidationError(
            "默认整改期限应为1至365天", field="deadline_days", value=c.deadline_days
        )
    return IssueCategory(
        name, c.deadline_days, c.department.strip(), c.legal_basis.strip(), c.active, c.local
    )


# ---- the issue -------------------------------------------------------------------------------
@dataclass(frozen=True)
class IssueFields:
    """Everything the user edits on an issue."""

    community_id: int | None
    category: str
    description: str
    found_date: date
    deadline: date
    responsible_name: str
    responsible_kind: ResponsibleKind = ResponsibleKind.COMPANY
    source: IssueSource = IssueSource.INSPECTION
    source_ref: str = ""
    legal_basis: str = ""
    measures: str = ""  # 整改要求/措施
    notes: str = ""


def default_deadline(found: date, category: IssueCategory) -> date:
    return found + timedelta(days=category.deadline_days)


def validate_issue(f: IssueFields, today: date, categories: Sequence[str]) -> IssueFields:
    """Check an issue's fields; returns them trimmed. Raises ValidationError naming the field."""
    if f.community_id is None:
        raise ValidationError("请选择小区", field="community_id", value=None)
    category = f.category.strip()
    if not category:
        raise ValidationError("请选择问题类别", field="category", value=f.category)
    if category not in categories:
        raise ValidationError(
            f"问题类别“{category}”不在类别清单中，请从清单中选择或先在设置中添加",
            field="category",
            value=f.category,
        )
    description = f.description.strip()
    if not description:
        raise ValidationError("问题描述不能为空", field="description", value=f.description)
    if len(description) > MAX_TEXT:
        raise ValidationError(
            f"问题描述不能超过{MAX_TEXT}个字", field="description", value=f.description
        )
    if f.found_date > today:
        raise ValidationError(
            f"发现日期 {f.found_date:%Y-%m-%d} 晚于今天，请检查",
            field="found_date",
            value=f.found_date,
        )
    if f.deadline < f.found_date:
        raise ValidationError(
            f"整改时限 {f.deadline:%Y-%m-%d} 早于发现日期 {f.found_date:%Y-%m-%d}，"
            "请改为发现日期当天或以后",
            field="deadline",
            value=f.deadline,
            rule="deadline>=found_date",
        )
    responsible = f.responsible_name.strip()
    if not responsible:
        raise ValidationError("请填写责任单位", field="responsible_name", value="")
    ref = f.source_ref.strip()
    if f.source in SOURCES_NEEDING_REF and not ref:
        raise ValidationError(
            f"来源为“{f.source.label}”时请填写编号（如工单号、信访件号）",
            field="source_ref",
            value="",
        )
    return IssueFields(
        community_id=f.community_id,
        category=category,
        description=description,
        found_date=f.found_date,
        deadline=f.deadline,
        responsible_name=responsible,
        responsible_kind=f.responsible_kind,
        source=f.source,
        source_ref=ref,
        legal_basis=f.legal_basis.strip(),
        measures=f.measures.strip(),
        notes=f.notes.strip(),
    )


# ---- overdue is derived, never stored --------------------------------------------------------
def is_overdue(status: IssueStatus, deadline: date, today: date) -> bool:
    return status is not IssueStatus.CLOSED and today > deadline


def days_overdue(status: IssueStatus, deadline: date, today: date) -> int:
    return (today - deadline).days if is_overdue(status, deadline, today) else 0


def status_text(status: IssueStatus, deadline: date, today: date) -> str:
    if is_overdue(status, deadline, today):
        return f"{status.label}（逾期{(today - deadline).days}天）"
    return status.label


# ---- the chain -------------------------------------------------------------------------------
OPEN_STATES = frozenset(s for s in IssueStatus if s is not IssueStatus.CLOSED)

# Re-inspection follows a notice or a reported fix: an issue still 待整改 is re-inspected
# only after its fix is reported (立行立改 goes 待整改 → 待复查 → 已销号).
REINSPECTABLE = frozenset(
    {IssueStatus.NOTIFIED, IssueStatus.RECTIFYING, IssueStatus.AWAITING_REINSPECTION}
)
# event -> (states it may happen in, the state it leads to)
_CHAIN: dict[str, tuple[frozenset[IssueStatus], IssueStatus]] = {
    "notice": (
        frozenset({IssueStatus.OPEN, IssueStatus.NOTIFIED, IssueStatus.RECTIFYING}),
        IssueStatus.NOTIFIED,
    ),
    "served": (frozenset({IssueStatus.NOTIFIED}), IssueStatus.RECTIFYING),
    "reported": (OPEN_STATES, IssueStatus.AWAITING_REINSPECTION),
    "reinspect_pass": (REINSPECTABLE, IssueStatus.CLOSED),
    "reinspect_fail": (REINSPECTABLE, IssueStatus.RECTIFYING),
}
EVENT_NAMES = {
    "notice": "下发整改通知书",
    "served": "登记送达",
    "reported": "登记整改情况",
    "reinspect_pass": "复查",
    "reinspect_fail": "复查",
}
_HINTS = {
    ("reinspect_pass", IssueStatus.OPEN): "请先下发整改通知书，或登记整改情况后再复查",
    ("reinspect_fail", IssueStatus.OPEN): "请先下发整改通知书，或登记整改情况后再复查",
    ("served", IssueStatus.RECTIFYING): "该通知书已登记过送达",
}


def can(status: IssueStatus, event: str) -> bool:
    return status in _CHAIN[event][0]


def advance(status: IssueStatus, event: str) -> IssueStatus:
    """The state after `event`, or ConflictError in plain Chinese when it can't happen now."""
    allowed, target = _CHAIN[event]
    if status not in allowed:
        hint = _HINTS.get((event, status), "")
        raise ConflictError(
            f"问题当前状态为“{status.label}”，不能{EVENT_NAMES[event]}"
            + (f"。{hint}" if hint else "")
        )
    return target


def after_void(
    status: IssueStatus,
    deadline: date,
    previous: tuple[IssueStatus, date] | None,
    later_live_notice: bool,
) -> tuple[IssueStatus, date]:
    """An issue's state after one of its notices is voided: back to what it was just before
    that notice, unless the chain has moved on since (a later notice, a reported fix, a
    re-inspection, close-out), in which case nothing about the issue changes."""
    if previous is None or later_live_notice:
        return status, deadline
    if status not in (IssueStatus.NOTIFIED, IssueStatus.RECTIFYING):
        return status, deadline
    return previous


@dataclass(frozen=True)
class ServiceFields:
    """送达: how a notice reached the responsible unit."""

    method: ServiceMethod
    served_on: date
    recipient: str  # 受送达人
    signer: str = ""  # who signed for it
    server: str = ""  # 送达人
    place: str = ""
    refused: bool = False
    refusal_reason: str = ""
    witness: str = ""
    notes: str = ""


def validate_service(f: ServiceFields, issued_on: date, today: date) -> ServiceFields:
    if f.served_on < issued_on:
        raise ValidationError(
            f"送达日期 {f.served_on:%Y-%m-%d} 早于通知书签发日期 {issued_on:%Y-%m-%d}",
            field="served_on",
            value=f.served_on,
        )
    if f.served_on > today:
        raise ValidationError("送达日期不能晚于今天", field="served_on", value=f.served_on)
    if not f.recipient.strip():
        raise ValidationError("请填写受送达人", field="recipient", value="")
    if not f.server.strip():
        raise ValidationError("请填写送达人", field="server", value="")
    if f.refused or f.method is ServiceMethod.LEFT:
        if not f.refusal_reason.strip():
            raise ValidationError(
                "拒收或留置送达时请填写拒收事由", field="refusal_reason", value=""
            )
        if not f.witness.strip():
            raise ValidationError("拒收或留置送达时请填写见证人", field="witness", value="")
    return ServiceFields(
        method=f.method,
        served_on=f.served_on,
        recipient=f.recipient.strip(),
        signer=f.signer.strip(),
        server=f.server.strip(),
        place=f.place.strip(),
        refused=f.refused,
        refusal_reason=f.refusal_reason.strip(),
        witness=f.witness.strip(),
        notes=f.notes.strip(),
    )


@dataclass(frozen=True)
class ReinspectionFields:
    inspected_on: date
    inspector: str
    passed: bool
    opinion: str = ""
    new_deadline: date | None = None


def validate_reinspection(f: ReinspectionFields, found: date, today: date) -> ReinspectionFields:
    if f.inspected_on < found:
        raise ValidationError(
            f"复查日期 {f.inspected_on:%Y-%m-%d} 早于发现日期 {found:%Y-%m-%d}",
            field="inspected_on",
            value=f.inspected_on,
        )
    if f.inspected_on > today:
        raise ValidationError("复查日期不能晚于今天", field="inspected_on", value=f.inspected_on)
    if not f.inspector.strip():
        raise ValidationError("请填写复查人", field="inspector", value="")
    if not f.passed:
        if f.new_deadline is None:
            raise ValidationError(
                "复查不合格时请设定新的整改时限", field="new_deadline", value=None
            )
        if f.new_deadline < f.inspected_on:
            raise ValidationError(
                f"新的整改时限 {f.new_deadline:%Y-%m-%d} 早于复查日期 {f.inspected_on:%Y-%m-%d}",
                field="new_deadline",
                value=f.new_deadline,
            )
    return ReinspectionFields(
        f.inspected_on,
        f.inspector.strip(),
        f.passed,
        f.opinion.strip(),
        None if f.passed else f.new_deadline,
    )


@dataclass(frozen=True)
class InspectionFields:
    inspected_on: date
    kind: InspectionKind
    inspectors: tuple[str, ...]
    community_ids: tuple[int, ...]
    notes: str = ""


def split_names(text: str) -> tuple[str, ...]:
    """'张三、李四, 王五' -> ('张三', '李四', '王五')."""
    for sep in "，,;；/ 　":
        text = text.replace(sep, "、")
    return tuple(n for n in (p.strip() for p in text.split("、")) if n)


def validate_inspection(f: InspectionFields, today: date) -> InspectionFields:
    if f.inspected_on > today:
        raise ValidationError("检查日期不能晚于今天", field="inspected_on", value=f.inspected_on)
    names = tuple(n.strip() for n in f.inspectors if n.strip())
    if not names:
        raise ValidationError("请至少填写一名检查人员", field="inspectors", value="")
    if not f.community_ids:
        raise ValidationError("请至少选择一个被检查小区", field="community_ids", value=())
    return InspectionFields(
        f.inspected_on, f.kind, names, tuple(dict.fromkeys(f.community_ids)), f.notes.strip()
    )


# ---- what the ledger page shows --------------------------------------------------------------
@dataclass(frozen=True)
class IssueQuery:
    text: str = ""
    statuses: tuple[IssueStatus, ...] = ()
    overdue_only: bool = False
    community_id: int | None = None
    neighborhood_id: int | None = None
    category: str = ""
    source: IssueSource | None = None
    responsible: str = ""
    found_from: date | None = None
    found_to: date | None = None
    sort: str = "found_date"
    descending: bool = True


@dataclass(frozen=True)
class IssueRow:
    id: int
    community: str
    neighborhood: str
    source: IssueSource
    source_ref: str
    found_date: date
    category: str
    description: str
    responsible_name: str
    measures: str
    deadline: date
    result: str
    completed_on: date | None
    status: IssueStatus
    closed_on: date | None
    reinspection: str  # e.g. "2026-11-20 合格（王五）"
    doc_numbers: str
    notes: str


@dataclass(frozen=True)
class IssueRecord:
    id: int
    fields: IssueFields
    community: str
    status: IssueStatus
    inspection_id: int | None
    result: str
    completed_on: date | None
    closed_on: date | None
    closed_by: str


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    kind: str  # found/notice/served/reported/reinspected/closed/photo/void
    text: str
    document_id: int | None = None
    attachment_id: int | None = None


@dataclass(frozen=True)
class AttachmentView:
    id: int
    issue_id: int
    kind: AttachmentKind
    path: str  # absolute path of the stored copy
    original_name: str
    added_on: date
    caption: str = ""


@dataclass(frozen=True)
class StatusCounts:
    by_status: dict[IssueStatus, int] = field(default_factory=dict)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())
