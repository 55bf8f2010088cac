"""The office profile (本单位), its document-number prefixes, and key/value metadata."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.enums import DocType, OfficeLevel
from app.storage.base import Base, CodeEnum, TimestampMixin


class Office(TimestampMixin, Base):
    """A single row (id = 1): the office that uses this database."""

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    level: Mapped[OfficeLevel] = mapped_column(CodeEnum(OfficeLevel), default=OfficeLevel.TOWNSHIP)
    county: Mapped[str] = mapped_column(String(100), default="")
    contact_person: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    complaint_phone: Mapped[str] = mapped_column(String(30), default="")
    address: Mapped[str] = mapped_column(String(200), default="")


class DocNumberPrefix(Base):
    __tablename__ = "doc_number_prefix"

    doc_type: Mapped[DocType] = mapped_column(CodeEnum(DocType), primary_key=True)
    prefix: Mapped[str] = mapped_column(String(30), default="")


class AppMeta(Base):
    """Small facts about the database itself (e.g. demo=1 when demo data was loaded)."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
