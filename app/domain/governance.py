"""Owners' committee formation, terms and coverage (DOMAIN.md §4.1), as pure functions.

Every number comes from the rule pack (`CommitteeRules`, `InterimRules`); every date rule
goes through the deadline engine (`app/domain/deadlines.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from app.domain.deadlines import Due, at_least_before, term_end, within
from app.domain.enums import LabelledEnum
from app.domain.errors import PropDeskError

LEADER_UNIT_WORDS = ("街道", "乡镇", "人民政府", "镇政府", "乡政府")


class BodyKind(LabelledEnum):
    COMMITTEE = ("committee", "业委会")
    INTERIM = ("interim", "物管会")
    PREP_GROUP = ("prep_group", "筹备组")


class UnitType(LabelledEnum):
    """The kind of unit a 筹备组 组长 comes from: chosen, never guessed from the unit's name
    (a company called "东风街道物业" is not a 街道办事处)."""

    SUBDISTRICT = ("subdistrict", "街道办事处")
    TOWNSHIP = ("township", "乡镇人民政府")
    RESIDENTS = ("residents", "居民委员会")
    OTHER = ("other", "其他单位")


LEADER_UNIT_TYPES = frozenset({UnitType.SUBDISTRICT, UnitType.TOWNSHIP, UnitType.RESIDENTS})


class MemberRole(LabelledEnum):
    DIRECTOR = ("director", "主任")
    DEPUTY = ("deputy", "副主任")
    MEMBER = ("member", "委员")
    ALTERNATE = ("alternate", "候补委员")
    LEADER = ("leader", "组长")
    DEPUTY_LEADER = ("deputy_leader", "副组长")
    GROUP_MEMBER = ("group_member", "成员")


def holds_seat(role: MemberRole) -> bool:
    """主任, 副主任 and 委员 (and the members of other bodies) hold a seat; a 候补委员 does
    not: alternates count neither towards the size, the seats nor the vacancy rule."""
    return role is not MemberRole.ALTERNATE


class AuditKind(LabelledEnum):
    DEPARTURE = ("departure", "离任审计")
    TERM_END = ("term_end", "换届审计")


class Stage(LabelledEnum):
    NOT_STARTED = ("not_started", "未启动")
    APPLIED = ("applied", "已申请筹备")
    PREP_FORMED = ("prep_formed", "筹备组成立")
    FIRST_MEETING_HELD = ("first_meeting_held", "首次业主大会已召开")
    ELECTED = ("elected", "业委会已选举")
    FILED = ("filed", "已备案")
    IN_TERM = ("in_term", "任期内")
    REELECTION_WARNING = ("reelection_warning", "换届预警")
    TERM_OVERDUE = ("term_overdue", "逾期未换届")
    INTERIM_ACTING = ("interim_acting", "物管会代行")
    COMMUNITY_ACTING = ("community_acting", "社区代行")


@dataclass(frozen=True)
class CommitteeRules:
    eligible_delivered_share_gt: Fraction
    prep_group_within_days: int
    first_meeting_notice_days: int
    first_meeting_within_days: int
    min_members: int
    max_members: int
    members_must_be_odd: bool
    allow_three_members: bool
    allow_three_members_up_to_households: int
    prep_group_owner_share_min: Fraction
    first_committee_meeting_within_days: int
    filing_within_days: int
    term_max_years: int
    reelection_warning_days: int
    vacancy_reelect_below_share: Fraction
    audit_on_term_end: bool
    audit_on_key_member_leaving: bool
    coverage_target: Fraction


@dataclass(frozen=True)
class InterimRules:
    min_members: int
    members_must_be_odd: bool
    owner_share_min: Fraction
    term_max_years: int
    dissolve_within_days_after_committee_filed: int


@dataclass(frozen=True)
class Finding:
    """A rule the records break: recorded as a warning (the office records what happened)."""

    rule: str  # stable key, e.g. "committee_size"
    text: str  # plain Chinese, with by how many days or members


# ---- eligibility -------------------------------------------------------------------------------
def is_eligible(delivered_share_percent: Decimal | None, rules: CommitteeRules) -> bool:
    """Eligible to form once delivered private area is *more than* the pack's share."""
    if delivered_share_percent is None:
        return False
    # Decimal compares exactly with a Fraction (no float on the way)
    return bool(delivered_share_percent > rules.eligible_delivered_share_gt * 100)


