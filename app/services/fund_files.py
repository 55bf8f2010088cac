"""Scans of a fund request's materials, copied into the data folder's attachments/."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from app.domain.errors import ValidationError
from app.domain.images import MAX_PHOTO_BYTES, image_suffix
from app.services.context import ServiceContext

FOLDER = "attachments"
log = logging.getLogger(__name__)


def scan_suffix(head: bytes) -> str | None:
    """.pdf or an image suffix, recognised by the first bytes; None for anything else."""
    if head.startswith(b"%PDF-"):
        return ".pdf"
    return image_suffix(head)


def copy_in(
    folder: Path,
    source: Path,
    today: date,
    suffix_of: Callable[[bytes], str | None],
    what: str,
    accepted: str,
) -> tuple[bytes, str]:
    """Check a file by its first bytes and copy it to folder/YYYY/<uuid><suffix>; returns
    its bytes and its stored name. Nothing is left behind when the copy fails."""
    try:
        if source.stat().st_size > MAX_PHOTO_BYTES:
            raise ValidationError(f"{what}“{source.name}”超过30MB，请压缩后再添加")
        data = source.read_bytes()
    except OSError as exc:
        raise ValidationError(f"无法读取{what}文件“{source.name}”：{exc.strerror}") from exc
    suffix = suffix_of(data[:16])
    if suffix is None:
        raise ValidationError(f"“{source.name}”不是{accepted}")
    stored = f"{today:%Y}/{uuid.uuid4().hex}{suffix}"
    target = folder / stored
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise ValidationError(f"无法保存{what}到数据文件夹：{exc.strerror}") from exc
    return data, stored


class FundFiles:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    @property
    def folder(self) -> Path:
        return self._ctx.data_dir / FOLDER

    def store(self, source: Path) -> str:
        """Copy a scan in; returns its name under attachments/ (the caller records it)."""
        _, stored = copy_in(
            self.folder,
            source,
            self._ctx.today(),
            scan_suffix,
            "扫描件",
            " PDF 或可识别的图片（JPG、PNG 等）",
        )
        return stored

    def remove(self, names: Iterable[str]) -> None:
        """Delete copies no row refers to any more (a failure is logged, never raised)."""
        for name in names:
            try:
                (self.folder / name).unlink(missing_ok=True)
            except OSError:
                log.warning("could not remove %s", name, exc_info=True)
