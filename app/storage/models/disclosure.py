"""Disclosure checklists, check visits and the departments registry (DOMAIN.md §3
"Disclosure", §5.4; issue 6)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.disclosure import CheckResult, Frequency
from app.storage.base import Base, CodeEnum, TimestampMixin


class DisclosureItemSetting(Base):
    """The office's edit of a rule-pack item (on/off), or a local item of its own."""

    __tablename__ = "disclosure_item"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    frequency: Mapped[Frequency] = mapped_column(CodeEnum(Frequency))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)


class DisclosureCheck(TimestampMixin, Base):
    """One check visit to one community's notice boards."""

    __tablename__ = "disclosure_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id"), index=True)
    checked_on: Mapped[date] = mapped_column(Date, index=True)
    inspector: Mapped[str] = mapped_column(String(100))
    notes: Mapped[str] = mapped_column(Text, default="")


class DisclosureEntry(Base):
    """What the visit found for one item. Name and frequency are copied from the checklist
    as it stood, so a later change to the checklist never rewrites a past result."""

    __tablename__ = "disclosure_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(
        ForeignKey("disclosure_check.id", ondelete="CASCADE"), index=True
    )
    item_code: Mapped[str] = mapped_column(String(40))
    item_name: Mapped[str] = mapped_column(String(100))
    frequency: Mapped[Frequency] = mapped_column(CodeEnum(Frequency))
    result: Mapped[CheckResult] = mapped_column(CodeEnum(CheckResult))
    posted_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(300), default="")
    stored_name: Mapped[str] = mapped_column(String(200), default="")  # photo under attachments/
    original_name: Mapped[str] = mapped_column(String(200), default="")
    issue_id: Mapped[int | None] = mapped_column(ForeignKey("issue.id"), index=True)


class Department(TimestampMixin, Base):
    """职能部门: printed on the 执法进小区公示牌."""

    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    duties: Mapped[str] = mapped_column(Text, default="")
    contact_person: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    default_key: Mapped[str] = mapped_column(String(20), default="")  # which default it was
