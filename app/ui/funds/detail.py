"""The lower panel of the 维修资金 page (view): the selected request's facts, the owners' vote,
what its next step needs, and its materials, review steps and payments. It only shows; the
page decides what a click does."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.amounts import capital, yuan
from app.domain.fund_records import DisbursementView, FundView, MaterialView
from app.domain.funds import CLOSED_STAGES, FundRules, FundStage, Material, disclosure_days
from app.ui.common import palette
from app.ui.common.style import set_role
from app.ui.common.tables import ID_ROLE, detail_table, fill_table

RED, GREEN = palette.DANGER, palette.OK
MATERIAL_ROLE = Qt.ItemDataRole.UserRole
FACTS = [
    ("applicant", "申请人"),
    ("contact", "联系人"),
    ("applied_on", "申请日期"),
    ("part", "维修部位"),
    ("reason", "维修原因"),
    ("budget", "申请金额"),
    ("approved", "核准金额"),
    ("final", "决算金额"),
    ("disbursed", "已拨付"),
    ("scope", "列支范围"),
    ("emergency", "紧急使用"),
    ("disclosure", "公示期"),
    ("notes", "备注"),
]


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


def _amount(fen: int | None) -> str:
    """¥120,000.00（壹拾贰万元整）, or — when there is none yet."""
    return f"¥{yuan(fen)}（{capital(fen)}）" if fen is not None else "—"


_fill = partial(fill_table, tip_over=10)


def payment_kind(d: DisbursementView) -> str:
    """The payment's kind; a reversal and a reversed payment say so."""
    if d.is_reversal:
        return f"冲销（{d.kind.label}）"
    return f"{d.kind.label}（已冲销）" if d.reversed_by is not None else d.kind.label


