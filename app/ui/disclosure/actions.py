"""Controllers of the 信息公示 page: 登记检查, 生成问题 from a failing item, the checklist and
poster PDFs (under `<data_dir>/exports/文书/`, opened through the FileService), the ledger
export and the checklist settings. Mixed into DisclosurePage, which provides the view,
`refresh` and the actions.

The `*_dialog` methods build the dialogs (tests drive them); the `_on_*` handlers run them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QToolButton, QWidget

from app.ui.common.files import safe_name
from app.ui.disclosure.check_dialog import DisclosureCheckDialog
from app.ui.disclosure.items_dialog import DisclosureItemsDialog
from app.ui.disclosure.rates import NEIGHBORHOOD
from app.ui.errors import guarded
from app.ui.jobs import Cancelled, run_job

if TYPE_CHECKING:
    from app.domain.disclosure import CheckView, DisclosureQuery, DisclosureRow
    from app.services import Services
    from app.ui.common.files import FileService
    from app.ui.common.messages import MessageService
    from app.ui.disclosure.detail import DisclosureDetailPanel
    from app.ui.disclosure.filters import DisclosureFilterBar
    from app.ui.disclosure.table_model import DisclosureTableModel

LEDGER_NAME = "信息公示检查台账.xlsx"
CHECKLIST_KINDS = ("one", "all", "filled")


class DisclosureActions:
    _services: Services
    _messages: MessageService
    _files: FileService
    _jobs: bool
    model: DisclosureTableModel
    detail: DisclosureDetailPanel
    filters: DisclosureFilterBar
    check_action: QAction
    blank_one_action: QAction
    blank_all_action: QAction
    filled_action: QAction
    poster_button: QToolButton
    poster_a4_action: QAction
    poster_a3_action: QAction

    # provided by the page
    def current_row(self) -> DisclosureRow | None: ...
    def refresh(
        self, select: int | None = None, check: int | None = None, *, changed: int | None = None
    ) -> None: ...
    def query(self) -> DisclosureQuery: ...

    # ---- what can be done now ----------------------------------------------------------
    def _update_actions(self) -> None:
        r = self.current_row()
        self.blank_one_action.setEnabled(r is not None)
        self.blank_all_action.setEnabled(self.model.rowCount() > 0)
        self.filled_action.setEnabled(r is not None and self._check_to_print() is not None)
        for a in (self.poster_a4_action, self.poster_a3_action):
            a.setEnabled(r is not None)
        self.poster_button.setEnabled(r is not None)

    def _parent(self) -> QWidget:
        return self  # type: ignore[return-value]

    def _check_to_print(self) -> CheckView | None:
        """The visit selected in the detail (the newest one unless another is chosen)."""
        return self.detail.selected_check()

    # ---- dialogs -----------------------------------------------------------------------
    def check_dialog(self, community_id: int | None) -> DisclosureCheckDialog:
        s = self._services
        return DisclosureCheckDialog(
            s.disclosure,
            self._messages,
            s.communities.choices(),
            community_id,
            self._parent(),
            inspector=s.ctx.operator(),
            today=s.ctx.today(),
            files=self._files,
        )

    def items_dialog(self) -> DisclosureItemsDialog:
        return DisclosureItemsDialog(self._services.disclosure, self._messages, self._parent())

    def _run(self, dialog: Any) -> Any:
        """Run a dialog; return what it saved, or None when cancelled."""
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.result_value
        finally:
            dialog.deleteLater()

    # ---- handlers ----------------------------------------------------------------------
    @guarded()
    def _on_check(self) -> None:
        r = self.current_row()
        dialog = self.check_dialog(r.community_id if r else None)
        check_id = self._run(dialog)
        if check_id is not None:
            view = self._services.disclosure.check(check_id)
            self.refresh(select=view.community_id, check=check_id, changed=view.community_id)

    @guarded()
    def _on_items(self) -> None:
        r = self.current_row()
        if self._run(self.items_dialog()) is not None:
            self.refresh(select=r.community_id if r else None)

    @guarded()
    def _on_issue(self, entry_id: int) -> None:
        check = self.detail.selected_check()
        entry = next((e for e in check.entries if e.id == entry_id), None) if check else None
        if check is None or entry is None:
            return
        r = self.current_row()
        company = r.company if r and r.community_id == check.community_id else ""
        hood = r.neighborhood if r and r.community_id == check.community_id else ""
        responsible = company or f"{hood}居民委员会（该小区无物业服务企业）"
        if not self._messages.confirm(
            f"把“{entry.item_name}”（{entry.result.label}）登记为问题台账中的问题？\n"
            f"类别：信息公示；责任单位：{responsible}；整改时限按规则包计算。",
            "生成问题",
        ):
            return
        issue_id = self._services.disclosure.create_issue(entry_id)
        self.refresh(select=check.community_id, check=check.id, changed=check.community_id)
        self.detail.select_entry(entry_id)
        self._messages.info(f"已在问题台账中生成问题 #{issue_id}")

    def _on_group(self, kind: str, name: str) -> None:
        """A double-click in the rates panel: the communities of that group."""
        combo = self.filters.neighborhood if kind == NEIGHBORHOOD else self.filters.company
        i = combo.findText(name)
        if i <= 0:
            return
        if kind == NEIGHBORHOOD:
            self.filters.set_filters(neighborhood_id=combo.itemData(i))
        else:
            self.filters.set_filters(company_id=combo.itemData(i))

    @guarded()
    def _on_photo(self, path: str) -> None:
        self._files.open_existing(self._messages, Path(path), "照片")

    # ---- papers out --------------------------------------------------------------------
    def _write_pdf(self, path: Path, label: str, make: Callable[[], object]) -> Path:
        return self._files.write_pdf(
            self._messages, path, lambda: run_job(self._parent(), label, make, show=self._jobs)
        )

    @guarded()
    def print_checklist(self, kind: str) -> Path | None:
        """Blank for the selected community ("one"), blank for every community the filters
        show, one per page ("all"), or the selected visit's results ("filled")."""
        assert kind in CHECKLIST_KINDS
        r, disclosure = self.current_row(), self._services.disclosure
        folder = self._files.documents_dir
        check_id: int | None = None
        if kind == "all":
            ids = [row.community_id for row in self.model.rows()]
            if not ids:
                return None
            path = folder / f"信息公示检查表（空白，{len(ids)}个小区）.pdf"
        elif r is None:
            return None
        elif kind == "one":
            ids = [r.community_id]
            path = folder / f"信息公示检查表（空白）_{safe_name(r.community, '小区')}.pdf"
        else:
            check = self._check_to_print()
            if check is None:
                self._messages.info(f"{r.community}还没有检查记录，可先打印空白表现场检查。")
                return None
            ids, check_id = [r.community_id], check.id
            path = folder / (
                f"信息公示检查表_{safe_name(r.community, '小区')}_{check.checked_on:%Y%m%d}.pdf"
            )
        try:
            return self._write_pdf(
                path,
                "正在生成信息公示检查表…",
                lambda: disclosure.print_checklist(
                    path, ids, blank=kind != "filled", check_id=check_id
                ),
            )
        except Cancelled:
            return None

    @guarded()
    def print_poster(self, size: str = "A4") -> Path | None:
        r = self.current_row()
        if r is None:
            return None
        folder = self._files.documents_dir
        path = folder / f"执法进小区公示牌_{safe_name(r.community, '小区')}_{size}.pdf"
        disclosure = self._services.disclosure
        try:
            return self._write_pdf(
                path,
                "正在生成执法进小区公示牌…",
                lambda: disclosure.print_poster(r.community_id, path, size),
            )
        except Cancelled:
            return None

    @guarded()
    def export_ledger(self, path: Path) -> int:
        q = self.query()
        return self._export(
            "正在导出信息公示检查台账…",
            lambda: self._services.ledgers.export_disclosure(path, q),
            lambda n: f"已按当前筛选条件导出 {n} 个小区的信息公示检查情况到：{path}",
        )

    def _on_export(self) -> None:
        title = "导出信息公示检查台账"
        path = self._ask_ledger_path(title, LEDGER_NAME)
        if path is not None:
            self.export_ledger(path)