# ---- sizes -----------------------------------------------------------------------------------
def committee_size_findings(
    members: int, households: int | None, rules: CommitteeRules
) -> list[Finding]:
    """`members`: the 主任, 副主任 and 委员 in office; 候补委员 are not counted."""
    out: list[Finding] = []
    three_ok = (
        rules.allow_three_members
        and households is not None
        and households <= rules.allow_three_members_up_to_households
        and members == 3
    )
    if not three_ok and not rules.min_members <= members <= rules.max_members:
        low = members < rules.min_members
        gap = rules.min_members - members if low else members - rules.max_members
        text = f"业委会委员{members}人，应为{rules.min_members}至{rules.max_members}人"
        if rules.allow_three_members:
            text += f"（{rules.allow_three_members_up_to_households}户以下可为3人）"
        out.append(Finding("committee_size", f"{text}，{'少' if low else '多'}{gap}人"))
    if rules.members_must_be_odd and members % 2 == 0:
        out.append(Finding("committee_odd", f"业委会委员{members}人，应为单数"))
    return out


@dataclass(frozen=True)
class PrepMember:
    is_owner: bool
    unit: str  # 工作单位, for the 组长 the 街道/乡镇 or 居委会
    is_leader: bool = False
    unit_type: UnitType | None = None  # None: recorded before the type was asked for


def prep_group_findings(members: Sequence[PrepMember], rules: CommitteeRules) -> list[Finding]:
    out: list[Finding] = []
    n = len(members)
    if n == 0:
        return [Finding("prep_empty", "筹备组尚未登记成员")]
    if n % 2 == 0:
        out.append(Finding("prep_odd", f"筹备组{n}人，应为单数"))
    owners = sum(1 for m in members if m.is_owner)
    if Fraction(owners, n) < rules.prep_group_owner_share_min:
        need = -(
            -rules.prep_group_owner_share_min.numerator
            * n
            // rules.prep_group_owner_share_min.denominator
        )  # noqa: E501
        out.append(
            Finding(
                "prep_owner_share",
                f"筹备组业主代表{owners}人，不少于{need}人（半数），少{need - owners}人",
            )
        )
    leaders = [m for m in members if m.is_leader]
    if not leaders:
        out.append(Finding("prep_leader", "筹备组尚未确定组长"))
    elif not leader_unit_ok(leaders[0]):
        out.append(
            Finding(
                "prep_leader_unit",
                "筹备组组长应由街道办事处、乡镇人民政府或居民委员会人员担任"
                + (f"（登记为：{leaders[0].unit_type.label}）" if leaders[0].unit_type else ""),
            )
        )
    return out


def leader_unit_ok(leader: PrepMember) -> bool:
    """The 组长's unit is a 街道/乡镇 or 居委会, by the type recorded for it. A leader
    recorded before the type was asked for is judged by the unit's name, as then."""
    if leader.unit_type is not None:
        return leader.unit_type in LEADER_UNIT_TYPES
    u = leader.unit.strip()
    return any(w in u for w in LEADER_UNIT_WORDS) or u.endswith(("镇", "乡"))


def interim_findings(members: int, owners: int, rules: InterimRules) -> list[Finding]:
    out: list[Finding] = []
    if members < rules.min_members:
        out.append(
            Finding(
                "interim_size",
                f"物管会{members}人，应不少于{rules.min_members}人，少{rules.min_members - members}人",
            )
        )  # noqa: E501
    if rules.members_must_be_odd and members % 2 == 0:
        out.append(Finding("interim_odd", f"物管会{members}人，应为单数"))
    if members and Fraction(owners, members) < rules.owner_share_min:
        out.append(Finding("interim_owner_share", f"物管会业主代表{owners}人，应不少于半数"))
    return out


