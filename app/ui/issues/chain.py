"""Controller of the rectification chain (整改通知书 → 送达回证 → 复查意见书), used by the
问题台账 page. Each method opens its dialog, writes through `services`, reports in plain
Chinese through `messages` and returns whether anything was written. Files go through the
FileService (`files`): PDFs to `<data_dir>/exports/文书/`, opened with the system viewer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.doc_records import DocumentQuery
from app.domain.documents import NoticeText
from app.domain.enums import DocType
from app.domain.errors import OperationCancelled, PropDeskError
from app.services import Services
from app.ui.common.documents import offer_open
from app.ui.common.files import FileService, safe_name
from app.ui.common.messages import MessageService
from app.ui.issues.notice_dialog import NoticeDialog
from app.ui.issues.reinspection_dialog import ReinspectionDialog
from app.ui.issues.service_dialog import ServiceDialog
from app.ui.jobs import Cancelled, run_job
from app.ui.progress_job import run_progress_job

F = TypeVar("F", bound=Callable[..., Any])


def _reporting(fail: Any) -> Callable[[F], F]:
    """An expected error becomes one warning."""

    def decorate(fn: F) -> F:
        @wraps(fn)
        def wrapper(self: ChainActions, *args: Any, **kwargs: Any) -> Any:
            try:
                return fn(self, *args, **kwargs)
            except PropDeskError as err:
                self.messages.warn(err.message)
                return fail

        return wrapper  # type: ignore[return-value]

    return decorate


class _Busy:
    def __enter__(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *_exc: object) -> None:
        QGuiApplication.restoreOverrideCursor()


class ChainActions:
    def __init__(
        self,
        services: Services,
        messages: MessageService,
        files: FileService,
        parent: QWidget | None = None,
        *,
        jobs: bool = True,
    ) -> None:
        self.services = services
        self.messages = messages
        self.files = files
        self.parent = parent
        self.jobs = jobs

    # ---- 整改通知书 ------------------------------------------------------------------------
    def _preview_pdf(self, parent: QWidget | None, text: NoticeText) -> None:
        preview = self.services.chain.preview_notice
        try:
            data = run_job(parent, "正在生成预览…", lambda: preview(text))
        except Cancelled:
            return
        self.files.write_and_open(self.messages, data, "整改通知书（草稿预览）.pdf")

    @_reporting(False)
    def issue_notice(self, issue_ids: Sequence[int]) -> bool:
        """Draft, let the user edit, issue one notice for these issues; offer to open its PDF."""
        ids, chain = list(issue_ids), self.services.chain
        text = chain.draft_notice(ids)

        def submit(edited: NoticeText) -> Any:
            with _Busy():
                return chain.issue_notice(ids, edited)

        dialog = NoticeDialog(
            text,
            self.parent,
            submit=submit,
            messages=self.messages,
            preview_pdf=lambda t: self._preview_pdf(dialog, t),
            duplex=self.services.ctx.duplex(),
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_value is None:
            return False
        issued = dialog.result_value
        self._offer_open(issued, f"已签发整改通知书，文号 {issued.row.doc_number}。")
        return True

    @_reporting(False)
    def issue_batch(self, issue_ids: Sequence[int]) -> bool:
        """One notice per responsible unit, in one transaction, with progress and a real
        cancel; the combined PDF for the printer is saved where the user chooses."""
        ids, chain, messages = list(issue_ids), self.services.chain, self.messages
        groups = chain.group_by_addressee(ids)
        if not messages.confirm(
            f"所选 {len(ids)} 个问题涉及 {len(groups)} 个责任单位，将开具 {len(groups)} 份"
            "整改通知书（按系统拟稿的内容直接签发，自动编号）。\n继续吗？",
            "批量开具整改通知书",
        ):
            return False
        try:
            result = run_progress_job(
                self.parent,
                "正在开具整改通知书…",
                lambda progress, cancelled: chain.issue_batch(ids, progress, cancelled),
                show=self.jobs,
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
        today = self.services.ctx.today()
        suggested = self.files.documents_dir / f"整改通知书（{len(docs)}份）-{today:%Y%m%d}.pdf"
        try:  # the notices are issued: a failed save only loses the combined copy
            path = self.files.save_bytes(
                self.parent, result.combined_pdf, "保存合并打印的整改通知书", suggested
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

    # ---- 送达回证 --------------------------------------------------------------------------
    @_reporting(False)
    def record_service(self, issue_id: int) -> bool:
        """登记送达 of the issue's live notice; offers to open the filled 送达回证."""
        services = self.services
        notices = services.documents.search(
            DocumentQuery(
                issue_id=issue_id, doc_type=DocType.RECTIFICATION_NOTICE, include_voided=False
            )
        )
        if not notices:
            self.messages.warn("该问题还没有下发整改通知书")
            return False
        notice = notices[0]  # the newest live notice
        name = f"送达回证（空白）-{safe_name(notice.doc_number)}.pdf"
        dialog = ServiceDialog(
            notice,
            self.parent,
            today=services.ctx.today(),
            server=services.ctx.operator(),
            messages=self.messages,
            print_blank=lambda: self.files.write_and_open(
                self.messages, services.chain.blank_receipt(notice.id), name
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
            self.messages.info(f"已登记 {notice.doc_number} 的送达情况。")
        else:
            lead = f"已登记送达，并开具送达回证（{receipt.row.doc_number}）。"
            self._offer_open(receipt, lead)
        return True

    # ---- 复查意见书 ------------------------------------------------------------------------
    @_reporting(False)
    def reinspect(self, issue_ids: Sequence[int]) -> bool:
        """登记复查: 合格 closes the issues out, 不合格 sets a new deadline; optional 复查意见书."""
        ids, services = list(issue_ids), self.services
        if not ids:
            self.messages.warn("请先选择要复查的问题")
            return False
        items = [f"#{r.id} {r.community}：{r.description}" for r in services.issues.rows(ids)]
        dialog = ReinspectionDialog(
            items,
            self.parent,
            today=services.ctx.today(),
            inspector=services.ctx.operator(),
            messages=self.messages,
        )

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
            self.messages.info(f"{verdict}。")
        else:
            lead = f"{verdict}，并出具复查意见书（{opinion.row.doc_number}）。"
            self._offer_open(opinion, lead)
        return True

    def _offer_open(self, issued: Any, lead: str) -> None:
        offer_open(self.services, self.messages, self.files, issued, lead)
