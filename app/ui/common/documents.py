"""Stored documents (文书) out to files: opened for printing from exports/文书, or saved as
where the user chooses. Always the exact bytes stored at issue, so a reprint is the same
file. Used by the 问题台账 and 文书 pages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.domain.doc_records import IssuedDocument
from app.domain.errors import PropDeskError
from app.services import Services
from app.ui.common.files import FileService
from app.ui.common.messages import MessageService


def offer_open(
    services: Services,
    messages: MessageService,
    files: FileService,
    issued: IssuedDocument,
    lead: str,
) -> None:
    """After a write: offer to open the issued PDF. A file problem now is only a warning,
    the document is already stored (and can be opened again from 文书)."""
    if not messages.confirm(f"{lead}\n现在打开PDF以便打印吗？"):
        return
    try:
        name = services.documents.suggested_filename(issued.row)
        files.write_and_open(messages, issued.pdf, name)
    except PropDeskError as err:
        messages.warn(f"{err.message}\n文书已保存，可在“文书”中再次打开。")


def open_document(
    services: Services, messages: MessageService, files: FileService, document_id: int
) -> Path | None:
    """Write the exact stored bytes to exports/文书 and open them (reprint = same file)."""
    try:
        row = services.documents.get(document_id)
        data = services.documents.pdf(document_id)
        name = services.documents.suggested_filename(row)
        return files.write_and_open(messages, data, name)
    except PropDeskError as err:
        messages.warn(err.message)
        return None


def save_document_as(
    parent: QWidget | None,
    services: Services,
    messages: MessageService,
    files: FileService,
    document_id: int,
) -> Path | None:
    """Save the exact stored bytes where the user chooses."""
    try:
        row = services.documents.get(document_id)
        data = services.documents.pdf(document_id)
        suggested = files.documents_dir / services.documents.suggested_filename(row)
        path = files.save_bytes(parent, data, f"另存为 - {row.doc_number}", suggested)
    except PropDeskError as err:
        messages.warn(err.message)
        return None
    if path is not None:
        messages.info(f"已保存 {row.doc_number}（与签发时的文件完全一致）到：{path}")
    return path
