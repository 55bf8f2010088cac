"""Issued documents (文书) with their 文号, the exact PDF bytes, and service records."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.enums import DocType, IssueStatus, ServiceMethod
from app.storage.base import Base, CodeEnum, TimestampMixin


class Document(TimestampMixin, Base):
    """One issued document. (doc_type, year, number) is unique: a number is never reused,
    a voided document keeps its row."""

    __tablename__ = "document"
    __table_args__ = (
        UniqueConstraint("doc_type", "year", "number"),
        Index("ix_document_issued_on", "issued_on"),
        Index("ix_document_addressee", "addressee"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[DocType] = mapped_column(CodeEnum(DocType))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    doc_number: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(60))
    addressee: Mapped[str] = mapped_column(String(100), default="")
    issued_on: Mapped[date] = mapped_column(Date)
    issued_by: Mapped[str] = mapped_column(String(50), default="")
    period_days: Mapped[int | None] = mapped_column(Integer)
    snapshot: Mapped[str] = mapped_column(Text, default="{}")  # JSON of the data printed
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    related_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))  # e.g. notice
    voided_on: Mapped[date | None] = mapped_column(Date)
    void_reason: Mapped[str] = mapped_column(String(200), default="")
    voided_by: Mapped[str] = mapped_column(String(50), default="")


class DocumentFile(Base):
    """The bytes apart from the row, so listing documents never reads the PDFs."""

    __tablename__ = "document_file"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )
    pdf: Mapped[bytes] = mapped_column(LargeBinary)


class DocumentIssue(Base):
    __tablename__ = "document_issue"
    __table_args__ = (Index("ix_document_issue_issue_id", "issue_id"),)

    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), primary_key=True
    )
    issue_id: Mapped[int] = mapped_column(ForeignKey("issue.id"), primary_key=True)
    # the issue's state just before a notice changed it, so voiding the notice can restore it
    previous_status: Mapped[IssueStatus | None] = mapped_column(CodeEnum(IssueStatus))
    previous_deadline: Mapped[date | None] = mapped_column(Date)


class ServiceRecord(TimestampMixin, Base):
    """送达: one attempt to deliver a notice. A notice may be served more than once."""

    __tablename__ = "service_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    method: Mapped[ServiceMethod] = mapped_column(CodeEnum(ServiceMethod))
    served_on: Mapped[date] = mapped_column(Date)
    recipient: Mapped[str] = mapped_column(String(100))
    signer: Mapped[str] = mapped_column(String(50), default="")
    server: Mapped[str] = mapped_column(String(100), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    refused: Mapped[bool] = mapped_column(Boolean, default=False)
    refusal_reason: Mapped[str] = mapped_column(String(200), default="")
    witness: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