def interim_dues(
    term_end_on: date | None, committee_filed_on: date | None, rules: InterimRules
) -> list[Due]:
    """An interim committee ends with its term, or within N days of a committee's filing."""
    out: list[Due] = []
    if term_end_on is not None:
        out.append(
            Due(
                "interim_term",
                "物管会任期届满",
                term_end_on,
                f"物管会任期不超过{rules.term_max_years}年，届满前组建业委会或重新组成",
            )
        )
    if committee_filed_on is not None:
        days = rules.dissolve_within_days_after_committee_filed
        out.append(
            Due(
                "interim_dissolve",
                "解散物管会",
                within(committee_filed_on, days),
                f"业委会备案后{days}日内解散物管会",
            )
        )
    return out


def must_reelect(active_members: int, seats: int, rules: CommitteeRules) -> bool:
    """Fewer active members than the pack's share of the seats: the body must re-elect.
    `active_members` counts 主任, 副主任 and 委员 only (see `holds_seat`), never 候补委员."""
    return seats > 0 and Fraction(active_members, seats) < rules.vacancy_reelect_below_share


# ---- the formation schedule ----------------------------------------------------------------
@dataclass(frozen=True)
class FormationDates:
    applied_on: date | None = None  # 业主书面申请
    prep_formed_on: date | None = None  # 筹备组成立
    notice_on: date | None = None  # 首次业主大会公告
    first_meeting_on: date | None = None  # 首次业主大会
    elected_on: date | None = None  # 选举产生业委会
    committee_meeting_on: date | None = None  # 业委会首次会议
    filed_on: date | None = None  # 备案
    term_start: date | None = None
    term_end: date | None = None
    successor_elected_on: date | None = None  # a new term's election ends this one


# A step not recorded is not "overdue" once a later step has happened: it was simply not
# entered (a committee that is filed obviously held its first session).
_LATER: dict[str, tuple[str, ...]] = {
    "prep_group": ("first_meeting_on", "elected_on", "filed_on"),
    "first_meeting": ("elected_on", "filed_on"),
    "meeting_notice": ("first_meeting_on",),
    "committee_meeting": ("filed_on",),
}


def formation_dues(d: FormationDates, rules: CommitteeRules) -> list[Due]:
    """Every dated step that the recorded dates make due (DOMAIN.md §4.1)."""
    return [
        due
        for due in _formation_dues(d, rules)
        if due.done is not None or not any(getattr(d, f) for f in _LATER.get(due.key, ()))
    ]


def _formation_dues(d: FormationDates, rules: CommitteeRules) -> list[Due]:
    out: list[Due] = []
    if d.applied_on:
        out.append(
            Due(
                "prep_group",
                "成立筹备组",
                within(d.applied_on, rules.prep_group_within_days),
                f"收到业主书面申请后{rules.prep_group_within_days}日内成立筹备组",
                d.prep_formed_on,
            )
        )  # noqa: E501
    if d.prep_formed_on:
        out.append(
            Due(
                "first_meeting",
                "召开首次业主大会",
                within(d.prep_formed_on, rules.first_meeting_within_days),
                f"筹备组成立后{rules.first_meeting_within_days}日内召开首次业主大会",
                d.first_meeting_on,
            )
        )
    if d.first_meeting_on:
        out.append(
            Due(
                "meeting_notice",
                "公告首次业主大会",
                at_least_before(d.first_meeting_on, rules.first_meeting_notice_days),
                f"首次业主大会召开{rules.first_meeting_notice_days}日前公告",
                d.notice_on,
            )
        )
    if d.elected_on:
        out.append(
            Due(
                "committee_meeting",
                "召开业委会首次会议",
                within(d.elected_on, rules.first_committee_meeting_within_days),
                f"选举后{rules.first_committee_meeting_within_days}日内召开业委会首次会议，推选主任、副主任",  # noqa: E501
                d.committee_meeting_on,
            )
        )
        out.append(
            Due(
                "filing",
                "备案",
                within(d.elected_on, rules.filing_within_days),
                f"选举后{rules.filing_within_days}日内备案",
                d.filed_on,
            )
        )
    end = d.term_end or (term_end(d.term_start, rules.term_max_years) if d.term_start else None)
    if end is not None and d.filed_on is not None:
        out.append(
            Due(
                "reelection",
                "换届选举",
                end,
                f"任期届满（{end:%Y-%m-%d}）前完成换届",
                d.successor_elected_on,
                warn_days=rules.reelection_warning_days,
            )
        )
    return out


