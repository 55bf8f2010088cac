"""Disclosure checklists (信息公示, DOMAIN.md §3 "Disclosure", §5.4): the items a community
must post, what a check visit found, and whether each item is current today.

An item's state comes from its latest check entry and from dates alone, with the deadline
engine's period convention (DOMAIN.md §5.8): a half-yearly item posted on 2026-05-23 is
current through 2026-11-23 and overdue from 2026-11-24, even when nobody has visited since.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from app.domain.deadlines import period_end
from app.domain.enums import LabelledEnum


class Frequency(LabelledEnum):
    LONG_TERM = ("long_term", "长期公示")
    QUARTERLY = ("quarterly", "每季度")
    HALF_YEARLY = ("half_yearly", "每半年")
    YEARLY = ("yearly", "每年")

    @property
    def months(self) -> int | None:
        return {"quarterly": 3, "half_yearly": 6, "yearly": 12}.get(self.value)


class CheckResult(LabelledEnum):
    POSTED = ("posted", "已公示")
    MISSING = ("missing", "未公示")
    INCOMPLETE = ("incomplete", "内容不全")
    EXPIRED = ("expired", "已过期")

    @property
    def failing(self) -> bool:
        return self is not CheckResult.POSTED


@dataclass(frozen=True)
class DisclosureItem:
    code: str
    name: str
    frequency: Frequency
    active: bool = True
    local: bool = False  # added by the office, not from the rule pack


@dataclass(frozen=True)
class DisclosureRules:
    target_rate: Fraction
    items: tuple[DisclosureItem, ...]


@dataclass(frozen=True)
class CheckEntry:
    """What a visit found for one item (a snapshot of the item's name and frequency)."""

    item_code: str
    item_name: str
    frequency: Frequency
    result: CheckResult
    posted_on: date | None = None
    note: str = ""
    checked_on: date | None = None  # the visit's date (filled when read back)


class ItemState(LabelledEnum):
    CURRENT = ("current", "现行有效")
    OVERDUE = ("overdue", "已逾期")  # posted, but its period has passed
    FAILING = ("failing", "检查未通过")  # the last visit found it missing/incomplete/expired
    UNCHECKED = ("unchecked", "未检查")


@dataclass(frozen=True)
class ItemStatus:
    item: DisclosureItem
    state: ItemState
    entry: CheckEntry | None = None
    current_until: date | None = None  # last day a periodic item is current
    overdue_since: date | None = None  # first day it is not (overdue or failing)

    def overdue_days(self, today: date) -> int:
        """Days late, counted like the deadline engine's: one day after the last day it was
        current (a failing item: days since the visit found it)."""
        if self.state is ItemState.OVERDUE and self.current_until is not None:
            return (today - self.current_until).days
        return (today - self.overdue_since).days if self.overdue_since else 0

    def describe(self, today: date) -> str:
        if self.state is ItemState.CURRENT:
            if self.current_until:
                return f"现行有效，至 {self.current_until:%Y-%m-%d}"
            return "现行有效"
        if self.state is ItemState.OVERDUE:
            return f"已逾期 {self.overdue_days(today)} 天（有效期至 {self.current_until:%Y-%m-%d}）"
        if self.state is ItemState.FAILING and self.entry is not None:
            return f"{self.entry.result.label}，已 {self.overdue_days(today)} 天"
        return "未检查"


def item_status(item: DisclosureItem, entry: CheckEntry | None, today: date) -> ItemStatus:
    """The state of one item today, from its latest check entry (None: never checked)."""
    if entry is None:
        return ItemStatus(item, ItemState.UNCHECKED)
    if entry.result.failing:
        return ItemStatus(item, ItemState.FAILING, entry, overdue_since=entry.checked_on)
    months = item.frequency.months
    if months is None:
        return ItemStatus(item, ItemState.CURRENT, entry)
    posted = entry.posted_on or entry.checked_on
    if posted is None:
        return ItemStatus(item, ItemState.UNCHECKED, entry)
    until = period_end(posted, months)
    if today <= until:
        return ItemStatus(item, ItemState.CURRENT, entry, current_until=until)
    return ItemStatus(item, ItemState.OVERDUE, entry, until, until + timedelta(days=1))


@dataclass(frozen=True)
class Compliance:
    current: int
    required: int

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.current, self.required) if self.required else None

    def text(self) -> str:
        return f"{self.current}/{self.required} 项现行"


