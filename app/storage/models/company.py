"""Property companies (物业服务企业)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.enums import Listing
from app.storage.base import Base, CodeEnum, TimestampMixin


class PropertyCompany(TimestampMixin, Base):
    __tablename__ = "property_company"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    uscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    legal_representative: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    credit_grade: Mapped[str] = mapped_column(String(8), default="")
    listing: Mapped[Listing] = mapped_column(CodeEnum(Listing), default=Listing.NONE)
    listing_date: Mapped[date | None] = mapped_column(Date)
    listing_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
