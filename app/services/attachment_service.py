"""Photos of an issue (整改前/整改后), copied into the data folder's attachments/."""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.domain.enums import AttachmentKind
from app.domain.errors import NotFoundError
from app.domain.images import image_suffix
from app.domain.issues import AttachmentView
from app.services import audit
from app.services.context import ServiceContext
from app.services.fund_files import FOLDER, copy_in
from app.storage.models import Attachment
from app.storage.repositories import issue_repo


class AttachmentService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    @property
    def folder(self) -> Path:
        return self._ctx.data_dir / FOLDER

    def _view(self, a: Attachment) -> AttachmentView:
        return AttachmentView(
            id=a.id,
            issue_id=a.issue_id,
            kind=a.kind,
            path=str(self.folder / a.stored_name),
            original_name=a.original_name,
            added_on=a.added_on,
            caption=a.caption,
        )

    def list(self, issue_id: int) -> list[AttachmentView]:
        with self._ctx.db.read() as s:
            return [self._view(a) for a in issue_repo.attachments(s, issue_id)]

    def add(
        self, issue_id: int, source: Path, kind: AttachmentKind, caption: str = ""
    ) -> AttachmentView:
        """Copy the photo in, then record it; if recording fails the copy is removed."""
        today = self._ctx.today()
        data, stored = copy_in(
            self.folder,
            source,
            today,
            image_suffix,
            "照片",
            "可识别的图片（支持 JPG、PNG、GIF、BMP、WebP）",
        )
        target = self.folder / stored
        try:
            with self._ctx.db.write() as s:
                if issue_repo.get(s, issue_id) is None:
                    raise NotFoundError(f"找不到编号为 {issue_id} 的问题")
                a = Attachment(
                    issue_id=issue_id,
                    kind=kind,
                    stored_name=stored,
                    original_name=source.name[:200],
                    sha256=hashlib.sha256(data).hexdigest(),
                    size=len(data),
                    added_on=today,
                    caption=caption.strip()[:200],
                )
                s.add(a)
                s.flush()
                audit.record(
                    s,
                    self._ctx.operator(),
                    "create",
                    "attachment",
                    a.id,
                    f"问题 #{issue_id} 添加照片（{kind.label}）",
                    {"file": [None, source.name]},
                )
                return self._view(a)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
