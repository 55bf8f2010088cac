"""The records a maintenance-fund request is entered and shown with (DTOs, no behaviour
beyond checking a form's own fields)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from app.domain.errors import ValidationError
from app.domain.funds import Applicant, FundStage, InstalmentKind, Material
from app.domain.votes import VoteCount


@dataclass(frozen=True)
class FundFields:
    """What the applicant fills in (the editable part of a request)."""

    community_id: int
    project: str
    applicant: Applicant = Applicant.COMMITTEE
    applicant_name: str = ""
    contact: str = ""
    phone: str = ""
    applied_on: date | None = None
    part: str = ""
    reason: str = ""
    budget_fen: int = 0
    scope_text: str = ""
    scope_households: int | None = None
    scope_area: Decimal | None = None
    emergency: bool = False
    emergency_category: str = ""  # rule-pack code
    confirmed_by: str = ""
    confirmed_on: date | None = None
    disclosure_start: date | None = None
    disclosure_end: date | None = None
    notes: str = ""

    def check(self, today: date) -> None:
        """The form's own rules; raises ValidationError naming the field."""
        if not self.project.strip():
            raise ValidationError("请填写维修项目名称", field="project")
        if self.budget_fen < 0:
            raise ValidationError("申请金额不能为负数", field="budget_fen")
        if self.scope_households is not None and self.scope_households < 0:
            raise ValidationError("列支范围户数不能为负数", field="scope_households")
        if self.scope_area is not None and self.scope_area < 0:
            raise ValidationError("列支范围面积不能为负数", field="scope_area")
        if self.applied_on and self.applied_on > today:
            raise ValidationError("申请日期不能晚于今天", field="applied_on")
        if self.confirmed_on and self.confirmed_on > today:
            raise ValidationError("紧急情况确认日期不能晚于今天", field="confirmed_on")
        start, end = self.disclosure_start, self.disclosure_end
        if (start is None) != (end is None):
            raise ValidationError("请同时填写公示开始和结束日期", field="disclosure_end")
        if start and end and end < start:
            raise ValidationError("公示结束日期不能早于开始日期", field="disclosure_end")


@dataclass(frozen=True)
class FundQuery:
    text: str = ""  # words matched against the community, project and serial
    stage: FundStage | None = None
    community_id: int | None = None
    neighborhood_id: int | None = None
    emergency: bool | None = None
    waiting_over_days: int | None = None  # only requests longer than N days in their stage
    open_only: bool = False  # hide 办结 and 不予核准
    sort: str = "serial"  # a column's sort key (fund_repo); newest request first by default
    descending: bool = True


@dataclass(frozen=True)
class FundRow:
    id: int
    serial: str
    community_id: int
    community: str
    neighborhood: str
    project: str
    applicant: Applicant
    emergency: bool
    stage: FundStage
    stage_since: date
    days_in_stage: int
    budget_fen: int
    approved_fen: int | None
    disbursed_fen: int
    applied_on: date | None


@dataclass(frozen=True)
class FundTotals:
    count: int = 0
    requested_fen: int = 0
    approved_fen: int = 0
    disbursed_fen: int = 0


@dataclass(frozen=True)
class StepView:
    id: int
    from_stage: FundStage
    to_stage: FundStage
    on: date
    operator: str
    opinion: str
    amount_fen: int | None


@dataclass(frozen=True)
class MaterialView:
    material: Material
    label: str  # with the emergency category's evidence where it applies
    needed_for: FundStage
    received_on: date | None
    path: str = ""  # the stored scan, or ""
    original_name: str = ""
    note: str = ""


@dataclass(frozen=True)
class DisbursementView:
    id: int
    kind: InstalmentKind
    paid_on: date
    amount_fen: int  # negative for a reversal (冲销)
    operator: str
    note: str
    reverses_id: int | None = None  # this entry is the 冲销 of that payment
    reversed_by: int | None = None  # this payment was netted out by that 冲销

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def can_reverse(self) -> bool:
        """A payment that is not itself a reversal, and not reversed yet."""
        return self.reverses_id is None and self.reversed_by is None


@dataclass(frozen=True)
class FundView:
    id: int
    serial: str
    fields: FundFields
    community: str
    neighborhood: str
    stage: FundStage
    stage_since: date
    approved_fen: int | None
    final_fen: int | None
    disbursed_fen: int
    completed_on: date | None
    final_on: date | None
    closed_on: date | None
    vote_matter: str  # VoteMatter code
    vote_rule: str
    voted_on: date | None
    vote_passed: bool | None
    vote_count: VoteCount | None  # the recorded figures
    vote_lines: tuple[str, ...]  # the tests as recorded, evaluated again for display
    steps: tuple[StepView, ...]
    materials: tuple[MaterialView, ...]
    disbursements: tuple[DisbursementView, ...]
    unit_count: int
    next_stage: FundStage | None  # the forward move, if any
    missing: tuple[str, ...]  # why the forward move is blocked (empty: it may go)
    warnings: tuple[str, ...] = field(default_factory=tuple)