def stage(d: FormationDates, today: date, rules: CommitteeRules) -> Stage:
    """The governance stage the recorded dates put a committee in."""
    if d.filed_on:
        end = d.term_end or (term_end(d.term_start, rules.term_max_years) if d.term_start else None)
        if end is None or d.successor_elected_on:
            return Stage.FILED if end is None else Stage.IN_TERM
        if today > end:
            return Stage.TERM_OVERDUE
        if (end - today).days <= rules.reelection_warning_days:
            return Stage.REELECTION_WARNING
        return Stage.IN_TERM
    for when, s in (
        (d.elected_on, Stage.ELECTED),
        (d.first_meeting_on, Stage.FIRST_MEETING_HELD),
        (d.prep_formed_on, Stage.PREP_FORMED),
        (d.applied_on, Stage.APPLIED),
    ):
        if when:
            return s
    return Stage.NOT_STARTED


# ---- coverage (组建率) -------------------------------------------------------------------------
@dataclass(frozen=True)
class CoverageRow:
    neighborhood: str
    eligible: bool
    covered: bool  # a filed committee or an interim committee


@dataclass(frozen=True)
class Coverage:
    name: str
    eligible: int
    covered: int
    target: Fraction
    rate: Fraction | None = field(default=None)

    @property
    def meets_target(self) -> bool:
        return self.rate is not None and self.rate >= self.target

    def percent(self) -> str:
        """Rounded down, so 189/199 shows 94.9%, never a 95.0% that misses a 95% target."""
        if self.rate is None:
            return "—"
        tenths = (self.rate * 1000).__floor__()
        return f"{tenths // 10}.{tenths % 10}%"

    def text(self) -> str:
        if self.rate is None:
            return "—（无符合条件的小区）"
        return f"{self.percent()}（{self.covered}/{self.eligible}）"


def coverage(rows: Iterable[CoverageRow], target: Fraction) -> tuple[Coverage, list[Coverage]]:
    """Overall and per-neighbourhood coverage: covered ÷ eligible (ineligible ones don't count)."""
    per: dict[str, list[int]] = {}
    for r in rows:
        counts = per.setdefault(r.neighborhood, [0, 0])
        if r.eligible:
            counts[0] += 1
            counts[1] += int(r.covered)
    parts = [
        Coverage(name, e, c, target, Fraction(c, e) if e else None)
        for name, (e, c) in sorted(per.items())
    ]
    e_all = sum(p.eligible for p in parts)
    c_all = sum(p.covered for p in parts)
    return Coverage("合计", e_all, c_all, target, Fraction(c_all, e_all) if e_all else None), parts


# ---- records the services hand out ------------------------------------------------------------
@dataclass(frozen=True)
class MemberFields:
    name: str
    role: MemberRole
    is_owner: bool = True
    is_finance: bool = False  # 分管财务: leaving early triggers an audit
    party_member: bool = False
    phone: str = ""
    room: str = ""
    unit: str = ""  # 工作单位 (prep group: the 组长's 街道/乡镇 or 居委会)
    votes: int | None = None
    started_on: date | None = None
    unit_type: UnitType | None = None  # the kind of that unit (the 组长 of a prep group)


@dataclass(frozen=True)
class MemberView:
    id: int
    fields: MemberFields
    ended_on: date | None
    end_reason: str

    @property
    def active(self) -> bool:
        return self.ended_on is None


