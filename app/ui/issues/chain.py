"""Controllers for the rectification chain (整改通知书 → 送达回证 → 复查意见书), called by
the 问题台账 and 文书 pages. Each opens its dialog, writes through `services`, reports in
plain Chinese through `messages` and returns whether anything was written.

Files go to `<data_dir>/exports/文书/` and are opened with `OPENER`; the save-as path is asked
with `ASK_SAVE_PATH`. Tests replace both module-level hooks so no viewer or file dialog opens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from app.domain.doc_records import DocumentQuery, IssuedDocument
from app.domain.documents import NoticeText
from app.domain.enums import DocType
from app.domain.errors import OperationCancelled, PropDeskError
from app.services import Services
from app.ui.common.messages import MessageService
from app.ui.issues.notice_dialog import NoticeDialog
from app.ui.issues.reinspection_dialog import ReinspectionDialog
from app.ui.issues.service_dialog import ServiceDialog
from app.ui.jobs import Cancelled, run_job
from app.ui.progress_job import run_progress_job

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])
PathProvider = Callable[[QWidget | None, str, Path], Path | None]


def _open_with_system(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


FILTERS = {".pdf": "PDF 文件 (*.pdf)", ".xlsx": "Excel 工作簿 (*.xlsx)"}


def _ask_save_path(parent: QWidget | None, title: str, suggested: Path) -> Path | None:
    """A save-as dialog for the suggested file's type (PDF or Excel); adds the suffix."""
    suffix = suggested.suffix.lower() if suggested.suffix.lower() in FILTERS else ".pdf"
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), FILTERS[suffix])
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


OPENER: Callable[[Path], bool] = _open_with_system
ASK_SAVE_PATH: PathProvider = _ask_save_path


def _reporting(fail: Any) -> Callable[[F], F]:
    """An expected error becomes one warning (messages is the third argument)."""

    def decorate(fn: F) -> F:
        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except PropDeskError as err:
                messages: MessageService = kwargs.get("messages") or args[2]
                messages.warn(err.message)
                return fail

        return wrapper  # type: ignore[return-value]

    return decorate


def _safe(name: str) -> str:
    return "".join(ch for ch in name if ch not in '\\/:*?"<>|')


def exports_dir(services: Services) -> Path:
    return Path(services.ctx.data_dir, "exports", "文书")


def write_and_open(services: Services, messages: MessageService, data: bytes, name: str) -> Path:
    """Write `data` under exports/文书 (a second name if the first is locked) and open it."""
    folder = exports_dir(services)
    stem, suffix = Path(name).stem, Path(name).suffix or ".pdf"
    for n in range(1, 6):
        path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}（{n}）{suffix}")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not (path.exists() and path.read_bytes() == data):
                path.write_bytes(data)
            break
        except OSError as err:  # e.g. open in a PDF viewer that locks it
            log.info("cannot write %s: %s", path, err)
    else:
        raise PropDeskError(f"无法写入文件夹 {folder}，请检查磁盘空间或文件夹权限")
    if not OPENER(path):
        messages.info(f"文件已保存到：{path}\n请用PDF阅读器打开后打印。")
    return path


def _save(parent: QWidget | None, data: bytes, title: str, suggested: Path,
          provider: PathProvider | None) -> Path | None:  # fmt: skip
    path = (provider or ASK_SAVE_PATH)(parent, title, suggested)
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as err:
        raise PropDeskError(
            f"无法保存到 {path}：文件可能正被其他程序打开，或没有写入权限（{err.strerror}）"
        ) from err
    return path


def _offer_open(
    services: Services, messages: MessageService, issued: IssuedDocument, lead: str
) -> None:
    """After a write: offer to open the issued PDF. A file problem now is only a warning,
    the document is already stored (and can be opened again from 文书)."""
    if not messages.confirm(f"{lead}\n现在打开PDF以便打印吗？"):
        return
    try:
        write_and_open(
            services, messages, issued.pdf, services.documents.suggested_filename(issued.row)
        )
    except PropDeskError as err:
        messages.warn(f"{err.message}\n文书已保存，可在“文书”中再次打开。")


class _Busy:
    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()


# ---- 整改通知书 ----------------------------------------------------------------------------
def _preview_pdf(parent: QWidget | None, services: Services, messages: MessageService,
                 text: NoticeText) -> None:  # fmt: skip
    try:
        data = run_job(parent, "正在生成预览…", lambda: services.chain.preview_notice(text))
    except Cancelled:
        return
    write_and_open(services, messages, data, "整改通知书（草稿预览）.pdf")


@_reporting(False)
def issue_notice(
    parent: QWidget | None, services: Services, messages: MessageService, issue_ids: list[int]
) -> bool:
    """Draft, let the user edit, issue one notice for these issues; offer to open its PDF."""
    ids = list(issue_ids)
    text = services.chain.draft_notice(ids)

    def submit(edited: NoticeText) -> Any:
        with _Busy():
            return services.chain.issue_notice(ids, edited)

    dialog = NoticeDialog(
        text,
        parent,
        submit=submit,
        messages=messages,
        preview_pdf=lambda t: _preview_pdf(dialog, services, messages, t),
    )
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_value is None:
        return False
    issued = dialog.result_value
    _offer_open(services, messages, issued, f"已签发整改通知书，文号 {issued.row.doc_number}。")
    return True


