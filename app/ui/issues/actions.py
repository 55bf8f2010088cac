"""What the 问题台账 page does with its issues (controller): the record dialogs, the document
chain (whose dialogs ChainActions owns), photos, and the ledger out. Mixed into IssuesPage,
which provides the selection, `refresh` and the actions these handlers check."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from app.domain.enums import AttachmentKind
from app.services import Services
from app.ui.common.files import IMAGE_FILTER, FileService
from app.ui.common.messages import MessageService
from app.ui.common.photo_viewer import PhotoViewer
from app.ui.errors import guarded
from app.ui.issues.detail import IssueDetailPanel
from app.ui.issues.inspection_dialog import InspectionDialog
from app.ui.issues.issue_dialog import IssueDialog
from app.ui.issues.rectified_dialog import RectifiedDialog
from app.ui.issues.table_model import IssueTableModel
from app.ui.jobs import Cancelled, run_job


class IssueActions:
    """Handlers of IssuesPage; the attributes below are set up by the page."""

    _services: Services
    _messages: MessageService
    _files: FileService
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

    # provided by the page (FeaturePage and IssuesPage); declared for readers and checkers
    if TYPE_CHECKING:

        def selected_ids(self) -> list[int]: ...
        def refresh(self, select: Sequence[int] | None = None) -> None: ...
        def show_current(self) -> None: ...
        def query(self) -> Any: ...
        def _export(
            self, label: str, work: Callable[[], int], done: Callable[[int], str]
        ) -> int: ...

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

    # ---- the document chain (ChainActions owns those dialogs) -------------------------
    def chain_actions(self) -> Any:
        from app.ui.issues.chain import ChainActions

        return ChainActions(self._services, self._messages, self._files, self, jobs=self._jobs)

    def _chain(self, action: QAction, run: Callable[[Any, list[int]], bool]) -> None:
        ids = self.selected_ids()
        if not ids or not action.isEnabled():
            return
        if run(self.chain_actions(), ids):
            self.refresh(select=ids)

    @guarded()
    def _on_notice(self) -> None:
        self._chain(self.notice_action, lambda chain, ids: chain.issue_notice(ids))

    @guarded()
    def _on_batch(self) -> None:
        self._chain(self.batch_action, lambda chain, ids: chain.issue_batch(ids))

    @guarded()
    def _on_serve(self) -> None:
        self._chain(self.serve_action, lambda chain, ids: chain.record_service(ids[0]))

    @guarded()
    def _on_reinspect(self) -> None:
        self._chain(self.reinspect_action, lambda chain, ids: chain.reinspect(ids))

    @guarded()
    def open_document(self, document_id: int) -> None:
        from app.ui.common.documents import open_document

        open_document(self._services, self._messages, self._files, document_id)

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
        title = f"选择{kind.label}照片"
        paths = self._files.ask_open_paths(self, title, IMAGE_FILTER, many=True)
        if paths:
            self.add_photos(paths, kind)

    def show_photo(self, path: str, title: str) -> PhotoViewer:
        """Open the photo in its own window (not modal: photos can be compared side by side)."""
        viewer = PhotoViewer(path, title, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        return viewer

    # ---- ledger out --------------------------------------------------------------------
    @guarded()
    def export_ledger(self, path: Path) -> int:
        q = self.query()
        return self._export(
            "正在导出问题整改台账…",
            lambda: self._services.ledgers.export_issues(path, q),
            lambda n: f"已按当前筛选条件导出 {n} 个问题到：{path}",
        )

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
                self._files.show(self._messages, path, "台账")
        else:
            self._messages.info(f"已按当前筛选条件生成 {n} 个问题的台账：{path}")
        return int(n)

    def _on_export(self) -> None:
        path = self._files.ask_ledger_path(self, "导出问题整改台账", "问题整改台账.xlsx")
        if path:
            self.export_ledger(path)

    def _on_print(self) -> None:
        files = self._files
        path = files.ask_save_path(self, "打印问题整改台账", files.exports_dir / "问题整改台账.pdf")
        if path:
            self.print_ledger(path)
