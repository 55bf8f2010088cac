"""Neighbourhoods (社区) and communities (小区), DOMAIN.md §3."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.enums import CommitteeStatus, EstateType, ManagementMode
from app.storage.base import Base, CodeEnum, FixedDecimal, TimestampMixin
from app.storage.models.company import PropertyCompany


class Neighborhood(Base):
    __tablename__ = "neighborhood"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Community(TimestampMixin, Base):
    __tablename__ = "community"
    __table_args__ = (
        Index("ix_community_neighborhood_id", "neighborhood_id"),
        Index("ix_community_company_id", "company_id"),
        Index("ix_community_contract_end", "contract_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    neighborhood_id: Mapped[int] = mapped_column(ForeignKey("neighborhood.id"))
    year_built: Mapped[int | None] = mapped_column(Integer)
    building_count: Mapped[int | None] = mapped_column(Integer)
    household_count: Mapped[int | None] = mapped_column(Integer)
    private_area: Mapped[Decimal | None] = mapped_column(FixedDecimal(2))
    delivered_share: Mapped[Decimal | None] = mapped_column(FixedDecimal(2))
    is_high_rise: Mapped[bool] = mapped_column(Boolean, default=False)
    elevator_count: Mapped[int | None] = mapped_column(Integer)
    is_old_estate: Mapped[bool] = mapped_column(Boolean, default=False)
    estate_type: Mapped[EstateType] = mapped_column(
        CodeEnum(EstateType), default=EstateType.COMMERCIAL
    )
    management_mode: Mapped[ManagementMode] = mapped_column(
        CodeEnum(ManagementMode), default=ManagementMode.PROFESSIONAL
    )
    company_id: Mapped[int | None] = mapped_column(ForeignKey("property_company.id"))
    project_manager_name: Mapped[str] = mapped_column(String(50), default="")
    project_manager_phone: Mapped[str] = mapped_column(String(30), default="")
    has_party_branch: Mapped[bool] = mapped_column(Boolean, default=False)
    committee_status: Mapped[CommitteeStatus] = mapped_column(
        CodeEnum(CommitteeStatus), default=CommitteeStatus.NONE
    )
    contract_start: Mapped[date | None] = mapped_column(Date)
    contract_end: Mapped[date | None] = mapped_column(Date)
    service_grade: Mapped[str] = mapped_column(String(20), default="")
    fee_standard: Mapped[Decimal | None] = mapped_column(FixedDecimal(2))
    filing_area: Mapped[date | None] = mapped_column(Date)
    filing_committee: Mapped[date | None] = mapped_column(Date)
    filing_contract: Mapped[date | None] = mapped_column(Date)
    filing_manager: Mapped[date | None] = mapped_column(Date)
    filing_handover: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    archived_at: Mapped[date | None] = mapped_column(Date)

    neighborhood: Mapped[Neighborhood] = relationship(lazy="joined")
    company: Mapped[PropertyCompany | None] = relationship(lazy="joined")
