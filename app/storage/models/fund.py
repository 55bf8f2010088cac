"""Maintenance-fund use requests, their review steps, materials, payments and the unit list
of their charge scope (DOMAIN.md §3 "FundRequest", §4.2, §5.3). Money is integer fen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.funds import Applicant, FundStage, InstalmentKind, Material
from app.storage.base import Base, CodeEnum, FixedDecimal, TimestampMixin


class FundRequest(TimestampMixin, Base):
    __tablename__ = "fund_request"
    __table_args__ = (UniqueConstraint("year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)  # 申请编号 = year-seq
    seq: Mapped[int] = mapped_column(Integer)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), index=True)
    applicant: Mapped[Applicant] = mapped_column(CodeEnum(Applicant))
    applicant_name: Mapped[str] = mapped_column(String(100), default="")
    contact: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    applied_on: Mapped[date | None] = mapped_column(Date)
    project: Mapped[str] = mapped_column(String(200))
    part: Mapped[str] = mapped_column(String(200), default="")  # 维修部位 / 设施设备
    reason: Mapped[str] = mapped_column(Text, default="")
    budget_fen: Mapped[int] = mapped_column(Integer, default=0)
    scope_text: Mapped[str] = mapped_column(String(300), default="")  # 列支范围
    scope_households: Mapped[int | None] = mapped_column(Integer)
    scope_area: Mapped[Decimal | None] = mapped_column(FixedDecimal(2))
    # emergency use (DOMAIN.md §5.2)
    emergency: Mapped[bool] = mapped_column(Boolean, default=False)
    emergency_category: Mapped[str] = mapped_column(String(40), default="")  # pack code
    confirmed_by: Mapped[str] = mapped_column(String(100), default="")
    confirmed_on: Mapped[date | None] = mapped_column(Date)
    # the owners' vote (DOMAIN.md §5.1); vote_passed is the result under vote_rule
    vote_matter: Mapped[str] = mapped_column(String(20), default="use")
    vote_rule: Mapped[str] = mapped_column(String(30), default="")
    voted_on: Mapped[date | None] = mapped_column(Date)
    total_area: Mapped[Decimal | None] = mapped_column(FixedDecimal(2))
    total_owners: Mapped[int | None] = mapped_column(Integer)
    part_area: Mapped[Decimal | None] = mapped_column(FixedDecimal(2))
    part_owners: Mapped[int | None] = mapped_column(Integer)
    yes_area: Mapped[Decimal | None] = mapped_column(FixedDecimal(2))
    yes_owners: Mapped[int | None] = mapped_column(Integer)
    vote_passed: Mapped[bool | None] = mapped_column(Boolean)
    disclosure_start: Mapped[date | None] = mapped_column(Date)  # 公示
    disclosure_end: Mapped[date | None] = mapped_column(Date)
    # the review chain (DOMAIN.md §4.2)
    stage: Mapped[FundStage] = mapped_column(CodeEnum(FundStage), index=True)
    stage_since: Mapped[date] = mapped_column(Date)
    approved_fen: Mapped[int | None] = mapped_column(Integer)
    final_fen: Mapped[int | None] = mapped_column(Integer)  # 决算金额
    completed_on: Mapped[date | None] = mapped_column(Date)  # 竣工验收
    final_on: Mapped[date | None] = mapped_column(Date)  # 决算公示
    closed_on: Mapped[date | None] = mapped_column(Date)  # 办结 / 不予核准
    notes: Mapped[str] = mapped_column(Text, default="")


class FundStep(Base):
    """One move of a request along its chain, with who decided, when and their opinion."""

    __tablename__ = "fund_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("fund_request.id", ondelete="CASCADE"), index=True
    )
    from_stage: Mapped[FundStage] = mapped_column(CodeEnum(FundStage))
    to_stage: Mapped[FundStage] = mapped_column(CodeEnum(FundStage))
    on: Mapped[date] = mapped_column(Date)
    operator: Mapped[str] = mapped_column(String(50), default="")
    opinion: Mapped[str] = mapped_column(Text, default="")
    amount_fen: Mapped[int | None] = mapped_column(Integer)  # approved / final amount


class FundMaterial(Base):
    """A required material, ticked with the day it was received, optionally with a scan."""

    __tablename__ = "fund_material"
    __table_args__ = (UniqueConstraint("request_id", "material"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("fund_request.id", ondelete="CASCADE"), index=True
    )
    material: Mapped[Material] = mapped_column(CodeEnum(Material))
    received_on: Mapped[date] = mapped_column(Date)
    stored_name: Mapped[str] = mapped_column(String(200), default="")  # under attachments/
    original_name: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(String(300), default="")


class FundDisbursement(Base):
    __tablename__ = "fund_disbursement"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("fund_request.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[InstalmentKind] = mapped_column(CodeEnum(InstalmentKind))
    paid_on: Mapped[date] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(Integer)  # a reversal (冲销) is negative
    operator: Mapped[str] = mapped_column(String(50), default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    # 冲销: the payment this entry nets out (a recorded payment is never edited or deleted)
    reverses_id: Mapped[int | None] = mapped_column(
        ForeignKey("fund_disbursement.id", ondelete="RESTRICT"), unique=True, default=None
    )


class FundUnit(Base):
    """One unit of the charge scope (房号, 面积, 业主), imported from the unit list."""

    __tablename__ = "fund_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("fund_request.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int] = mapped_column(Integer)
    room: Mapped[str] = mapped_column(String(50))
    area: Mapped[Decimal] = mapped_column(FixedDecimal(2))
    owner: Mapped[str] = mapped_column(String(100), default="")
