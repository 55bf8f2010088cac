"""Dialogs that record a body with its members: the prep group's formation, the election
of a committee, the interim committee (物管会), and one member added later."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import PropDeskError, ValidationError
from app.domain.governance import MemberFields, MemberRole, UnitType, VoteFigures
from app.ui.common.fields import DateField, DecimalField, EnumCombo, IntField
from app.ui.common.form_dialog import Submit
from app.ui.common.messages import MessageService
from app.ui.common.style import set_role
from app.ui.governance.dialogs import GovernanceFormDialog, hint, required
from app.ui.governance.member_table import COMMITTEE_ROLES, PREP_ROLES, MembersEditor


def leading_roles(n: int) -> list[MemberRole]:
    """主任, 副主任, then 委员: the blank rows offered for a body of n."""
    return [MemberRole.DIRECTOR, MemberRole.DEPUTY, *[MemberRole.MEMBER] * max(0, n - 2)][:n]


class _MembersDialog(GovernanceFormDialog):
    """A date, the rules as a hint, and the members table."""

    def __init__(
        self,
        title: str,
        *,
        date_field: str,
        date_label: str,
        today: date,
        roles: Sequence[MemberRole],
        info: str,
        show_votes: bool,
        blank_rows: Sequence[MemberRole],
        parent: QWidget | None,
        submit: Submit | None,
        messages: MessageService | None,
    ) -> None:
        super().__init__(title, parent, submit=submit, messages=messages)
        self.resize(860, 560)
        self.on = DateField(date_field, date_label)
        self.on.set_value(today)
        self.members = MembersEditor(
            roles, show_votes=show_votes, show_finance=roles is not PREP_ROLES
        )
        self.members.set_blank_rows(blank_rows)
        self.form = QFormLayout()
        self.form.addRow(date_label, self.on)
        layout = QVBoxLayout(self)
        self.info = hint(info)
        self.info.setVisible(bool(info))
        layout.addWidget(self.info)
        layout.addLayout(self.form)
        layout.addWidget(QLabel("成员（勾选“业主”表示业主代表；空行不登记）"))
        layout.addWidget(self.members, 1)
        layout.addWidget(self.buttons)


class PrepGroupDialog(_MembersDialog):
    """登记筹备组成立: the date and the members (组长 from the 街道/乡镇)."""

    def __init__(
        self,
        *,
        today: date,
        leader_unit: str = "",
        leader_unit_type: UnitType = UnitType.TOWNSHIP,
        info: str = "",
        parent: QWidget | None = None,
        submit: Submit | None = None,
        messages: MessageService | None = None,
    ) -> None:
        rules = (
            "筹备组人数应为单数，业主代表不少于半数，"
            "组长由街道办事处、乡镇人民政府或居民委员会人员担任。"
        )
        super().__init__(
            "登记筹备组成立",
            date_field="formed_on",
            date_label="成立日期",
            today=today,
            roles=PREP_ROLES,
            info=f"{info}\n{rules}".strip(),
            show_votes=False,
            blank_rows=[MemberRole.GROUP_MEMBER] * 3,
            parent=parent,
            submit=submit,
            messages=messages,
        )
        self.members.set_row(0, MemberFields("", MemberRole.LEADER, False, unit=leader_unit))
        self.leader_unit_type = EnumCombo(UnitType)
        self.leader_unit_type.setObjectName("unit_type")
        self.leader_unit_type.set_value(leader_unit_type)
        self.leader_unit_type.setToolTip("组长所在单位的类型：街道办事处、乡镇人民政府或居民委员会")
        self.form.addRow("组长单位类型", self.leader_unit_type)

    def fields(self) -> tuple[date, list[MemberFields]]:
        """The members, the 组长 with the unit type chosen above."""
        kind = UnitType(self.leader_unit_type.value())
        members = [
            replace(m, unit_type=kind) if m.role is MemberRole.LEADER else m
            for m in self.members.members()
        ]
        return required(self.on), members


class InterimDialog(_MembersDialog):
    """成立物管会: the date and the members."""

    def __init__(
        self,
        *,
        today: date,
        rows: int = 7,
        info: str = "",
        parent: QWidget | None = None,
        submit: Submit | None = None,
        messages: MessageService | None = None,
    ) -> None:
        super().__init__(
            "成立物业管理委员会",
            date_field="formed_on",
            date_label="成立日期",
            today=today,
            roles=COMMITTEE_ROLES,
            info=info,
            show_votes=False,
            blank_rows=leading_roles(rows),
            parent=parent,
            submit=submit,
            messages=messages,
        )

    def fields(self) -> tuple[date, list[MemberFields]]:
        return required(self.on), self.members.members()


@dataclass(frozen=True)
class ElectionFields:
    elected_on: date
    seats: int
    votes: VoteFigures
    members: list[MemberFields]
    term_years: int


class ElectionDialog(_MembersDialog):
    """登记选举结果: date, seats, participation (area and headcount) and the members."""

    def __init__(
        self,
        *,
        today: date,
        seats: int = 5,
        term_years: int = 5,
        votes: VoteFigures = VoteFigures(),  # noqa: B008 - frozen
        info: str = "",
        parent: QWidget | None = None,
        submit: Submit | None = None,
        messages: MessageService | None = None,
    ) -> None:
        super().__init__(
            "登记选举结果",
            date_field="elected_on",
            date_label="选举日期",
            today=today,
            roles=COMMITTEE_ROLES,
            info=info,
            show_votes=True,
            blank_rows=leading_roles(seats),
            parent=parent,
            submit=submit,
            messages=messages,
        )
        self.seats = IntField("seats", "委员名额")
        self.seats.set_value(seats)
        self.seats.setMaximumWidth(80)
        self.term_years = IntField("term_years", "任期")
        self.term_years.set_value(term_years)
        self.term_years.setMaximumWidth(80)
        self.term_years.setToolTip(f"按业主大会议事规则填写，最长 {term_years} 年")
        self.total_area = DecimalField("total_area", "专有部分总面积", "㎡")
        self.part_area = DecimalField("part_area", "参与表决面积", "㎡")
        self.total_owners = IntField("total_owners", "业主总人数")
        self.part_owners = IntField("part_owners", "参与表决人数")
        self.total_area.set_value(votes.total_area)
        self.part_area.set_value(votes.part_area)
        self.total_owners.set_value(votes.total_owners)
        self.part_owners.set_value(votes.part_owners)
        self.participation = QLabel()
        grid = QGridLayout()
        grid.addWidget(QLabel("专有部分总面积（㎡）"), 0, 0)
        grid.addWidget(self.total_area, 0, 1)
        grid.addWidget(QLabel("参与表决面积（㎡）"), 0, 2)
        grid.addWidget(self.part_area, 0, 3)
        grid.addWidget(QLabel("业主总人数"), 1, 0)
        grid.addWidget(self.total_owners, 1, 1)
        grid.addWidget(QLabel("参与表决人数"), 1, 2)
        grid.addWidget(self.part_owners, 1, 3)
        seats_row = QHBoxLayout()
        seats_row.addWidget(self.seats)
        seats_row.addWidget(QLabel("人"))
        seats_row.addSpacing(16)
        seats_row.addWidget(QLabel("任期"))
        seats_row.addWidget(self.term_years)
        seats_row.addWidget(QLabel(f"年（最长 {term_years} 年）"))
        seats_row.addStretch(1)
        self.form.addRow("委员名额", seats_row)
        self.form.addRow("表决情况", grid)
        self.form.addRow("", self.participation)
        for edit in (self.total_area, self.part_area, self.total_owners, self.part_owners):
            edit.textChanged.connect(lambda _t: self._show_participation())
        self._show_participation()

    def vote_figures(self) -> VoteFigures:
        v = VoteFigures(
            self.total_area.value(),
            self.total_owners.value(),
            self.part_area.value(),
            self.part_owners.value(),
        )
        if v.total_area is not None and v.part_area is not None and v.part_area > v.total_area:
            raise ValidationError("参与表决面积不能大于专有部分总面积", field="part_area")
        if (
            v.total_owners is not None
            and v.part_owners is not None
            and v.part_owners > v.total_owners
        ):
            raise ValidationError("参与表决人数不能大于业主总人数", field="part_owners")
        return v

    def _show_participation(self) -> None:
        try:
            text, bad = self.vote_figures().text(), False
        except PropDeskError as err:
            text, bad = err.message, True
        self.participation.setText(text or "（填写后自动计算参与比例）")
        set_role(self.participation, "danger" if bad else None)

    def fields(self) -> ElectionFields:
        on = required(self.on)
        seats = self.seats.value()
        if seats is None:
            raise ValidationError("请填写委员名额", field="seats")
        years = self.term_years.value()
        if years is None:
            raise ValidationError("请填写任期年数", field="term_years")
        return ElectionFields(on, seats, self.vote_figures(), self.members.members(), years)


class MemberDialog(GovernanceFormDialog):
    """增加成员: one member (a by-election, a correction)."""

    def __init__(
        self,
        body_name: str,
        *,
        today: date,
        roles: Sequence[MemberRole] = COMMITTEE_ROLES,
        parent: QWidget | None = None,
        submit: Submit | None = None,
        messages: MessageService | None = None,
        title: str = "增加成员",
    ) -> None:
        super().__init__(title, parent, submit=submit, messages=messages)
        self.resize(460, 420)
        self.name = QLineEdit(objectName="name")
        self.role = QComboBox(objectName="role")
        for r in roles:
            self.role.addItem(r.label, r)
        self.role.setCurrentIndex(max(0, self.role.findData(MemberRole.MEMBER)))
        self.is_owner = QCheckBox("业主", objectName="is_owner")
        self.is_owner.setChecked(True)
        self.is_finance = QCheckBox("分管财务", objectName="is_finance")
        self.party_member = QCheckBox("中共党员", objectName="party_member")
        self.phone = QLineEdit(objectName="phone")
        self.room = QLineEdit(objectName="room")
        self.unit = QLineEdit(objectName="unit")
        self.votes = IntField("votes", "得票")
        self.started_on = DateField("started_on", "任职日期")
        self.started_on.set_value(today)
        flags = QHBoxLayout()
        for box in (self.is_owner, self.is_finance, self.party_member):
            flags.addWidget(box)
        flags.addStretch(1)
        form = QFormLayout()
        form.addRow("组织", QLabel(body_name))
        form.addRow("姓名", self.name)
        form.addRow("职务", self.role)
        form.addRow("身份", flags)
        form.addRow("电话", self.phone)
        form.addRow("房号", self.room)
        form.addRow("工作单位", self.unit)
        form.addRow("得票", self.votes)
        form.addRow("任职日期", self.started_on)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def set_fields(self, f: MemberFields) -> None:
        """Fill the form with an existing member's details (for editing)."""
        self.name.setText(f.name)
        self.role.setCurrentIndex(max(0, self.role.findData(f.role)))
        self.is_owner.setChecked(f.is_owner)
        self.is_finance.setChecked(f.is_finance)
        self.party_member.setChecked(f.party_member)
        self.phone.setText(f.phone)
        self.room.setText(f.room)
        self.unit.setText(f.unit)
        self.votes.set_value(f.votes)
        self.started_on.set_value(f.started_on)

    def fields(self) -> MemberFields:
        return MemberFields(
            name=self.name.text().strip(),
            role=MemberRole(self.role.currentData()),
            is_owner=self.is_owner.isChecked(),
            is_finance=self.is_finance.isChecked(),
            party_member=self.party_member.isChecked(),
            phone=self.phone.text().strip(),
            room=self.room.text().strip(),
            unit=self.unit.text().strip(),
            votes=self.votes.value(),
            started_on=required(self.started_on),
        )
