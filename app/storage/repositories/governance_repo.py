"""Governance bodies and what hangs on them; bulk reads for the 20,000-row overview."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.governance import (
    AuditKind,
    AuditView,
    BodyKind,
    BodyView,
    FindingView,
    FormationDates,
    MemberFields,
    MemberRole,
    MemberView,
    VoteFigures,
)
from app.storage.models import (
    Community,
    GovernanceAudit,
    GovernanceBody,
    GovernanceFinding,
    GovernanceMember,
    Neighborhood,
)

MEMBER_FIELDS = list(MemberFields.__dataclass_fields__)


def dates_of(b: GovernanceBody, prep: GovernanceBody | None = None) -> FormationDates:
    """A committee's dates, with its prep group's formation dates when it had one."""
    src = prep if prep is not None else b
    return FormationDates(
        applied_on=src.applied_on,
        prep_formed_on=src.formed_on if src.kind.value == "prep_group" else None,
        notice_on=src.notice_on,
        first_meeting_on=src.first_meeting_on,
        elected_on=b.elected_on,
        committee_meeting_on=b.first_session_on,
        filed_on=b.filed_on,
        term_start=b.term_start,
        term_end=b.term_end,
    )


def member_view(m: GovernanceMember) -> MemberView:
    return MemberView(
        id=m.id,
        fields=MemberFields(**{n: getattr(m, n) for n in MEMBER_FIELDS}),
        ended_on=m.ended_on,
        end_reason=m.end_reason,
    )


def members(session: Session, body_ids: Sequence[int]) -> dict[int, list[GovernanceMember]]:
    out: dict[int, list[GovernanceMember]] = {}
    stmt = (
        select(GovernanceMember)
        .where(GovernanceMember.body_id.in_(list(body_ids)))
        .order_by(GovernanceMember.body_id, GovernanceMember.id)
    )
    for m in session.scalars(stmt):
        out.setdefault(m.body_id, []).append(m)
    return out


def view(session: Session, b: GovernanceBody) -> BodyView:
    community = session.get(Community, b.community_id)
    prep = session.get(GovernanceBody, b.predecessor_id) if b.predecessor_id else None
    if prep is not None and prep.kind.value != "prep_group":
        prep = None
    findings = session.scalars(
        select(GovernanceFinding)
        .where(GovernanceFinding.body_id == b.id)
        .order_by(GovernanceFinding.id)
    )
    audits = session.scalars(
        select(GovernanceAudit).where(GovernanceAudit.body_id == b.id).order_by(GovernanceAudit.id)
    )
    names = {m.id: m.name for m in members(session, [b.id]).get(b.id, [])}
    return BodyView(
        id=b.id,
        community_id=b.community_id,
        community=community.name if community else "",
        kind=b.kind,
        term_no=b.term_no,
        seats=b.seats,
        dates=dates_of(b, prep),
        votes=VoteFigures(b.total_area, b.total_owners, b.part_area, b.part_owners),
        certificate_no=b.certificate_no,
        ended_on=b.ended_on,
        end_reason=b.end_reason,
        members=tuple(member_view(m) for m in members(session, [b.id]).get(b.id, [])),
        findings=tuple(
            FindingView(f.id, f.rule, f.text, f.reason, f.recorded_on) for f in findings
        ),
        audits=tuple(
            AuditView(
                a.id,
                a.kind,
                a.reason,
                a.created_on,
                a.done_on,
                a.result,
                names.get(a.member_id or 0, ""),
            )
            for a in audits
        ),
        notes=b.notes,
    )


def bodies_of(session: Session, community_id: int) -> list[GovernanceBody]:
    stmt = (
        select(GovernanceBody)
        .where(GovernanceBody.community_id == community_id)
        .order_by(GovernanceBody.id)
    )
    return list(session.scalars(stmt))


def current(session: Session, community_id: int) -> GovernanceBody | None:
    """The body in office (not ended) last formed, if any."""
    stmt = (
        select(GovernanceBody)
        .where(GovernanceBody.community_id == community_id, GovernanceBody.ended_on.is_(None))
        .order_by(GovernanceBody.id.desc())
    )
    return session.scalars(stmt).first()


def last_term_no(session: Session, community_id: int, kind: str) -> int:
    stmt = select(func.max(GovernanceBody.term_no)).where(
        GovernanceBody.community_id == community_id, GovernanceBody.kind == kind
    )
    return int(session.scalar(stmt) or 0)


COMMUNITY_COLUMNS = (
    Community.id,
    Community.name,
    Community.neighborhood_id,
    Community.household_count,
    Community.delivered_share,
    Community.committee_status,
    Community.filing_committee,
)


def overview(
    session: Session,
) -> tuple[
    list[tuple[Any, str]],
    dict[int, list[GovernanceBody]],
    dict[int, GovernanceBody],
    dict[int, int],
    dict[int, list[str]],
]:
    """Everything the overview needs in five queries: communities as plain column rows
    (with neighbourhood names), each one's open bodies (oldest first), prep groups by id, active member
    counts (主任, 副主任, 委员: 候补委员 hold no seat), findings. Plain rows: ORM communities cost ~1 s for 20,000."""
    communities = list(
        session.execute(
            select(*COMMUNITY_COLUMNS, Neighborhood.name.label("hood"))
            .join(Neighborhood, Community.neighborhood_id == Neighborhood.id)
            .where(Community.archived_at.is_(None))
            .order_by(Neighborhood.name, Community.name)
        ).all()
    )
    current_by: dict[int, GovernanceBody] = {}
    preps: dict[int, GovernanceBody] = {}
    open_by: dict[int, list[GovernanceBody]] = {}
    for b in session.scalars(select(GovernanceBody).order_by(GovernanceBody.id)):
        if b.kind.value == "prep_group":
            preps[b.id] = b
        if b.ended_on is None:
            current_by[b.community_id] = b
            open_by.setdefault(b.community_id, []).append(b)
    active = dict(
        session.execute(
            select(GovernanceMember.body_id, func.count())
            .where(
                GovernanceMember.ended_on.is_(None),
                GovernanceMember.role != MemberRole.ALTERNATE,
            )
            .group_by(GovernanceMember.body_id)
        ).all()
    )
    findings: dict[int, list[str]] = {}
    for body_id, text, reason in session.execute(
        select(GovernanceFinding.body_id, GovernanceFinding.text, GovernanceFinding.reason)
    ).all():
        findings.setdefault(body_id, []).append(f"{text}（原因：{reason}）" if reason else text)
    return [(c, c.hood) for c in communities], open_by, preps, active, findings


def finding_rules(session: Session, body_id: int) -> list[str]:
    return list(
        session.scalars(select(GovernanceFinding.rule).where(GovernanceFinding.body_id == body_id))
    )


def open_bodies(session: Session, community_id: int) -> list[GovernanceBody]:
    stmt = (
        select(GovernanceBody)
        .where(GovernanceBody.community_id == community_id, GovernanceBody.ended_on.is_(None))
        .order_by(GovernanceBody.id)
    )
    return list(session.scalars(stmt))


def has_audit(session: Session, body_id: int, kind: AuditKind) -> bool:
    stmt = select(GovernanceAudit.id).where(
        GovernanceAudit.body_id == body_id, GovernanceAudit.kind == kind
    )
    return session.scalars(stmt).first() is not None


def lapsed_without_term_audit(session: Session, today: date) -> list[GovernanceBody]:
    """Committees still in office whose term ended before `today` and that have no 换届审计."""
    audited = select(GovernanceAudit.id).where(
        GovernanceAudit.body_id == GovernanceBody.id, GovernanceAudit.kind == AuditKind.TERM_END
    )
    stmt = (
        select(GovernanceBody)
        .where(
            GovernanceBody.kind == BodyKind.COMMITTEE,
            GovernanceBody.ended_on.is_(None),
            GovernanceBody.term_end < today,
            ~audited.exists(),
        )
        .order_by(GovernanceBody.id)
    )
    return list(session.scalars(stmt))
