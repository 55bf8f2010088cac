"""Governance bodies (业委会 / 物管会 / 筹备组), their members, audits and recorded breaches
(DOMAIN.md §3 "GovernanceBody", §4.1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.governance import AuditKind, BodyKind, MemberRole, UnitType
from app.storage.base import Base, CodeEnum, FixedDecimal, TimestampMixin


class GovernanceBody(TimestampMixin, Base):
    """One body for one term. A prep group carries the formation dates up to the first
    meeting; the committee it leads to carries the election, filing and term."""

    __tablename__ = "governance_body"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), index=True)
    kind: Mapped[BodyKind] = mapped_column(CodeEnum(BodyKind))
    term_no: Mapped[int] = mapped_column(Integer, default=1)  # 第几届
    seats: Mapped[int | None] = mapped_column(Integer)
    predecessor_id: Mapped[int | None] = mapped_column(ForeignKey("governance_body.id"))
    # formation (prep group)
    applied_on: Mapped[date | None] = mapped_column(Date)  # 业主书面申请
    formed_on: Mapped[date | None] = mapped_column(Date)  # 筹备组/物管会成立
    notice_on: Mapped[date | None] = mapped_column(Date)  # 首次业主大会公告
    first_meeting_on: Mapped[date | None] = mapped_column(Date)  # 首次业主大会
    # election, filing and term (committee / interim committee)
    elected_on: Mapped[date | None] = mapped_column(Date)
    first_session_on: Mapped[date | None] = mapped_column(Date)  # 业委会首次会议
    filed_on: Mapped[date | None] = mapped_column(Date)
    certificate_no: Mapped[str] = mapped_column(String(60), default="")
    term_start: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    total_area: Mapped[Decimal | None] = mapped_column(FixedDecimal(2))  # 专有部分总面积
    total_owners: Mapped[int | None] = mapped_column(Integer)
    part_area: Mapped[Decimal | None] = mapped_column(FixedDecimal(2))  # 参与表决面积
    part_owners: Mapped[int | None] = mapped_column(Integer)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class GovernanceMember(TimestampMixin, Base):
    __tablename__ = "governance_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("governance_body.id"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    role: Mapped[MemberRole] = mapped_column(CodeEnum(MemberRole))
    is_owner: Mapped[bool] = mapped_column(Boolean, default=True)
    is_finance: Mapped[bool] = mapped_column(Boolean, default=False)  # 分管财务
    party_member: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(30), default="")
    room: Mapped[str] = mapped_column(String(50), default="")
    unit: Mapped[str] = mapped_column(String(100), default="")  # 工作单位 (prep group)
    unit_type: Mapped[UnitType | None] = mapped_column(CodeEnum(UnitType), default=None)
    votes: Mapped[int | None] = mapped_column(Integer)
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str] = mapped_column(String(200), default="")


class GovernanceAudit(TimestampMixin, Base):
    """离任/换届审计: created when the pack requires one; completed with a result."""

    __tablename__ = "governance_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("governance_body.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("governance_member.id"))
    kind: Mapped[AuditKind] = mapped_column(CodeEnum(AuditKind))
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_on: Mapped[date] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    result: Mapped[str] = mapped_column(Text, default="")


class GovernanceFinding(TimestampMixin, Base):
    """A rule the recorded facts break, kept as a warning with the office's reason."""

    __tablename__ = "governance_finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("governance_body.id"), index=True)
    rule: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(String(300))
    reason: Mapped[str] = mapped_column(String(300), default="")
    recorded_on: Mapped[date] = mapped_column(Date)