def _label(role: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_role(label, role)
    return label


def vote_html(v: FundView) -> str:
    """The recorded vote: each test ✓ in green or ✗ in red, the verdict in bold."""
    if v.fields.emergency:
        return "紧急使用，无需业主表决"
    if not v.vote_lines:
        return "尚未登记业主表决结果"
    out = []
    for line in v.vote_lines:
        text = escape(line)
        if line.endswith("✓") or line == "结论：通过":
            text = f'<span style="color:{GREEN}">{text}</span>'
        elif line.endswith("✗") or line == "结论：未通过":
            text = f'<span style="color:{RED}">{text}</span>'
        out.append(f"<b>{text}</b>" if line.startswith("结论") else text)
    if v.voted_on:
        out.insert(1, f"表决日期：{v.voted_on:%Y-%m-%d}")
    return "<br>".join(out)


def facts(v: FundView, rules: FundRules) -> dict[str, str]:
    f = v.fields
    scope = f.scope_text
    sizes = [
        f"{f.scope_households} 户" if f.scope_households is not None else "",
        f"{f.scope_area:,.2f} ㎡" if f.scope_area is not None else "",
    ]
    if any(sizes):
        scope += f"（{'，'.join(s for s in sizes if s)}）"
    if v.unit_count:
        scope += f"\n已导入房屋清单 {v.unit_count} 户"
    emergency = "否"
    if f.emergency:
        category = rules.category(f.emergency_category)
        confirmed = f"{f.confirmed_by} {_day(f.confirmed_on)}".strip() or "（未登记）"
        emergency = (
            f"是　{category.name if category else '（未选择类别）'}\n"
            f"证明材料：{category.evidence if category else '—'}\n"
            f"确认：{confirmed}"
        )
    disclosure = ""
    if f.disclosure_start and f.disclosure_end:
        days = disclosure_days(f.disclosure_start, f.disclosure_end)
        disclosure = f"{_day(f.disclosure_start)} 至 {_day(f.disclosure_end)}（共 {days} 天）"
    paid = f"¥{yuan(v.disbursed_fen)}"
    if v.disbursements:
        paid += f"（{len(v.disbursements)} 笔）"
    return {
        "applicant": f"{f.applicant.label}　{f.applicant_name}".strip(),
        "contact": f"{f.contact}　{f.phone}".strip(),
        "applied_on": _day(f.applied_on),
        "part": f.part,
        "reason": f.reason,
        "budget": _amount(f.budget_fen),
        "approved": _amount(v.approved_fen),
        "final": _amount(v.final_fen),
        "disbursed": paid,
        "scope": scope,
        "emergency": emergency,
        "disclosure": disclosure,
        "notes": f.notes,
    }


def stage_text(v: FundView, today: date) -> str:
    if v.stage in CLOSED_STAGES:
        return f"阶段：{v.stage.label}（{_day(v.stage_since)}）"
    days = max(0, (today - v.stage_since).days)
    return f"阶段：{v.stage.label}　自 {_day(v.stage_since)} 起，已 {days} 天"


class FundDetailPanel(QWidget):
    material_requested = Signal(object)  # a Material to tick (or untick)
    scan_requested = Signal(str)  # the path of a stored scan
    reverse_requested = Signal(int)  # the id of a payment to net out (冲销)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label("title")
        self.stage = _label()
        self.next_step = _label("heading")
        self.blockers = _label()
        self.warnings = _label("warning")
        self.values: dict[str, QLabel] = {}
        form = QGridLayout()
        form.setContentsMargins(0, 4, 0, 4)
        form.setColumnStretch(1, 1)
        for row, (key, text) in enumerate(FACTS):
            self.values[key] = _label()
            name = QLabel(f"{text}：")
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            form.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            form.addWidget(self.values[key], row, 1)
        self.vote_title = QLabel("业主表决")
        set_role(self.vote_title, "heading")
        self.vote = _label()
        self.vote.setTextFormat(Qt.TextFormat.RichText)

        body = QWidget()
        left = QVBoxLayout(body)
        left.setContentsMargins(0, 0, 6, 0)
        for w in (self.title, self.stage, self.next_step, self.blockers, self.warnings):
            left.addWidget(w)
        left.addLayout(form)
        left.addWidget(self.vote_title)
        left.addWidget(self.vote)
        left.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.materials = detail_table(
            ["材料", "所需阶段", "收取日期", "扫描件"], [200, 80, 90, 160], stretch=0
        )
        self.materials.setToolTip("双击登记收取（或取消）")
        self.receive_button = QPushButton("收取材料…")
        self.receive_button.setToolTip("登记所选材料的收取日期和扫描件（或取消收取）")
        self.scan_button = QPushButton("查看扫描件")
        self.steps = detail_table(
            ["日期", "环节", "经办人", "意见", "金额(元)"], [90, 170, 64, 200, 100], stretch=3
        )
        self.payments = detail_table(
            ["类型", "日期", "金额(元)", "经办人", "备注"], [90, 90, 110, 64], stretch=4
        )
        self.paid_total = _label()

        material_page = QWidget()
        material_layout = QVBoxLayout(material_page)
        material_layout.addWidget(self.materials, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.receive_button)
        buttons.addWidget(self.scan_button)
        material_layout.addLayout(buttons)
        payment_page = QWidget()
        payment_layout = QVBoxLayout(payment_page)
        payment_layout.addWidget(self.payments, 1)
        paid_row = QHBoxLayout()
        paid_row.addWidget(self.paid_total, 1)
        self.reverse_button = QPushButton("冲销…")
        self.reverse_button.setToolTip("登记错误的拨付以冲销记录抵消（原记录保留，不能修改或删除）")
        paid_row.addWidget(self.reverse_button)
        payment_layout.addLayout(paid_row)
        self.tabs = QTabWidget()
        self.tabs.addTab(material_page, "材料清单")
        self.tabs.addTab(self.steps, "审核记录")
        self.tabs.addTab(payment_page, "拨付记录")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.scroll, 5)
        layout.addWidget(self.tabs, 6)

        self.materials.itemDoubleClicked.connect(lambda _i: self._on_receive())
        self.materials.itemSelectionChanged.connect(self._update_buttons)
        self.receive_button.clicked.connect(self._on_receive)
        self.scan_button.clicked.connect(self._on_scan)
        self.payments.itemSelectionChanged.connect(self._update_buttons)
        self.payments.itemDoubleClicked.connect(lambda _i: self._on_reverse())
        self.reverse_button.clicked.connect(self._on_reverse)
        self.clear()

    # ---- showing -----------------------------------------------------------------------
    def clear(self, text: str = "选择一项申请查看详情") -> None:
        self.view: FundView | None = None
        self.title.setText(text)
        for label in (self.stage, self.next_step, self.blockers, self.warnings, self.vote):
            label.setText("")
            label.setVisible(label is not self.warnings)
        for value in self.values.values():
            value.setText("")
        for table in (self.materials, self.steps, self.payments):
            table.setRowCount(0)
        self.paid_total.setText("")
        self._retitle()
        self._update_buttons()

    def show_request(self, v: FundView, rules: FundRules, today: date) -> None:
        keep = self.selected_material()
        self.clear(f"{v.serial}　{v.community} · {v.fields.project}")
        self.view = v
        self.stage.setText(stage_text(v, today))
        self._show_next(v)
        self.warnings.setText("\n".join(f"⚠ {w}" for w in v.warnings))
        self.warnings.setVisible(bool(v.warnings))
        for key, text in facts(v, rules).items():
            self.values[key].setText(text or "—")
        self.vote.setText(vote_html(v))
        self._show_materials(v.materials, keep)
        _fill(
            self.steps,
            [
                (
                    _day(s.on),
                    f"{s.from_stage.label} → {s.to_stage.label}",
                    s.operator,
                    s.opinion,
                    yuan(s.amount_fen) if s.amount_fen is not None else "",
                )
                for s in v.steps
            ],
            right=(4,),
        )
        _fill(
            self.payments,
            [
                (payment_kind(d), _day(d.paid_on), yuan(d.amount_fen), d.operator, d.note)
                for d in v.disbursements
            ],
            right=(2,),
            ids=[d.id for d in v.disbursements],
            row_colors=[palette.color(palette.MUTED) if not d.can_reverse else None
                        for d in v.disbursements],
        )  # fmt: skip
        cap = v.final_fen if v.final_fen is not None else v.approved_fen
        total = f"合计已拨付 ¥{yuan(v.disbursed_fen)}"
        if cap is not None:
            what = "决算金额" if v.final_fen is not None else "核准金额"
            total += f"　{what} ¥{yuan(cap)}　未拨付 ¥{yuan(max(0, cap - v.disbursed_fen))}"
        self.paid_total.setText(total)
        self._retitle()
        self._update_buttons()

    def _show_next(self, v: FundView) -> None:
        if v.next_stage is None:
            self.next_step.setVisible(False)
            self.blockers.setVisible(False)
            return
        if v.next_stage is FundStage.DISBURSED:
            self.next_step.setText("下一步：登记首笔拨付，进入“已拨付”")
        else:
            self.next_step.setText(f"下一步：进入“{v.next_stage.label}”")
        if v.missing:
            self.blockers.setText("\n".join(f"· {m}" for m in v.missing))
            set_role(self.blockers, "danger")
        else:
            self.blockers.setText("条件已具备")
            set_role(self.blockers, "ok")

    def _show_materials(self, items: Sequence[MaterialView], keep: Material | None) -> None:
        _fill(
            self.materials,
            [
                (m.label, m.needed_for.label, _day(m.received_on) or "未收", m.original_name)
                for m in items
            ],
            colors=[{} if m.received_on else {2: RED} for m in items],
        )
        for row, m in enumerate(items):
            self.materials.item(row, 0).setData(MATERIAL_ROLE, m.material.value)
            if m.note:
                self.materials.item(row, 0).setToolTip(f"{m.label}\n备注：{m.note}")
        rows = [r for r, m in enumerate(items) if m.material is keep]
        if rows:
            self.materials.selectRow(rows[0])

    def _retitle(self) -> None:
        v = self.view
        got = sum(1 for m in v.materials if m.received_on) if v else 0
        self.tabs.setTabText(0, f"材料清单（{got}/{len(v.materials)}）" if v else "材料清单")
        self.tabs.setTabText(1, f"审核记录（{len(v.steps)}）" if v and v.steps else "审核记录")
        n = len(v.disbursements) if v else 0
        self.tabs.setTabText(2, f"拨付记录（{n}）" if n else "拨付记录")

    # ---- the materials -----------------------------------------------------------------
    def selected_material(self) -> Material | None:
        rows = self.materials.selectionModel().selectedRows()
        item = self.materials.item(rows[0].row(), 0) if rows else None
        return Material(item.data(MATERIAL_ROLE)) if item is not None else None

    def material_view(self, material: Material | None) -> MaterialView | None:
        items = self.view.materials if self.view else ()
        return next((m for m in items if m.material is material), None)

    def select_material(self, material: Material) -> None:
        for row in range(self.materials.rowCount()):
            if self.materials.item(row, 0).data(MATERIAL_ROLE) == material.value:
                self.materials.selectRow(row)

    def _update_buttons(self) -> None:
        m = self.material_view(self.selected_material())
        editable = self.view is not None and self.view.stage not in CLOSED_STAGES
        self.receive_button.setEnabled(m is not None and editable)
        self.scan_button.setEnabled(bool(m and m.path))
        payment = self.selected_payment()
        self.reverse_button.setEnabled(editable and payment is not None and payment.can_reverse)

    def selected_payment(self) -> DisbursementView | None:
        rows = self.payments.selectionModel().selectedRows()
        item = self.payments.item(rows[0].row(), 0) if rows else None
        if item is None or self.view is None:
            return None
        pid = item.data(ID_ROLE)
        return next((d for d in self.view.disbursements if d.id == pid), None)

    def _on_reverse(self) -> None:
        payment = self.selected_payment()
        if payment is not None and self.reverse_button.isEnabled():
            self.reverse_requested.emit(payment.id)

    def _on_receive(self) -> None:
        material = self.selected_material()
        if material is not None and self.receive_button.isEnabled():
            self.material_requested.emit(material)

    def _on_scan(self) -> None:
        m = self.material_view(self.selected_material())
        if m is not None and m.path:
            self.scan_requested.emit(m.path)
