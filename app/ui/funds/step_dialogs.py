"""The dialogs that move a maintenance-fund request along (DOMAIN.md §4.2): a forward step,
退回补正 / 不予核准 with a reason, a payment, and one material received (with its scan).

Each is opened with (service, messages, view, …) and writes through `services.funds` on OK.
A bad value keeps the dialog open with its field focused; a refused step lists every rule.
The scan of a material is chosen through the FileService the page passes in.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.amounts import capital, parse_yuan, yuan
from app.domain.errors import ValidationError
from app.domain.fund_records import DisbursementView, FundView
from app.domain.funds import REVIEW_LEVELS, FundStage, InstalmentKind, Material
from app.ui.common.fields import DateField, EnumCombo
from app.ui.common.files import FileService
from app.ui.common.form_dialog import FormDialog
from app.ui.common.messages import MessageService
from app.ui.common.style import set_invalid, set_role
from app.ui.errors import guarded

SCAN_FILTER = "扫描件 (*.pdf *.jpg *.jpeg *.png *.bmp *.gif *.webp)"


def red_box(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_role(label, "error_box")
    return label


class MoneyField(QLineEdit):
    """A yuan amount typed as text; `capital` (a label to place under it) shows it live in
    Chinese capitals, or what is wrong with it."""

    def __init__(self, field: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field, self.label = field, label
        self.setObjectName(field)
        self.setPlaceholderText("元，最多两位小数")
        self.setMaximumWidth(220)
        self.capital = QLabel()
        self.capital.setWordWrap(True)
        self.capital.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.textChanged.connect(lambda _t: self._show_capital())
        self._show_capital()

    def value(self) -> int | None:
        text = self.text().strip()
        if not text:
            return None
        try:
            return parse_yuan(text, what=self.label)
        except ValidationError as err:
            set_invalid(self, True)
            raise ValidationError(err.message, field=self.field, value=text) from None

    def set_value(self, fen: int | None) -> None:
        self.setText("" if fen is None else yuan(fen))

    def _show_capital(self) -> None:
        set_invalid(self, False)
        text, role = "", "hint"
        if self.text().strip():
            try:
                text = f"大写：{capital(parse_yuan(self.text(), what=self.label))}"
            except ValidationError as err:
                text, role = err.message, "danger"
        self.capital.setText(text)
        set_role(self.capital, role)


def _text_edit(name: str, placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(objectName=name)
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    edit.setMaximumHeight(90)
    return edit


def required_date(widget: DateField) -> Any:
    value = widget.value()
    if value is None:
        widget.mark_error(True)
        raise ValidationError(f"请填写{widget.label}", field=widget.field)
    return value


class FundActionDialog(FormDialog):
    """Base: the view, OK/取消, and OK → `_save()`, which writes through the service (it
    calls `stay_open()` to keep the dialog open without an error, e.g. after a declined
    confirmation)."""

    def __init__(
        self,
        service: Any,
        messages: MessageService,
        view: FundView,
        parent: QWidget | None,
        title: str,
        accept_text: str = "保存",
        *,
        today: date,
    ) -> None:
        super().__init__(parent, messages=messages)
        self._service = service
        self.view = view
        self.setWindowTitle(title)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.on = DateField("on", "日期")
        self.on.set_value(today)

    def _finish(self, *top: QWidget, below: tuple[QWidget, ...] = ()) -> None:
        layout = QVBoxLayout(self)
        for w in top:
            layout.addWidget(w)
        layout.addLayout(self.form)
        for w in below:
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(self.buttons)


class AdvanceDialog(FundActionDialog):
    """One step forward: date, opinion (the review level's, when leaving a review stage) and,
    for 核准 / 决算公示, the amount. The blockers, if any, are listed on top."""

    def __init__(
        self,
        service: Any,
        messages: MessageService,
        view: FundView,
        target: FundStage,
        parent: QWidget | None = None,
        *,
        today: date,
    ) -> None:
        super().__init__(
            service, messages, view, parent, f"{view.serial}：进入“{target.label}”", today=today
        )
        self.target = target
        self.resize(560, 380)
        shown = list(view.missing)
        self.blockers = red_box("尚不能进入：\n" + "\n".join(f"· {m}" for m in shown))
        self.blockers.setVisible(bool(shown) and target is view.next_stage)
        current = QLabel(
            f"{view.community}　{view.fields.project}\n当前阶段：{view.stage.label}"
            f"（自 {view.stage_since:%Y-%m-%d}）"
        )
        current.setWordWrap(True)
        review = view.stage in REVIEW_LEVELS
        self.opinion_label = REVIEW_LEVELS.get(view.stage, "说明")
        self.opinion = _text_edit("opinion", "必填，如：材料齐全，同意上报" if review else "选填")
        self.form.addRow("日期", self.on)
        self.form.addRow(self.opinion_label, self.opinion)
        self.amount: MoneyField | None = None
        if target is FundStage.APPROVED:
            self.amount = MoneyField("amount_fen", "核准金额")
            self.amount.set_value(view.fields.budget_fen or None)
            note = f"申请金额 {yuan(view.fields.budget_fen)} 元"
        elif target is FundStage.FINAL_DISCLOSURE:
            self.amount = MoneyField("amount_fen", "决算金额")
            self.amount.set_value(view.approved_fen)
            note = (
                f"核准金额 {yuan(view.approved_fen or 0)} 元，已拨付 {yuan(view.disbursed_fen)} 元"
            )
        if self.amount is not None:
            self.form.addRow(f"{self.amount.label}(元)", self.amount)
            self.form.addRow("", self.amount.capital)
            self.form.addRow("", QLabel(note))
        self._finish(self.blockers, current)

    def _save(self, reason: str = "") -> None:
        amount = self.amount.value() if self.amount is not None else None
        self._service.advance(
            self.view.id,
            self.target,
            required_date(self.on),
            self.opinion.toPlainText().strip(),
            amount,
        )


class ReasonDialog(FundActionDialog):
    """退回补正 (back to the applicant) or 不予核准 (ends the request, after a confirmation)."""

    def __init__(
        self,
        service: Any,
        messages: MessageService,
        view: FundView,
        target: FundStage,
        parent: QWidget | None = None,
        *,
        today: date,
    ) -> None:
        if target not in (FundStage.RETURNED, FundStage.REJECTED):
            raise ValueError(f"not a reason step: {target}")
        super().__init__(
            service,
            messages,
            view,
            parent,
            f"{view.serial}：{target.label}",
            accept_text=target.label,
            today=today,
        )
        self.target = target
        self.resize(520, 300)
        if target is FundStage.RETURNED:
            info = "退回后申请回到申请人补正；补正后可重新提交社区初审。"
            example = "维修预算缺少明细，请补充后重新提交"
        else:
            info = "不予核准将终止该申请，之后不能再继续办理。"
            example = "不属于维修资金列支范围"
        self.opinion = _text_edit("opinion", f"必填，如：{example}")
        head = QLabel(
            f"{view.community}　{view.fields.project}（当前：{view.stage.label}）\n{info}"
        )
        head.setWordWrap(True)
        self.form.addRow("日期", self.on)
        self.form.addRow(f"{target.label}理由", self.opinion)
        self._finish(head)

    def _save(self, reason: str = "") -> None:
        on = required_date(self.on)
        opinion = self.opinion.toPlainText().strip()
        if not opinion:
            raise ValidationError(f"请填写{self.target.label}的理由", field="opinion")
        if self.target is FundStage.RETURNED:
            self._service.send_back(self.view.id, on, opinion)
            return
        question = (
            f"不予核准后，申请 {self.view.serial} 即告终止，不能再继续办理。\n确定不予核准吗？"
        )
        if not self._messages.confirm(question, "不予核准"):
            self.stay_open()
            return
        self._service.reject(self.view.id, on, opinion)


class ReversalDialog(FundActionDialog):
    """冲销 a wrong payment: an entry of the opposite amount with its reason; the payment
    itself stays as it was recorded."""

    def __init__(
        self,
        service: Any,
        messages: MessageService,
        view: FundView,
        payment: DisbursementView,
        parent: QWidget | None = None,
        *,
        today: date,
    ) -> None:
        super().__init__(
            service, messages, view, parent, f"{view.serial}：冲销拨付", "冲销", today=today
        )
        self.payment = payment
        self.resize(520, 300)
        head = QLabel(
            f"冲销 {payment.paid_on} 登记的{payment.kind.label} {yuan(payment.amount_fen)} 元。\n"
            "原记录保留不变，另记一笔负数金额抵消；冲销后可重新登记正确的拨付。"
        )
        head.setWordWrap(True)
        self.reason = _text_edit("reason", "必填，如：金额录入错误，应为84,000.00元")
        self.form.addRow("冲销日期", self.on)
        self.form.addRow("冲销原因", self.reason)
        self._finish(head)

    def _save(self, reason: str = "") -> None:
        on = required_date(self.on)
        text = self.reason.toPlainText().strip()
        if not text:
            raise ValidationError("请填写冲销原因", field="reason")
        self._service.reverse_payment(self.view.id, self.payment.id, on, text)


class DisbursementDialog(FundActionDialog):
    """登记拨付: one instalment, never beyond the approved (or final) amount."""

    def __init__(
        self,
        service: Any,
        messages: MessageService,
        view: FundView,
        parent: QWidget | None = None,
        *,
        today: date,
    ) -> None:
        super().__init__(service, messages, view, parent, f"{view.serial}：登记拨付", today=today)
        self.resize(520, 320)
        self.kind = EnumCombo(InstalmentKind)
        self.kind.setObjectName("kind")
        self.kind.set_value(InstalmentKind.FINAL if view.disbursed_fen else InstalmentKind.FIRST)
        self.on.label = "拨付日期"
        self.amount = MoneyField("amount_fen", "拨付金额")
        self.note = QLineEdit(objectName="note")
        final = view.final_fen is not None
        cap = view.final_fen if view.final_fen is not None else view.approved_fen or 0
        self.remaining = max(0, cap - view.disbursed_fen)
        if view.disbursed_fen:
            self.amount.set_value(self.remaining or None)
        self.info = QLabel(
            f"{'决算' if final else '核准'}金额 {yuan(cap)} 元，已拨付 "
            f"{yuan(view.disbursed_fen)} 元，本次最多 {yuan(self.remaining)} 元"
        )
        self.info.setWordWrap(True)
        self.form.addRow("款项", self.kind)
        self.form.addRow("拨付日期", self.on)
        self.form.addRow("金额(元)", self.amount)
        self.form.addRow("", self.amount.capital)
        self.form.addRow("备注", self.note)
        self._finish(self.info)

    def _save(self, reason: str = "") -> None:
        kind = InstalmentKind(self.kind.value())
        self._service.disburse(
            self.view.id,
            kind,
            required_date(self.on),
            self.amount.value() or 0,
            self.note.text().strip(),
        )


class MaterialDialog(FundActionDialog):
    """收取材料: the day it was received, an optional scan and a note; 取消收取 unticks it."""

    def __init__(
        self,
        service: Any,
        messages: MessageService,
        view: FundView,
        material: Material,
        parent: QWidget | None = None,
        *,
        files: FileService,
        today: date,
    ) -> None:
        super().__init__(service, messages, view, parent, f"{view.serial}：收取材料", today=today)
        self._files = files
        self.material = material
        self.unticked = False
        self.resize(560, 300)
        mv = next((m for m in view.materials if m.material is material), None)
        self.label = mv.label if mv else material.label
        self.received = mv is not None and mv.received_on is not None
        self.scan_path: Path | None = None
        self.received_on = DateField("received_on", "收取日期")
        self.received_on.set_value(mv.received_on if mv and mv.received_on else today)
        self.scan = QLineEdit(objectName="scan", readOnly=True)
        had = mv.original_name if mv and mv.path else ""
        self.scan.setPlaceholderText(
            f"已有：{had}（选择新文件将替换）" if had else "未选择（可不附）"
        )
        self.choose = QPushButton("选择…", objectName="choose_scan")
        self.choose.clicked.connect(self._on_choose)
        self.clear = QPushButton("清除", objectName="clear_scan")
        self.clear.clicked.connect(self._on_clear)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan, 1)
        scan_row.addWidget(self.choose)
        scan_row.addWidget(self.clear)
        self.note = QLineEdit(objectName="note")
        self.note.setText(mv.note if mv else "")
        self.untick = self.buttons.addButton("取消收取", QDialogButtonBox.ButtonRole.ResetRole)
        self.untick.setObjectName("untick")
        self.untick.setVisible(self.received)
        self.untick.clicked.connect(self._on_untick)
        title = QLabel(f"材料：{self.label}")
        set_role(title, "heading")
        self.form.addRow(title)
        if mv is not None:
            self.form.addRow("", QLabel(f"进入“{mv.needed_for.label}”前须收取"))
        self.form.addRow("收取日期", self.received_on)
        self.form.addRow("扫描件", scan_row)
        self.form.addRow("备注", self.note)
        self._finish()

    @guarded()
    def _on_choose(self) -> None:
        path = self._files.ask_open_path(self, f"选择“{self.label}”的扫描件", SCAN_FILTER)
        if path is not None:
            self.scan_path = Path(path)
            self.scan.setText(self.scan_path.name)

    def _on_clear(self) -> None:
        self.scan_path = None
        self.scan.clear()

    @guarded()
    def _on_untick(self) -> None:
        question = f"取消“{self.label}”的收取登记吗？已附的扫描件也将删除。"
        if not self._messages.confirm(question, "取消收取"):
            return
        self._service.set_material(self.view.id, self.material, None)
        self.unticked = True
        self.accept()

    def _save(self, reason: str = "") -> None:
        self._service.set_material(
            self.view.id,
            self.material,
            required_date(self.received_on),
            self.scan_path,
            self.note.text().strip(),
        )
