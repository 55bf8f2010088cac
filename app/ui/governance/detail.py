"""The lower panel of the 业委会 page (view): the selected community's current body — every
step with its date and deadline, votes, members, audits, recorded warnings — and the
bodies before it. It only shows; the page decides what a click does."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.deadlines import Due, DueState
from app.domain.governance import (
    BodyKind,
    BodyView,
    CommitteeRules,
    Finding,
    GovernanceRow,
    Stage,
    formation_dues,
    holds_seat,
)
from app.ui.common import palette
from app.ui.common.style import set_role
from app.ui.common.tables import ID_ROLE, detail_table, fill_table

RED, ORANGE, GREY = (palette.color(c) for c in (palette.DANGER, palette.WARNING, palette.MUTED))
MEMBER_HEADERS = [
    "姓名",
    "职务",
    "业主",
    "党员",
    "分管财务",
    "电话",
    "房号",
    "工作单位",
    "得票",
    "任职日期",
    "状态",
]
AUDIT_HEADERS = ["类型", "事由", "生成日期", "完成日期", "结果"]


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


_fill = partial(fill_table, tip_over=12)


def step_rows(b: BodyView, rules: CommitteeRules, today: date) -> list[tuple[str, str, Due | None]]:
    """(step, date, its deadline) for every step of the body's kind."""
    d = b.dates
    term = f"{_day(d.term_start)}–{_day(d.term_end)}" if d.term_start or d.term_end else ""
    filed = f"{_day(d.filed_on)} {b.certificate_no}".strip()
    if b.kind is BodyKind.INTERIM:
        return [("成立", _day(d.term_start), None), ("备案", filed, None), ("任期", term, None)]
    dues = {due.key: due for due in formation_dues(d, rules)}
    return [
        ("业主书面申请", _day(d.applied_on), None),
        ("筹备组成立", _day(d.prep_formed_on), dues.get("prep_group")),
        ("首次业主大会公告", _day(d.notice_on), dues.get("meeting_notice")),
        ("首次业主大会", _day(d.first_meeting_on), dues.get("first_meeting")),
        ("选举产生业委会", _day(d.elected_on), None),
        ("业委会首次会议", _day(d.committee_meeting_on), dues.get("committee_meeting")),
        ("备案", filed, dues.get("filing")),
        ("任期", term, dues.get("reelection")),
    ]


def body_line(b: BodyView) -> str:
    d = b.dates
    start = d.term_start or d.elected_on or d.prep_formed_on or d.applied_on
    span = f"{_day(start)}起" if start else ""
    if d.term_end:
        span = f"{_day(start)}至{_day(d.term_end)}"
    end = f"，{_day(b.ended_on)}终止（{b.end_reason}）" if b.ended_on else "，在任"
    return f"{b.kind.label} 第{b.term_no}届 {span}，成员{len(b.members)}人{end}"


