"""Controllers of the 业委会 page: each action opens its dialog, whose accept writes through
the governance service (a breach asks for a reason first), then the page reloads.

The `*_dialog` methods build the dialogs (tests drive them); the `_on_*` handlers run them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog

from app.domain.deadlines import within
from app.domain.enums import OfficeLevel
from app.domain.governance import (
    BodyKind,
    BodyView,
    GovernanceRow,
    Stage,
    UnitType,
    VoteFigures,
)
from app.ui.errors import guarded
from app.ui.governance.dialogs import DatesDialog, DateTextDialog, FilingDialog, StepDate
from app.ui.governance.formation_dialogs import (
    ElectionDialog,
    InterimDialog,
    MemberDialog,
    PrepGroupDialog,
)
from app.ui.governance.member_table import COMMITTEE_ROLES, PREP_ROLES

if TYPE_CHECKING:
    from app.services import Services
    from app.ui.common.files import FileService
    from app.ui.common.messages import MessageService
    from app.ui.governance.detail import GovernanceDetailPanel
    from app.ui.governance.table_model import GovernanceTableModel


class GovernanceActions:
    _services: Services
    _messages: MessageService
    _files: FileService
    model: GovernanceTableModel
    detail: GovernanceDetailPanel

    # provided by the page
    def current_row(self) -> GovernanceRow | None: ...
    def refresh(self, select: int | None = None) -> None: ...
    def today(self) -> date: ...

    # ---- what can be done now ----------------------------------------------------------------
    def _update_actions(self) -> None:
        r = self.current_row()
        kind, stage = (r.kind, r.stage) if r else (None, None)
        applied_only = kind is BodyKind.PREP_GROUP and stage is Stage.APPLIED
        lapsed = kind is BodyKind.COMMITTEE and stage is Stage.TERM_OVERDUE
        enabled = {
            self.start_action: r is not None and (kind in (None, BodyKind.INTERIM) or lapsed),
            self.prep_action: applied_only,
            self.dates_action: (kind is BodyKind.PREP_GROUP and not applied_only)
            or kind is BodyKind.COMMITTEE,
            self.elect_action: r is not None and not applied_only,
            self.file_action: r is not None
            and kind in (BodyKind.COMMITTEE, BodyKind.INTERIM)
            and r.filed_on is None,
            self.add_member_action: kind is not None,
            self.end_member_action: kind is not None and bool(r and r.active_members),
            self.edit_member_action: kind is not None and bool(r and r.active_members),
            self.interim_action: r is not None and kind is not BodyKind.INTERIM and not r.covered,
            self.dissolve_action: kind is not None,
            self.print_action: kind in (BodyKind.COMMITTEE, BodyKind.INTERIM),
        }
        for action, on in enabled.items():
            action.setEnabled(bool(on))
        self.members_button.setEnabled(kind is not None)

    @guarded()
    def show_current(self) -> None:
        r = self.current_row()
        if r is None:
            self.detail.clear()
            return
        gov = self._services.governance
        body = gov.body(r.body_id) if r.body_id is not None else None
        live = gov.findings(body.id) if body is not None else []
        self.detail.show_row(
            r,
            body,
            gov.history(r.community_id),
            live,
            self._services.ctx.rules.committee,
            self.today(),
        )

    def _body(self) -> BodyView | None:
        r = self.current_row()
        return self._services.governance.body(r.body_id) if r and r.body_id else None

    def _run(self, dialog: Any, community_id: int) -> Any:
        """Run a dialog; after a save reload and return what the service returned (True
        when there was nothing to write), else None."""
        dialog.setParent(self, dialog.windowFlags())  # type: ignore[arg-type]
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            outcome = dialog.result_value
        finally:
            dialog.deleteLater()
        self.refresh(select=community_id)
        return True if outcome is None else outcome

    # ---- dialogs ---------------------------------------------------------------------------
    def start_dialog(self, r: GovernanceRow) -> DateTextDialog:
        rules = self._services.ctx.rules.committee
        info = (
            f"{r.community}：登记业主书面申请成立业主大会、选举业委会的日期。"
            f"筹备组应在收到申请后{rules.prep_group_within_days}日内成立。"
        )
        if not r.eligible:
            info += "\n注意：该小区已交付面积尚未过半，未达到组建条件。"
        gov = self._services.governance
        return DateTextDialog(
            "启动组建（业主申请）",
            today=self.today(),
            date_label="申请日期",
            date_field="applied_on",
            info=info,
            messages=self._messages,
            submit=lambda f, reason="": gov.start_formation(r.community_id, f.on, reason),
        )

    def prep_dialog(self, r: GovernanceRow) -> PrepGroupDialog:
        gov, body_id = self._services.governance, r.body_id
        info = r.next_due.describe(self.today()) if r.next_due else ""
        office = self._services.office.profile()
        street = office.level is OfficeLevel.STREET
        return PrepGroupDialog(
            today=self.today(),
            leader_unit=office.name,
            leader_unit_type=UnitType.SUBDISTRICT if street else UnitType.TOWNSHIP,
            info=info,
            messages=self._messages,
            submit=lambda f, reason="": gov.form_prep_group(body_id, f[0], f[1], reason=reason),
        )

    def dates_dialog(self, body: BodyView) -> DatesDialog:
        rules, d = self._services.ctx.rules.committee, body.dates
        if body.kind is BodyKind.PREP_GROUP:
            last = (
                within(d.prep_formed_on, rules.first_meeting_within_days)
                if d.prep_formed_on
                else None
            )
            steps = [
                StepDate(
                    "notice_on",
                    "首次业主大会公告日期",
                    d.notice_on,
                    f"应在首次业主大会召开{rules.first_meeting_notice_days}日前公告",
                ),
                StepDate(
                    "first_meeting_on",
                    "首次业主大会召开日期",
                    d.first_meeting_on,
                    f"筹备组成立后{rules.first_meeting_within_days}日内召开"
                    + (f"，最迟 {last:%Y-%m-%d}" if last else ""),
                ),
            ]
        else:
            last = (
                within(d.elected_on, rules.first_committee_meeting_within_days)
                if d.elected_on
                else None
            )
            steps = [
                StepDate(
                    "first_session_on",
                    "业委会首次会议日期",
                    d.committee_meeting_on,
                    f"选举后{rules.first_committee_meeting_within_days}日内召开，"
                    f"推选主任、副主任" + (f"，最迟 {last:%Y-%m-%d}" if last else ""),
                )
            ]
        gov = self._services.governance
        # the filled dates go with the changed ones, so the rules between them are checked
        filled = {s.field: s.value for s in steps if s.value is not None}

        def submit(changed: dict[str, date | None], reason: str = "") -> BodyView | None:
            if not changed:
                return None
            return gov.set_dates(body.id, reason=reason, **{**filled, **changed})

        return DatesDialog(
            f"{body.name} 第{body.term_no}届", steps, messages=self._messages, submit=submit
        )

    def election_dialog(self, r: GovernanceRow) -> ElectionDialog:
        rules, gov = self._services.ctx.rules.committee, self._services.governance
        area = self._services.communities.get(r.community_id).fields.private_area
        info = (
            f"委员{rules.min_members}至{rules.max_members}人"
            + ("，应为单数" if rules.members_must_be_odd else "")
            + (
                f"（{rules.allow_three_members_up_to_households}户以下可为3人）"
                if rules.allow_three_members
                else ""
            )
            + f"。选举后{rules.first_committee_meeting_within_days}日内召开业委会首次会议，"
            f"{rules.filing_within_days}日内备案。"
        )
        if r.kind is BodyKind.COMMITTEE:
            info = (
                f"换届选举：产生第{(r.term_no or 0) + 1}届业委会，第{r.term_no}届转入历届记录。\n"
                + info
            )  # noqa: E501
        return ElectionDialog(
            today=self.today(),
            seats=rules.min_members,
            term_years=rules.term_max_years,
            info=info,
            messages=self._messages,
            votes=VoteFigures(total_area=area, total_owners=r.households),
            submit=lambda f, reason="": gov.elect(
                r.community_id,
                f.elected_on,
                f.seats,
                f.members,
                f.votes,
                reason=reason,
                term_years=f.term_years,
            ),
        )

    def filing_dialog(self, body: BodyView) -> FilingDialog:
        rules, gov = self._services.ctx.rules.committee, self._services.governance
        info = ""
        if body.dates.elected_on:
            last = within(body.dates.elected_on, rules.filing_within_days)
            info = (
                f"选举日期 {body.dates.elected_on:%Y-%m-%d}，应于 {last:%Y-%m-%d} 前备案"
                f"（选举后{rules.filing_within_days}日内）。"
            )
        return FilingDialog(
            f"{body.name} 第{body.term_no}届",
            today=self.today(),
            info=info,
            messages=self._messages,
            submit=lambda f, reason="": gov.file(body.id, f[0], f[1], reason=reason),
        )

    def interim_dialog(self, r: GovernanceRow) -> InterimDialog:
        rules, gov = self._services.ctx.rules.interim, self._services.governance
        info = (
            f"物管会不少于{rules.min_members}人"
            + ("，应为单数" if rules.members_must_be_odd else "")
            + f"，业主代表不少于半数，任期不超过{rules.term_max_years}年。"
            f"业委会备案后{rules.dissolve_within_days_after_committee_filed}日内解散。"
        )
        return InterimDialog(
            today=self.today(),
            rows=rules.min_members,
            info=info,
            messages=self._messages,
            submit=lambda f, reason="": gov.form_interim(r.community_id, f[0], f[1], reason=reason),
        )

    def member_dialog(self, body: BodyView) -> MemberDialog:
        roles = PREP_ROLES if body.kind is BodyKind.PREP_GROUP else COMMITTEE_ROLES
        gov = self._services.governance
        return MemberDialog(
            f"{body.name} 第{body.term_no}届",
            today=self.today(),
            roles=roles,
            messages=self._messages,
            submit=lambda f: gov.add_member(body.id, f),
        )

    def edit_member_dialog(self, body: BodyView, member_id: int) -> MemberDialog:
        roles = PREP_ROLES if body.kind is BodyKind.PREP_GROUP else COMMITTEE_ROLES
        gov = self._services.governance
        member = next(m for m in body.members if m.id == member_id)
        dialog = MemberDialog(
            f"{body.name} 第{body.term_no}届",
            today=self.today(),
            roles=roles,
            messages=self._messages,
            title="修改成员信息",
            submit=lambda f: gov.update_member(member_id, f),
        )
        dialog.set_fields(member.fields)
        return dialog

    def end_member_dialog(self, body: BodyView) -> DateTextDialog:
        gov = self._services.governance
        choices = [
            (m.id, f"{m.fields.name}（{m.fields.role.label}）") for m in body.members if m.active
        ]
        return DateTextDialog(
            "成员离任",
            today=self.today(),
            date_label="离任日期",
            date_field="ended_on",
            text_label="离任原因",
            text_field="end_reason",
            text_hint="必填，如：搬离小区、辞职",
            choice_label="成员",
            choices=choices,
            choice_current=self.detail.selected_member_id(),
            info="主任或分管财务的委员提前离任的，按规定生成离任审计任务。",
            messages=self._messages,
            submit=lambda f: gov.end_member(f.choice, f.on, f.text),
        )

    def dissolve_dialog(self, body: BodyView) -> DateTextDialog:
        gov = self._services.governance
        return DateTextDialog(
            f"解散/终止{body.kind.label}",
            today=self.today(),
            date_label="终止日期",
            date_field="ended_on",
            text_label="原因",
            text_field="end_reason",
            text_hint="必填，如：业委会已备案，物管会依规解散",
            info=f"{body.name} 第{body.term_no}届终止后转入历届记录，成员和审计记录保留。",
            messages=self._messages,
            accept_text="确认终止",
            submit=lambda f: gov.dissolve(body.id, f.on, f.text),
        )

    def audit_dialog(self, audit_id: int) -> DateTextDialog:
        gov = self._services.governance
        return DateTextDialog(
            "完成审计",
            today=self.today(),
            date_label="完成日期",
            date_field="done_on",
            text_label="审计结果",
            text_field="result",
            text_hint="必填，如：账目清楚，无问题",
            messages=self._messages,
            submit=lambda f: gov.complete_audit(audit_id, f.on, f.text),
        )

    # ---- handlers --------------------------------------------------------------------------
    @guarded()
    def _on_start(self) -> None:
        r = self.current_row()
        if r is not None and self.start_action.isEnabled():
            self._run(self.start_dialog(r), r.community_id)

    @guarded()
    def _on_prep(self) -> None:
        r = self.current_row()
        if r is not None and r.body_id is not None:
            self._run(self.prep_dialog(r), r.community_id)

    @guarded()
    def _on_dates(self) -> None:
        body = self._body()
        if body is not None:
            self._run(self.dates_dialog(body), body.community_id)

    @guarded()
    def _on_elect(self) -> None:
        r = self.current_row()
        if r is not None:
            self._run(self.election_dialog(r), r.community_id)

    @guarded()
    def _on_file(self) -> None:
        body = self._body()
        if body is None:
            return
        filed = self._run(self.filing_dialog(body), body.community_id)
        if filed is None:
            return
        interim = self._services.governance.interim_to_dissolve(body.community_id)
        if interim is None:
            return
        days = self._services.ctx.rules.interim.dissolve_within_days_after_committee_filed
        filed_on = filed.dates.filed_on or self.today()
        if self._messages.confirm(
            f"{interim.name}（第{interim.term_no}届）仍在履职。业委会已备案，"
            f"物管会应在{days}日内解散。\n现在登记物管会于 {filed_on:%Y-%m-%d} 解散吗？"
        ):
            self._services.governance.dissolve(
                interim.id, filed_on, "业主委员会已备案，物管会依规解散"
            )
            self.refresh(select=body.community_id)

    @guarded()
    def _on_add_member(self) -> None:
        body = self._body()
        if body is not None:
            self._run(self.member_dialog(body), body.community_id)

    @guarded()
    def _on_edit_member(self) -> None:
        body = self._body()
        member_id = self.detail.selected_member_id()
        if body is None or member_id is None:
            self._messages.info("请先在下方成员名单中选中要修改的成员")
            return
        self._run(self.edit_member_dialog(body, member_id), body.community_id)

    @guarded()
    def _on_end_member(self) -> None:
        body = self._body()
        if body is None or not any(m.active for m in body.members):  # a 候补委员 may leave too
            return
        before = len(body.audits)
        after = self._run(self.end_member_dialog(body), body.community_id)
        if after is not None and len(after.audits) > before:
            self._messages.info("已生成离任审计任务，可在下方“审计”中登记完成情况。")

    @guarded()
    def _on_interim(self) -> None:
        r = self.current_row()
        if r is not None:
            self._run(self.interim_dialog(r), r.community_id)

    @guarded()
    def _on_dissolve(self) -> None:
        body = self._body()
        if body is not None:
            self._run(self.dissolve_dialog(body), body.community_id)

    @guarded()
    def _on_complete_audit(self, audit_id: int) -> None:
        r = self.current_row()
        if r is not None:
            self._run(self.audit_dialog(audit_id), r.community_id)

    @guarded()
    def _on_print(self) -> None:
        body = self._body()
        if body is None or body.kind is BodyKind.PREP_GROUP:
            return
        data = self._services.governance.filing_form(body.id)
        name = f"{body.name}备案表（第{body.term_no}届）.pdf"
        self._files.write_and_open(self._messages, data, name)

    @guarded()
    def export_ledger(self, path: Path) -> int:
        q = self.query()  # type: ignore[attr-defined]
        return self._export(  # type: ignore[attr-defined, no-any-return]
            "正在导出业委会组建情况台账…",
            lambda: self._services.ledgers.export_committees(path, q),
            lambda n: f"已导出 {n} 个小区的业委会组建情况到：{path}\n（按当前筛选条件导出）",
        )

    def _on_export(self) -> None:
        path = self._files.ask_ledger_path(
            self, "导出业委会组建情况台账", "业委会组建情况台账.xlsx"
        )  # type: ignore[arg-type]
        if path:
            self.export_ledger(path)
