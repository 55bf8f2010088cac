"""Controllers of the 维修资金 page: each action opens its dialog, which saves itself through
`services.funds`; after a save the page reloads its rows, totals and detail, keeping the
selection. Mixed into FundsPage, which provides the view, `refresh` and the actions.

The `*_dialog` methods build the dialogs (tests drive them); the `_on_*` handlers run them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.fund_records import FundView
from app.domain.funds import (
    CLOSED_STAGES,
    EDITABLE_STAGES,
    PAYABLE_STAGES,
    REVIEW_STAGES,
    FundStage,
    Material,
)
from app.ui.errors import guarded
from app.ui.funds.dialogs import FundDialog, VoteDialog
from app.ui.funds.split_dialog import SplitDialog
from app.ui.funds.step_dialogs import (
    AdvanceDialog,
    DisbursementDialog,
    MaterialDialog,
    ReasonDialog,
    ReversalDialog,
)

if TYPE_CHECKING:
    from app.domain.fund_records import FundQuery
    from app.services import Services
    from app.ui.common.files import FileService
    from app.ui.common.messages import MessageService
    from app.ui.funds.detail import FundDetailPanel
    from app.ui.funds.table_model import FundTableModel

LEDGER_NAME = "维修资金使用台账.xlsx"


class FundActions:
    _services: Services
    _messages: MessageService
    _files: FileService
    _jobs: bool
    model: FundTableModel
    detail: FundDetailPanel
    view: FundView | None
    _expect: int | None  # a request just created, to be found in the next result
    edit_action: QAction
    delete_action: QAction
    vote_action: QAction
    next_action: QAction
    send_back_action: QAction
    reject_action: QAction
    disburse_action: QAction
    split_action: QAction
    print_action: QAction

    # provided by the page
    def refresh(self, select: int | None = None) -> None: ...
    def query(self) -> FundQuery: ...

    # ---- what can be done now ----------------------------------------------------------
    def _update_actions(self) -> None:
        v = self.view
        stage = v.stage if v else None
        nxt = v.next_stage if v else None
        if nxt is None:
            self.next_action.setText("下一步")
            self.next_action.setToolTip("已办结或已终止，没有下一步")
        elif nxt is FundStage.DISBURSED:
            self.next_action.setText("下一步")
            self.next_action.setToolTip("登记首笔拨付后自动进入“已拨付”（点“登记拨付”）")
        else:
            self.next_action.setText(f"进入“{nxt.label}”")
            self.next_action.setToolTip(f"登记进入“{nxt.label}”的日期和意见")
        enabled = {
            self.edit_action: stage in EDITABLE_STAGES,
            self.delete_action: stage is FundStage.DRAFT,
            self.vote_action: v is not None and not v.fields.emergency and stage in EDITABLE_STAGES,
            self.next_action: nxt is not None and nxt is not FundStage.DISBURSED,
            self.send_back_action: stage in REVIEW_STAGES,
            self.reject_action: stage in (*REVIEW_STAGES, FundStage.RETURNED),
            self.disburse_action: stage in PAYABLE_STAGES,
            self.split_action: v is not None,
            self.print_action: v is not None,
        }
        for action, on in enabled.items():
            action.setEnabled(bool(on))

    # ---- dialogs -----------------------------------------------------------------------
    def _parent(self) -> QWidget:
        return self  # type: ignore[return-value]

    def fund_dialog(self, v: FundView | None) -> FundDialog:
        s = self._services
        return FundDialog(
            s.funds,
            self._messages,
            v,
            self._parent(),
            communities=s.communities.choices(),
            today=s.ctx.today(),
        )

    def vote_dialog(self, v: FundView) -> VoteDialog:
        s = self._services
        return VoteDialog(s.funds, self._messages, v, self._parent(), today=s.ctx.today())

    def step_dialog(self, v: FundView, target: FundStage) -> AdvanceDialog:
        s = self._services
        return AdvanceDialog(
            s.funds, self._messages, v, target, self._parent(), today=s.ctx.today()
        )

    def reason_dialog(self, v: FundView, target: FundStage) -> ReasonDialog:
        s = self._services
        return ReasonDialog(s.funds, self._messages, v, target, self._parent(), today=s.ctx.today())

    def disbursement_dialog(self, v: FundView) -> DisbursementDialog:
        s = self._services
        return DisbursementDialog(s.funds, self._messages, v, self._parent(), today=s.ctx.today())

    def material_dialog(self, v: FundView, material: Material) -> MaterialDialog:
        s = self._services
        return MaterialDialog(
            s.funds,
            self._messages,
            v,
            material,
            self._parent(),
            files=self._files,
            today=s.ctx.today(),
        )

    def split_dialog(self, request_id: int) -> SplitDialog:
        return SplitDialog(
            self._services.funds, self._messages, request_id, self._parent(), files=self._files
        )

    def _run(self, dialog: Any, request_id: int | None) -> Any:
        """Run a dialog; after a save reload (keeping `request_id`, or the new request,
        selected) and return what the dialog saved (True when it keeps nothing), else None."""
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            saved = dialog.result_value
        finally:
            dialog.deleteLater()
        if request_id is None and type(saved) is int:
            request_id = self._expect = saved  # a new request: say so if the filter hides it
        self.refresh(select=request_id)
        return True if saved is None else saved

    def _current(self, action: QAction | None = None) -> FundView | None:
        if self.view is None or (action is not None and not action.isEnabled()):
            return None
        return self.view

    # ---- handlers ----------------------------------------------------------------------
    @guarded()
    def _on_new(self) -> None:
        self._run(self.fund_dialog(None), None)

    @guarded()
    def _on_edit(self) -> None:
        v = self._current(self.edit_action)
        if v is not None:
            self._run(self.fund_dialog(v), v.id)

    @guarded()
    def _on_delete(self) -> None:
        v = self._current(self.delete_action)
        if v is None:
            return
        text = f"删除申请 {v.serial}（{v.community}：{v.fields.project}）？此操作不能撤销。"
        if self._messages.confirm(text, "删除申请"):
            self._services.funds.delete(v.id)
            self.refresh()

    @guarded()
    def _on_vote(self) -> None:
        v = self._current(self.vote_action)
        if v is not None:
            self._run(self.vote_dialog(v), v.id)

    @guarded()
    def _on_next(self) -> None:
        v = self._current(self.next_action)
        if v is None or v.next_stage is None:
            return
        problems = list(v.missing)
        if problems:
            self._messages.warn(
                f"不能进入“{v.next_stage.label}”：\n" + "\n".join(f"· {p}" for p in problems)
            )
            return
        self._run(self.step_dialog(v, v.next_stage), v.id)

    @guarded()
    def _on_send_back(self) -> None:
        v = self._current(self.send_back_action)
        if v is not None:
            self._run(self.reason_dialog(v, FundStage.RETURNED), v.id)

    @guarded()
    def _on_reject(self) -> None:
        v = self._current(self.reject_action)
        if v is not None:
            self._run(self.reason_dialog(v, FundStage.REJECTED), v.id)

    def reversal_dialog(self, v: FundView, payment_id: int) -> ReversalDialog:
        payment = next(d for d in v.disbursements if d.id == payment_id)
        today = self._services.ctx.today()
        return ReversalDialog(
            self._services.funds, self._messages, v, payment, self._parent(), today=today
        )

    @guarded()
    def _on_reverse(self, payment_id: int) -> None:
        v = self._current()
        if v is not None:
            self._run(self.reversal_dialog(v, payment_id), v.id)

    @guarded()
    def _on_disburse(self) -> None:
        v = self._current(self.disburse_action)
        if v is not None:
            self._run(self.disbursement_dialog(v), v.id)

    @guarded()
    def _on_material(self, material: Material) -> None:
        v = self._current()
        if v is None or v.stage in CLOSED_STAGES:
            return
        if self._run(self.material_dialog(v, material), v.id) is not None:
            self.detail.select_material(material)

    @guarded()
    def _on_scan(self, path: str) -> None:
        self._files.open_existing(self._messages, Path(path), "扫描件")

    @guarded()
    def _on_split(self) -> None:
        v = self._current(self.split_action)
        if v is not None:
            self._run(self.split_dialog(v.id), v.id)

    # ---- papers out --------------------------------------------------------------------
    @guarded()
    def print_review_form(self) -> Path | None:
        """The 审核表 of the selected request, written under exports/文书 and opened."""
        v = self._current(self.print_action)
        if v is None:
            return None
        path = self._files.documents_dir / f"审核表_{v.serial}.pdf"
        write = self._services.funds.papers.print_review_form
        return self._files.write_pdf(self._messages, path, lambda: write(v.id, path), "审核表")

    @guarded()
    def export_ledger(self, path: Path) -> int:
        q = self.query()
        return self._export(
            "正在导出维修资金使用台账…",
            lambda: self._services.ledgers.export_funds(path, q),
            lambda n: f"已按当前筛选条件导出 {n} 项申请到：{path}",
        )

    def _on_export(self) -> None:
        title = "导出维修资金使用台账"
        path = self._ask_ledger_path(title, LEDGER_NAME)
        if path is not None:
            self.export_ledger(path)
