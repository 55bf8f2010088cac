"""Turn SQLite errors into known, plainly worded errors; everything else is a bug."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, IntegrityError

from app.domain.errors import ConflictError, StorageError

_KNOWN = [
    (
        ("database is locked", "database table is locked"),
        "数据库正被其他程序占用（可能另一个 PropDesk 窗口正在保存），请稍后再试。",
    ),
    (
        ("readonly", "read-only"),
        "数据库文件是只读的，无法保存修改。请检查数据文件夹的写入权限，或取消文件的“只读”属性。",
    ),
    (
        ("disk is full", "database or disk is full"),
        "磁盘空间已满，无法保存。请清理磁盘后再试，本次修改未保存。",
    ),
    (
        ("file is not a database", "malformed", "file is encrypted"),
        "数据库文件已损坏或不是 PropDesk 数据库。请从数据文件夹的 backups 子文件夹恢复最近的备份。",
    ),
    (
        ("unable to open database file",),
        "无法打开数据库文件。请检查数据文件夹是否存在并且可以写入。",
    ),
    (("disk i/o error",), "读写磁盘出错，本次修改未保存。请检查磁盘或U盘是否已拔出。"),
]


def known_message(exc: BaseException) -> str | None:
    text = str(getattr(exc, "orig", exc) or exc).lower()
    for needles, message in _KNOWN:
        if any(n in text for n in needles):
            return message
    return None


def translate(exc: BaseException) -> BaseException:
    """Map a DBAPI error to StorageError/ConflictError when it is a known condition."""
    if isinstance(exc, IntegrityError):
        text = str(exc.orig)
        if "UNIQUE" in text:
            return ConflictError("与已有记录重复，未保存（" + text.split(":")[-1].strip() + "）")
        if "FOREIGN KEY" in text:
            return ConflictError("该记录仍被其他记录引用，未保存。")
        return ConflictError("数据不满足约束条件，未保存：" + text)
    if isinstance(exc, DBAPIError | OSError):
        message = known_message(exc)
        if message:
            return StorageError(message)
    return exc
