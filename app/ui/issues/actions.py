"""What the 问题台账 page does with its issues (controller): the record dialogs, the document
chain (whose dialogs chain_actions owns), photos, and the ledger out. Mixed into IssuesPage,
which provides the selection, `refresh` and the actions these handlers check."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog

from app.domain.enums import AttachmentKind
from app.services import Services
from app.ui.common.messages import MessageService
from app.ui.common.photo_viewer import PhotoViewer
from app.ui.errors import guarded
from app.ui.issues.detail import IssueDetailPanel
from app.ui.issues.inspection_dialog import InspectionDialog
from app.ui.issues.issue_dialog import IssueDialog
from app.ui.issues.rectified_dialog import RectifiedDialog
from app.ui.issues.table_model import IssueTableModel
from app.ui.jobs import Cancelled, run_job

IMAGE_FILTER = "图片 (*.jpg *.jpeg *.png *.gif *.bmp *.webp)"


class IssueActions:
    """Handlers of IssuesPage; the attributes below are set up by the page."""

    _services: Services
    _messages: MessageService
    _jobs: bool
    model: IssueTableModel
    detail: IssueDetailPanel
    edit_action: QAction
    delete_action: QAction
    report_action: QAction
    notice_action: QAction
    batch_action: QAction
    serve_action: QAction
    reinspect_action: QAction

    def selected_ids(self) -> list[int]:
        raise NotImplementedError

    def refresh(self, select: Sequence[int] | None = None) -> None:
        raise NotImplementedError

    def show_current(self) -> None:
        raise NotImplementedError

    # ---- record dialogs ----------------------------------------------------------------
    def open_issue_dialog(self, issue_id: int | None = None) -> IssueDialog:
        record = self._services.issues.get(issue_id) if issue_id else None
        return IssueDialog(self._services, self._messages, record, self)

    def open_inspection_dialog(self) -> InspectionDialog:
        return InspectionDialog(self._services, self._messages, self)

    def open_rectified_dialog(self, issue_id: int) -> RectifiedDialog:
        rec = self._services.issues.get(issue_id)
        return RectifiedDialog(self._services, self._messages, rec, self)

    def after_dialog(self, dialog: Any) -> None:
        """Show what a closed dialog saved (an IssueRecord or (inspection id, issue ids))."""
        saved = dialog.result_value
        if saved is None:
            return
        ids = saved[1] if isinstance(saved, tuple) else [saved.id]
        self.refresh(select=ids)
        hidden = [i for i in ids if self.model.row_of(i) < 0]
        if hidden:
            self._messages.info(
                f"已保存。其中 {len(hidden)} 个问题不符合当前筛选条件，表中未显示；"
                "可点击“清除筛选”查看。"
            )

    @guarded()
    def _on_add(self) -> None:
        dialog = self.open_issue_dialog()
        if dialog.exec():
            self.after_dialog(dialog)

    @guarded()
    def _on_inspection(self) -> None:
        dialog = self.open_inspection_dialog()
        if dialog.exec():
            self.after_dialog(dialog)
            if dialog.result_value is not None and not dialog.result_value[1]:
                self._messages.info("检查已登记（本次未发现问题）。")

    def _single_open(self) -> int | None:
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 and self.edit_action.isEnabled() else None

    @guarded()
    def _on_edit(self) -> None:
        issue_id = self._single_open()
        if issue_id is not None:
            dialog = self.open_issue_dialog(issue_id)
            if dialog.exec():
                self.after_dialog(dialog)

    def _on_double_click(self) -> None:
        if self.edit_action.isEnabled():
            self._on_edit()

    @guarded()
    def _on_delete(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1 or not self.delete_action.isEnabled():
            return
        rec = self._services.issues.get(ids[0])
        text = f"删除问题 #{rec.id}（{rec.community}：{rec.fields.description[:30]}）？此操作不能撤销。"
        if self._messages.confirm(text):
            self._services.issues.delete(rec.id)
            self.refresh(select=[])

    @guarded()
    def _on_report(self) -> None:
        issue_id = self._single_open()
        if issue_id is not None and self.report_action.isEnabled():
            dialog = self.open_rectified_dialog(issue_id)
            if dialog.exec():
                self.after_dialog(dialog)

    # ---- the document chain (chain_actions owns those dialogs) -------------------------
    def _chain(self, action: QAction, run: Callable[[Any, list[int]], bool]) -> None:
        ids = self.selected_ids()
        if not ids or not action.isEnabled():
            return
        from app.ui.issues import chain as chain_actions

        if run(chain_actions, ids):
            self.refresh(select=ids)

    @guarded()
    def _on_notice(self) -> None:
        self._chain(
            self.notice_action,
            lambda ca, ids: ca.issue_notice(self, self._services, self._messages, ids),
        )

    @guarded()
    def _on_batch(self) -> None:
        self._chain(
            self.batch_action,
            lambda ca, ids: ca.issue_batch(
                self, self._services, self._messages, ids, jobs=self._jobs
            ),
        )

    @guarded()
    def _on_serve(self) -> None:
        self._chain(
            self.serve_action,
            lambda ca, ids: ca.record_service(self, self._services, self._messages, ids[0]),
        )

    @guarded()
    def _on_reinspect(self) -> None:
        self._chain(
            self.reinspect_action,
            lambda ca, ids: ca.reinspect(self, self._services, self._messages, ids),
        )

    @guarded()
    def open_document(self, document_id: int) -> None:
        from app.ui.issues import chain as chain_actions

        chain_actions.open_document(self, self._services, self._messages, document_id)

    # ---- photos ------------------------------------------------------------------------
    @guarded()
    def add_photos(self, paths: Sequence[Path], kind: AttachmentKind) -> int:
        issue_id = self.detail.issue_id
        if issue_id is None:
            return 0
        for path in paths:
            self._services.attachments.add(issue_id, Path(path), kind)
        self.show_current()
        return len(paths)

    def _on_add_photo(self, kind: AttachmentKind) -> None:
        start = str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(self, f"选择{kind.label}照片", start, IMAGE_FILTER)
        if paths:
            self.add_photos([Path(p) for p in paths], kind)

    def show_photo(self, path: str, title: str) -> PhotoViewer:
        """Open the photo in its own window (not modal: photos can be compared side by side)."""
        viewer = PhotoViewer(path, title, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        return viewer

    # ---- ledger out --------------------------------------------------------------------
    def _ask_path(self, title: str, default_name: str, file_filter: str) -> Path | None:
        start = str(Path(self._services.ctx.data_dir, "exports", default_name))
        path, _ = QFileDialog.getSaveFileName(self, title, start, file_filter)
        return Path(path) if path else None

    @guarded()
    def export_ledger(self, path: Path) -> int:
        q = self.query()
        try:
            n = run_job(
                self,
                "正在导出问题整改台账…",
                lambda: self._services.ledgers.export_issues(path, q),
                show=self._jobs,
            )
        except Cancelled:
            return 0
        self._messages.info(f"已按当前筛选条件导出 {n} 个问题到：{path}")
        return int(n)

    @guarded()
    def print_ledger(self, path: Path) -> int:
        q = self.query()
        try:
            n = run_job(
                self,
                "正在生成问题整改台账PDF…",
                lambda: self._services.ledgers.print_issues(path, q),
                show=self._jobs,
            )
        except Cancelled:
            return 0
        if self._messages.dialogs:
            if self._messages.confirm(f"已生成 {n} 个问题的台账：{path}\n现在打开以便打印吗？"):
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        else:
            self._messages.info(f"已按当前筛选条件生成 {n} 个问题的台账：{path}")
        return int(n)

    def _on_export(self) -> None:
        path = self._ask_path("导出问题整改台账", "问题整改台账.xlsx", "Excel 文件 (*.xlsx)")
        if path:
            self.export_ledger(path)

    def _on_print(self) -> None:
        path = self._ask_path("打印问题整改台账", "问题整改台账.pdf", "PDF 文件 (*.pdf)")
        if path:
            self.print_ledger(path)
