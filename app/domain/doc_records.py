"""The stored documents (文书): what the 文书 page lists and searches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.enums import DocType
from app.domain.errors import ValidationError


@dataclass(frozen=True)
class DocumentQuery:
    text: str = ""  # matches the 文号 or the addressee
    doc_type: DocType | None = None
    issued_from: date | None = None
    issued_to: date | None = None
    include_voided: bool = True
    issue_id: int | None = None


@dataclass(frozen=True)
class DocumentRow:
    id: int
    doc_type: DocType
    doc_number: str
    title: str
    addressee: str
    issued_on: date
    issued_by: str
    size: int
    voided_on: date | None
    void_reason: str
    issue_ids: tuple[int, ...]

    @property
    def voided(self) -> bool:
        return self.voided_on is not None


@dataclass(frozen=True)
class IssuedDocument:
    """What issuing returns: the row plus the exact bytes stored."""

    row: DocumentRow
    pdf: bytes


def validate_void_reason(reason: str) -> str:
    text = reason.strip()
    if len(text) < 2:
        raise ValidationError("作废文书时请写明原因", field="reason", value=reason)
    return text