def statuses(
    items: Iterable[DisclosureItem], latest: dict[str, CheckEntry], today: date
) -> list[ItemStatus]:
    """The active items' states, given each item's latest entry by code."""
    return [item_status(i, latest.get(i.code), today) for i in items if i.active]


def compliance(states: Sequence[ItemStatus]) -> Compliance:
    """Compliance = posted-and-current items ÷ required items (DOMAIN.md §5.4)."""
    return Compliance(sum(s.state is ItemState.CURRENT for s in states), len(states))


@dataclass(frozen=True)
class RateRow:
    """公示率 of a group (a neighbourhood, a company, or all): items current ÷ required."""

    name: str
    communities: int
    current: int
    required: int
    target: Fraction

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.current, self.required) if self.required else None

    @property
    def meets_target(self) -> bool:
        return self.rate is not None and self.rate >= self.target

    def percent(self) -> str:
        """The rate rounded down to 0.1 % (99.96 % never shows as 100 %)."""
        if self.rate is None:
            return "—"
        tenths = self.rate.numerator * 1000 // self.rate.denominator
        return f"{tenths // 10}.{tenths % 10}%"


def rates(
    rows: Iterable[tuple[str, Compliance]], target: Fraction, total_name: str = "合计"
) -> list[RateRow]:
    """Rates per group name (in first-seen order), then the total."""
    groups: dict[str, list[int]] = {}
    for name, c in rows:
        g = groups.setdefault(name, [0, 0, 0])
        g[0] += 1
        g[1] += c.current
        g[2] += c.required
    out = [RateRow(n, g[0], g[1], g[2], target) for n, g in groups.items()]
    total = [sum(g[k] for g in groups.values()) for k in range(3)]
    return [*out, RateRow(total_name, total[0], total[1], total[2], target)]


@dataclass(frozen=True)
class DisclosureQuery:
    text: str = ""
    neighborhood_id: int | None = None
    company_id: int | None = None
    overdue_only: bool = False  # has an overdue or failing item
    never_checked: bool = False


@dataclass(frozen=True)
class DisclosureRow:
    community_id: int
    community: str
    neighborhood_id: int | None
    neighborhood: str
    company_id: int | None
    company: str
    compliance: Compliance
    overdue: tuple[str, ...]  # "公共收益（已逾期 12 天）", for items not current
    last_check: date | None
    statuses: tuple[ItemStatus, ...] = field(default_factory=tuple)

    @property
    def has_overdue(self) -> bool:
        return any(s.state in (ItemState.OVERDUE, ItemState.FAILING) for s in self.statuses)


@dataclass(frozen=True)
class EntryFields:
    """What the inspector records for one item on a visit."""

    item_code: str
    result: CheckResult
    posted_on: date | None = None
    note: str = ""
    photo: str = ""  # a file to copy in (path), or ""


@dataclass(frozen=True)
class EntryView:
    id: int
    item_code: str
    item_name: str
    frequency: Frequency
    result: CheckResult
    posted_on: date | None
    note: str
    photo_path: str  # the stored copy, or ""
    issue_id: int | None  # the issue made from this entry, if any


@dataclass(frozen=True)
class CheckView:
    id: int
    community_id: int
    community: str
    checked_on: date
    inspector: str
    notes: str
    entries: tuple[EntryView, ...]


@dataclass(frozen=True)
class ItemEdit:
    """One line of the checklist settings: a pack item (code, only `active` may change) or
    a local item (code None when new)."""

    code: str | None
    name: str
    frequency: Frequency
    active: bool
    local: bool = True
