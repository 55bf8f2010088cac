"""The members of a governance body (业委会、物管会、筹备组): added at formation or election
(`_add_members`), one by one, corrected, and leaving; 主任 or the finance member leaving early
makes a 离任审计 task where the rule pack requires it (DOMAIN.md §4.1). Part of
GovernanceService, which provides the session helpers below."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.governance import (
    AuditKind,
    BodyKind,
    BodyView,
    CommitteeRules,
    MemberFields,
    MemberRole,
)
from app.services import audit
from app.services.context import ServiceContext
from app.storage.models import GovernanceAudit, GovernanceBody, GovernanceMember
from app.storage.repositories import governance_repo
from app.storage.session import Session


class GovernanceMembers:
    _ctx: ServiceContext

    if TYPE_CHECKING:  # provided by GovernanceService

        @property
        def _rules(self) -> CommitteeRules: ...
        def _body(self, s: Session, body_id: int) -> GovernanceBody: ...
        def _check_day(self, day: date | None, what: str) -> None: ...

    # ---- members ---------------------------------------------------------------------------
    def _check_member(self, f: MemberFields) -> MemberFields:
        if not f.name.strip():
            raise ValidationError("请填写成员姓名", field="name")
        return replace(
            f, name=f.name.strip(), phone=f.phone.strip(), room=f.room.strip(), unit=f.unit.strip()
        )

    def _add_members(
        self, s: Session, b: GovernanceBody, members: Sequence[MemberFields], started: date | None
    ) -> None:
        for f in members:
            f = self._check_member(f)
            s.add(
                GovernanceMember(
                    body_id=b.id,
                    started_on=f.started_on or started,
                    **{k: v for k, v in f.__dict__.items() if k != "started_on"},
                )
            )

    def add_member(self, body_id: int, f: MemberFields) -> BodyView:
        """Add one member (a by-election, a correction). The body's size and composition
        are checked where it is formed or elected; `findings` shows them at any time."""
        with self._ctx.db.write() as s:
            b = self._body(s, body_id)
            if b.ended_on is not None:
                raise ConflictError(f"该{b.kind.label}已终止，不能再增加成员")
            self._add_members(s, b, [f], f.started_on or self._ctx.today())
            audit.record(
                s,
                self._ctx.operator(),
                "create",
                "governance_member",
                b.id,
                f"增加成员 {f.name}（{f.role.label}）",
                {},
            )
            return governance_repo.view(s, b)

    def update_member(self, member_id: int, f: MemberFields) -> BodyView:
        """Correct a member's details (name, role, contact, votes...); audited."""
        clean = self._check_member(f)
        with self._ctx.db.write() as s:
            m = s.get(GovernanceMember, member_id)
            if m is None:
                raise NotFoundError("找不到该成员")
            old = governance_repo.member_view(m).fields
            for name, value in clean.__dict__.items():
                if name == "started_on" and value is None:
                    continue
                setattr(m, name, value)
            changes = audit.diff(old, clean)
            if changes:
                audit.record(
                    s,
                    self._ctx.operator(),
                    "update",
                    "governance_member",
                    m.id,
                    f"修改成员 {m.name}",
                    changes,
                )
            return governance_repo.view(s, self._body(s, m.body_id))

    def end_member(self, member_id: int, ended_on: date, reason: str) -> BodyView:
        """End a membership. 主任 or the finance member leaving early makes an audit task."""
        if not reason.strip():
            raise ValidationError("请填写离任原因", field="end_reason")
        self._check_day(ended_on, "离任日期")
        with self._ctx.db.write() as s:
            m = s.get(GovernanceMember, member_id)
            if m is None:
                raise NotFoundError("找不到该成员")
            if m.ended_on is not None:
                raise ConflictError(f"{m.name}已于{m.ended_on}离任")
            if m.started_on is not None and ended_on < m.started_on:
                raise ValidationError("离任日期早于任职日期", field="ended_on")
            b = self._body(s, m.body_id)
            if b.ended_on is not None:
                raise ConflictError(f"该{b.kind.label}已于{b.ended_on}终止，成员已随之离任")
            m.ended_on, m.end_reason = ended_on, reason.strip()
            key = m.role is MemberRole.DIRECTOR or m.is_finance
            early = b.term_end is None or ended_on < b.term_end  # leaving before the term ends
            if (
                key
                and early
                and self._rules.audit_on_key_member_leaving
                and b.kind is not BodyKind.PREP_GROUP
            ):
                s.add(
                    GovernanceAudit(
                        body_id=b.id,
                        member_id=m.id,
                        kind=AuditKind.DEPARTURE,
                        reason=f"{m.role.label}{m.name}离任：{reason.strip()}",
                        created_on=self._ctx.today(),
                    )
                )
            audit.record(
                s,
                self._ctx.operator(),
                "update",
                "governance_member",
                m.id,
                f"{m.name}离任：{reason.strip()}",
                {"ended_on": [None, str(ended_on)]},
            )
            return governance_repo.view(s, b)
