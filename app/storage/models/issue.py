"""Inspections, issues, re-inspections and photos (DOMAIN.md §3 "Inspection and Issue")."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.domain.enums import (
    AttachmentKind,
    InspectionKind,
    IssueSource,
    IssueStatus,
    ResponsibleKind,
)
from app.storage.base import Base, CodeEnum, TimestampMixin
from app.storage.models.community import Community


class Inspection(TimestampMixin, Base):
    __tablename__ = "inspection"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspected_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[InspectionKind] = mapped_column(CodeEnum(InspectionKind))
    inspectors: Mapped[str] = mapped_column(String(200))  # names joined with 、
    notes: Mapped[str] = mapped_column(Text, default="")


class InspectionCommunity(Base):
    """The communities an inspection covered (also those where nothing was found)."""

    __tablename__ = "inspection_community"

    inspection_id: Mapped[int] = mapped_column(
        ForeignKey("inspection.id", ondelete="CASCADE"), primary_key=True
    )
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), primary_key=True)


class IssueCategorySetting(Base):
    """The office's edits to a rule-pack category, or a local category (is_local)."""

    __tablename__ = "issue_category"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    deadline_days: Mapped[int | None] = mapped_column(Integer)
    department: Mapped[str | None] = mapped_column(String(60))
    legal_basis: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)


class Issue(TimestampMixin, Base):
    __tablename__ = "issue"
    __table_args__ = (
        Index("ix_issue_community_id", "community_id"),
        Index("ix_issue_status_deadline", "status", "deadline"),
        Index("ix_issue_found_date", "found_date"),
        Index("ix_issue_category", "category"),
        Index("ix_issue_responsible_name", "responsible_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"))
    inspection_id: Mapped[int | None] = mapped_column(
        ForeignKey("inspection.id", ondelete="SET NULL")
    )
    category: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(Text)
    source: Mapped[IssueSource] = mapped_column(CodeEnum(IssueSource))
    source_ref: Mapped[str] = mapped_column(String(60), default="")
    found_date: Mapped[date] = mapped_column(Date)
    responsible_kind: Mapped[ResponsibleKind] = mapped_column(CodeEnum(ResponsibleKind))
    responsible_name: Mapped[str] = mapped_column(String(100))
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    measures: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[IssueStatus] = mapped_column(CodeEnum(IssueStatus), default=IssueStatus.OPEN)
    result: Mapped[str] = mapped_column(Text, default="")  # 整改情况 reported by the unit
    completed_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_by: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    community: Mapped[Community] = relationship(lazy="joined")


class Reinspection(TimestampMixin, Base):
    __tablename__ = "reinspection"

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id"), index=True)
    inspected_on: Mapped[date] = mapped_column(Date)
    inspector: Mapped[str] = mapped_column(String(100))
    passed: Mapped[bool] = mapped_column(Boolean)
    opinion: Mapped[str] = mapped_column(Text, default="")
    new_deadline: Mapped[date | None] = mapped_column(Date)
    previous_deadline: Mapped[date] = mapped_column(Date)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))


class Attachment(TimestampMixin, Base):
    """A photo copied into the data folder; `stored_name` is relative to attachments/."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id"), index=True)
    kind: Mapped[AttachmentKind] = mapped_column(CodeEnum(AttachmentKind))
    stored_name: Mapped[str] = mapped_column(String(200), unique=True)
    original_name: Mapped[str] = mapped_column(String(200), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    added_on: Mapped[date] = mapped_column(Date)
    caption: Mapped[str] = mapped_column(String(200), default="")
