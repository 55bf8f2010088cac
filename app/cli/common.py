"""What every subcommand shares: the Chinese argument parser, date arguments, the one
output-file helper, and how an error becomes a Chinese message and an exit code.

Kept light (standard library and app.domain.errors only): `propdesk gui` imports it too."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn, TypeVar

from app.domain.errors import PropDeskError, ValidationError

log = logging.getLogger(__name__)

EXIT_ERROR = 1  # the command failed: bad data, a file that cannot be written
EXIT_USAGE = 2  # the command line itself is wrong (as argparse's own errors)
EXIT_CANCELLED = 130

XLSX = (".xlsx",)
PDF = (".pdf",)
_FORMAT_NAMES = {".xlsx": "Excel 文件", ".pdf": "PDF 文件"}

_ARGPARSE_ZH = [
    ("the following arguments are required", "缺少必需的参数"),
    ("unrecognized arguments", "无法识别的参数"),
    ("invalid choice", "无效的选项"),
    ("expected one argument", "需要提供一个值"),
    ("argument ", "参数 "),
    ("choose from", "可选"),
]

_REASONS = {  # errno -> why a file cannot be written, in Chinese
    errno.EACCES: "没有写入权限，或文件正被其他程序占用",
    errno.EPERM: "没有写入权限",
    errno.ENOENT: "路径不存在",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EINVAL: "文件名或路径无效",
}

# errors no closing of another program can cure
_NOT_IN_USE = {
    errno.ENOENT,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.EROFS,
    errno.ENOSPC,
    errno.ENAMETOOLONG,
    errno.EINVAL,
}

T = TypeVar("T")


class ChineseParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        for en, zh in _ARGPARSE_ZH:
            message = message.replace(en, zh)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"错误：{message}\n")


class CliError(PropDeskError):
    """A command-line failure with its exit code."""

    def __init__(self, message: str, exit_code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class WriteError(CliError):
    """The output file could not be written; nothing was left at (or changed in) its place."""

    def __init__(self, target: Path, reason: str, *, maybe_in_use: bool = True) -> None:
        advice = "请换一个保存位置。"
        if maybe_in_use:
            advice = "如果它正在其他程序（如 Excel、PDF 阅读器）中打开，请先关闭；或" + advice[1:]
        super().__init__(f"无法写入文件“{target}”：{reason}。{advice}")
        self.target = target
        self.reason = reason


def date_arg(text: str, what: str) -> date:
    from app.domain.dates import parse_date

    try:
        d = parse_date(text)
    except ValueError:
        d = None
    if d is None:
        raise ValidationError(f"{what}“{text}”不是有效日期，请写成 2026-11-23")
    return d


# ---- the output file -------------------------------------------------------------------------
def output(text: str, formats: Sequence[str]) -> Path:
    """The target of `--out`, checked before the command does any work: its extension is one
    of `formats` (else exit 2), its folder exists (created if need be) and takes a new file,
    and an existing target is a file this process may replace. Leaves nothing behind."""
    path = Path(text).expanduser()
    if path.suffix.lower() not in formats:
        kinds = " 或 ".join(f"{_FORMAT_NAMES.get(f, f)}（{f}）" for f in formats)
        raise CliError(
            f"输出文件“{path.name}”的扩展名不对：这里只能写出 {kinds}，"
            f"请把文件名改为以 {' 或 '.join(formats)} 结尾",
            EXIT_USAGE,
        )
    path = path.resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if path.exists():
            open(path, "ab").close()  # open in another program (Windows), or read-only
        probe = _temp_name(path)
        open(probe, "xb").close()
        os.remove(probe)
    except OSError as exc:
        raise _write_error(path, exc) from None
    return path


def write(target: Path, writer: Callable[[Path], T]) -> T:
    """Run `writer` on a temporary file next to `target` (same extension), then move it onto
    `target`. Any write error becomes a WriteError (exit 1, no traceback); the temporary file
    is removed and an existing target is left as it was."""
    temp = _temp_name(target)
    hook = sys.unraisablehook
    # openpyxl's write-only sheets complain about a failed save only when they are collected;
    # log that instead of printing it to stderr.
    sys.unraisablehook = _log_unraisable
    try:
        try:
            result = writer(temp)
            os.replace(temp, target)
            return result
        except (OSError, ValueError) as exc:  # ValueError: e.g. openpyxl on /proc
            error = _write_error(target, exc)
            _log_failure(target, exc)
        except BaseException:
            _remove(temp)
            raise
        _remove(temp)
        import gc

        gc.collect()  # the failed writer's objects, while the hook is quiet
    finally:
        sys.unraisablehook = hook
    raise error


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.partial-{os.urandom(4).hex()}{target.suffix}")


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.warning("could not remove the temporary file %s", path)


def _write_error(target: Path, exc: Exception) -> WriteError:
    if not isinstance(exc, OSError):
        return WriteError(target, "写入时出错")
    reason = _REASONS.get(exc.errno or 0) or exc.strerror or str(exc) or type(exc).__name__
    return WriteError(target, reason, maybe_in_use=exc.errno not in _NOT_IN_USE)


def _log_failure(target: Path, exc: BaseException) -> None:
    import traceback  # a text, not exc_info: a kept log record would keep the writer alive

    log.warning("writing %s failed:\n%s", target, "".join(traceback.format_exception(exc)))


def _log_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    log.debug("ignored after a failed write: %r", unraisable.exc_value)


# ---- errors ----------------------------------------------------------------------------------
def report(err: BaseException) -> int:
    """Print the Chinese message of an expected failure to stderr; its exit code."""
    if isinstance(err, PropDeskError):
        print(f"错误：{err.message}", file=sys.stderr)
        return err.exit_code if isinstance(err, CliError) else EXIT_ERROR
    if isinstance(err, OSError):  # an input file that cannot be read, a folder, no permission
        where = f"“{err.filename}”" if err.filename else ""
        print(
            f"错误：无法读写文件{where}：{err.strerror or err}。请关闭正在使用它的程序，"
            "或换一个保存位置。",
            file=sys.stderr,
        )
        return EXIT_ERROR
    if isinstance(err, KeyboardInterrupt):
        print("已取消", file=sys.stderr)
        return EXIT_CANCELLED
    raise err