class GovernanceDetailPanel(QWidget):
    audit_requested = Signal(int)  # 完成审计 on an open audit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        set_role(self.title, "title")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.alerts = QLabel()
        self.alerts.setWordWrap(True)
        set_role(self.alerts, "danger")
        self.steps = detail_table(["步骤", "日期", "时限与完成情况"], [124, 160], stretch_last=True)
        self.steps.setWordWrap(True)  # the deadline texts are long; rows grow to fit
        self.steps.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.members = detail_table(
            MEMBER_HEADERS, [64, 64, 40, 40, 64, 100, 64, 120, 48, 84], stretch_last=True
        )
        self.audits = detail_table(AUDIT_HEADERS, [70, 220, 84, 84], stretch_last=True)
        self.complete_audit_button = QPushButton("完成审计…")
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        self.history = QListWidget()
        self.history.setWordWrap(True)

        audit_page = QWidget()
        audit_layout = QVBoxLayout(audit_page)
        audit_layout.addWidget(self.audits)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.complete_audit_button)
        audit_layout.addLayout(row)
        findings_page = QWidget()
        findings_layout = QVBoxLayout(findings_page)
        findings_layout.addWidget(QLabel("已登记的警示（不符合规定的情况及原因）"))
        findings_layout.addWidget(self.findings, 1)
        findings_layout.addWidget(self.checks)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.members, "成员")
        self.tabs.addTab(audit_page, "审计")
        self.tabs.addTab(findings_page, "警示")
        self.tabs.addTab(self.history, "历届")

        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(self.summary)
        left.addWidget(self.alerts)
        left.addWidget(self.steps, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(left, 5)
        layout.addWidget(self.tabs, 6)

        self.audits.itemSelectionChanged.connect(self._update_audit_button)
        self.complete_audit_button.clicked.connect(self._on_complete_audit)
        self.clear()

    # ---- showing ---------------------------------------------------------------------------
    def clear(self, text: str = "选择一个小区查看业委会组建情况") -> None:
        self.body: BodyView | None = None
        self.title.setText(text)
        for label in (self.summary, self.alerts, self.checks):
            label.setText("")
        for table in (self.steps, self.members, self.audits):
            table.setRowCount(0)
        self.findings.clear()
        self.history.clear()
        self._retitle()
        self._update_audit_button()

    def show_row(
        self,
        row: GovernanceRow,
        body: BodyView | None,
        history: Sequence[BodyView],
        live: Sequence[Finding],
        rules: CommitteeRules,
        today: date,
    ) -> None:
        self.clear(f"{row.community}（{row.neighborhood}）")
        self.body = body
        eligible = "符合组建条件" if row.eligible else "未达到组建条件（已交付面积未过半）"
        if body is None:
            self.summary.setText(f"阶段：{row.stage.label}　{eligible}\n尚未登记组建过程。")
        else:
            votes = body.votes.text()
            size = (
                f"名额 {body.seats} 人，在任 {body.active_members} 人"
                if body.seats
                else f"成员 {body.active_members} 人"
            )
            if body.active_alternates:
                size += f"，另有候补委员 {body.active_alternates} 人"
            parts = [f"{body.name} 第{body.term_no}届", f"阶段：{row.stage.label}", size, eligible]
            if votes:
                parts.append(f"表决：{votes}")
            self.summary.setText("　".join(parts[:3]) + "\n" + "\n".join(parts[3:]))
        alerts = list(row.overdue)
        if row.stage is Stage.TERM_OVERDUE:
            alerts.insert(0, "任期已届满，尚未换届（逾期未换届）")
        if row.must_reelect:
            alerts.append(
                f"在任委员{row.active_members}人（不计候补），不足名额{row.seats}人的半数，应当补选或换届"
            )
        self.alerts.setText("\n".join(alerts))
        if body is not None:
            self._show_body(body, live, rules, today)
        self.history.addItems([body_line(b) for b in history if body is None or b.id != body.id])
        self._retitle()

    def _show_body(
        self, b: BodyView, live: Sequence[Finding], rules: CommitteeRules, today: date
    ) -> None:
        steps = step_rows(b, rules, today)
        colors = {DueState.OVERDUE: RED, DueState.DONE_LATE: RED, DueState.DUE_SOON: ORANGE}
        _fill(
            self.steps,
            [(s, d, due.describe(today) if due else "") for s, d, due in steps],
            row_colors=[colors.get(due.state(today)) if due else None for _s, _d, due in steps],
        )
        for r, (_s, _d, due) in enumerate(steps):
            if due is not None:
                self.steps.item(r, 2).setToolTip(due.rule)

        yes = lambda on: "是" if on else ""  # noqa: E731
        members = sorted(b.members, key=lambda m: not holds_seat(m.fields.role))  # 候补 last
        _fill(
            self.members,
            [
                (
                    m.fields.name,
                    m.fields.role.label,
                    yes(m.fields.is_owner),
                    yes(m.fields.party_member),
                    yes(m.fields.is_finance),
                    m.fields.phone,
                    m.fields.room,
                    m.fields.unit,
                    "" if m.fields.votes is None else str(m.fields.votes),
                    _day(m.fields.started_on),
                    "在任" if m.active else f"{_day(m.ended_on)}离任：{m.end_reason}",
                )
                for m in members
            ],
            ids=[m.id for m in members],
            row_colors=[None if m.active else GREY for m in members],
        )
        _fill(
            self.audits,
            [
                (a.kind.label, a.reason, _day(a.created_on), _day(a.done_on) or "待完成", a.result)
                for a in b.audits
            ],
            ids=[a.id for a in b.audits],
            row_colors=[RED if a.done_on is None else None for a in b.audits],
        )
        open_rows = [r for r, a in enumerate(b.audits) if a.done_on is None]
        if open_rows:
            self.audits.selectRow(open_rows[0])
        for f in b.findings:
            reason = f"（原因：{f.reason}）" if f.reason else ""
            self.findings.addItem(f"{_day(f.recorded_on)}  {f.text}{reason}")
        self.checks.setText(
            "当前检查：" + "；".join(f.text for f in live)
            if live
            else "当前检查：人数与构成符合规定。"
        )
        set_role(self.checks, "danger" if live else "ok")

    def _retitle(self) -> None:
        b = self.body
        open_audits = sum(1 for a in b.audits if a.done_on is None) if b else 0
        alternates = f"，候补{b.active_alternates}" if b and b.active_alternates else ""
        self.tabs.setTabText(0, f"成员（{b.active_members}{alternates}）" if b else "成员")
        self.tabs.setTabText(1, f"审计（待完成{open_audits}）" if open_audits else "审计")
        self.tabs.setTabText(2, f"警示（{len(b.findings)}）" if b and b.findings else "警示")
        self.tabs.setTabText(
            3, f"历届（{self.history.count()}）" if self.history.count() else "历届"
        )

    # ---- selection -------------------------------------------------------------------------
    def _selected_id(self, table: QTableWidget) -> int | None:
        rows = table.selectionModel().selectedRows()
        item = table.item(rows[0].row(), 0) if rows else None
        return int(item.data(ID_ROLE)) if item is not None else None

    def selected_member_id(self) -> int | None:
        return self._selected_id(self.members)

    def selected_audit_id(self) -> int | None:
        """The selected audit, if it is still open."""
        aid = self._selected_id(self.audits)
        audits = {a.id: a for a in self.body.audits} if self.body else {}
        return aid if aid in audits and audits[aid].done_on is None else None

    def _update_audit_button(self) -> None:
        self.complete_audit_button.setEnabled(self.selected_audit_id() is not None)

    def _on_complete_audit(self) -> None:
        aid = self.selected_audit_id()
        if aid is not None:
            self.audit_requested.emit(aid)