@dataclass(frozen=True)
class FindingView:
    id: int
    rule: str
    text: str
    reason: str
    recorded_on: date


@dataclass(frozen=True)
class AuditView:
    id: int
    kind: AuditKind
    reason: str
    created_on: date
    done_on: date | None
    result: str
    member: str = ""


@dataclass(frozen=True)
class VoteFigures:
    """Election participation, by area (m², two decimals) and by headcount."""

    total_area: Decimal | None = None
    total_owners: int | None = None
    part_area: Decimal | None = None
    part_owners: int | None = None

    def text(self) -> str:
        parts = []
        if self.total_area and self.part_area is not None:
            pct = Fraction(self.part_area) / Fraction(self.total_area) * 100
            parts.append(f"参与表决面积 {self.part_area}/{self.total_area}㎡（{float(pct):.2f}%）")
        if self.total_owners and self.part_owners is not None:
            pct = Fraction(self.part_owners, self.total_owners) * 100
            parts.append(f"人数 {self.part_owners}/{self.total_owners}（{float(pct):.2f}%）")
        return "，".join(parts)


@dataclass(frozen=True)
class BodyView:
    id: int
    community_id: int
    community: str
    kind: BodyKind
    term_no: int
    seats: int | None
    dates: FormationDates
    votes: VoteFigures
    certificate_no: str
    ended_on: date | None
    end_reason: str
    members: tuple[MemberView, ...] = ()
    findings: tuple[FindingView, ...] = ()
    audits: tuple[AuditView, ...] = ()
    notes: str = ""

    @property
    def name(self) -> str:
        label = {
            BodyKind.COMMITTEE: "业主委员会",
            BodyKind.INTERIM: "物业管理委员会",
            BodyKind.PREP_GROUP: "首次业主大会筹备组",
        }[self.kind]
        return f"{self.community}{label}"

    @property
    def active_members(self) -> int:
        """主任, 副主任 and 委员 in office (候补委员 are counted apart)."""
        return sum(1 for m in self.members if m.active and holds_seat(m.fields.role))

    @property
    def active_alternates(self) -> int:
        """候补委员 in office: listed apart, never counted as members."""
        return sum(1 for m in self.members if m.active and not holds_seat(m.fields.role))


@dataclass(frozen=True)
class GovernanceRow:
    """One community on the 业委会 page, in `committee status` and in the ledger."""

    community_id: int
    community: str
    neighborhood: str
    households: int | None
    eligible: bool
    stage: Stage
    kind: BodyKind | None  # the current body, None when there is none
    body_id: int | None
    term_no: int | None
    term_start: date | None
    term_end: date | None
    active_members: int  # 主任, 副主任 and 委员 in office; 候补委员 are not counted
    seats: int | None
    next_due: Due | None
    overdue: tuple[str, ...]  # overdue steps, in plain Chinese
    findings: tuple[str, ...]  # recorded breaches (with their reasons)
    must_reelect: bool
    filed_on: date | None = None
    neighborhood_id: int | None = None
    # an open filed committee (a lapsed term included: DOMAIN §4.1 counts filed committees)
    # or an open interim committee, whatever body is forming beside it
    covered: bool = False


COVERED_STAGES = frozenset(
    {Stage.FILED, Stage.IN_TERM, Stage.REELECTION_WARNING, Stage.TERM_OVERDUE, Stage.INTERIM_ACTING}
)


@dataclass(frozen=True)
class GovernanceQuery:
    text: str = ""
    stage: Stage | None = None
    neighborhood_id: int | None = None
    kind: str = ""  # a BodyKind value, "none" for no body, "" for any
    overdue_only: bool = False
    eligible_only: bool = False
    uncovered_only: bool = False  # eligible with no filed committee or interim committee


class NeedsReason(PropDeskError):
    """The facts break a rule: the office may still record them, with a reason."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__("；".join(f.text for f in findings) + "。如属实，请填写原因后保存。")
        self.findings = list(findings)