@_reporting(False)
def issue_batch(
    parent: QWidget | None,
    services: Services,
    messages: MessageService,
    issue_ids: Sequence[int],
    *,
    jobs: bool = True,
    path_provider: PathProvider | None = None,
) -> bool:
    """One notice per responsible unit, in one transaction, with progress and a real cancel."""
    ids = list(issue_ids)
    groups = services.chain.group_by_addressee(ids)
    if not messages.confirm(
        f"所选 {len(ids)} 个问题涉及 {len(groups)} 个责任单位，将开具 {len(groups)} 份"
        "整改通知书（按系统拟稿的内容直接签发，自动编号）。\n继续吗？",
        "批量开具整改通知书",
    ):
        return False
    try:
        result = run_progress_job(
            parent,
            "正在开具整改通知书…",
            lambda progress, cancelled: services.chain.issue_batch(ids, progress, cancelled),
            show=jobs,
            total=len(groups),
        )
    except OperationCancelled as err:
        messages.info(err.message)
        return False
    docs = result.documents
    numbers = docs[0].row.doc_number
    if len(docs) > 1:
        numbers = f"{docs[0].row.doc_number} 至 {docs[-1].row.doc_number}"
    report = f"已签发{len(docs)}份整改通知书（文号 {numbers}）"
    today = services.issues.today()
    suggested = exports_dir(services) / f"整改通知书（{len(docs)}份）-{today:%Y%m%d}.pdf"
    try:  # the notices are issued: a failed save only loses the combined copy
        path = _save(
            parent, result.combined_pdf, "保存合并打印的整改通知书", suggested, path_provider
        )
    except PropDeskError as err:
        messages.warn(err.message)
        path = None
    if path is not None:
        report += f"。\n合并打印文件已保存到：{path}"
    else:
        report += "。\n可随时在“文书”中逐份打开或另存。"
    messages.info(report)
    return True


# ---- 送达回证 ------------------------------------------------------------------------------
@_reporting(False)
def record_service(
    parent: QWidget | None, services: Services, messages: MessageService, issue_id: int
) -> bool:
    """登记送达 of the issue's live notice; offers to open the filled 送达回证."""
    notices = services.documents.search(
        DocumentQuery(
            issue_id=issue_id, doc_type=DocType.RECTIFICATION_NOTICE, include_voided=False
        )
    )
    if not notices:
        messages.warn("该问题还没有下发整改通知书")
        return False
    notice = notices[0]  # the newest live notice
    name = f"送达回证（空白）-{_safe(notice.doc_number)}.pdf"
    dialog = ServiceDialog(
        notice,
        parent,
        today=services.issues.today(),
        server=services.ctx.operator(),
        messages=messages,
        print_blank=lambda: write_and_open(
            services, messages, services.chain.blank_receipt(notice.id), name
        ),
    )

    def submit(fields: Any) -> Any:
        with _Busy():
            return services.chain.record_service(
                notice.id, fields, print_receipt=dialog.wants_receipt()
            )

    dialog.set_submit(submit)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    receipt = dialog.result_value
    if receipt is None:
        messages.info(f"已登记 {notice.doc_number} 的送达情况。")
    else:
        lead = f"已登记送达，并开具送达回证（{receipt.row.doc_number}）。"
        _offer_open(services, messages, receipt, lead)
    return True


# ---- 复查意见书 ----------------------------------------------------------------------------
@_reporting(False)
def reinspect(
    parent: QWidget | None, services: Services, messages: MessageService, issue_ids: list[int]
) -> bool:
    """登记复查: 合格 closes the issues out, 不合格 sets a new deadline; optional 复查意见书."""
    ids = list(issue_ids)
    if not ids:
        messages.warn("请先选择要复查的问题")
        return False
    items = [f"#{r.id} {r.community}：{r.description}" for r in services.issues.rows(ids)]
    dialog = ReinspectionDialog(
        items, parent, today=services.issues.today(), inspector=services.ctx.operator(),
        messages=messages,
    )  # fmt: skip

    def submit(fields: Any) -> Any:
        with _Busy():
            return services.chain.reinspect(ids, fields, print_opinion=dialog.wants_opinion())

    dialog.set_submit(submit)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    opinion = dialog.result_value
    verdict = (
        "复查合格，已销号" if dialog.passed.isChecked() else "已登记复查不合格，问题回到整改中"
    )
    if opinion is None:
        messages.info(f"{verdict}。")
    else:
        lead = f"{verdict}，并出具复查意见书（{opinion.row.doc_number}）。"
        _offer_open(services, messages, opinion, lead)
    return True


# ---- stored documents ----------------------------------------------------------------------
@_reporting(None)
def open_document(
    parent: QWidget | None, services: Services, messages: MessageService, document_id: int
) -> Path | None:
    """Write the exact stored bytes to exports/文书 and open them (reprint = same file)."""
    row = services.documents.get(document_id)
    data = services.documents.pdf(document_id)
    return write_and_open(services, messages, data, services.documents.suggested_filename(row))


@_reporting(None)
def save_document_as(
    parent: QWidget | None,
    services: Services,
    messages: MessageService,
    document_id: int,
    *,
    path_provider: PathProvider | None = None,
) -> Path | None:
    """Save the exact stored bytes where the user chooses."""
    row = services.documents.get(document_id)
    data = services.documents.pdf(document_id)
    suggested = exports_dir(services) / services.documents.suggested_filename(row)
    path = _save(parent, data, f"另存为 - {row.doc_number}", suggested, path_provider)
    if path is not None:
        messages.info(f"已保存 {row.doc_number}（与签发时的文件完全一致）到：{path}")
    return path
